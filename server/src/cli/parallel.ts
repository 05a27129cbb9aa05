/**
 * Linting across worker threads, for large file sets. Parsing dominates a lint and is synchronous, so a second core
 * helps only from another thread. Each worker loads the engine once (a few hundred milliseconds), which is why small
 * runs stay in the main thread (see `workerCount`). Files are handed out one at a time as workers become free, so a
 * slow file never holds up a whole batch, and results are put back in the order of the file list.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';

import type { LintRunOptions } from './lint-one';
import type { CliMessage, CliResult } from './types';
import { countMessages } from '../engine';

/** `--concurrency`: a number of workers, `auto`, or `off` (as ESLint's option of the same name). */
export type Concurrency = number | 'auto' | 'off';

export interface WorkerTask {
  index: number;
  filePath: string;
}

export type WorkerReply = { index: number; result: CliResult } | { index: number; error: string };

/**
 * Below this many files `auto` stays in one thread: most files take the fast path (well under a millisecond), and a
 * worker's start-up costs as much as linting a few hundred of them (bench/README.md has the measurements).
 */
export const AUTO_MIN_FILES = 400;
/** `auto` never starts more workers than this: each holds its own engine and parser (~100 MB). */
const AUTO_MAX_WORKERS = 4;

/** How many workers to start for `fileCount` files; 0 means lint in the main thread. */
export function workerCount(fileCount: number, concurrency: Concurrency): number {
  if (concurrency === 'off') return 0;
  const wanted = concurrency === 'auto' ? (fileCount >= AUTO_MIN_FILES ? Math.min(os.availableParallelism(), AUTO_MAX_WORKERS) : 0) : concurrency;
  const count = Math.min(wanted, fileCount);
  return count >= 2 ? count : 0;
}

function internalErrorResult(filePath: string, reason: string): CliResult {
  const message: CliMessage = { ruleId: null, fatal: true, severity: 2, message: `Internal error while linting this file: ${reason}` };
  return { filePath, messages: [message], suppressedMessages: [], ...countMessages([message]), usedDeprecatedRules: [] };
}

export function lintInWorkers(files: readonly string[], options: LintRunOptions, count: number): Promise<CliResult[]> {
  const results = new Array<CliResult | undefined>(files.length);
  let next = 0;
  let done = 0;
  return new Promise((resolve) => {
    const finish = (): void => {
      if (done === files.length) resolve(results.map((result, index) => result ?? internalErrorResult(files[index] ?? '', 'no result')));
    };
    const start = (): void => {
      if (next >= files.length) return;
      const worker = new Worker(path.join(__dirname, 'lint-worker.js'), { workerData: options });
      let current: WorkerTask | undefined;
      const give = (): void => {
        if (next >= files.length) {
          current = undefined;
          void worker.terminate();
          return;
        }
        current = { index: next, filePath: files[next] ?? '' };
        next++;
        worker.postMessage(current);
      };
      worker.on('message', (reply: WorkerReply) => {
        results[reply.index] = 'result' in reply ? reply.result : internalErrorResult(files[reply.index] ?? '', reply.error);
        done++;
        give();
        finish();
      });
      // A worker that dies (out of memory, a native crash) loses only the file it had: that file is reported, and a
      // fresh worker takes over the rest of the queue.
      worker.on('error', (error) => {
        if (current !== undefined) {
          results[current.index] = internalErrorResult(current.filePath, error.message);
          current = undefined;
          done++;
          finish();
        }
      });
      worker.on('exit', () => {
        if (current !== undefined) {
          results[current.index] = internalErrorResult(current.filePath, 'the lint worker exited');
          current = undefined;
          done++;
          finish();
        }
        start();
      });
      give();
    };
    for (let index = 0; index < count; index++) start();
    finish();
  });
}
