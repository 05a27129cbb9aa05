/** Creates the language client for the bundled server (`dist/server.js`, next to `dist/extension.js`). */
import * as vscode from 'vscode';
import {
  LanguageClient,
  RevealOutputChannelOn,
  TransportKind,
  type DocumentFilter,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';

import { SECTION } from './settings';

const LANGUAGES = ['javascript', 'javascriptreact', 'typescript', 'typescriptreact'] as const;

/** Saved files and new, unsaved editors; not virtual file systems (the manifest declares `virtualWorkspaces: false`). */
export const DOCUMENT_SELECTOR: DocumentFilter[] = LANGUAGES.flatMap((language) => [
  { scheme: 'file', language },
  { scheme: 'untitled', language },
]);

export function createLanguageClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    // Launching the extension under the debugger starts the server with an inspector to attach to.
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    // One channel for the server's log and the protocol trace, so `poolguard.showOutput` shows everything.
    outputChannel: output,
    traceOutputChannel: output,
    // Findings are shown as diagnostics; a server log line must never steal the focus.
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    // No `synchronize.configurationSection`: the server pulls its settings (`workspace/configuration`) and registers
    // for `didChangeConfiguration` on `poolguard` itself, which is how changes apply without a reload. The
    // (deprecated) push option would add a second listener, and every change would be sent, and re-linted, twice.
  };
  return new LanguageClient(SECTION, 'PoolGuard', serverOptions, clientOptions);
}
