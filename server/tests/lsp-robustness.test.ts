/**
 * The server under pressure: bursts of changes (only the last version is linted and published, and it always is),
 * cancelled pulls, a crashing rule (through the test hook), and input that does not parse, is huge, or is garbage —
 * none of which may kill the server.
 */
import * as assert from 'node:assert/strict';

import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import { DiagnosticSeverity, MessageType, type FullDocumentDiagnosticReport } from 'vscode-languageserver-protocol';

import { PER_REQUEST_SOURCE } from './helpers/cli';
import { LspTestClient, uriOf } from './helpers/lsp-client';
import { messageOf, PER_REQUEST, rangeOf } from './helpers/lsp-text';

/** A text with `count` findings of no-client-per-request (one route each). */
function routes(count: number): string {
  const lines = ["import express from 'express';", "import Redis from 'ioredis';", 'const app = express();'];
  for (let index = 0; index < count; index++) lines.push(`app.get('/${index}', (req, res) => { const r = new Redis(); res.send('ok'); });`);
  return `${lines.join('\n')}\n`;
}

describe('lsp: debounce and stale versions', function () {
  this.timeout(60_000);

  it('a burst of changes publishes only the last version’s diagnostics, and those arrive', async () => {
    // The burst takes a few milliseconds; 500 ms of debounce leaves a wide margin on a slow machine.
    const client = await LspTestClient.start({ settings: () => ({ debounceMs: 500 }) });
    try {
      const uri = uriOf('src/burst.ts');
      await client.open(uri, routes(1));
      assert.equal((await client.diagnosticsOf(uri, 1)).length, 1, 'an opened document is linted at once');
      const since = client.diagnostics.items.length;
      const last = 31;
      for (let version = 2; version <= last; version++) await client.change(uri, version, routes(version % 4));
      const final = await client.diagnosticsOf(uri, last, since);
      assert.equal(final.length, last % 4);
      const published = client.diagnostics.items.slice(since).filter((params) => params.uri === uri);
      assert.deepEqual(
        published.map((params) => params.version),
        [last],
        'no diagnostics for an intermediate version',
      );
    } finally {
      await client.stop();
    }
  });

  it('a cancelled pull is answered as cancelled; the next pull reports the latest version', async () => {
    const client = await LspTestClient.start({ pull: true, settings: () => ({ debounceMs: 300 }) });
    try {
      const uri = uriOf('src/cancel.ts');
      await client.open(uri, routes(1));
      await client.change(uri, 2, routes(2));
      const source = new CancellationTokenSource();
      const first = client.pull(uri, undefined, source);
      await client.change(uri, 3, routes(3));
      source.cancel();
      await assert.rejects(first, /cancel/iu);
      const report = (await client.pull(uri)) as FullDocumentDiagnosticReport;
      assert.equal(report.items.length, 3);
      assert.ok(report.items.every((diagnostic) => (diagnostic.data as { version: number }).version === 3));
    } finally {
      await client.stop();
    }
  });

  it('partial input while typing (debounce 0: every keystroke linted) ends with the final findings', async () => {
    const client = await LspTestClient.start({ settings: () => ({ debounceMs: 0 }) });
    try {
      const uri = uriOf('src/typing.ts');
      await client.open(uri, '');
      let version = 1;
      for (let end = 5; end < PER_REQUEST_SOURCE.length; end += 5) await client.change(uri, ++version, PER_REQUEST_SOURCE.slice(0, end));
      await client.change(uri, ++version, PER_REQUEST_SOURCE);
      const final = await client.diagnosticsOf(uri, version);
      assert.deepEqual(final.map((diagnostic) => [diagnostic.code, diagnostic.range]), [[PER_REQUEST, rangeOf(PER_REQUEST_SOURCE, 'new Redis()')]]);
    } finally {
      await client.stop();
    }
  });
});

describe('lsp: a crashing rule (POOLGUARD_TEST_CRASH_RULE test hook)', function () {
  this.timeout(60_000);

  it('is logged once, shows no diagnostic, leaves the other findings, and the server keeps serving', async () => {
    const client = await LspTestClient.start({ env: { POOLGUARD_TEST_CRASH_RULE: '1' } });
    try {
      const uri = uriOf('src/crash.ts');
      const text = `${PER_REQUEST_SOURCE}export const __poolguardTestCrash__ = 1;\n`;
      await client.open(uri, text);
      const diagnostics = await client.diagnosticsOf(uri, 1);
      assert.deepEqual(diagnostics.map((diagnostic) => diagnostic.code), [PER_REQUEST], 'only the real finding');
      const crashLog = await client.logs.waitFor((log) => log.message.includes('poolguard/test-crash'), 0, 15_000, 'the crash log');
      assert.equal(crashLog.type, MessageType.Error);
      assert.match(crashLog.message, /Rule poolguard\/test-crash crashed and was skipped for this file: test-crash rule exploded/u);

      await client.change(uri, 2, `${text}// still crashing\n`);
      assert.equal((await client.diagnosticsOf(uri, 2)).length, 1);
      assert.equal(client.logs.items.filter((log) => log.message.includes('poolguard/test-crash')).length, 1, 'logged once per document');

      const hover = await client.hover(uri, rangeOf(text, 'new Redis()').start);
      assert.ok(hover !== null, 'still answering');
    } finally {
      await client.stop();
    }
  });

  it('is inert without the variable: the rule does not exist', async () => {
    const client = await LspTestClient.start();
    try {
      const uri = uriOf('src/no-crash.ts');
      await client.open(uri, `${PER_REQUEST_SOURCE}export const __poolguardTestCrash__ = 1;\n`);
      assert.equal((await client.diagnosticsOf(uri, 1)).length, 1);
      assert.ok(!client.logs.items.some((log) => log.message.includes('test-crash')));
    } finally {
      await client.stop();
    }
  });
});

describe('lsp: input that must not kill the server', function () {
  this.timeout(60_000);
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start();
  });
  after(async () => client.stop());

  /** The proof of life: a request on a normal document is answered. */
  async function assertAlive(): Promise<void> {
    const uri = uriOf('src/alive.ts');
    await client.open(uri, PER_REQUEST_SOURCE);
    const hover = await client.hover(uri, rangeOf(PER_REQUEST_SOURCE, 'new Redis()').start);
    assert.ok(hover !== null);
    await client.close(uri);
    assert.ok(client.alive, client.serverStderr);
  }

  it('a 50k-line document is linted, with the finding at its end in the right place', async () => {
    const body = Array.from({ length: 50_000 }, (_, index) => `const v${index} = ${index};`).join('\n');
    const text = `${PER_REQUEST_SOURCE}${body}\napp.get('/late', (req, res) => { const late = new Redis(); res.send('ok'); });\n`;
    const uri = uriOf('src/huge.ts');
    await client.open(uri, text);
    const diagnostics = await client.diagnosticsOf(uri, 1, 0);
    assert.deepEqual(
      diagnostics.map((diagnostic) => diagnostic.range),
      [rangeOf(text, 'new Redis()', 0), rangeOf(text, 'new Redis()', 1)],
    );
    assert.equal(diagnostics[1]?.range.start.line, 50_004);
    await assertAlive();
  });

  it('deeply nested input (too deep for the parser) is a parse hint, not a crash', async () => {
    const uri = uriOf('src/deep.ts');
    await client.open(uri, `import { Pool } from 'pg';\nexport const x = ${'['.repeat(5000)}${']'.repeat(5000)};\nnew Pool();\n`);
    const diagnostics = await client.diagnosticsOf(uri, 1);
    assert.deepEqual(diagnostics.map((diagnostic) => diagnostic.severity), [DiagnosticSeverity.Hint]);
    await assertAlive();
  });

  it('garbage text (NUL, lone surrogates, control characters, binary) is survived', async () => {
    let seed = 42;
    const random = (): number => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const garbage = Array.from({ length: 20_000 }, () => String.fromCharCode(Math.floor(random() * 0xffff))).join('');
    for (const [index, text] of [`import 'pg';\n${garbage}`, `'pg'\u0000\ud800\udfff\u0007${garbage}`, "import { Pool } from 'pg';\n\u0000new Pool(\ud83d"].entries()) {
      const uri = uriOf(`src/garbage-${index}.ts`);
      await client.open(uri, text);
      const diagnostics = await client.diagnosticsOf(uri, 1);
      assert.ok(diagnostics.every((diagnostic) => diagnostic.severity === DiagnosticSeverity.Hint), messageOf(diagnostics[0]));
    }
    await assertAlive();
  });

  it('malformed and unexpected requests are answered, not fatal', async () => {
    const connection = client.connection;
    assert.equal(await connection.sendRequest('textDocument/hover', {}), null);
    assert.deepEqual(await connection.sendRequest('textDocument/codeAction', { textDocument: { uri: 'file:///nowhere.ts' }, range: null, context: { diagnostics: [] } }), []);
    assert.deepEqual(await connection.sendRequest('textDocument/codeAction', { textDocument: { uri: 42 }, context: null }), []);
    const bogus = { title: 'x', data: { kind: 'fixAll', uri: 'file:///nowhere.ts', version: 1, mode: 'preferred' } };
    assert.deepEqual(await connection.sendRequest('codeAction/resolve', bogus), bogus);
    await assert.rejects(connection.sendRequest('workspace/executeCommand', { command: 'poolguard.nope' }), /unknown command/u);
    await connection.sendNotification('textDocument/didChange', { textDocument: { uri: 'file:///never-opened.ts', version: 3 }, contentChanges: [{ text: 'x' }] });
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: 'not a uri at all', languageId: 'typescript', version: 1, text: PER_REQUEST_SOURCE } });
    await assertAlive();
  });
});
