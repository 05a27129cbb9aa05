/** Lints (or fixes) one file from disk: the unit of work of the CLI, in the main thread or in a worker. */
import * as fs from 'node:fs';

import { fixText, lintText, resultWithoutLint, type EngineSettings } from '../engine';
import { unreadableFileResult, withWriteFailure } from './notices';
import type { CliResult } from './types';
import { keepLayout, replaceFile } from './write-file';

export interface LintRunOptions {
  settings: EngineSettings;
  fix: boolean;
}

/**
 * Writes a fixed file only when its text changed; returns the result to report. A result has `output` exactly when
 * the file was rewritten (with that text), which is how the CLI tells which files it fixed.
 */
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
  if (!fixed) return result;
  const fixedText = keepLayout(text, output);
  // Not written, so reported as a plain lint of the file as it is (ESLint sets `output` only for a changed text).
  if (fixedText === text) return lintText(text, filePath, options.settings);
  try {
    await replaceFile(filePath, fixedText, text);
  } catch (error) {
    // The file keeps its old text, so its findings are reported as they stand there, without `output`.
    return withWriteFailure(lintText(text, filePath, options.settings), error);
  }
  return { ...result, output: fixedText };
}
