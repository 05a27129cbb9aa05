/**
 * `poolguard.server.lintWorkspace`: lints every lintable file of the workspace folders and publishes the
 * diagnostics, with `$/progress` reports. Files are chosen exactly as the CLI chooses them for a directory
 * (`cli/files.ts`: lintable extensions, `.gitignore`, no node_modules/dist/build/out/coverage/.git), then filtered by
 * the folder's `poolguard.enable` and `poolguard.ignore`.
 *
 * Open documents are skipped: their diagnostics follow the editor's text, not the file on disk. Settings are read
 * once per folder (not per file): a workspace of thousands of files would otherwise make thousands of
 * `workspace/configuration` round trips.
 */
import * as fs from 'node:fs';

import { CancellationTokenSource, DiagnosticSeverity, type CancellationToken, type Diagnostic, type WorkDoneProgressServerReporter } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';

import { selectFiles } from '../cli/files';
import type { DiagnosticMapper } from './diagnostics';
import { fileUri } from './document-paths';
import type { DocumentLinter } from './linting';
import type { LintWorkspaceSummary } from './protocol';
import type { Settings } from './settings';
import type { Folder } from './workspace-folders';

export interface WorkspaceLintContext {
  readonly folders: readonly Folder[];
  readonly settingsFor: (uri: string) => Promise<Settings>;
  readonly generation: () => number;
  readonly isOpen: (uri: string) => boolean;
  readonly linter: DocumentLinter;
  readonly mapper: DiagnosticMapper;
  readonly publish: (uri: string, diagnostics: Diagnostic[]) => void;
  readonly progress: WorkDoneProgressServerReporter;
  readonly token: CancellationToken;
  readonly log: (message: string) => void;
}

/** A reporter that reports nothing, for when the client refuses `window/workDoneProgress/create`. */
export function silentProgress(): WorkDoneProgressServerReporter {
  const source = new CancellationTokenSource();
  return { token: source.token, begin: () => undefined, report: () => undefined, done: () => source.dispose() };
}

/** Lets queued messages (typing, hovers, a cancel) through between two files. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

async function filesOf(folder: Folder, log: (message: string) => void): Promise<string[]> {
  try {
    return (await selectFiles([folder.path], folder.path)).files;
  } catch (error) {
    log(`PoolGuard could not list the files of ${folder.path}: ${error instanceof Error ? error.message : String(error)}`);
    return [];
  }
}

export async function lintWorkspace(context: WorkspaceLintContext): Promise<LintWorkspaceSummary> {
  const { progress, token } = context;
  progress.begin('PoolGuard: linting the workspace', 0, 'listing files', true);
  const work: { file: string; settings: Settings }[] = [];
  for (const folder of context.folders) {
    const settings = await context.settingsFor(folder.uri);
    if (!settings.enable) continue;
    for (const file of await filesOf(folder, context.log)) work.push({ file, settings });
  }

  let files = 0;
  let errors = 0;
  let warnings = 0;
  const isCancelled = (): boolean => token.isCancellationRequested || progress.token.isCancellationRequested;
  for (const [index, { file, settings }] of work.entries()) {
    if (isCancelled()) break;
    progress.report(Math.floor((index / work.length) * 100), `${index + 1}/${work.length} files`);
    const uri = fileUri(file);
    await yieldToEventLoop();
    if (context.isOpen(uri)) continue;
    let text: string;
    try {
      text = await fs.promises.readFile(file, 'utf8');
    } catch (error) {
      context.log(`PoolGuard could not read ${file}: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    // Opened while it was being read: the document's own lint wins.
    if (context.isOpen(uri)) continue;
    const lint = context.linter.lint({ uri, version: null, languageId: undefined, text, settings, generation: context.generation() });
    // `poolguard.ignore`: not part of the workspace for PoolGuard, so neither counted nor published.
    if (lint.skipped === 'ignored') continue;
    const diagnostics = context.mapper.toDiagnostics(TextDocument.create(uri, 'plaintext', 0, text), lint);
    files++;
    for (const diagnostic of diagnostics) {
      if (diagnostic.severity === DiagnosticSeverity.Error) errors++;
      else if (diagnostic.severity === DiagnosticSeverity.Warning) warnings++;
    }
    context.publish(uri, diagnostics);
  }
  const cancelled = isCancelled();
  progress.done();
  return { files, errors, warnings, cancelled };
}
