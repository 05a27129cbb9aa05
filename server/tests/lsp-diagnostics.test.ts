/**
 * Diagnostics over the real protocol: each rule's finding with its exact range, code, source, docs link, severity
 * and (for per-request constructions) the handler as related information; UTF-16 ranges; push for a push-only
 * client, pull (and no push) for a pull-capable one.
 */
import * as assert from 'node:assert/strict';

import { DiagnosticSeverity, DocumentDiagnosticReportKind, type Diagnostic, type FullDocumentDiagnosticReport } from 'vscode-languageserver-protocol';

import { PER_REQUEST_SOURCE } from './helpers/cli';
import { LspTestClient, uriOf } from './helpers/lsp-client';
import { docsUrl, IDLE_TIMEOUT, messageOf, PER_REQUEST, POOL_LIMIT, rangeOf } from './helpers/lsp-text';

/** The line of PER_REQUEST_SOURCE with the route. */
const ROUTE_LINE = PER_REQUEST_SOURCE.split('\n')[3] ?? '';

describe('lsp: diagnostics (push client)', function () {
  this.timeout(60_000);
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start();
  });
  after(async () => client.stop());

  it('does not offer pull diagnostics to a client that cannot pull', () => {
    assert.equal(client.initializeResult?.capabilities.diagnosticProvider, undefined);
    assert.equal(client.initializeResult?.serverInfo?.name, 'poolguard');
  });

  it('no-client-per-request: new Redis() in an Express route, with the handler as related information', async () => {
    const uri = uriOf('src/routes.ts');
    await client.open(uri, PER_REQUEST_SOURCE);
    const diagnostics = await client.diagnosticsOf(uri, 1);
    assert.equal(diagnostics.length, 1);
    const [diagnostic] = diagnostics as [Diagnostic];
    assert.match(messageOf(diagnostic), /^ioredis new Redis\(\) runs on every request: it is created inside the route handler GET \/ \(line 4\)/u);
    const handlerStart = ROUTE_LINE.indexOf('(req, res)');
    const handlerEnd = ROUTE_LINE.lastIndexOf('}') + 1;
    assert.deepEqual(diagnostic, {
      range: rangeOf(PER_REQUEST_SOURCE, 'new Redis()'),
      severity: DiagnosticSeverity.Error,
      source: 'poolguard',
      code: PER_REQUEST,
      codeDescription: { href: docsUrl(PER_REQUEST) },
      message: diagnostic.message,
      relatedInformation: [
        {
          location: { uri, range: { start: { line: 3, character: handlerStart }, end: { line: 3, character: handlerEnd } } },
          message: 'The route handler GET / runs this construction on every request.',
        },
      ],
      data: { version: 1, ruleId: PER_REQUEST, line: 4, column: ROUTE_LINE.indexOf('new Redis') + 1 },
    });
    assert.ok(diagnostic.codeDescription?.href.endsWith('/rules/docs/no-client-per-request.md'));
  });

  it('require-pool-limit: a warning on new Agent(), columns in UTF-16 code units after an emoji', async () => {
    const uri = uriOf('src/agent.ts');
    const text = "import { Agent } from 'undici';\nconst label = '🚀'; export const agent = new Agent();\n";
    await client.open(uri, text);
    const diagnostics = await client.diagnosticsOf(uri, 1);
    assert.deepEqual(
      diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.severity, diagnostic.range, diagnostic.codeDescription?.href, diagnostic.relatedInformation]),
      [[POOL_LIMIT, DiagnosticSeverity.Warning, rangeOf(text, 'new Agent()'), docsUrl(POOL_LIMIT), undefined]],
    );
    // '🚀' is two UTF-16 code units: `new` starts at character 41 of the line, not 40.
    assert.equal(diagnostics[0]?.range.start.character, 41);
  });

  it('require-idle-timeout: a warning covering the whole createPool() call, in a CRLF file', async () => {
    const uri = uriOf('src/mysql.ts');
    const text = "import mysql from 'mysql2';\r\n\r\nexport const pool = mysql.createPool({ host: 'db', connectionLimit: 5 });\r\n";
    await client.open(uri, text);
    const diagnostics = await client.diagnosticsOf(uri, 1);
    assert.deepEqual(
      diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.severity, diagnostic.range]),
      [[IDLE_TIMEOUT, DiagnosticSeverity.Warning, rangeOf(text, "mysql.createPool({ host: 'db', connectionLimit: 5 })")]],
    );
    assert.match(messageOf(diagnostics[0]), /^mysql2 createPool\(\) keeps idle connections open forever/u);
  });

  it('maps ESLint lines to LSP lines when the text has a U+2028 (a line break for ESLint only)', async () => {
    const uri = uriOf('src/separator.ts');
    const text = "import { Agent } from 'undici';\nconst s = 'a\u2028b'; export const agent = new Agent();\n";
    await client.open(uri, text);
    const [diagnostic] = await client.diagnosticsOf(uri, 1);
    // ESLint reports line 3; in the editor the construction is on line 1 (0-based).
    assert.deepEqual(diagnostic?.range, rangeOf(text, 'new Agent()'));
    assert.equal(diagnostic?.range.start.line, 1);
    assert.deepEqual(diagnostic?.data, { version: 1, ruleId: POOL_LIMIT, line: 3, column: 26 });
  });

  it('a file that does not parse gets one hint (not an error squiggle) with a visible range', async () => {
    const uri = uriOf('src/broken.ts');
    const text = "import { Pool } from 'pg';\nconst pool = new Pool(;\n";
    await client.open(uri, text);
    const diagnostics = await client.diagnosticsOf(uri, 1);
    assert.equal(diagnostics.length, 1);
    const [hint] = diagnostics as [Diagnostic];
    assert.equal(hint.severity, DiagnosticSeverity.Hint);
    assert.equal(hint.code, undefined);
    assert.match(messageOf(hint), /^PoolGuard could not check this file until it parses\. Parsing error: /u);
    assert.deepEqual(hint.range, rangeOf(text, ';', 1), 'the unexpected token');
  });

  it('a file without any catalogue import is answered with no diagnostics', async () => {
    const uri = uriOf('src/plain.ts');
    await client.open(uri, "import express from 'express';\nexport const app = express();\n");
    assert.deepEqual(await client.diagnosticsOf(uri, 1), []);
  });

  it('a JavaScript file and an untitled TypeScript document are linted too', async () => {
    const js = uriOf('src/agent.js');
    await client.open(js, "const { Agent } = require('undici');\nmodule.exports = new Agent();\n", 'javascript');
    assert.deepEqual((await client.diagnosticsOf(js, 1)).map((diagnostic) => diagnostic.code), [POOL_LIMIT]);
    const untitled = 'untitled:Untitled-1';
    await client.open(untitled, "import { Agent } from 'undici';\nconst a: Agent = new Agent();\n", 'typescript');
    assert.deepEqual((await client.diagnosticsOf(untitled, 1)).map((diagnostic) => diagnostic.code), [POOL_LIMIT]);
  });

  it('a document of another language is not linted', async () => {
    const uri = uriOf('src/data.json');
    await client.open(uri, '{ "pg": "new Pool()" }', 'json');
    assert.deepEqual(await client.diagnosticsOf(uri, 1), []);
  });

  it('closing a document clears its diagnostics', async () => {
    const uri = uriOf('src/closing.ts');
    await client.open(uri, PER_REQUEST_SOURCE);
    assert.equal((await client.diagnosticsOf(uri, 1)).length, 1);
    const since = client.diagnostics.items.length;
    await client.close(uri);
    assert.deepEqual(await client.waitForDiagnostics(uri, () => true, since), { uri, diagnostics: [] });
  });
});

describe('lsp: diagnostics (pull client)', function () {
  this.timeout(60_000);
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start({ pull: true });
  });
  after(async () => client.stop());

  it('declares a diagnostic provider without inter-file or workspace diagnostics', () => {
    assert.deepEqual(client.initializeResult?.capabilities.diagnosticProvider, {
      identifier: 'poolguard',
      interFileDependencies: false,
      workspaceDiagnostics: false,
    });
  });

  it('answers textDocument/diagnostic, reports unchanged for the same version, and never pushes', async () => {
    const uri = uriOf('src/pulled.ts');
    await client.open(uri, PER_REQUEST_SOURCE);
    const report = (await client.pull(uri)) as FullDocumentDiagnosticReport;
    assert.equal(report.kind, DocumentDiagnosticReportKind.Full);
    assert.deepEqual(
      report.items.map((diagnostic) => [diagnostic.code, diagnostic.range, diagnostic.data]),
      [[PER_REQUEST, rangeOf(PER_REQUEST_SOURCE, 'new Redis()'), { version: 1, ruleId: PER_REQUEST, line: 4, column: 40 }]],
    );
    assert.equal(report.items[0]?.relatedInformation?.length, 1);
    assert.equal(typeof report.resultId, 'string');

    assert.deepEqual(await client.pull(uri, report.resultId), { kind: DocumentDiagnosticReportKind.Unchanged, resultId: report.resultId });

    const fixed = PER_REQUEST_SOURCE.replace('new Redis()', 'null');
    await client.change(uri, 2, fixed);
    const after = (await client.pull(uri, report.resultId)) as FullDocumentDiagnosticReport;
    assert.equal(after.kind, DocumentDiagnosticReportKind.Full);
    assert.notEqual(after.resultId, report.resultId);
    assert.deepEqual(after.items, []);

    assert.deepEqual(
      client.diagnostics.items.filter((params) => params.uri === uri),
      [],
      'a pull client gets no pushed diagnostics for open documents',
    );
  });

  it('answers an empty report for a document it does not know', async () => {
    assert.deepEqual(await client.pull(uriOf('src/never-opened.ts')), { kind: DocumentDiagnosticReportKind.Full, items: [] });
  });
});
