/** Lints (or fixes) one file from disk: the unit of work of the CLI, in the main thread or in a worker. */
import * as fs from 'node:fs';

import { fixText, lintText, resultWithoutLint, type EngineSettings } from '../engine';
import { unreadableFileResult, withWriteFailure } from './notices';
import type { CliResult } from './types';

export interface LintRunOptions {
  settings: EngineSettings;
  fix: boolean;
}

/** Writes a fixed file only when its text changed; returns the result to report. */
export async function lintOne(filePath: string, options: LintRunOptions): Promise<CliResult> {
  let text: string;
  try {
    text = await fs.promises.readFile(filePath, 'utf8');
  } catch (error) {
    return unreadableFileResult(filePath, error);
  }
  // Most files of a project name no driver at all: they are answered without ESLint (and have nothing to fix).
  const nothingToFind = resultWithoutLint(text, filePath, options.settings);
  if (nothingToFind !== undefined) return nothingToFind;
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
