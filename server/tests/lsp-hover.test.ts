/** Hover on a construction: the effective pool configuration (the findings are the editor's diagnostics hover). */
import * as assert from 'node:assert/strict';

import type { MarkupContent } from 'vscode-languageserver-protocol';

import { PER_REQUEST_SOURCE } from './helpers/cli';
import { LspTestClient, uriOf } from './helpers/lsp-client';
import { rangeOf } from './helpers/lsp-text';

describe('lsp: hover', function () {
  this.timeout(60_000);
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start();
  });
  after(async () => client.stop());

  it('describes a mysql2 pool option by option, without repeating the finding on it', async () => {
    const text = "import mysql from 'mysql2';\nexport const pool = mysql.createPool({ host: 'db', connectionLimit: 5 });\n";
    const uri = uriOf('src/hover-mysql.ts');
    await client.open(uri, text);
    await client.diagnosticsOf(uri, 1);
    const hover = await client.hover(uri, { line: 1, character: text.split('\n')[1]!.indexOf('createPool') + 3 });
    assert.ok(hover);
    assert.deepEqual(hover.range, rangeOf(text, "mysql.createPool({ host: 'db', connectionLimit: 5 })"));
    const contents = hover.contents as MarkupContent;
    assert.equal(contents.kind, 'markdown');
    const lines = contents.value.split('\n');
    assert.equal(lines[0], '**mysql2** `createPool()` — pool (lazy: no I/O until first use or `connect()`)');
    assert.ok(lines.includes('| `connectionLimit` | `5` | at most 5 connections |'), contents.value);
    assert.ok(lines.some((line) => line.startsWith('| `idleTimeout` |') && line.includes('**inert**')), contents.value);
    // The finding is there (the diagnostic the editor shows in the same hover), but not repeated in this text.
    assert.ok(!contents.value.includes('keeps idle connections open forever'), contents.value);
  });

  it('describes a single connection without an option table', async () => {
    const uri = uriOf('src/hover-redis.ts');
    await client.open(uri, PER_REQUEST_SOURCE);
    const range = rangeOf(PER_REQUEST_SOURCE, 'new Redis()');
    const hover = await client.hover(uri, { line: range.start.line, character: range.start.character + 5 });
    const value = (hover?.contents as MarkupContent | undefined)?.value ?? '';
    assert.ok(value.startsWith('**ioredis** `new Redis()` — single connection (eager: opens a connection as soon as it is built)'), value);
    assert.equal(
      value,
      '**ioredis** `new Redis()` — single connection (eager: opens a connection as soon as it is built)\n\nClose with `quit()` / `disconnect()` / `close()` / `destroy()`.',
    );
    assert.deepEqual(hover?.range, range);
  });

  it('has no hover outside a construction, on unknown callees, or in files without a catalogue import', async () => {
    const uri = uriOf('src/hover-none.ts');
    const text = "import { Pool } from './local';\nimport { Agent } from 'undici';\nexport const p = new Pool();\nexport const x = 1;\nexport const a = new Agent({ connections: 4 });\n";
    await client.open(uri, text);
    assert.equal(await client.hover(uri, { line: 2, character: 22 }), null, 'a local Pool is not a catalogue construction');
    assert.equal(await client.hover(uri, { line: 3, character: 14 }), null);
    const agent = await client.hover(uri, { line: 4, character: 22 });
    assert.match((agent?.contents as MarkupContent | undefined)?.value ?? '', /\| `connections` \| `4` \|/u);

    const plain = uriOf('src/hover-plain.ts');
    await client.open(plain, "import express from 'express';\nexport const app = express();\n");
    assert.equal(await client.hover(plain, { line: 1, character: 20 }), null);
  });
});
