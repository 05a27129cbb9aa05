/** Running a tool as a child process with its wall time and peak RSS, and the statistics the report uses. */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';

const GNU_TIME = '/usr/bin/time';

export interface ProcessRun {
  readonly wallMs: number;
  /** Peak resident set size of the tool's process (KiB); `undefined` when it could not be read. */
  readonly peakRssKiB: number | undefined;
  /** How the peak was read: GNU time's max RSS (wait4 rusage), or polling /proc/<pid>/status VmHWM. */
  readonly rssSource: 'gnu-time' | 'proc-poll' | 'none';
  /**
   * CPU time of the process, user + system (ms), from GNU time; all threads together (so parallel work costs more
   * CPU than wall time). Less sensitive to other load on the machine than wall time. `undefined` without GNU time.
   */
  readonly cpuMs: number | undefined;
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface RunOptions {
  readonly cwd: string;
  readonly stdoutFile: string;
  readonly stderrFile: string;
  readonly env?: NodeJS.ProcessEnv;
}

export function hasGnuTime(): boolean {
  try {
    fs.accessSync(GNU_TIME, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function readStatusKiB(pid: number, field: 'VmHWM' | 'VmRSS'): number | undefined {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match?.[1] === undefined ? undefined : Number(match[1]);
  } catch {
    return undefined;
  }
}

/** VmRSS / VmHWM of a running process, in KiB. */
export function processMemory(pid: number): { rssKiB: number | undefined; hwmKiB: number | undefined } {
  return { rssKiB: readStatusKiB(pid, 'VmRSS'), hwmKiB: readStatusKiB(pid, 'VmHWM') };
}

/**
 * Runs `node <args>` with stdout and stderr going straight to files (no pipe into this process, which would add
 * its own overhead and memory). Wall time is from spawn to exit. The peak RSS comes from GNU time's `%M` (the
 * kernel's max RSS of the waited-for node process, which covers worker threads: they share the process) when
 * /usr/bin/time exists, else from polling VmHWM every 10 ms (the kernel's high-water mark, so only the last poll
 * before exit matters).
 */
export function runNode(args: readonly string[], options: RunOptions): Promise<ProcessRun> {
  const useTime = hasGnuTime();
  const timeFile = `${options.stdoutFile}.time`;
  const stdout = fs.openSync(options.stdoutFile, 'w');
  const stderr = fs.openSync(options.stderrFile, 'w');
  const [command, commandArgs] = useTime
    ? [GNU_TIME, ['-f', 'rss=%M user=%U sys=%S', '-o', timeFile, process.execPath, ...args]]
    : [process.execPath, [...args]];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, commandArgs, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', stdout, stderr] });
    let polledHwm: number | undefined;
    const poll = useTime
      ? undefined
      : setInterval(() => {
          if (child.pid !== undefined) polledHwm = readStatusKiB(child.pid, 'VmHWM') ?? polledHwm;
        }, 10);
    child.on('error', (error) => {
      if (poll) clearInterval(poll);
      reject(error);
    });
    child.on('exit', (exitCode, signal) => {
      const wallMs = performance.now() - started;
      if (poll) clearInterval(poll);
      fs.closeSync(stdout);
      fs.closeSync(stderr);
      let peakRssKiB = polledHwm;
      let cpuMs: number | undefined;
      if (useTime) {
        // GNU time writes "Command exited with non-zero status n" before the format line when the exit code is not 0.
        const text = fs.existsSync(timeFile) ? fs.readFileSync(timeFile, 'utf8') : '';
        const match = /rss=(\d+) user=([\d.]+) sys=([\d.]+)/.exec(text);
        peakRssKiB = match ? Number(match[1]) : undefined;
        cpuMs = match ? (Number(match[2]) + Number(match[3])) * 1000 : undefined;
        fs.rmSync(timeFile, { force: true });
      }
      resolve({ wallMs, peakRssKiB, rssSource: useTime ? 'gnu-time' : peakRssKiB === undefined ? 'none' : 'proc-poll', cpuMs, exitCode, signal });
    });
  });
}

/* ------------------------------------------------------------------------------------------------------------ */

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Nearest-rank percentile (p in 0–100). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] as number;
}

export interface Summary {
  readonly n: number;
  readonly median: number;
  readonly p90: number;
  readonly min: number;
  readonly max: number;
}

export function summarize(values: readonly number[]): Summary {
  return {
    n: values.length,
    median: median(values),
    p90: percentile(values, 90),
    min: values.length === 0 ? Number.NaN : Math.min(...values),
    max: values.length === 0 ? Number.NaN : Math.max(...values),
  };
}
