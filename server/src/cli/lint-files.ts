/**
 * Lints (or fixes) the selected files one by one. Every per-file failure becomes a message on that file, so one
 * bad file never stops the others from being linted.
 */
import * as fs from 'node:fs';

import { fixText, lintText, type EngineSettings } from '../engine';
import type { FileSelection } from './files';
import { ignoredFileResult, unreadableFileResult, withWriteFailure } from './notices';
import type { CliResult } from './types';

export interface LintRunOptions {
  settings: EngineSettings;
  fix: boolean;
}

/** Writes a fixed file only when its text changed; returns the result to report. */
async function lintOne(filePath: string, options: LintRunOptions): Promise<CliResult> {
  let text: string;
  try {
    text = await fs.promises.readFile(filePath, 'utf8');
  } catch (error) {
    return unreadableFileResult(filePath, error);
  }
  if (!options.fix) return lintText(text, filePath, options.settings);

  const { output, fixed, result } = fixText(text, filePath, options.settings);
  if (fixed && output !== text) {
    try {
      await fs.promises.writeFile(filePath, output, 'utf8');
    } catch (error) {
      return withWriteFailure(result, error);
    }
  }
  return result;
}

export async function lintFiles(selection: FileSelection, options: LintRunOptions): Promise<CliResult[]> {
  const results: CliResult[] = selection.ignoredFiles.map(({ filePath, reason }) => ignoredFileResult(filePath, reason));
  // Sequential on purpose: linting is synchronous CPU work, and reading ahead would only hold more files in memory.
  for (const filePath of selection.files) results.push(await lintOne(filePath, options));
  return results;
}
