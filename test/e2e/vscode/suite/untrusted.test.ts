/**
 * Restricted Mode: the runner opens the workspace with workspace trust on and never trusts it. PoolGuard declares
 * `untrustedWorkspaces: { supported: true }` — it runs nothing from the workspace — so it must still lint.
 */
import * as assert from 'node:assert/strict';

import * as vscode from 'vscode';

import { activateExtension, describeDiagnostic, openEditor, waitForDiagnostics } from './helpers';

describe('PoolGuard in an untrusted workspace', function () {
  this.timeout(60_000);

  before(activateExtension);

  it('runs in Restricted Mode', () => {
    assert.equal(vscode.workspace.isTrusted, false, 'the runner opens the folder untrusted');
  });

  it('still reports findings', async () => {
    const { document } = await openEditor('src/no-client-per-request.ts');
    const diagnostics = await waitForDiagnostics(document.uri, (d) => d.length > 0, 'waiting for the finding');
    assert.deepEqual(diagnostics.map(describeDiagnostic), [
      { rule: 'poolguard/no-client-per-request', range: [6, 16, 6, 44], severity: 'error' },
    ]);
  });
});
