/**
 * Real-code soak (`npm run test:soak`): runs the CLI (`server/bin/poolguard.js --format json`) over every JS/TS file in
 * the project's own installed dependencies and fails on a crash, a hang, unbounded memory, a rule crash, a fatal
 * message that is not a parse error, or a finding (or parse error) that `review.md` does not list with a verdict —
 * or that it lists but the run no longer reports.
 *
 * Which files: every `.js .cjs .mjs .jsx .ts .cts .mts .tsx` file (`.d.ts` included: they are real TypeScript) under
 * `node_modules` and each workspace's own `node_modules`, nested `node_modules` included. Not followed: symbolic
 * links (`.bin` entries point at files linted where they live; the workspace links point at this repository's own
 * sources, which are not third-party code). No size limit by default: the largest files (TypeScript's 9 MB
 * `typescript.js`, bundles) are the ones that stress time and memory. `--max-bytes <n>` skips larger files for a quick
 * run and lists what it skipped.
 *
 * How: the CLI never walks into `node_modules`, and an explicitly named file there is dropped as gitignored (this
 * repository's `.gitignore` lists `node_modules/`). So the files are COPIED (copies, not hard links: a CLI bug that
 * wrote to a file must not touch the installed packages) into a temporary tree outside any git repository, with
 * `node_modules`, `dist`, `build`, `out` and `coverage` path segments renamed `_node_modules` etc. (so a directory walk
 * would not skip them either), and passed explicitly, `--batch` files per invocation, with `--concurrency auto` (worker
 * threads from 400 files on). Each run has a timeout; the peak RSS of each CLI process (worker threads included) is its
 * VmHWM, polled from `/proc/<pid>/status` while it runs and reported exactly at exit by `peak-rss.ts`.
 *
 * Options: --batch <files> (2000), --max-bytes <n> (0 = no limit), --timeout-min <m> (overall, 15),
 * --batch-timeout-min <m> (10), --max-rss-mb <mb> (per CLI process; default 2048 + 1536 per worker thread),
 * --keep (keep the temporary tree), --rows (print review rows for every finding and parse error).
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { mayContainConstruction } from 'eslint-plugin-poolguard/prefilter';
import { LINTABLE_EXTENSIONS } from 'poolguard/dist/src/engine/config';

import {
  compare,
  findingRowTemplate,
  parseErrorRowTemplate,
  parseReview,
  type ObservedFinding,
  type ObservedParseError,
} from './review';

const repositoryRoot = path.resolve(__dirname, '../../..');
const cliPath = path.join(repositoryRoot, 'server/bin/poolguard.js');
const reviewPath = path.join(repositoryRoot, 'test/soak/review.md');
const peakRssHook = path.join(__dirname, 'peak-rss.js');
/** Segments a directory walk of the CLI skips; renamed in the copy. */
const RENAMED_SEGMENTS = new Set(['node_modules', 'dist', 'build', 'out', 'coverage']);
const MB = 1024 * 1024;
/** Mirrors the CLI's `AUTO_MAX_WORKERS` (server/src/cli/parallel.ts), only to size the default memory budget. */
const AUTO_MAX_WORKERS = 4;

interface Options {
  batch: number;
  maxBytes: number;
  timeoutMs: number;
  batchTimeoutMs: number;
  maxRssMb: number;
  keep: boolean;
  rows: boolean;
}

function parseOptions(argv: readonly string[]): Options {
  const workers = Math.min(os.availableParallelism(), AUTO_MAX_WORKERS);
  const options: Options = {
    batch: 2000,
    maxBytes: 0,
    timeoutMs: 15 * 60_000,
    batchTimeoutMs: 10 * 60_000,
    maxRssMb: 2048 + 1536 * (workers >= 2 ? workers : 0),
    keep: false,
    rows: false,
  };
  for (let index = 0; index < argv.length; index++) {
    const name = argv[index];
    const number = (): number => {
      const value = Number(argv[++index]);
      if (!Number.isFinite(value) || value < 0) throw new Error(`${name} needs a non-negative number`);
      return value;
    };
    if (name === '--batch') options.batch = Math.max(1, Math.floor(number()));
    else if (name === '--max-bytes') options.maxBytes = number();
    else if (name === '--timeout-min') options.timeoutMs = number() * 60_000;
    else if (name === '--batch-timeout-min') options.batchTimeoutMs = number() * 60_000;
    else if (name === '--max-rss-mb') options.maxRssMb = number();
    else if (name === '--keep') options.keep = true;
    else if (name === '--rows') options.rows = true;
    else throw new Error(`unknown option '${name ?? ''}'`);
  }
  return options;
}

interface SourceFile {
  /** Absolute path of the installed file. */
  original: string;
  /** Path relative to the temporary root, as passed to the CLI. */
  relative: string;
  /** `<name>@<version>/<path inside the package>`. */
  key: string;
  bytes: number;
}

/** `node_modules` of the root and of each workspace (real directories only). */
function dependencyRoots(): string[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(repositoryRoot, 'package.json'), 'utf8')) as { workspaces?: string[] };
  const candidates = ['node_modules', ...(manifest.workspaces ?? []).map((workspace) => path.join(workspace, 'node_modules'))];
  return candidates
    .map((candidate) => path.join(repositoryRoot, candidate))
    .filter((directory) => {
      try {
        const stats = fs.lstatSync(directory);
        return stats.isDirectory() && !stats.isSymbolicLink();
      } catch {
        return false;
      }
    });
}

function collect(roots: readonly string[]): { files: string[]; symlinks: number } {
  const files: string[] = [];
  let symlinks = 0;
  const visit = (directory: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(directory, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(directory, entry.name);
      if (entry.isSymbolicLink()) symlinks++;
      else if (entry.isDirectory()) visit(full);
      else if (entry.isFile() && LINTABLE_EXTENSIONS.includes(path.extname(entry.name))) files.push(full);
    }
  };
  for (const root of roots) visit(root);
  return { files: files.sort(), symlinks };
}

/** The nearest package.json with a name and version, walking up from the file (not above the repository root). */
function packageKeyOf(file: string, cache: Map<string, { name: string; directory: string } | null>): string {
  const find = (directory: string): { name: string; directory: string } | null => {
    const cached = cache.get(directory);
    if (cached !== undefined) return cached;
    let found: { name: string; directory: string } | null = null;
    try {
      const manifest = JSON.parse(fs.readFileSync(path.join(directory, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
      if (typeof manifest.name === 'string' && typeof manifest.version === 'string') {
        found = { name: `${manifest.name}@${manifest.version}`, directory };
      }
    } catch {
      // no (readable) package.json here
    }
    if (found === null && directory !== repositoryRoot && path.dirname(directory) !== directory) found = find(path.dirname(directory));
    cache.set(directory, found);
    return found;
  };
  const owner = find(path.dirname(file));
  if (owner === null) return `?/${path.relative(repositoryRoot, file).split(path.sep).join('/')}`;
  return `${owner.name}/${path.relative(owner.directory, file).split(path.sep).join('/')}`;
}

/** No `.git` above the temporary root: the CLI would then read that repository's `.gitignore` files. */
function assertOutsideRepositories(directory: string): void {
  for (let current = directory; ; current = path.dirname(current)) {
    if (fs.existsSync(path.join(current, '.git'))) throw new Error(`the temporary directory ${directory} is inside a git repository (${current}); set TMPDIR elsewhere`);
    if (path.dirname(current) === current) return;
  }
}

function prepareTree(files: readonly string[], temporaryRoot: string): SourceFile[] {
  const packages = new Map<string, { name: string; directory: string } | null>();
  const used = new Set<string>();
  return files.map((original) => {
    const relative = path
      .relative(repositoryRoot, original)
      .split(path.sep)
      .map((segment) => (RENAMED_SEGMENTS.has(segment) ? `_${segment}` : segment))
      .join(path.sep);
    if (used.has(relative)) throw new Error(`two files map to ${relative}`);
    used.add(relative);
    const target = path.join(temporaryRoot, relative);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(original, target, fs.constants.COPYFILE_FICLONE);
    return { original, relative, key: packageKeyOf(original, packages), bytes: fs.statSync(original).size };
  });
}

interface BatchRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
  wallMs: number;
  /** Peak RSS of the CLI process (VmHWM), in bytes; 0 when never read. */
  peakRss: number;
}

function readHighWaterMark(pid: number): number | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmHWM:\s+(\d+)\s+kB/mu.exec(status);
    return match?.[1] === undefined ? undefined : Number(match[1]) * 1024;
  } catch {
    return undefined;
  }
}

function runBatch(relatives: readonly string[], cwd: string, timeoutMs: number): Promise<BatchRun> {
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, ['--require', peakRssHook, cliPath, '--format', 'json', '--concurrency', 'auto', ...relatives], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  });
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  const hook: Buffer[] = [];
  child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));
  (child.stdio[3] as NodeJS.ReadableStream | null)?.on('data', (chunk: Buffer) => hook.push(chunk));
  let peakRss = 0;
  let timedOut = false;
  const poll = (): void => {
    if (child.pid === undefined) return;
    const value = readHighWaterMark(child.pid);
    if (value !== undefined && value > peakRss) peakRss = value;
  };
  const poller = setInterval(poll, 50);
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, timeoutMs);
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      clearInterval(poller);
      clearTimeout(timer);
      const reported = Number(Buffer.concat(hook).toString('utf8').trim()) * 1024;
      if (Number.isFinite(reported) && reported > peakRss) peakRss = reported;
      resolve({
        code,
        signal,
        timedOut,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
        wallMs: Number(process.hrtime.bigint() - started) / 1e6,
        peakRss,
      });
    });
  });
}

interface CliMessage {
  ruleId: string | null;
  fatal?: boolean;
  severity: number;
  message: string;
  line?: number;
  column?: number;
}

interface CliResult {
  filePath: string;
  messages: CliMessage[];
  errorCount: number;
}

const RULE_CRASH = /crashed and was skipped/u;

function mb(bytes: number): string {
  return (bytes / MB).toFixed(1);
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(1);
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const startedAt = Date.now();
  const failures: string[] = [];
  const fail = (text: string): void => {
    failures.push(text);
  };

  const roots = dependencyRoots();
  const { files: allFiles, symlinks } = collect(roots);
  const sizes = new Map(allFiles.map((file) => [file, fs.statSync(file).size]));
  const skipped = options.maxBytes > 0 ? allFiles.filter((file) => (sizes.get(file) ?? 0) > options.maxBytes) : [];
  const selected = options.maxBytes > 0 ? allFiles.filter((file) => (sizes.get(file) ?? 0) <= options.maxBytes) : allFiles;

  const temporaryRoot = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'poolguard-soak-')));
  let cleanupMs = 0;
  const cleanup = (): void => {
    if (options.keep || !fs.existsSync(temporaryRoot)) return;
    const started = Date.now();
    fs.rmSync(temporaryRoot, { recursive: true, force: true });
    cleanupMs += Date.now() - started;
  };
  process.once('SIGINT', () => {
    cleanup();
    process.exit(130);
  });

  try {
    assertOutsideRepositories(temporaryRoot);
    const copyStarted = Date.now();
    const sources = prepareTree(selected, temporaryRoot);
    const copyMs = Date.now() - copyStarted;
    const byTemporaryPath = new Map(sources.map((source) => [path.join(temporaryRoot, source.relative), source]));
    const totalBytes = sources.reduce((sum, source) => sum + source.bytes, 0);
    let fullLint = 0;
    for (const source of sources) if (mayContainConstruction(fs.readFileSync(source.original, 'utf8'))) fullLint++;

    console.log(`soak: ${sources.length} files, ${mb(totalBytes)} MB from ${roots.map((root) => path.relative(repositoryRoot, root)).join(', ')}`);
    console.log(`soak: ${symlinks} symbolic links not followed; ${skipped.length} files over --max-bytes skipped; copied to ${temporaryRoot} in ${seconds(copyMs)} s`);
    console.log(`soak: ${fullLint} files name a catalogue module (full ESLint lint), ${sources.length - fullLint} take the fast path`);
    console.log(`soak: ${Math.ceil(sources.length / options.batch)} CLI runs of up to ${options.batch} files, ${os.availableParallelism()} cores, memory budget ${options.maxRssMb} MB per run`);

    const findings: (ObservedFinding & { severity: number })[] = [];
    const parseErrors: ObservedParseError[] = [];
    let lintMs = 0;
    let peakRss = 0;
    let peakBatch = 0;
    let linted = 0;
    let lintedBytes = 0;
    /** False when a run was killed or its output lost: then absent findings prove nothing. */
    let complete = true;
    const deadline = startedAt + options.timeoutMs;

    for (let start = 0, batchNumber = 1; start < sources.length; start += options.batch, batchNumber++) {
      const batch = sources.slice(start, start + options.batch);
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        fail(`overall timeout (${seconds(options.timeoutMs)} s) reached before run ${batchNumber}; ${sources.length - start} files not linted`);
        complete = false;
        break;
      }
      const timeout = Math.min(options.batchTimeoutMs, remaining);
      const run = await runBatch(
        batch.map((source) => source.relative),
        temporaryRoot,
        timeout,
      );
      lintMs += run.wallMs;
      if (run.peakRss > peakRss) {
        peakRss = run.peakRss;
        peakBatch = batchNumber;
      }
      const batchBytes = batch.reduce((sum, source) => sum + source.bytes, 0);
      const label = `run ${batchNumber} (${batch[0]?.key ?? ''} … ${batch[batch.length - 1]?.key ?? ''})`;
      console.log(
        `  run ${String(batchNumber).padStart(2)}: ${String(batch.length).padStart(5)} files ${mb(batchBytes).padStart(6)} MB ` +
          `${seconds(run.wallMs).padStart(6)} s  peak RSS ${mb(run.peakRss).padStart(7)} MB  exit ${run.code ?? run.signal ?? '?'}`,
      );
      if (run.stderr.trim() !== '') console.log(`    stderr: ${run.stderr.trim().split('\n').join('\n    stderr: ')}`);
      if (run.peakRss > options.maxRssMb * MB) fail(`${label}: peak RSS ${mb(run.peakRss)} MB is over the budget of ${options.maxRssMb} MB`);
      if (run.timedOut || run.signal !== null) {
        fail(run.timedOut ? `${label}: timed out after ${seconds(timeout)} s (killed)` : `${label}: killed by ${run.signal ?? '?'}`);
        complete = false;
        continue;
      }
      if (run.code !== 0 && run.code !== 1) fail(`${label}: exit code ${run.code ?? '?'}: ${run.stderr.trim().split('\n')[0] ?? ''}`);

      let results: CliResult[];
      try {
        results = JSON.parse(run.stdout) as CliResult[];
      } catch (error) {
        fail(`${label}: the JSON output does not parse (${error instanceof Error ? error.message : String(error)})`);
        complete = false;
        continue;
      }
      const reported = new Set<string>();
      let errors = 0;
      for (const result of results) {
        const source = byTemporaryPath.get(result.filePath);
        if (source === undefined) {
          fail(`${label}: a result for a file that was not passed: ${result.filePath}`);
          continue;
        }
        if (!reported.has(result.filePath)) lintedBytes += source.bytes;
        reported.add(result.filePath);
        errors += result.errorCount;
        for (const message of result.messages) {
          const at = `${message.line ?? 0}:${message.column ?? 0}`;
          const where = `${source.key}:${at}`;
          if (message.ruleId === null) {
            if (message.fatal === true && message.message.startsWith('Parsing error:')) parseErrors.push({ file: source.key, at, message: message.message });
            else fail(`${where}: ${message.fatal === true ? 'fatal' : 'non-rule'} message that is not a parse error: ${message.message}`);
          } else if (message.fatal === true || RULE_CRASH.test(message.message)) {
            fail(`${where}: rule crash: ${message.ruleId}: ${message.message}`);
          } else {
            findings.push({ file: source.key, rule: message.ruleId, at, message: message.message, severity: message.severity });
          }
        }
      }
      linted += reported.size;
      if (reported.size !== batch.length) {
        fail(`${label}: ${batch.length - reported.size} of ${batch.length} files have no result`);
        complete = false;
      }
      const expectedCode = errors > 0 ? 1 : 0;
      if ((run.code === 0 || run.code === 1) && run.code !== expectedCode) {
        fail(`${label}: exit code ${run.code} but the results hold ${errors} errors`);
      }
    }

    // The review.
    const review = parseReview(fs.readFileSync(reviewPath, 'utf8'));
    for (const problem of review.problems) fail(problem);
    const comparison = compare(review, findings, parseErrors);
    for (const finding of comparison.unreviewed) fail(`not in review.md: ${finding.file} ${finding.rule} ${finding.at}: ${finding.message}`);
    for (const { row, finding } of comparison.messageChanged) {
      fail(`review.md:${row.sourceLine}: the message of ${row.file} ${row.rule} ${row.at} no longer starts with the excerpt; now: ${finding.message}`);
    }
    if (!complete) {
      console.log('soak: the run is incomplete, so listed findings and parse errors that were not reported are not checked');
      comparison.disappeared = [];
      comparison.vanishedParseErrors = [];
    }
    for (const row of comparison.disappeared) fail(`review.md:${row.sourceLine}: ${row.file} ${row.rule} ${row.at} is no longer reported (remove the row, or move it to "Fixed false positives")`);
    for (const { row, finding } of comparison.regressed) fail(`review.md:${row.sourceLine}: fixed false positive is reported again: ${finding.file} ${finding.rule} ${finding.at}`);
    for (const error of comparison.unlistedParseErrors) fail(`parse error not in review.md: ${error.file} ${error.at}: ${error.message}`);
    for (const row of comparison.vanishedParseErrors) fail(`review.md:${row.sourceLine}: parse error ${row.file} ${row.at} is no longer reported`);

    // The summary, after removing the copy (its time counts: the soak's wall time is what CI would pay).
    cleanup();
    // process.uptime() also counts loading this script and the engine's config module.
    const wallMs = process.uptime() * 1000;
    const byRule = new Map<string, number>();
    for (const finding of findings) byRule.set(finding.rule, (byRule.get(finding.rule) ?? 0) + 1);
    const verdicts = new Map<string, number>();
    for (const { row } of comparison.matched) verdicts.set(row.verdict, (verdicts.get(row.verdict) ?? 0) + 1);
    console.log('\nsoak summary');
    console.log(`  files        ${linted} linted of ${sources.length} (${mb(totalBytes)} MB)${skipped.length > 0 ? `, ${skipped.length} over ${options.maxBytes} bytes skipped` : ''}`);
    console.log(`  wall         ${seconds(wallMs)} s total (copy ${seconds(copyMs)} s, removal ${seconds(cleanupMs)} s), ${seconds(lintMs)} s in the CLI (${(linted / (lintMs / 1000)).toFixed(0)} files/s, ${(lintedBytes / MB / (lintMs / 1000)).toFixed(2)} MB/s)`);
    console.log(`  peak RSS     ${mb(peakRss)} MB (run ${peakBatch}; budget ${options.maxRssMb} MB)`);
    console.log(`  parse errors ${parseErrors.length}`);
    for (const error of parseErrors) console.log(`    ${error.file}:${error.at} ${error.message}`);
    console.log(`  findings     ${findings.length}${[...byRule].map(([rule, count]) => `\n    ${rule}: ${count}`).join('')}`);
    console.log(`  review       ${[...verdicts].map(([verdict, count]) => `${count} ${verdict}`).join(', ') || 'nothing matched'}; ${review.fixed.length} fixed false positives stay fixed`);
    if (skipped.length > 0) console.log(`  skipped      ${skipped.map((file) => `${path.relative(repositoryRoot, file)} (${mb(sizes.get(file) ?? 0)} MB)`).join(', ')}`);
    if (options.rows || comparison.unreviewed.length > 0 || comparison.unlistedParseErrors.length > 0) {
      const rows = options.rows ? findings : comparison.unreviewed;
      const errorRows = options.rows ? parseErrors : comparison.unlistedParseErrors;
      if (rows.length > 0) console.log(`\nrows for review.md "## Findings":\n${[...new Set(rows.map(findingRowTemplate))].join('\n')}`);
      if (errorRows.length > 0) console.log(`\nrows for review.md "## Parse errors":\n${[...new Set(errorRows.map(parseErrorRowTemplate))].join('\n')}`);
    }
    if (failures.length > 0) {
      console.log(`\nsoak FAILED (${failures.length}):\n  ${failures.join('\n  ')}`);
      return 1;
    }
    console.log('\nsoak passed');
    return 0;
  } finally {
    cleanup();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`soak: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 1;
  },
);
