/**
 * A lint worker thread (see parallel.ts): loads the engine once, then lints the files the main thread sends, one
 * message per file, and answers each with its result.
 */
import { parentPort, workerData } from 'node:worker_threads';

import { lintOne, type LintRunOptions } from './lint-one';
import type { WorkerReply, WorkerTask } from './parallel';

const port = parentPort;
if (port === null) throw new Error('lint-worker.js runs as a worker thread of the poolguard CLI');
const options = workerData as LintRunOptions;

port.on('message', (task: WorkerTask) => {
  lintOne(task.filePath, options).then(
    (result) => port.postMessage({ index: task.index, result } satisfies WorkerReply),
    // lintOne turns every per-file failure into a result; this is for the unforeseen.
    (error: unknown) => port.postMessage({ index: task.index, error: error instanceof Error ? error.message : String(error) } satisfies WorkerReply),
  );
});
