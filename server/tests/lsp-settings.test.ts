/**
 * Settings (`poolguard.*`) pulled per document with `workspace/configuration`, cached until
 * `workspace/didChangeConfiguration`, which re-lints open documents (push) or asks a pull client to refresh.
 */
import * as assert from 'node:assert/strict';

import { DiagnosticSeverity, MessageType, type FullDocumentDiagnosticReport } from 'vscode-languageserver-protocol';

import { PER_REQUEST_SOURCE } from './helpers/cli';
import { LspTestClient, uriOf } from './helpers/lsp-client';
import { PER_REQUEST } from './helpers/lsp-text';

const EDGE_ROUTE = "import { Pool } from 'pg';\nexport const runtime = 'edge';\nexport async function GET() {\n  const pool = new Pool();\n  return Response.json(await pool.query('select 1'));\n}\n";
const FACTORY_ROUTE = "import express from 'express';\nimport { createDb } from './db';\nconst app = express();\napp.get('/', async (req, res) => { const db = createDb(); res.send(await db.q()); });\n";

describe('lsp: settings (push client)', function () {
  this.timeout(60_000);
  let client: LspTestClient;
  let settings: unknown = {};
  const folder = { uri: uriOf('.'), name: 'project' };
  before(async () => {
    client = await LspTestClient.start({ settings: () => settings, workspaceFolders: [folder] });
  });
  after(async () => client.stop());

  /** Changes the settings the client answers with, notifies, and waits for the re-lint of `uri`. */
  async function reconfigure(next: unknown, uri: string, version: number): Promise<{ severity: DiagnosticSeverity | undefined; code: unknown }[]> {
    settings = next;
    const since = client.diagnostics.items.length;
    const asked = client.configurationRequests.items.length;
    await client.changeConfiguration();
    await client.configurationRequests.waitFor((scopes) => scopes.includes(uri), asked, 15_000, `workspace/configuration for ${uri}`);
    const params = await client.waitForDiagnostics(uri, (published) => published.version === version, since);
    return params.diagnostics.map((diagnostic) => ({ severity: diagnostic.severity, code: diagnostic.code }));
  }

  it('reads the poolguard section per document, and re-lints with a changed severity, then with the rule off', async () => {
    const uri = uriOf('src/settings.ts');
    await client.open(uri, PER_REQUEST_SOURCE);
    assert.deepEqual((await client.diagnosticsOf(uri, 1)).map((diagnostic) => diagnostic.severity), [DiagnosticSeverity.Error]);
    assert.ok(client.configurationRequests.items.some((scopes) => scopes.includes(uri)), 'asked with the document as scope');

    assert.deepEqual(await reconfigure({ rules: { 'no-client-per-request': 'warn' } }, uri, 1), [{ severity: DiagnosticSeverity.Warning, code: PER_REQUEST }]);
    assert.deepEqual(await reconfigure({ rules: { [PER_REQUEST]: 'off' } }, uri, 1), []);
    assert.deepEqual(await reconfigure({ rules: { [PER_REQUEST]: 2 } }, uri, 1), [{ severity: DiagnosticSeverity.Error, code: PER_REQUEST }]);
    assert.deepEqual(await reconfigure({ enable: false }, uri, 1), []);
    assert.deepEqual(await reconfigure({}, uri, 1), [{ severity: DiagnosticSeverity.Error, code: PER_REQUEST }]);
  });

  it('ignore globs are relative to the workspace folder', async () => {
    const uri = uriOf('generated/client.ts');
    settings = {};
    await client.open(uri, PER_REQUEST_SOURCE);
    assert.equal((await client.diagnosticsOf(uri, 1)).length, 1);
    assert.deepEqual(await reconfigure({ ignore: ['generated/'] }, uri, 1), []);
    assert.deepEqual(await reconfigure({ ignore: ['*.js'] }, uri, 1), [{ severity: DiagnosticSeverity.Error, code: PER_REQUEST }]);
  });

  it('runtime: edge modules are exempt under auto; node reports them; edge exempts every module', async () => {
    settings = {};
    const route = uriOf('app/api/users/route.ts');
    await client.open(route, EDGE_ROUTE);
    assert.deepEqual(await client.diagnosticsOf(route, 1), []);
    assert.deepEqual(await reconfigure({ runtime: 'node' }, route, 1), [{ severity: DiagnosticSeverity.Error, code: PER_REQUEST }]);

    const express = uriOf('src/runtime-express.ts');
    await client.open(express, PER_REQUEST_SOURCE);
    assert.equal((await client.diagnosticsOf(express, 1)).length, 1);
    assert.deepEqual(await reconfigure({ runtime: 'edge' }, express, 1), []);
  });

  it('clientFactories: a declared factory called in a handler is a per-request construction', async () => {
    settings = {};
    const uri = uriOf('src/factory.ts');
    await client.open(uri, FACTORY_ROUTE);
    assert.deepEqual(await client.diagnosticsOf(uri, 1), [], 'unknown callees are never guessed at');
    assert.deepEqual(await reconfigure({ clientFactories: [{ module: './db', name: 'createDb', kind: 'pool' }] }, uri, 1), [
      { severity: DiagnosticSeverity.Error, code: PER_REQUEST },
    ]);
  });

  it('an invalid value falls back to its default and is logged once; valid values still apply', async () => {
    const uri = uriOf('src/invalid-settings.ts');
    await client.open(uri, PER_REQUEST_SOURCE);
    await client.diagnosticsOf(uri, 1);
    const logged = client.logs.items.length;
    const invalid = {
      enable: 'yes',
      debounceMs: -5,
      runtime: 'deno',
      rules: { 'no-such-rule': 'error', 'require-pool-limit': ['warn', { requireExplicit: 'very' }], [PER_REQUEST]: 'warn' },
    };
    assert.deepEqual(await reconfigure(invalid, uri, 1), [{ severity: DiagnosticSeverity.Warning, code: PER_REQUEST }]);
    const warnings = client.logs.items.slice(logged).filter((log) => log.type === MessageType.Warning).map((log) => log.message);
    for (const expected of [/poolguard\.enable must be a boolean/u, /poolguard\.debounceMs must be a number/u, /poolguard\.runtime must be one of/u, /unknown rule 'no-such-rule'/u, /invalid options for 'require-pool-limit'/u]) {
      assert.equal(warnings.filter((message) => expected.test(message)).length, 1, `${String(expected)} in ${JSON.stringify(warnings)}`);
    }
  });
});

describe('lsp: settings (pull client; client without workspace/configuration)', function () {
  this.timeout(60_000);

  it('a pull client is asked to refresh, and its next pull uses the new settings', async () => {
    let settings: unknown = {};
    const client = await LspTestClient.start({ pull: true, settings: () => settings });
    try {
      const uri = uriOf('src/pull-settings.ts');
      await client.open(uri, PER_REQUEST_SOURCE);
      const before = (await client.pull(uri)) as FullDocumentDiagnosticReport;
      assert.deepEqual(before.items.map((diagnostic) => diagnostic.severity), [DiagnosticSeverity.Error]);
      settings = { rules: { [PER_REQUEST]: 'warn' } };
      await client.changeConfiguration();
      await client.refreshes.waitFor(() => true, 0, 15_000, 'workspace/diagnostic/refresh');
      const after = (await client.pull(uri, before.resultId)) as FullDocumentDiagnosticReport;
      assert.equal(after.kind, 'full');
      assert.deepEqual(after.items.map((diagnostic) => diagnostic.severity), [DiagnosticSeverity.Warning]);
    } finally {
      await client.stop();
    }
  });

  it('a client that cannot answer workspace/configuration configures through didChangeConfiguration', async () => {
    const client = await LspTestClient.start({ configuration: false });
    try {
      const uri = uriOf('src/push-model.ts');
      await client.open(uri, PER_REQUEST_SOURCE);
      assert.equal((await client.diagnosticsOf(uri, 1)).length, 1);
      const since = client.diagnostics.items.length;
      await client.changeConfiguration({ poolguard: { rules: { [PER_REQUEST]: 'off' } } });
      assert.deepEqual((await client.waitForDiagnostics(uri, () => true, since)).diagnostics, []);
      assert.deepEqual(client.configurationRequests.items, [], 'never asked');
    } finally {
      await client.stop();
    }
  });
});
