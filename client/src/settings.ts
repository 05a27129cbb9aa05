/**
 * The few settings the client itself looks at. The server reads all of them on its own through
 * `workspace/configuration` (section `poolguard`), per resource, so nothing here is forwarded.
 */
import * as vscode from 'vscode';

import { SETTINGS_SECTION } from '../../server/src/lsp/protocol';

/** The configuration section: also the language client's id, which makes `poolguard.trace.server` its trace setting. */
export const SECTION = SETTINGS_SECTION;

/** `poolguard.enable` is resource-scoped: a folder may turn PoolGuard off while others keep it on. */
export function isEnabled(resource: vscode.Uri | undefined): boolean {
  return vscode.workspace.getConfiguration(SECTION, resource).get<boolean>('enable', true);
}
