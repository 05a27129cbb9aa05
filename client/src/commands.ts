/** The extension's commands (contributed in the root `package.json`, category "PoolGuard"). */
import * as vscode from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';

import { ServerCommands, type LintWorkspaceSummary } from '../../server/src/lsp/protocol';
import { plural } from './format';

export const Commands = {
  lintWorkspace: 'poolguard.lintWorkspace',
  showOutput: 'poolguard.showOutput',
  restartServer: 'poolguard.restartServer',
} as const;

export function registerCommands(client: LanguageClient, output: vscode.OutputChannel): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(Commands.showOutput, () => output.show()),
    vscode.commands.registerCommand(Commands.lintWorkspace, () => lintWorkspace(client)),
    vscode.commands.registerCommand(Commands.restartServer, () => restartServer(client)),
  ];
}

/**
 * Runs the server's `poolguard.server.lintWorkspace`, which publishes the diagnostics and reports its own progress.
 * The request is sent directly rather than through the VS Code command the client registers for the server's
 * command: that one exists only while the server runs, and "command not found" would be a poor message.
 */
async function lintWorkspace(client: LanguageClient): Promise<void> {
  if (!client.isRunning()) {
    void vscode.window.showWarningMessage('PoolGuard: the language server is not running.');
    return;
  }
  const summary = (await client.sendRequest(ExecuteCommandRequest.type, {
    command: ServerCommands.lintWorkspace,
    arguments: [],
  })) as LintWorkspaceSummary | null;
  if (summary === null) return;
  const outcome = `${plural(summary.files, 'file')} linted: ${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}`;
  void vscode.window.showInformationMessage(`PoolGuard: ${summary.cancelled ? 'cancelled after ' : ''}${outcome}.`);
}

async function restartServer(client: LanguageClient): Promise<void> {
  try {
    // `restart()` stops first, and stopping a client that never got running throws; start it instead.
    await (client.isRunning() ? client.restart() : client.start());
  } catch (error) {
    client.error('Restarting the PoolGuard language server failed', error, 'force');
  }
}
