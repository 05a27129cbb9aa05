/**
 * What the language server itself spends on one change of a document, measured in process with its own
 * `DocumentLinter` (the object the server calls after a change): the transport to and from the editor is left out,
 * so this is the part the server can make faster.
 */
import * as path from 'node:path';
import * as ts from 'typescript';

import { repositoryRoot } from '../common/paths';
import type { Subject } from './subject';

type LintingModule = typeof import('../../server/src/lsp/linting');
type IgnoreModule = typeof import('../../server/src/lsp/ignore-globs');
type SettingsModule = typeof import('../../server/src/lsp/settings');
type EngineModule = typeof import('../../server/src/engine');
type FoldersModule = typeof import('../../server/src/lsp/workspace-folders');

const lsp = (name: string): string => path.join(repositoryRoot, 'server', 'dist', 'src', 'lsp', name);
const { DocumentLinter } = require(lsp('linting')) as LintingModule;
const { IgnoreGlobs } = require(lsp('ignore-globs')) as IgnoreModule;
const { DEFAULT_SETTINGS } = require(lsp('settings')) as SettingsModule;
const { WorkspaceFolders } = require(lsp('workspace-folders')) as FoldersModule;
const { createEngine } = require(path.join(repositoryRoot, 'server', 'dist', 'src', 'engine')) as EngineModule;

function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? Number.NaN;
}

export function serverWork(subject: Subject, rounds: number): { medianMs: number; p90Ms: number; floorMs: number } {
  // No workspace folder: the ignore globs match from the file-system root, as for a loose file.
  const linter = new DocumentLinter(createEngine(), new IgnoreGlobs(new WorkspaceFolders([])));
  const uri = `file://${subject.fileName}`;
  const lintTimes: number[] = [];
  const parseTimes: number[] = [];
  for (let round = 0; round < rounds + 5; round++) {
    const text = `${subject.text}\n// change ${round}\n`;
    let started = performance.now();
    linter.lint({ uri, version: round + 1, languageId: 'typescript', text, settings: DEFAULT_SETTINGS, generation: 1 });
    const lintMs = performance.now() - started;
    started = performance.now();
    ts.createSourceFile(subject.fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    const parseMs = performance.now() - started;
    if (round >= 5) {
      lintTimes.push(lintMs);
      parseTimes.push(parseMs);
    }
  }
  return { medianMs: percentile(lintTimes, 0.5), p90Ms: percentile(lintTimes, 0.9), floorMs: percentile(parseTimes, 0.5) };
}
