/**
 * The PoolGuard VS Code extension: starts the bundled language server, which does all the linting, and adds a
 * status item and three commands. Activated by the manifest's `onLanguage` events for JS/TS.
 */
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';

import { createLanguageClient } from './client';
import { Commands, registerCommands } from './commands';
import { StatusItem, type ServerState } from './status';

let client: LanguageClient | undefined;

export function activate(context: vscode.ExtensionContext): void {
  const output = vscode.window.createOutputChannel('PoolGuard', { log: true });
  const status = new StatusItem(Commands.showOutput);
  client = createLanguageClient(context, output);
  context.subscriptions.push(
    output,
    status,
    client.onDidChangeState(({ newState }) => status.setState(stateName(newState))),
    ...registerCommands(client, output),
  );

  // On failure the client has already logged why (and told the user); the status item then points at the output.
  client.start().catch(() => status.setState('error'));
}

export function deactivate(): Thenable<void> | undefined {
  // Stopping a client that is not running (it failed to start) throws, and there is nothing to stop.
  return client?.needsStop() ? client.stop() : undefined;
}

function stateName(state: State): ServerState {
  switch (state) {
    case State.Starting:
      return 'starting';
    case State.Running:
      return 'running';
    case State.StartFailed:
      return 'error';
    case State.Stopped:
      return 'stopped';
  }
}
