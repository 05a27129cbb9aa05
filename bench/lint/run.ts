/**
 * `npm run bench:lint` (node bench/dist/lint/run.js [--quick]): lint speed and memory, measured side by side in one
 * run and reported, never asserted.
 *
 *   1. the corpus (corpus.ts): pinned npm packages + generated app files + two 5,000-line files;
 *   2. the `poolguard` CLI and ESLint with eslint-plugin-poolguard over it, interleaved, wall time and peak RSS of
 *      each process, and the parse floor (`ts.createSourceFile`, in-process) between them;
 *   3. the identical-findings check on their JSON outputs;
 *   4. the language server: didChange → publishDiagnostics latency on the 5,000-line files, RSS after opening 100
 *      corpus files;
 *   5. bench/lint/results.json and the lint section of bench/README.md.
 *
 * `--quick`: every 8th package file, 200 generated files, one run per tool, fewer LSP iterations; writes
 * bench/.work/lint/results-quick.json and prints the Markdown, leaving results.json and the README alone.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { cliBinary } from '../common/paths';
import { replaceResultsSection } from '../common/readme-section';
import { absolutePath, corpusStats, prepareCorpus, type Corpus } from './corpus';
import { eslintBinary, writeEslintConfig } from './eslint-config';
import { compareFindings } from './findings';
import { measureLanguageServer } from './lsp';
import { hasGnuTime, runNode, summarize, type ProcessRun } from './measure';
import { parseRound, typescriptVersion, type ParseInput } from './parse-floor';
import { lintDirectory, outputDirectory, packageVersion, quickResultsPath, resultsPath } from './paths';
import { Random } from './random';
import { renderMarkdown, type BenchResults, type ToolResult } from './report';

interface Mode {
  readonly quick: boolean;
  /** Runs of each tool over the corpus (interleaved). */
  readonly toolRounds: number;
  readonly floorRounds: number;
  readonly lspIterations: number;
  readonly lspWarmup: number;
  readonly openFiles: number;
}

const FULL: Mode = { quick: false, toolRounds: 2, floorRounds: 5, lspIterations: 30, lspWarmup: 5, openFiles: 100 };
const QUICK: Mode = { quick: true, toolRounds: 1, floorRounds: 3, lspIterations: 10, lspWarmup: 3, openFiles: 100 };

const USAGE = `Usage: node bench/dist/lint/run.js [--quick] [--rounds <n>]

  --quick       small corpus (every 8th package file, 200 generated files), fewer iterations;
                writes bench/.work/lint/results-quick.json, not results.json / README.md
  --rounds <n>  runs of each tool over the corpus (default: ${FULL.toolRounds}, quick: ${QUICK.toolRounds})
`;

function parseArgs(argv: readonly string[]): Mode {
  let mode = argv.includes('--quick') ? QUICK : FULL;
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  const roundsAt = argv.indexOf('--rounds');
  if (roundsAt !== -1) {
    const rounds = Number(argv[roundsAt + 1]);
    if (!Number.isInteger(rounds) || rounds < 1) throw new Error('--rounds needs a positive integer');
    mode = { ...mode, toolRounds: rounds };
  }
  const unknown = argv.filter((arg, index) => arg.startsWith('-') && !['--quick', '--rounds'].includes(arg) && argv[index - 1] !== '--rounds');
  if (unknown.length > 0) throw new Error(`unknown option(s): ${unknown.join(' ')}\n${USAGE}`);
  return mode;
}

function log(line: string): void {
  process.stderr.write(`[bench:lint] ${line}\n`);
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function mib(kib: number | undefined): string {
  return kib === undefined ? '?' : `${(kib / 1024).toFixed(0)} MiB`;
}

/** The first lines of a tool's stderr that are not the usual noise, for the report. */
function stderrSummary(file: string): string[] {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .slice(0, 10);
}

async function main(): Promise<void> {
  const mode = parseArgs(process.argv.slice(2));
  const began = performance.now();
  const loadAtStart = os.loadavg();
  fs.mkdirSync(outputDirectory, { recursive: true });
  log(`${mode.quick ? 'quick' : 'full'} run; Node ${process.version}; ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}`);

  const corpus: Corpus = prepareCorpus(mode.quick, log);
  const stats = corpusStats(corpus.files);
  log(`corpus: ${stats.files} files, ${(stats.bytes / 1e6).toFixed(1)} MB, ${stats.lines} lines, ${stats.driverFiles} with a driver import${corpus.reused ? ' (reused)' : ` (built in ${corpus.buildSeconds.toFixed(0)} s)`}`);
  const configPath = writeEslintConfig();

  // Every text in memory for the parse floor.
  const inputs: ParseInput[] = corpus.files.map((file) => {
    const fileName = absolutePath(corpus, file);
    return { fileName, text: fs.readFileSync(fileName, 'utf8') };
  });
  parseRound(inputs); // warm-up (JIT, page cache)

  const corpusArgument = path.relative(lintDirectory, corpus.directory);
  const cliRuns: ProcessRun[] = [];
  const eslintRuns: ProcessRun[] = [];
  const floorRuns: { wallMs: number; cpuMs: number }[] = [];
  const stderrs = { cli: [] as string[], eslint: [] as string[] };
  const cliOutput = (round: number): string => path.join(outputDirectory, `cli-${round}.json`);
  const eslintOutput = (round: number): string => path.join(outputDirectory, `eslint-${round}.json`);

  const runCli = async (round: number): Promise<void> => {
    const run = await runNode([cliBinary, '--format', 'json', corpusArgument], {
      cwd: lintDirectory,
      stdoutFile: cliOutput(round),
      stderrFile: path.join(outputDirectory, `cli-${round}.stderr`),
    });
    cliRuns.push(run);
    if (round === 0) stderrs.cli = stderrSummary(path.join(outputDirectory, `cli-${round}.stderr`));
    log(`  poolguard CLI  run ${round + 1}: ${seconds(run.wallMs)} (CPU ${run.cpuMs === undefined ? '?' : seconds(run.cpuMs)}), peak RSS ${mib(run.peakRssKiB)}, exit ${run.exitCode ?? run.signal}`);
  };
  const runEslint = async (round: number): Promise<void> => {
    const run = await runNode([eslintBinary(), '-c', configPath, '--format', 'json', corpusArgument], {
      cwd: lintDirectory,
      stdoutFile: eslintOutput(round),
      stderrFile: path.join(outputDirectory, `eslint-${round}.stderr`),
    });
    eslintRuns.push(run);
    if (round === 0) stderrs.eslint = stderrSummary(path.join(outputDirectory, `eslint-${round}.stderr`));
    log(`  ESLint         run ${round + 1}: ${seconds(run.wallMs)} (CPU ${run.cpuMs === undefined ? '?' : seconds(run.cpuMs)}), peak RSS ${mib(run.peakRssKiB)}, exit ${run.exitCode ?? run.signal}`);
  };
  const runFloor = (): void => {
    const round = parseRound(inputs);
    floorRuns.push(round);
    log(`  parse floor        : ${seconds(round.wallMs)} (CPU ${seconds(round.cpuMs)})`);
  };

  log(`linting the corpus: ${mode.toolRounds} run(s) per tool, interleaved`);
  for (let round = 0; round < mode.toolRounds; round++) {
    // Alternate which tool goes first, so neither always runs on a warmer (or noisier) machine.
    if (round % 2 === 0) {
      await runCli(round);
      await runEslint(round);
    } else {
      await runEslint(round);
      await runCli(round);
    }
    runFloor();
  }
  while (floorRuns.length < mode.floorRounds) runFloor();

  log('comparing findings');
  const findings = compareFindings(cliOutput(0), eslintOutput(0), corpus.directory);
  log(
    findings.identical
      ? `  identical: ${findings.findings.cli} findings in ${findings.filesWithFindings} files, ${findings.parseErrors.cli} parse errors, ${findings.files.cli} files`
      : `  DIFFERENT: CLI ${findings.findings.cli} / ESLint ${findings.findings.eslint} findings, only CLI ${findings.onlyCli.count}, only ESLint ${findings.onlyEslint.count}, files ${findings.files.cli} / ${findings.files.eslint}${findings.error ? ` (${findings.error})` : ''}`,
  );

  log(`language server: opening ${mode.openFiles} files, then ${mode.lspIterations} (+${mode.lspWarmup} warm-up) changes per case`);
  const pool = corpus.files.filter((file) => file.source !== 'large');
  const openFiles = new Random(20_251_125).shuffle(pool).slice(0, mode.openFiles);
  const lsp = await measureLanguageServer({
    workspaceDirectory: corpus.directory,
    openFiles: openFiles.map((file) => absolutePath(corpus, file)),
    largeWithDrivers: corpus.largeWithDrivers,
    largeWithoutDrivers: corpus.largeWithoutDrivers,
    iterations: mode.lspIterations,
    warmup: mode.lspWarmup,
    stderrFile: path.join(outputDirectory, 'lsp.stderr'),
    log,
  });
  for (const item of lsp.latency) {
    log(`  ${item.case.padEnd(18)} median ${item.latency.median.toFixed(2)} ms, p90 ${item.latency.p90.toFixed(2)} ms; floor ${item.floor.median.toFixed(2)} ms (×${item.ratioToFloor.toFixed(1)})`);
  }

  const cpus = os.cpus();
  const tool = (name: string, runs: ProcessRun[], stderr: string[]): ToolResult => ({
    name,
    runs,
    wall: summarize(runs.map((run) => run.wallMs)),
    cpu: summarize(runs.map((run) => run.cpuMs ?? Number.NaN).filter((value) => Number.isFinite(value))),
    peakRss: summarize(runs.map((run) => run.peakRssKiB ?? Number.NaN).filter((value) => Number.isFinite(value))),
    exitCodes: runs.map((run) => run.exitCode),
    stderr,
  });
  const results: BenchResults = {
    mode: mode.quick ? 'quick' : 'full',
    date: new Date().toISOString(),
    durationSeconds: 0,
    machine: {
      cpuModel: cpus[0]?.model ?? 'unknown',
      cpuCount: cpus.length,
      totalMemoryBytes: os.totalmem(),
      platform: `${os.type()} ${os.release()} (${os.arch()})`,
      node: process.version,
      rssSource: hasGnuTime() ? 'gnu-time' : 'proc-poll',
      loadAverage: { start: loadAtStart, end: os.loadavg() },
    },
    versions: {
      poolguard: packageVersion('poolguard'),
      'eslint-plugin-poolguard': packageVersion('eslint-plugin-poolguard'),
      eslint: packageVersion('eslint'),
      '@typescript-eslint/parser': packageVersion('@typescript-eslint/parser'),
      typescript: typescriptVersion,
      'vscode-jsonrpc': packageVersion('vscode-jsonrpc'),
    },
    settings: mode,
    corpus: {
      directory: path.relative(process.cwd(), corpus.directory),
      specKey: corpus.specKey,
      stats,
      packages: corpus.packages,
    },
    tools: {
      cli: tool('poolguard CLI', cliRuns, stderrs.cli),
      eslint: tool('ESLint + eslint-plugin-poolguard', eslintRuns, stderrs.eslint),
      floor: summarize(floorRuns.map((round) => round.wallMs)),
      floorCpu: summarize(floorRuns.map((round) => round.cpuMs)),
      floorRuns,
      // ESLint's wall time ÷ the CLI's in the same round (the two ran back to back).
      pairedSpeedups: cliRuns.map((run, index) => (eslintRuns[index]?.wallMs ?? Number.NaN) / run.wallMs),
    },
    findings,
    lsp: {
      ...lsp,
      openDriverFiles: openFiles.filter((file) => file.driver).length,
    },
  };
  results.durationSeconds = (performance.now() - began) / 1000;
  const markdown = renderMarkdown(results);
  if (mode.quick) {
    fs.writeFileSync(quickResultsPath, `${JSON.stringify(results, null, 2)}\n`);
    process.stdout.write(`${markdown}\n`);
    log(`quick run: wrote ${path.relative(process.cwd(), quickResultsPath)} (results.json and README.md untouched) in ${seconds(performance.now() - began)}`);
  } else {
    fs.writeFileSync(resultsPath, `${JSON.stringify(results, null, 2)}\n`);
    replaceResultsSection('lint', markdown);
    process.stdout.write(`${markdown}\n`);
    log(`wrote ${path.relative(process.cwd(), resultsPath)} and the lint section of bench/README.md in ${seconds(performance.now() - began)}`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`[bench:lint] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
