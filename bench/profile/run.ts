/**
 * `npm run bench:profile`: where an editor lint of a 5,000-line driver file spends its time, measured two ways on the
 * same text in one process — a staircase of stages from TypeScript's parse to PoolGuard's full lint (interleaved
 * rounds, medians), and a CPU profile of the full lint grouped by package — written to bench/README.md.
 */
import * as os from 'node:os';

import { replaceResultsSection } from '../common/readme-section';
import { profileShares } from './cpu-profile';
import { stages } from './staircase';
import { serverWork } from './server-work';
import { bigDriverFile, bigPlainFile } from './subject';

const WARMUP_ROUNDS = 5;
const ROUNDS = Number(process.env['POOLGUARD_BENCH_ROUNDS'] ?? 25);

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function main(): void {
  const { text, fileName, lines } = bigDriverFile();
  const list = stages(fileName);
  const times = list.map(() => [] as number[]);
  for (let round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
    list.forEach((stage, index) => {
      // A different text each round, as while typing (and so no cache anywhere can answer).
      const variant = `${text}\n// round ${round}\n`;
      const started = process.hrtime.bigint();
      stage.run(variant);
      const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
      if (round >= WARMUP_ROUNDS) times[index]?.push(elapsed);
    });
  }
  const medians = times.map(median);
  const floor = medians[0] ?? Number.NaN;
  const full = list.length - 1;
  let round = 0;
  const shares = profileShares(() => list[full]?.run(`${text}\n// profiled ${round++}\n`), 15);

  const server = [bigDriverFile(), bigPlainFile()].map((subject) => ({ subject, ...serverWork(subject, ROUNDS) }));

  const rows = list.map((stage, index) => {
    const ms = medians[index] ?? Number.NaN;
    const previous = index === 0 ? 0 : (medians[index - 1] ?? 0);
    return `| ${stage.name} | ${stage.what} | ${ms.toFixed(1)} | ${(ms / floor).toFixed(1)}× | ${index === 0 ? '—' : `+${(ms - previous).toFixed(1)}`} |`;
  });
  const cpu = os.cpus();
  const markdown = [
    `Measured ${new Date().toISOString().slice(0, 10)} on ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, Node ${process.version};`,
    `a generated ${lines}-line Express + pg + ioredis file (${(text.length / 1024).toFixed(0)} KB), ${ROUNDS} interleaved rounds after ${WARMUP_ROUNDS} warm-up rounds, medians.`,
    '',
    '| stage | adds | median ms | × parse floor | step ms |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
    "The language server's own work per change, in process (`DocumentLinter.lint`: settings, ignore globs, prefilter,",
    'and the lint when the prefilter lets the text through; no transport):',
    '',
    '| file | median ms | p90 ms | × parse floor of the same text |',
    '| --- | --- | --- | --- |',
    ...server.map(
      ({ subject, medianMs, p90Ms, floorMs }) =>
        `| ${subject.fileName.endsWith('big-plain.ts') ? '5k lines, no driver import' : '5k lines, pg + ioredis'} | ${medianMs.toFixed(2)} | ${p90Ms.toFixed(2)} | ${(medianMs / floorMs).toFixed(2)}× |`,
    ),
    '',
    'CPU profile of the full lint (15 runs), self time by component:',
    '',
    '| component | share |',
    '| --- | --- |',
    ...shares.filter((share) => share.percent >= 0.5).map((share) => `| ${share.component} | ${share.percent.toFixed(1)} % |`),
  ].join('\n');
  replaceResultsSection('profile', markdown);
  process.stdout.write(`${markdown}\n`);
}

main();
