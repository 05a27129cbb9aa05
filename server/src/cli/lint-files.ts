/**
 * Lints (or fixes) the selected files: in the main thread for small runs, across worker threads for large ones.
 * Every per-file failure becomes a message on that file, so one bad file never stops the others from being linted.
 */
import type { FileSelection } from './files';
import { lintOne, type LintRunOptions } from './lint-one';
import { ignoredFileResult } from './notices';
import { lintInWorkers, workerCount, type Concurrency } from './parallel';
import type { CliResult } from './types';

export type { LintRunOptions } from './lint-one';

export async function lintFiles(selection: FileSelection, options: LintRunOptions, concurrency: Concurrency = 'off'): Promise<CliResult[]> {
  const results: CliResult[] = selection.ignoredFiles.map(({ filePath, reason }) => ignoredFileResult(filePath, reason));
  const workers = workerCount(selection.files.length, concurrency);
  if (workers > 0) return [...results, ...(await lintInWorkers(selection.files, options, workers))];
  // Sequential on purpose: linting is synchronous CPU work, and reading ahead would only hold more files in memory.
  for (const filePath of selection.files) results.push(await lintOne(filePath, options));
  return results;
}
