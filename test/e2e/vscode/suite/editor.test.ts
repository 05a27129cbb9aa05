/**
 * PoolGuard in a real VS Code (extension host + workbench), through the API a user's editor goes through: every rule
 * on its fixture, the hoist quick fix, disable-line, fix-all on save, hover and live settings.
 * Positions are 0-based (the API's); the fixtures are in test/e2e/fixtures/workspace.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';

import * as vscode from 'vscode';

import {
  activateExtension,
  applyAction,
  codeActions,
  describeDiagnostic,
  openEditor,
  revertAndCloseAll,
  setWorkspaceSetting,
  waitForDiagnostics,
  workspaceUri,
  type SeenDiagnostic,
} from './helpers';
import { HOIST_TITLE, HOISTED_TEXT } from '../../lib/expected';

const DOCS = 'https://github.com/poolguard/poolguard/blob/main/rules/docs';

/** One finding per fixture: src/<rule>.ts shows <rule> and nothing else. */
const FINDINGS: ReadonlyArray<SeenDiagnostic & { rule: string }> = [
  { rule: 'poolguard/no-client-per-request', range: [6, 16, 6, 44], severity: 'error' },
  { rule: 'poolguard/require-pool-limit', range: [2, 21, 2, 60], severity: 'warning' },
  { rule: 'poolguard/require-idle-timeout', range: [2, 18, 2, 100], severity: 'warning' },
  { rule: 'poolguard/no-client-in-loop', range: [4, 19, 4, 57], severity: 'error' },
  { rule: 'poolguard/release-pooled-client', range: [5, 23, 5, 37], severity: 'error' },
  { rule: 'poolguard/no-shared-pool-close-in-handler', range: [8, 8, 8, 18], severity: 'error' },
];

const fixtureOf = (rule: string): string => `src/${rule.replace('poolguard/', '')}.ts`;
const nonEmpty = (diagnostics: vscode.Diagnostic[]): boolean => diagnostics.length > 0;
const empty = (diagnostics: vscode.Diagnostic[]): boolean => diagnostics.length === 0;


describe('PoolGuard in VS Code', function () {
  this.timeout(60_000);

  before(activateExtension);
  afterEach(revertAndCloseAll);

  for (const expected of FINDINGS) {
    it(`reports ${expected.rule} on ${fixtureOf(expected.rule)}`, async () => {
      const { document } = await openEditor(fixtureOf(expected.rule));
      const diagnostics = await waitForDiagnostics(document.uri, nonEmpty, 'waiting for the finding');
      assert.deepEqual(diagnostics.map(describeDiagnostic), [expected]);
      const [diagnostic] = diagnostics;
      assert.ok(diagnostic !== undefined && typeof diagnostic.code === 'object', 'the code links to the rule docs');
      assert.equal(diagnostic.code.target.toString(), `${DOCS}/${expected.rule.replace('poolguard/', '')}.md`);
    });
  }

  it('applies the preferred hoist quick fix and the finding goes away', async () => {
    const { document } = await openEditor('src/no-client-per-request.ts');
    const [diagnostic] = await waitForDiagnostics(document.uri, nonEmpty, 'waiting for the finding');
    assert.ok(diagnostic);
    const actions = await codeActions(document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix);
    const preferred = actions.filter((action) => action.isPreferred === true);
    assert.deepEqual(
      preferred.map((action) => action.title),
      [HOIST_TITLE],
    );
    await applyAction(preferred[0] as vscode.CodeAction);
    assert.equal(document.getText(), HOISTED_TEXT);
    await waitForDiagnostics(document.uri, empty, 'the finding should clear after the fix');
  });

  it('disables the rule for one line', async () => {
    const { document } = await openEditor('src/no-shared-pool-close-in-handler.ts');
    const [diagnostic] = await waitForDiagnostics(document.uri, nonEmpty, 'waiting for the finding');
    assert.ok(diagnostic);
    const actions = await codeActions(document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix);
    const disable = actions.find((action) => action.title === 'Disable poolguard/no-shared-pool-close-in-handler for this line');
    assert.ok(disable, `offered: ${actions.map((action) => action.title).join(' | ')}`);
    await applyAction(disable);
    assert.deepEqual(document.getText().split('\n').slice(7, 10), [
      "  const { rows } = await pool.query('select * from report');",
      '  // eslint-disable-next-line poolguard/no-shared-pool-close-in-handler',
      '  await pool.end();',
    ]);
    await waitForDiagnostics(document.uri, empty, 'the finding should clear after the disable comment');
  });

  it('describes the client on hover', async () => {
    const { document } = await openEditor('src/no-client-per-request.ts');
    await waitForDiagnostics(document.uri, nonEmpty, 'waiting for the finding');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      document.uri,
      new vscode.Position(6, 22), // on `Redis` of `new Redis({ host: 'cache' })`
    );
    const texts = hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value)));
    const ours = texts.filter((text) => text.includes('**ioredis**'));
    assert.deepEqual(ours, [
      '**ioredis** `new Redis()` — single connection (eager: opens a connection as soon as it is built)\n\n' +
        'Close with `quit()` / `disconnect()` / `close()` / `destroy()`.',
    ]);
  });

  it('follows changes of the poolguard settings without a reload', async () => {
    const { document } = await openEditor('src/no-client-per-request.ts');
    await waitForDiagnostics(document.uri, (d) => d.length === 1 && d[0]?.severity === vscode.DiagnosticSeverity.Error, 'error by default');
    try {
      await setWorkspaceSetting('poolguard', 'rules', { 'poolguard/no-client-per-request': 'warn' });
      await waitForDiagnostics(document.uri, (d) => d.length === 1 && d[0]?.severity === vscode.DiagnosticSeverity.Warning, 'warn after "warn"');
      await setWorkspaceSetting('poolguard', 'rules', { 'poolguard/no-client-per-request': 'off' });
      await waitForDiagnostics(document.uri, empty, 'no finding after "off"');
      await setWorkspaceSetting('poolguard', 'rules', undefined);
      await setWorkspaceSetting('poolguard', 'runtime', 'edge');
      await waitForDiagnostics(document.uri, empty, 'no per-request finding with runtime "edge"');
      await setWorkspaceSetting('poolguard', 'runtime', undefined);
      await setWorkspaceSetting('poolguard', 'enable', false);
      await waitForDiagnostics(document.uri, empty, 'nothing with poolguard.enable false');
    } finally {
      await setWorkspaceSetting('poolguard', 'rules', undefined);
      await setWorkspaceSetting('poolguard', 'runtime', undefined);
      await setWorkspaceSetting('poolguard', 'enable', undefined);
    }
    await waitForDiagnostics(document.uri, (d) => d.length === 1 && d[0]?.severity === vscode.DiagnosticSeverity.Error, 'back to the default');
  });

  it('fixes the file on save with editor.codeActionsOnSave source.fixAll.poolguard', async () => {
    const { document } = await openEditor('src/save.ts');
    // With the recommended settings pg's bounded defaults are fine; `requireExplicit` asks every pool to state them,
    // and those findings have safe autofixes (the library defaults, written out).
    await waitForDiagnostics(document.uri, empty, 'no finding with the recommended settings');
    try {
      await setWorkspaceSetting('poolguard', 'rules', {
        'poolguard/require-pool-limit': ['warn', { requireExplicit: true }],
        'poolguard/require-idle-timeout': ['warn', { requireExplicit: true }],
      });
      const found = await waitForDiagnostics(document.uri, (d) => d.length === 2, 'two requireExplicit findings');
      assert.deepEqual(found.map(describeDiagnostic), [
        { rule: 'poolguard/require-pool-limit', range: [2, 20, 2, 47], severity: 'warning' },
        { rule: 'poolguard/require-idle-timeout', range: [2, 20, 2, 47], severity: 'warning' },
      ]);
      await setWorkspaceSetting('editor', 'codeActionsOnSave', { 'source.fixAll.poolguard': 'explicit' });
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.files.save');
      const fixed = "import pg from 'pg';\n\nexport const pool = new pg.Pool({ host: 'db', max: 10, idleTimeoutMillis: 10000 });\n";
      assert.equal(document.getText(), fixed);
      assert.equal(document.isDirty, false, 'the fixes are part of the save');
      assert.equal(fs.readFileSync(workspaceUri('src/save.ts').fsPath, 'utf8'), fixed);
      await waitForDiagnostics(document.uri, empty, 'the findings should clear after the fixes');
    } finally {
      await setWorkspaceSetting('poolguard', 'rules', undefined);
      await setWorkspaceSetting('editor', 'codeActionsOnSave', undefined);
    }
  });
});
