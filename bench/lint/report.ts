/** results.json's shape and its Markdown rendering (the lint section of bench/README.md). */
import type { CorpusStats, PackageSelection } from './corpus';
import type { Finding, FindingsComparison } from './findings';
import type { LatencyCase, LspResults } from './lsp';
import { median, type ProcessRun, type Summary } from './measure';

export interface ToolResult {
  readonly name: string;
  readonly runs: ProcessRun[];
  readonly wall: Summary;
  /** CPU time (user + system, all threads), from GNU time. */
  readonly cpu: Summary;
  readonly peakRss: Summary;
  readonly exitCodes: (number | null)[];
  readonly stderr: string[];
}

export interface BenchResults {
  readonly mode: 'full' | 'quick';
  readonly date: string;
  durationSeconds: number;
  readonly machine: {
    readonly cpuModel: string;
    readonly cpuCount: number;
    readonly totalMemoryBytes: number;
    readonly platform: string;
    readonly node: string;
    readonly rssSource: string;
    /** os.loadavg() (1, 5, 15 min) when the run started and ended: other work on the machine. */
    readonly loadAverage: { start: number[]; end: number[] };
  };
  readonly versions: Record<string, string>;
  readonly settings: { toolRounds: number; floorRounds: number; lspIterations: number; lspWarmup: number; openFiles: number };
  readonly corpus: { directory: string; specKey: string; stats: CorpusStats; packages: readonly PackageSelection[] };
  readonly tools: {
    cli: ToolResult;
    eslint: ToolResult;
    floor: Summary;
    floorCpu: Summary;
    floorRuns: { wallMs: number; cpuMs: number }[];
    /** ESLint's wall time ÷ the CLI's, per round (they ran back to back). */
    pairedSpeedups: number[];
  };
  readonly findings: FindingsComparison;
  readonly lsp: LspResults & { openDriverFiles: number };
}

/** The goals of the performance issue. */
export const GOALS = {
  cliSpeedup: 5,
  driverFileFloorRatio: 2,
  plainFileMs: 1,
  rssAfterOpenBytes: 250e6,
} as const;

const MB = 1e6;

function mb(bytes: number): string {
  if (bytes < 0.1 * MB) return `${(bytes / 1e3).toFixed(0)} kB`;
  return `${(bytes / MB).toFixed(bytes >= 10 * MB ? 0 : 1)} MB`;
}

function kibToMb(kib: number | undefined): string {
  return kib === undefined || !Number.isFinite(kib) ? '?' : mb(kib * 1024);
}

function ms(value: number): string {
  if (!Number.isFinite(value)) return '?';
  if (value >= 10_000) return `${(value / 1000).toFixed(1)} s`;
  if (value >= 1000) return `${(value / 1000).toFixed(2)} s`;
  if (value >= 100) return `${value.toFixed(0)} ms`;
  if (value >= 10) return `${value.toFixed(1)} ms`;
  return `${value.toFixed(2)} ms`;
}

function times(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(value >= 10 ? 0 : 1)}×` : '?';
}

function count(value: number): string {
  return value.toLocaleString('en-US');
}

function met(ok: boolean | undefined): string {
  return ok === undefined ? '–' : ok ? '✅ met' : '❌ **not met**';
}

function findingLine(finding: Finding): string {
  const where = finding.line === null ? '' : `:${finding.line}:${finding.column ?? ''}`;
  const end = finding.endLine === null ? '' : `–${finding.endLine}:${finding.endColumn ?? ''}`;
  return `\`${finding.file}${where}${end}\` ${finding.ruleId ?? '(no rule)'} (severity ${finding.severity}): ${finding.message.replace(/\s+/g, ' ').slice(0, 200)}`;
}

function latencyOf(results: BenchResults, name: LatencyCase) {
  return results.lsp.latency.find((item) => item.case === name);
}

export function renderMarkdown(results: BenchResults): string {
  const { machine, versions, corpus, tools, findings, lsp } = results;
  const stats = corpus.stats;
  const cliMedian = tools.cli.wall.median;
  const eslintMedian = tools.eslint.wall.median;
  const speedupOfMedians = eslintMedian / cliMedian;
  // The goal is judged on the per-round ratios: each pair ran back to back, so load that drifts over the run cancels.
  const speedup = tools.pairedSpeedups.length > 0 ? median(tools.pairedSpeedups) : speedupOfMedians;
  const cpuSpeedup = tools.eslint.cpu.median / tools.cli.cpu.median;
  const driver = latencyOf(results, 'driver-full');
  const plain = latencyOf(results, 'plain-full');
  const plainIncremental = latencyOf(results, 'plain-incremental');
  const driverIncremental = latencyOf(results, 'driver-incremental');
  const transport = latencyOf(results, 'transport-full');
  const rssAfterOpen = lsp.open.rssKiB === undefined ? undefined : lsp.open.rssKiB * 1024;

  const goals = [
    {
      goal: `\`poolguard\` CLI vs ESLint + plugin on the corpus`,
      target: `≥ ${GOALS.cliSpeedup}× faster, identical findings`,
      measured:
        `${times(speedup)} faster (median of the per-round ratios ${tools.pairedSpeedups.map((value) => value.toFixed(2)).join(', ')}; ` +
        `medians ${ms(cliMedian)} vs ${ms(eslintMedian)}); findings ${findings.identical ? 'identical' : '**differ**'}`,
      ok: speedup >= GOALS.cliSpeedup && findings.identical,
    },
    {
      goal: 'Server, 5,000-line file with drivers (didChange → diagnostics, median)',
      target: `≤ ${GOALS.driverFileFloorRatio}× parse floor`,
      measured:
        driver === undefined
          ? '?'
          : `${ms(driver.latency.median)} vs a floor of ${ms(driver.floor.median)}: ${times(driver.pairedRatioToFloor.median)} (median of per-change ratios; ${times(driver.ratioToFloor)} of the medians)`,
      ok: driver === undefined ? undefined : driver.pairedRatioToFloor.median <= GOALS.driverFileFloorRatio,
    },
    {
      goal: 'Server, 5,000-line file without driver imports (median)',
      target: `< ${GOALS.plainFileMs} ms`,
      measured:
        plain === undefined
          ? '?'
          : `${ms(plain.latency.median)} full text${plainIncremental ? `; ${ms(plainIncremental.latency.median)} incremental` : ''}${transport ? `; transport alone ${ms(transport.latency.median)}` : ''}; ` +
            `the prefilter itself ${ms(lsp.prefilterWithoutDrivers.median)}`,
      ok: plain === undefined ? undefined : plain.latency.median < GOALS.plainFileMs,
    },
    {
      goal: `Server RSS after opening ${lsp.open.files} corpus files`,
      target: `< ${mb(GOALS.rssAfterOpenBytes)}`,
      measured: rssAfterOpen === undefined ? '?' : `${mb(rssAfterOpen)} (peak ${kibToMb(lsp.end.hwmKiB)} by the end of the session)`,
      ok: rssAfterOpen === undefined ? undefined : rssAfterOpen < GOALS.rssAfterOpenBytes,
    },
  ];
  const unmet = goals.filter((goal) => goal.ok === false);

  const lines: string[] = [];
  lines.push(
    `Measured ${results.date.slice(0, 10)} (${results.mode} run, ${Math.round(results.durationSeconds / 60)} min) on ${machine.cpuCount} × ${machine.cpuModel}, ` +
      `${(machine.totalMemoryBytes / 2 ** 30).toFixed(0)} GiB RAM, ${machine.platform}, Node ${machine.node}; ` +
      `load average ${machine.loadAverage.start.map((value) => value.toFixed(1)).join(' / ')} at the start, ${machine.loadAverage.end.map((value) => value.toFixed(1)).join(' / ')} at the end (1/5/15 min). ` +
      `poolguard ${versions['poolguard']}, eslint-plugin-poolguard ${versions['eslint-plugin-poolguard']}, ESLint ${versions['eslint']}, ` +
      `@typescript-eslint/parser ${versions['@typescript-eslint/parser']}, TypeScript ${versions['typescript']}.`,
    '',
    `**Corpus**: ${count(stats.files)} files, ${mb(stats.bytes)}, ${count(stats.lines)} lines, ${count(stats.driverFiles)} of them with a driver import ` +
      `(the prefilter's test): ${count(stats.bySource.package.files)} source files of ${corpus.packages.length} pinned npm packages (${mb(stats.bySource.package.bytes)}), ` +
      `${count(stats.bySource.app.files)} generated application files (${count(stats.bySource.app.driverFiles)} with drivers), and two 5,000-line Express files, ` +
      `one with a pg Pool and ioredis, one without any driver import. Details and method below.`,
    '',
    '### Goals',
    '',
    '| goal | target | measured | |',
    '| --- | --- | --- | --- |',
    ...goals.map((goal) => `| ${goal.goal} | ${goal.target} | ${goal.measured} | ${met(goal.ok)} |`),
    '',
  );
  if (unmet.length > 0) {
    lines.push(
      `**${unmet.length === 1 ? 'One goal is' : `${unmet.length} goals are`} not met on this machine** (${unmet.map((goal) => goal.goal.replace(/`/g, '')).join('; ')}). ` +
        'Where the time goes: see “Where an editor lint spends its time” and “What the numbers say” in this file.',
      '',
    );
  } else {
    lines.push('All goals are met on this machine.', '');
  }

  const floorMedian = tools.floor.median;
  const cpu = (value: number): string => (Number.isFinite(value) ? ms(value) : '?');
  const toolRow = (tool: ToolResult, vsEslint: string, cpuVsEslint: string): string =>
    `| ${tool.name} | ${ms(tool.wall.median)} (${tool.runs.map((run) => ms(run.wallMs)).join(', ')}) | ${cpu(tool.cpu.median)} | ` +
    `${count(Math.round(stats.files / (tool.wall.median / 1000)))} | ${(stats.bytes / MB / (tool.wall.median / 1000)).toFixed(1)} | ${kibToMb(tool.peakRss.median)} | ` +
    `${vsEslint} | ${cpuVsEslint} | ${times(tool.wall.median / floorMedian)} |`;
  lines.push(
    '### Linting the corpus',
    '',
    `Wall time of the whole process (start-up included), median of ${tools.cli.runs.length} run(s) per tool, the tools interleaved (the order alternates per round); ` +
      `“speed vs ESLint” is the median of the per-round ratios (ESLint ÷ CLI of runs made back to back). CPU time is user + system of all threads ` +
      `(GNU time); it is steadier than wall time on a loaded machine, but counts parallel work in full. Peak RSS of the process ` +
      `(${machine.rssSource === 'gnu-time' ? 'GNU time, max RSS' : '/proc VmHWM'}). The parse floor is \`ts.createSourceFile\` over the same texts in one process, ` +
      `all files read beforehand (median of ${tools.floorRuns.length} rounds, interleaved with the tools).`,
    '',
    '| | wall, median (runs) | CPU, median | files/s | MB/s | peak RSS | speed vs ESLint (wall) | (CPU) | wall ÷ parse floor |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    toolRow(tools.eslint, '1×', '1×'),
    toolRow(tools.cli, `**${times(speedup)}** (medians: ${times(speedupOfMedians)})`, times(cpuSpeedup)),
    `| parse floor (\`ts.createSourceFile\`, in-process) | ${ms(floorMedian)} (${tools.floorRuns.map((round) => ms(round.wallMs)).join(', ')}) | ${cpu(tools.floorCpu.median)} | ` +
      `${count(Math.round(stats.files / (floorMedian / 1000)))} | ${(stats.bytes / MB / (floorMedian / 1000)).toFixed(1)} | – | ${times(eslintMedian / floorMedian)} | ` +
      `${times(tools.eslint.cpu.median / tools.floorCpu.median)} | 1× |`,
    '',
  );
  const exits = [...tools.cli.exitCodes.map((code) => ['CLI', code] as const), ...tools.eslint.exitCodes.map((code) => ['ESLint', code] as const)].filter(([, code]) => code !== 0 && code !== 1);
  if (exits.length > 0) lines.push(`⚠️ Unexpected exit codes: ${exits.map(([name, code]) => `${name} ${code}`).join(', ')} (see bench/.work/lint/out/*.stderr).`, '');

  lines.push('### Identical findings', '');
  if (findings.error !== undefined) {
    lines.push(`⚠️ **The check could not run**: ${findings.error}.`, '');
  } else {
    lines.push(
      findings.identical
        ? `✅ **Identical.** Both tools linted the same ${count(findings.files.cli)} files and reported the same ${count(findings.findings.cli)} findings ` +
            `(in ${count(findings.filesWithFindings)} files) and ${count(findings.parseErrors.cli)} parse errors, compared as (file, rule, line, column, end line, end column, severity, message).`
        : `❌ **The outputs differ.** Files: CLI ${count(findings.files.cli)}, ESLint ${count(findings.files.eslint)}; findings: CLI ${count(findings.findings.cli)}, ESLint ${count(findings.findings.eslint)} ` +
            `(${count(findings.findings.matched)} matched); only in the CLI's output: ${count(findings.onlyCli.count)}, only in ESLint's: ${count(findings.onlyEslint.count)}.`,
      '',
      '| rule | CLI | ESLint |',
      '| --- | --- | --- |',
      ...Object.entries(findings.byRule).map(([rule, counts]) => `| ${rule} | ${count(counts.cli)} | ${count(counts.eslint)} |`),
      `| parse errors | ${count(findings.parseErrors.cli)} | ${count(findings.parseErrors.eslint)} |`,
      '',
    );
    if (findings.files.onlyCli.length > 0) lines.push(`Files only the CLI linted (${findings.files.onlyCli.length}): ${findings.files.onlyCli.slice(0, 10).map((file) => `\`${file}\``).join(', ')}`, '');
    if (findings.files.onlyEslint.length > 0) lines.push(`Files only ESLint linted (${findings.files.onlyEslint.length}): ${findings.files.onlyEslint.slice(0, 10).map((file) => `\`${file}\``).join(', ')}`, '');
    if (findings.onlyCli.count > 0) lines.push('Only in the CLI\'s output (first ones):', '', ...findings.onlyCli.examples.map((finding) => `- ${findingLine(finding)}`), '');
    if (findings.onlyEslint.count > 0) lines.push('Only in ESLint\'s output (first ones):', '', ...findings.onlyEslint.examples.map((finding) => `- ${findingLine(finding)}`), '');
    if (findings.parseErrors.cli > 0) lines.push(`Parse errors (the same for both when identical): ${findings.parseErrors.examples.map((finding) => `\`${finding.file}\``).join(', ')}.`, '');
    if (findings.cliCrashes.count > 0) {
      lines.push(`⚠️ **The CLI reported ${findings.cliCrashes.count} rule crash(es) or internal error(s)**:`, '', ...findings.cliCrashes.examples.slice(0, 10).map((finding) => `- ${findingLine(finding)}`), '');
    }
    if (findings.excludedEslintMessages.count > 0) {
      lines.push(
        `Not compared: ${count(findings.excludedEslintMessages.count)} ESLint message(s) about ESLint's own setup (\`eslint-disable\` comments and inline configs naming rules that are not loaded), ` +
          'which the engine drops by design; e.g. ' +
          findings.excludedEslintMessages.examples
            .slice(0, 3)
            .map((finding) => `\`${finding.file}:${finding.line ?? ''}\` “${finding.message.slice(0, 80)}”`)
            .join('; ') +
          '.',
        '',
      );
    }
  }

  lines.push(
    '### Language server',
    '',
    `\`poolguard-lsp --stdio\` in push mode with \`debounceMs: 0\`: time from sending \`textDocument/didChange\` to receiving \`textDocument/publishDiagnostics\` ` +
      `for that version, ${results.settings.lspIterations} changes per case after ${results.settings.lspWarmup} warm-up changes, the cases interleaved. ` +
      '“Full text” sends the whole document with its last line changed (the method the goals were set with); “incremental” sends only that line, as editors do. ' +
      'The parse floor is `ts.createSourceFile` of the same text in the benchmark process, measured between the changes. ' +
      'The transport baseline sends the same 5,000-line text as a JSON document, which the server answers without linting. ' +
      `For the file without driver imports the server only runs the prefilter (\`mayContainConstruction\`), which takes ${ms(lsp.prefilterWithoutDrivers.median)} on that text in the benchmark process (median); the rest of its latency is transport and document bookkeeping.`,
    '',
    '| case | lines | median | p90 | min | parse floor (median) | ÷ floor (per-change, median) | ÷ floor (of medians) | diagnostics |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...[driver, driverIncremental, plain, plainIncremental, transport]
      .filter((item) => item !== undefined)
      .map((item) => {
        const label = {
          'driver-full': 'with drivers, full text',
          'driver-incremental': 'with drivers, incremental',
          'plain-full': 'without driver imports, full text',
          'plain-incremental': 'without driver imports, incremental',
          'transport-full': 'transport baseline (JSON document, not linted)',
        }[item.case];
        const floorCells = item.case === 'transport-full' ? '– | – | –' : `${ms(item.floor.median)} | ${times(item.pairedRatioToFloor.median)} | ${times(item.ratioToFloor)}`;
        return `| ${label} | ${count(item.lines)} | ${ms(item.latency.median)} | ${ms(item.latency.p90)} | ${ms(item.latency.min)} | ${floorCells} | ${item.diagnostics} |`;
      }),
    '',
    `Memory (VmRSS of the server process): ${kibToMb(lsp.rssAfterInitializeKiB)} after initialize; **${kibToMb(lsp.open.rssKiB)} after opening ${lsp.open.files} corpus files** ` +
      `(${mb(lsp.open.bytes)}, ${lsp.openDriverFiles} with a driver import, one after another, each until its diagnostics arrived: ${ms(lsp.open.totalMs)} in all, ` +
      `${lsp.open.diagnostics} diagnostics); ${kibToMb(lsp.end.rssKiB)} at the end of the session; peak (VmHWM) ${kibToMb(lsp.end.hwmKiB)}.`,
    '',
  );
  if (lsp.open.timeouts.length > 0) lines.push(`⚠️ No diagnostics within 60 s for: ${lsp.open.timeouts.map((file) => `\`${file}\``).join(', ')}.`, '');
  if (lsp.serverProblems.length > 0) lines.push('⚠️ The server logged:', '', ...lsp.serverProblems.slice(0, 10).map((problem) => `- ${problem.slice(0, 300)}`), '');
  if (!lsp.exit.clean) lines.push(`⚠️ The server did not shut down cleanly (exit ${lsp.exit.code ?? lsp.exit.signal}).`, '');

  lines.push(
    '<details><summary>Corpus details and method</summary>',
    '',
    '| package | version | files | size | left out: .d.ts / >256 KB / minified | why |',
    '| --- | --- | --- | --- | --- | --- |',
    ...corpus.packages.map(
      (item) =>
        `| ${item.name} | ${item.version} | ${count(item.files)} | ${mb(item.bytes)} | ${item.excluded.declarations} / ${item.excluded.tooLarge} / ${item.excluded.minified} | ${item.note} |`,
    ),
    '',
    `By extension: ${Object.entries(stats.byExtension)
      .sort(([, a], [, b]) => b - a)
      .map(([extension, n]) => `${extension} ${count(n)}`)
      .join(', ')}.`,
    '',
    '- Packages are installed by the benchmark with `npm install --ignore-scripts --legacy-peer-deps` at the pinned versions into `bench/.work/lint/npm` and their ' +
      'source files copied to `bench/.work/lint/corpus/packages/`. Left out: declaration files (`.d.ts`, `.d.mts`, `.d.cts`: generated from sources that are already ' +
      'in the corpus), files over 256 KB, minified files (`.min.*` or an average line over 300 characters), and duplicate builds (typeorm `browser/`, bullmq `dist/esm`).',
    '- Path segments the CLI skips (`dist`, `build`, `out`, `coverage`, `node_modules`) are renamed on copy (`dist_`), and the corpus has an empty `.git/` marker so the ' +
      'CLI reads `.gitignore` files from the corpus down (bench/.work is gitignored in this repository). Both tools then lint exactly the same files (checked above).',
    '- Generated files: a seeded generator (`bench/lint/generate.ts`): Express and Fastify routes, services, React components (.tsx/.jsx), utils and types in .ts/.js/.mjs/.cjs/.mts/.cts; ' +
      'about 15 % import pg, mysql2, ioredis, redis, mongodb, @aws-sdk/client-s3 or undici, and about a third of those contain a finding.',
    '- ESLint runs as `eslint -c bench/.work/lint/eslint.config.mjs --format json corpus` with typescript-eslint\'s parser (no type information) and the plugin\'s ' +
      '`recommended` rules, configured like the engine (same parser options, CommonJS for .cjs/.cts, unused-disable reports off); the CLI as ' +
      '`poolguard --format json corpus`. Both write to files, not pipes. ESLint runs single-threaded (its default; no cache).',
    `- Peak RSS of the tools: ${machine.rssSource === 'gnu-time' ? "GNU time's max RSS of the node process (worker threads are in the same process)" : 'VmHWM of the node process, polled'}.`,
    '- Numbers on a shared 2-core machine are noisy: medians, the tools interleaved, ratios measured in the same run; the load average above says how busy ' +
      'the machine was. Raw samples: `bench/lint/results.json`.',
    '- `node bench/dist/lint/run.js --quick` (every 8th package file, 200 generated files, one run per tool, 10 changes per case) is for fast iteration: ' +
      'it prints its table and writes `bench/.work/lint/results-quick.json`, leaving this section and results.json alone. `--rounds <n>` sets the runs per tool.',
    '',
    '</details>',
  );
  return lines.join('\n');
}
