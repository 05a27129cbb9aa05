/** What the in-editor tests do over and over, through the public `vscode` API only (as a user's editor does). */
import * as assert from 'node:assert/strict';

import * as vscode from 'vscode';

export const EXTENSION_ID = 'poolguard.poolguard-vscode';
const SOURCE = 'poolguard';

export function workspaceUri(relativePath: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the runner opens the fixture workspace');
  return vscode.Uri.joinPath(folder.uri, relativePath);
}

export async function activateExtension(): Promise<void> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is loaded`);
  await extension.activate();
}

export async function openEditor(relativePath: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(workspaceUri(relativePath));
  return vscode.window.showTextDocument(document);
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** PoolGuard's diagnostics on `uri` (the built-in TypeScript extension adds its own; they are not ours). */
export function poolguardDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === SOURCE);
}

/** Polls until PoolGuard's diagnostics on `uri` satisfy `done`; fails with what was last seen. */
export async function waitForDiagnostics(
  uri: vscode.Uri,
  done: (diagnostics: vscode.Diagnostic[]) => boolean,
  what: string,
  timeoutMs = 30_000,
): Promise<vscode.Diagnostic[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const diagnostics = poolguardDiagnostics(uri);
    if (done(diagnostics)) return diagnostics;
    if (Date.now() > deadline) {
      assert.fail(`${what}: still ${JSON.stringify(diagnostics.map(describeDiagnostic))} on ${uri.path} after ${timeoutMs} ms`);
    }
    await delay(100);
  }
}

export interface SeenDiagnostic {
  readonly rule: string | undefined;
  /** 0-based, as the API reports them. */
  readonly range: readonly [number, number, number, number];
  readonly severity: 'error' | 'warning' | 'information' | 'hint';
}

export function describeDiagnostic(diagnostic: vscode.Diagnostic): SeenDiagnostic {
  const { start, end } = diagnostic.range;
  const code = diagnostic.code;
  const rule = typeof code === 'object' ? String(code.value) : code === undefined ? undefined : String(code);
  const severities = ['error', 'warning', 'information', 'hint'] as const;
  return { rule, range: [start.line, start.character, end.line, end.character], severity: severities[diagnostic.severity] };
}

/**
 * `vscode.executeCodeActionProvider`, retried while the workbench is starting: the first calls are often rejected
 * with `Canceled` (other providers, such as the built-in TypeScript extension, are still coming up).
 */
export async function codeActions(uri: vscode.Uri, range: vscode.Range, kind?: vscode.CodeActionKind): Promise<vscode.CodeAction[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, kind?.value);
      return actions ?? [];
    } catch (error) {
      if (attempt >= 20 || !(error instanceof Error) || !/Canceled/u.test(error.message)) throw error;
      await delay(500);
    }
  }
}

export async function applyAction(action: vscode.CodeAction): Promise<void> {
  assert.ok(action.edit, `"${action.title}" carries its edit`);
  assert.equal(await vscode.workspace.applyEdit(action.edit), true, `"${action.title}" applies`);
}

/** Undoes unsaved test edits and closes every editor, so each test starts from the fixture as written. */
export async function revertAndCloseAll(): Promise<void> {
  for (const document of vscode.workspace.textDocuments) {
    if (!document.isDirty) continue;
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Writes a setting to the workspace (`.vscode/settings.json`), as the Settings editor does; `undefined` removes it. */
export async function setWorkspaceSetting(section: string, key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration(section).update(key, value, vscode.ConfigurationTarget.Workspace);
}
