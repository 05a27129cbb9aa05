/**
 * Child processes the end-to-end tests start: each runs in its own process group, so stopping it also stops
 * everything it forked (code-server forks a watcher, extension hosts, tsservers and PoolGuard's language server;
 * a SIGTERM to the wrapper alone leaves them running).
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';

export interface GroupProcess {
  readonly child: ChildProcess;
  /** Everything the process wrote to stdout and stderr, for failure messages. */
  output(): string;
  /** SIGTERM to the whole group, SIGKILL to what is left after `graceMs`; resolves when the group is gone. */
  stop(graceMs?: number): Promise<void>;
}

export function spawnGroup(command: string, args: readonly string[], options: SpawnOptions & { logFile?: string } = {}): GroupProcess {
  const child = spawn(command, args, { ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const log = options.logFile === undefined ? undefined : fs.createWriteStream(options.logFile);
  const collect = (chunk: Buffer): void => {
    output += chunk.toString('utf8');
    // Keep the tail only: code-server logs for as long as it runs.
    if (output.length > 200_000) output = output.slice(-100_000);
    log?.write(chunk);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  // A failed spawn (missing binary) surfaces through `exitCode`/the caller's readiness wait, not as a crash.
  child.on('error', (error) => collect(Buffer.from(`spawn failed: ${error.message}\n`)));
  return {
    child,
    output: () => output,
    stop: async (graceMs = 5_000) => {
      await stopGroup(child.pid, graceMs);
      log?.end();
    },
  };
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function stopGroup(pid: number | undefined, graceMs: number): Promise<void> {
  if (pid === undefined || !groupAlive(pid)) return;
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    return;
  }
  const deadline = Date.now() + graceMs;
  while (groupAlive(pid) && Date.now() < deadline) await delay(100);
  if (groupAlive(pid)) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // Gone between the check and the kill.
    }
    while (groupAlive(pid)) await delay(50);
  }
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Polls `url` until it answers 200, or rejects after `timeoutMs` with `describe()` (e.g. the server's log). */
export async function waitForHttp(url: string, timeoutMs: number, describe: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await delay(200);
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms (${last})\n${describe()}`);
}

/** Rejects with `message` when `promise` has not settled after `ms`. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${message} (timed out after ${ms} ms)`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
