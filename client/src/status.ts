/**
 * The status bar item: how many PoolGuard findings the workspace has, or why there are none to show (disabled,
 * server starting, server failed). Clicking it opens the PoolGuard output.
 */
import * as vscode from 'vscode';

import { DIAGNOSTIC_SOURCE } from '../../server/src/lsp/protocol';
import { plural } from './format';
import { isEnabled } from './settings';

/** The language client's lifecycle as the status item shows it. */
export type ServerState = 'starting' | 'running' | 'stopped' | 'error';

export class StatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('poolguard.status', vscode.StatusBarAlignment.Right, 100);
  private readonly listeners: vscode.Disposable[];
  private state: ServerState = 'starting';
  /** Diagnostics change in bursts (every keystroke in every open file); counting once per burst is enough. */
  private pending: NodeJS.Timeout | undefined;

  constructor(showOutputCommand: string) {
    this.item.name = 'PoolGuard';
    this.item.command = showOutputCommand;
    this.listeners = [
      vscode.languages.onDidChangeDiagnostics(() => this.scheduleUpdate()),
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('poolguard.enable')) this.update();
      }),
    ];
    this.update();
    this.item.show();
  }

  setState(state: ServerState): void {
    this.state = state;
    this.update();
  }

  dispose(): void {
    clearTimeout(this.pending);
    for (const listener of this.listeners) listener.dispose();
    this.item.dispose();
  }

  private scheduleUpdate(): void {
    if (this.pending !== undefined) return;
    this.pending = setTimeout(() => {
      this.pending = undefined;
      this.update();
    }, 100);
  }

  private update(): void {
    const item = this.item;
    item.backgroundColor = undefined;
    if (!isEnabled(vscode.window.activeTextEditor?.document.uri)) {
      item.text = '$(circle-slash) PoolGuard: disabled';
      item.tooltip = 'PoolGuard is disabled for this file (`poolguard.enable`). Click to show the output.';
    } else if (this.state === 'error') {
      item.text = '$(error) PoolGuard: error';
      item.tooltip = 'The PoolGuard language server failed to start. Click to show the output.';
      item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
    } else if (this.state === 'stopped') {
      item.text = '$(debug-stop) PoolGuard: stopped';
      item.tooltip = 'The PoolGuard language server is not running. Run "PoolGuard: Restart Server" to start it.';
    } else if (this.state === 'starting') {
      item.text = '$(sync~spin) PoolGuard';
      item.tooltip = 'The PoolGuard language server is starting.';
    } else {
      const { errors, warnings } = countFindings();
      const total = errors + warnings;
      item.text = `${total === 0 ? '$(check)' : '$(warning)'} PoolGuard: ${total}`;
      item.tooltip =
        `${plural(total, 'PoolGuard finding')} in the workspace (${plural(errors, 'error')}, ` +
        `${plural(warnings, 'warning')}). Click to show the output.`;
    }
  }
}

/**
 * Counts over every document VS Code holds diagnostics for: open files and the ones "Lint Workspace" visited. Only
 * errors and warnings are findings; the server reports a file that does not parse as a hint, which is not one.
 */
function countFindings(): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const [, diagnostics] of vscode.languages.getDiagnostics()) {
    for (const diagnostic of diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
      if (diagnostic.severity === vscode.DiagnosticSeverity.Error) errors++;
      else if (diagnostic.severity === vscode.DiagnosticSeverity.Warning) warnings++;
    }
  }
  return { errors, warnings };
}
