/**
 * Every process the impact benchmark starts goes through here, so that all of them are stopped by their own id (or
 * process group) when the run ends, fails, or is interrupted — and the run can check that none is left.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';

export interface ManagedProcess {
  readonly name: string;
  readonly child: ChildProcess;
  readonly pid: number;
  /** Where its stdout and stderr go. */
  readonly logFile: string;
  /** The signal that stops it cleanly (PostgreSQL: SIGINT, a fast shutdown). */
  readonly stopSignal: NodeJS.Signals;
  /** Signal the whole process group (the service) or the process alone (the postmaster, which stops its backends). */
  readonly signalGroup: boolean;
  readonly exited: Promise<number | null>;
  exitCode: number | null | undefined;
}

export interface StartOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
  readonly logFile: string;
  readonly stopSignal?: NodeJS.Signals;
  readonly signalGroup?: boolean;
}

const running = new Set<ManagedProcess>();
/** Process groups started by this run (detached children lead their own group), to check that none is left. */
const startedGroups = new Set<number>();

/** Starts a detached child (its own process group) with its output appended to `logFile`. */
export function startProcess(name: string, command: string, args: readonly string[], options: StartOptions): ManagedProcess {
  const fd = fs.openSync(options.logFile, 'a');
  let child: ChildProcess;
  try {
    child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      detached: true,
      stdio: ['ignore', fd, fd],
    });
  } finally {
    fs.closeSync(fd);
  }
  if (child.pid === undefined) throw new Error(`could not start ${name} (${command})`);
  const pid = child.pid;
  let resolveExit!: (code: number | null) => void;
  const exited = new Promise<number | null>((resolve) => (resolveExit = resolve));
  const managed: ManagedProcess = {
    name,
    child,
    pid,
    logFile: options.logFile,
    stopSignal: options.stopSignal ?? 'SIGTERM',
    signalGroup: options.signalGroup ?? true,
    exited,
    exitCode: undefined,
  };
  child.once('error', (error) => {
    process.stderr.write(`${name}: ${error.message}\n`);
  });
  child.once('exit', (code) => {
    managed.exitCode = code;
    running.delete(managed);
    resolveExit(code);
  });
  running.add(managed);
  startedGroups.add(pid);
  return managed;
}

function signal(target: ManagedProcess, sig: NodeJS.Signals, group: boolean): void {
  try {
    process.kill(group ? -target.pid : target.pid, sig);
  } catch {
    // Already gone.
  }
}

/** Stops one process with its clean signal, then SIGKILLs its group after `timeoutMs`. */
export async function stopProcess(target: ManagedProcess, timeoutMs = 15_000): Promise<void> {
  if (target.exitCode !== undefined) {
    signal(target, 'SIGKILL', true); // a leftover grandchild in its group, if any
    return;
  }
  signal(target, target.stopSignal, target.signalGroup);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = await Promise.race([
    target.exited.then(() => false),
    new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), timeoutMs))),
  ]);
  clearTimeout(timer);
  if (timedOut) {
    process.stderr.write(`${target.name} (pid ${target.pid}) did not stop within ${timeoutMs} ms: SIGKILL\n`);
    signal(target, 'SIGKILL', true);
    await target.exited;
  }
  // Anything it left in its own group (none expected).
  signal(target, 'SIGKILL', true);
}

/** Stops everything still running, newest first (the service before the databases it uses). */
export async function stopAll(): Promise<void> {
  for (const target of [...running].reverse()) await stopProcess(target);
}

/** Last resort on `exit`: no time for a clean stop, kill every group that is still there. */
function killAllNow(): void {
  for (const target of running) signal(target, 'SIGKILL', true);
}

let handlersInstalled = false;
/** SIGINT / SIGTERM stop every child cleanly, then exit; `exit` kills whatever is left. */
export function installSignalHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  let stopping = false;
  const onSignal = (sig: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`\n${sig}: stopping the processes this benchmark started…\n`);
    void stopAll().finally(() => process.exit(sig === 'SIGINT' ? 130 : 143));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('exit', killAllNow);
}

/** Processes still alive in any group this run started (`ps`), as `pid command` lines; empty when all are gone. */
export function leftoverProcesses(): string[] {
  const ps = spawnSync('ps', ['-eo', 'pid=,pgid=,args='], { encoding: 'utf8' });
  if (ps.status !== 0) throw new Error(`ps failed: ${ps.stderr}`);
  const left: string[] = [];
  for (const line of ps.stdout.split('\n')) {
    const match = /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line);
    if (match && startedGroups.has(Number(match[2]))) left.push(`${match[1]} ${match[3]}`);
  }
  return left;
}
