/**
 * The server under concurrent traffic: many documents edited at once, out-of-order versions, a close or a settings
 * change while a lint is pending (also while the settings request is still unanswered), cancelled pulls, code
 * actions and workspace lints.
 *
 * The invariants, checked on every publication:
 * - per document, published versions never go backwards, and the last publication is for the latest version;
 * - a publication for version v shows exactly the findings of v's text (never another version's, never another
 *   document's), and every diagnostic's `data.version` is v;
 * - after a close, the one thing published for the document is the clearing (empty, version-less) publication;
 * - nothing is logged as an error, the server's stderr stays clean, and it still answers correctly at the end.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import {
  ConfigurationRequest,
  DiagnosticSeverity,
  ExecuteCommandRequest,
  MessageType,
  type Diagnostic,
  type FullDocumentDiagnosticReport,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol';

import { FIX_ALL_KIND, ServerCommands, type LintWorkspaceSummary } from '../src/lsp/protocol';
import { makeTree, PER_REQUEST_SOURCE, removeTrees } from './helpers/cli';
import { seededRandom } from './helpers/hostile-inputs';
import { LspTestClient, uriOf } from './helpers/lsp-client';
import { PER_REQUEST, rangeOf } from './helpers/lsp-text';

const WAIT_MS = 60_000;

/** A text with `count` findings of no-client-per-request; `tag` makes every version's text distinct. */
function routes(count: number, tag = ''): string {
  const lines = [`// ${tag}`, "import express from 'express';", "import Redis from 'ioredis';", 'const app = express();'];
  for (let index = 0; index < count; index++) lines.push(`app.get('/${index}', (req, res) => { const r = new Redis(); res.send('ok'); });`);
  return `${lines.join('\n')}\n`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function publicationsOf(client: LspTestClient, uri: string, since = 0): PublishDiagnosticsParams[] {
  return client.diagnostics.items.slice(since).filter((params) => params.uri === uri);
}

function dataVersion(diagnostic: Diagnostic): unknown {
  return (diagnostic.data as { version?: unknown } | undefined)?.version;
}

/**
 * Every publication for `uri` since `since` (up to its clearing publication, if any): versions never go backwards,
 * each shows exactly the findings `expected` gives for its version (same count, each `data.version` equal to it).
 */
function assertPublications(client: LspTestClient, uri: string, expected: ReadonlyMap<number, number>, since = 0): PublishDiagnosticsParams[] {
  const published = publicationsOf(client, uri, since).filter((params) => params.version !== undefined);
  let previous = -Infinity;
  for (const params of published) {
    const version = params.version ?? -1;
    assert.ok(version >= previous, `${uri}: version ${version} published after ${previous}`);
    previous = version;
    assert.ok(expected.has(version), `${uri}: published version ${version}, which was never sent`);
    assert.equal(params.diagnostics.length, expected.get(version), `${uri} v${version}: the findings of another text`);
    assert.ok(params.diagnostics.every((diagnostic) => diagnostic.code === PER_REQUEST && dataVersion(diagnostic) === version), `${uri} v${version}`);
  }
  return published;
}

/** No error, exception or stack trace in the server's log messages or stderr; returns the warnings. */
function assertCleanLogs(client: LspTestClient): string[] {
  const bad = client.logs.items.filter((log) => log.type === MessageType.Error || /error|exception|\n\s+at /iu.test(log.message));
  assert.deepEqual(bad, [], 'the server logged errors');
  assert.doesNotMatch(client.serverStderr, /error|exception|\n\s+at /iu);
  return client.logs.items.filter((log) => log.type === MessageType.Warning).map((log) => log.message);
}

/** The proof of life: a fresh document gets exactly its one correct diagnostic, and a hover. */
async function assertResponsive(client: LspTestClient, name: string): Promise<void> {
  assert.ok(client.alive, client.serverStderr);
  const uri = uriOf(`src/alive-${name}.ts`);
  const since = client.diagnostics.items.length;
  await client.open(uri, PER_REQUEST_SOURCE);
  if (client.initializeResult?.capabilities.diagnosticProvider !== undefined) {
    const report = (await client.pull(uri)) as FullDocumentDiagnosticReport;
    assert.deepEqual(report.items.map((diagnostic) => [diagnostic.code, diagnostic.range]), [[PER_REQUEST, rangeOf(PER_REQUEST_SOURCE, 'new Redis()')]]);
  } else {
    const { diagnostics } = await client.waitForDiagnostics(uri, (params) => params.version === 1, since, WAIT_MS);
    assert.deepEqual(diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.range]), [[PER_REQUEST, rangeOf(PER_REQUEST_SOURCE, 'new Redis()')]]);
  }
  assert.ok((await client.hover(uri, rangeOf(PER_REQUEST_SOURCE, 'new Redis()').start)) !== null);
  await client.close(uri);
}

/**
 * Answers `workspace/configuration` after `delayMs`, with the settings current when the request arrived (as an editor
 * does): widens every window in which a settings change or a close can overtake a lint waiting for its settings.
 */
function answerConfigurationSlowly(client: LspTestClient, delayMs: number): void {
  client.connection.onRequest(ConfigurationRequest.type, async (params) => {
    const answer = params.items.map((item) => (item.section === 'poolguard' ? client.settings(item.scopeUri) : null));
    await sleep(delayMs);
    return answer;
  });
}

describe('lsp concurrency: many documents edited at once', function () {
  this.timeout(180_000);

  it('20 documents × 30 interleaved edits (debounce 0, 15 and 60 ms): in-order, correct publications, the last for the last version', async () => {
    const documents = 20;
    const edits = 30;
    const uris = Array.from({ length: documents }, (_, index) => uriOf(`src/many-${index}.ts`));
    const debounceOf = (uri: string | undefined): number => [0, 15, 60][uris.indexOf(uri ?? '') % 3] ?? 0;
    const client = await LspTestClient.start({ settings: (scopeUri) => ({ debounceMs: debounceOf(scopeUri) }) });
    try {
      const random = seededRandom(7);
      const expected = new Map(uris.map((uri) => [uri, new Map<number, number>()]));
      for (const uri of uris) {
        expected.get(uri)?.set(1, 1);
        await client.open(uri, routes(1, `${uri} v1`));
      }
      const started = performance.now();
      for (let version = 2; version <= edits + 1; version++) {
        for (const uri of uris) {
          const count = Math.floor(random() * 5);
          expected.get(uri)?.set(version, count);
          await client.change(uri, version, routes(count, `${uri} v${version}`));
          // Now and then let the server catch up a little, so lints and changes really interleave.
          if (random() < 0.05) await sleep(Math.floor(random() * 20));
        }
      }
      for (const uri of uris) await client.waitForDiagnostics(uri, (params) => params.version === edits + 1, 0, WAIT_MS);
      console.log(`      (${documents * edits} changes sent and every last version published in ${Math.round(performance.now() - started)} ms)`);
      // Pending debounced runs of older versions, if there were any left, would fire by now.
      await sleep(300);
      for (const uri of uris) {
        const published = assertPublications(client, uri, expected.get(uri) ?? new Map());
        assert.equal(published.at(-1)?.version, edits + 1, `${uri}: the last publication is for the last version`);
      }
      assertCleanLogs(client);
      await assertResponsive(client, 'many');
    } finally {
      await client.stop();
    }
  });
});

describe('lsp concurrency: out-of-order versions', function () {
  this.timeout(120_000);

  it('a didChange with an older (or the same) version is ignored with a warning: nothing stale is ever published', async () => {
    const client = await LspTestClient.start({ settings: () => ({ debounceMs: 0 }) });
    try {
      const uri = uriOf('src/out-of-order.ts');
      const expected = new Map([[1, 1], [5, 2], [6, 4]]);
      await client.open(uri, routes(1, 'v1'));
      await client.diagnosticsOf(uri, 1);
      await client.change(uri, 5, routes(2, 'v5'));
      await client.diagnosticsOf(uri, 5);
      // Late and replayed notifications: v3 arrives after v5, and v5 again with other text; one with a range too.
      await client.change(uri, 3, routes(3, 'v3'));
      await client.change(uri, 5, routes(0, 'v5 again'));
      await client.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: 4 },
        contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }, text: '' }],
      });
      // A hover and code actions on the document now see v5's text (v5's diagnostic positions are still valid).
      const v5 = await client.diagnosticsOf(uri, 5);
      assert.ok((await client.hover(uri, rangeOf(routes(2, 'v5'), 'new Redis()', 1).start)) !== null);
      assert.ok((await client.codeActions(uri, v5[0]?.range ?? rangeOf(routes(2, 'v5'), 'new Redis()'), v5)).length > 0);
      await client.change(uri, 6, routes(4, 'v6'));
      await client.diagnosticsOf(uri, 6);
      await sleep(200);
      assert.deepEqual(
        assertPublications(client, uri, expected).map((params) => params.version),
        [1, 5, 6],
        'nothing published for the ignored changes',
      );
      const warnings = assertCleanLogs(client);
      assert.deepEqual(
        warnings.map((warning) => /to version (\d+): the document is already at version 5/u.exec(warning)?.[1]),
        ['3', '5', '4'],
        warnings.join('\n'),
      );
      await assertResponsive(client, 'out-of-order');
    } finally {
      await client.stop();
    }
  });

  it('pull: after an older version arrives, the pulled report is still the newest text’s', async () => {
    const client = await LspTestClient.start({ pull: true, settings: () => ({ debounceMs: 0 }) });
    try {
      const uri = uriOf('src/out-of-order-pull.ts');
      await client.open(uri, routes(1, 'v1'));
      await client.change(uri, 7, routes(3, 'v7'));
      await client.change(uri, 2, routes(1, 'v2'));
      const report = (await client.pull(uri)) as FullDocumentDiagnosticReport;
      assert.deepEqual(report.items.map(dataVersion), [7, 7, 7]);
      assertCleanLogs(client);
    } finally {
      await client.stop();
    }
  });
});

describe('lsp concurrency: close during a lint', function () {
  this.timeout(120_000);

  /** After a close: the clearing publication is the last word, and nothing of the closed document follows it. */
  async function assertClosedCleanly(client: LspTestClient, uri: string, since: number, expected: ReadonlyMap<number, number>): Promise<void> {
    await client.waitForDiagnostics(uri, (params) => params.version === undefined, since, WAIT_MS);
    // A barrier: the server handles messages in order, and anything still pending for the closed document would
    // have fired within its debounce.
    await sleep(400);
    await assertResponsive(client, `after-${path.basename(uri)}`);
    const published = publicationsOf(client, uri, since);
    const clearing = published.findIndex((params) => params.version === undefined);
    assert.deepEqual(published[clearing], { uri, diagnostics: [] }, 'the clearing publication');
    assert.equal(clearing, published.length - 1, `nothing after the clearing publication: ${JSON.stringify(published.map((params) => params.version ?? 'clear'))}`);
    assertPublications(client, uri, expected, since);
  }

  it('close right after a change (debounce 0 and 200 ms), and during a slow lint', async () => {
    const client = await LspTestClient.start({ settings: (scopeUri) => ({ debounceMs: scopeUri?.includes('slow-debounce') === true ? 200 : 0 }) });
    try {
      for (const name of ['immediate.ts', 'slow-debounce.ts']) {
        const uri = uriOf(`src/${name}`);
        const since = client.diagnostics.items.length;
        await client.open(uri, routes(1, 'v1'));
        await client.diagnosticsOf(uri, 1, since);
        await client.change(uri, 2, routes(2, 'v2'));
        await client.close(uri);
        await assertClosedCleanly(client, uri, since, new Map([[1, 1], [2, 2]]));
        if (name === 'slow-debounce.ts') assert.deepEqual(publicationsOf(client, uri, since).map((params) => params.version), [1, undefined], 'the pending v2 lint was dropped');
      }
      // A lint that takes a while (thousands of routes): changes and the close queue up behind it.
      const uri = uriOf('src/slow-lint.ts');
      const since = client.diagnostics.items.length;
      await client.open(uri, routes(1_500, 'v1'));
      await client.change(uri, 2, routes(1_400, 'v2'));
      await client.change(uri, 3, routes(3, 'v3'));
      await client.close(uri);
      await assertClosedCleanly(client, uri, since, new Map([[1, 1_500], [2, 1_400], [3, 3]]));
      assertCleanLogs(client);
    } finally {
      await client.stop();
    }
  });

  it('close while the document’s settings are still being fetched; reopen at once with other text', async () => {
    const client = await LspTestClient.start({ settings: () => ({ debounceMs: 0 }) });
    try {
      answerConfigurationSlowly(client, 300);
      const uri = uriOf('src/close-while-fetching.ts');
      let since = client.diagnostics.items.length;
      await client.open(uri, routes(2, 'first life'));
      await client.close(uri);
      await assertClosedCleanly(client, uri, since, new Map());
      assert.deepEqual(publicationsOf(client, uri, since).map((params) => params.version), [undefined], 'never linted');

      since = client.diagnostics.items.length;
      await client.open(uri, routes(3, 'first life again'));
      await client.close(uri);
      await client.open(uri, routes(1, 'second life'));
      const { diagnostics } = await client.waitForDiagnostics(uri, (params) => params.version === 1, since, WAIT_MS);
      assert.equal(diagnostics.length, 1, 'the reopened document’s text, not the closed one’s');
      await sleep(700);
      const published = publicationsOf(client, uri, since);
      assert.deepEqual(published.map((params) => [params.version ?? 'clear', params.diagnostics.length]), [['clear', 0], [1, 1]]);
      await client.close(uri);
      assertCleanLogs(client);
    } finally {
      await client.stop();
    }
  });
});

describe('lsp concurrency: settings change during a lint', function () {
  this.timeout(120_000);

  for (const slow of [false, true]) {
    it(`the final diagnostics follow the newest settings${slow ? ' (settings answered 150 ms late)' : ''}`, async () => {
      let severity: 'error' | 'off' | 'warn' = 'error';
      const client = await LspTestClient.start({ settings: () => ({ debounceMs: 100, rules: { 'poolguard/no-client-per-request': severity } }) });
      try {
        if (slow) answerConfigurationSlowly(client, 150);
        const uri = uriOf(`src/settings-race-${String(slow)}.ts`);
        await client.open(uri, routes(2, 'v1'));
        assert.deepEqual((await client.diagnosticsOf(uri, 1)).map((diagnostic) => diagnostic.severity), [DiagnosticSeverity.Error, DiagnosticSeverity.Error]);
        // A change (its lint pending), then three settings changes in a row, the last one winning.
        await client.change(uri, 2, routes(3, 'v2'));
        for (const next of ['off', 'error', 'warn'] as const) {
          severity = next;
          await client.changeConfiguration();
          await sleep(20);
        }
        const final = await client.waitForDiagnostics(
          uri,
          (params) => params.version === 2 && params.diagnostics.length === 3 && params.diagnostics.every((diagnostic) => diagnostic.severity === DiagnosticSeverity.Warning),
          0,
          WAIT_MS,
        );
        // Anything in flight for the old settings would have landed by now; none may come after the final one.
        await sleep(800);
        const published = publicationsOf(client, uri);
        assert.equal(published.at(-1), final, `published after the newest settings: ${JSON.stringify(published.slice(published.indexOf(final)).map((params) => params.diagnostics.map((diagnostic) => diagnostic.severity)))}`);
        assertCleanLogs(client);
        await assertResponsive(client, `settings-${String(slow)}`);
      } finally {
        await client.stop();
      }
    });
  }
});

describe('lsp concurrency: cancellation', function () {
  this.timeout(120_000);
  after(removeTrees);

  it('pulls and code actions cancelled at random moments while typing: each answered or cancelled; the last pull is right', async () => {
    const client = await LspTestClient.start({ pull: true, settings: () => ({ debounceMs: 30 }) });
    try {
      const uri = uriOf('src/cancel-many.ts');
      await client.open(uri, routes(1, 'v1'));
      const random = seededRandom(11);
      const outcomes: Promise<string>[] = [];
      const settle = (promise: Promise<unknown>): Promise<string> =>
        promise.then(
          () => 'answered',
          (error: unknown) => {
            assert.match(String(error), /cancel/iu, 'only cancellation may fail a request');
            return 'cancelled';
          },
        );
      let version = 1;
      for (let round = 0; round < 25; round++) {
        await client.change(uri, ++version, routes((round % 4) + 1, `v${version}`));
        const pullSource = new CancellationTokenSource();
        outcomes.push(settle(client.pull(uri, undefined, pullSource)));
        const actionSource = new CancellationTokenSource();
        const context = { diagnostics: [], only: [FIX_ALL_KIND] };
        outcomes.push(
          settle(client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: rangeOf(routes(1), 'app'), context }, actionSource.token)),
        );
        const wait = Math.floor(random() * 40);
        if (wait > 0) await sleep(wait);
        if (random() < 0.7) pullSource.cancel();
        if (random() < 0.7) actionSource.cancel();
      }
      const results = await Promise.all(outcomes);
      console.log(`      (${results.filter((result) => result === 'cancelled').length} of ${results.length} requests cancelled, the rest answered)`);
      const report = (await client.pull(uri)) as FullDocumentDiagnosticReport;
      assert.equal(report.items.length, (24 % 4) + 1);
      assert.ok(report.items.every((diagnostic) => dataVersion(diagnostic) === version));
      assertCleanLogs(client);
      await assertResponsive(client, 'cancel');
    } finally {
      await client.stop();
    }
  });

  it('a workspace lint cancelled mid-way reports `cancelled`, and the server goes on serving', async () => {
    const files: Record<string, string> = {};
    for (let index = 0; index < 60; index++) files[`src/file-${index}.ts`] = routes(index % 3, `file ${index}`);
    const root = makeTree(files);
    fs.mkdirSync(path.join(root, '.git'));
    const rootUri = pathToFileURL(root).href;
    const client = await LspTestClient.start({ workspaceFolders: [{ uri: rootUri, name: 'ws' }] });
    try {
      const source = new CancellationTokenSource();
      const running = client.connection.sendRequest(ExecuteCommandRequest.type, { command: ServerCommands.lintWorkspace, arguments: [] }, source.token);
      // Cancel after the first few files were published.
      await client.diagnostics.waitFor(() => client.diagnostics.items.length >= 3, 0, WAIT_MS, 'the first publications');
      source.cancel();
      const summary = (await running.catch((error: unknown) => String(error))) as LintWorkspaceSummary | string;
      if (typeof summary === 'string') assert.match(summary, /cancel/iu);
      else {
        assert.equal(summary.cancelled, true, JSON.stringify(summary));
        assert.ok(summary.files < 60);
      }
      const full = (await client.executeCommand(ServerCommands.lintWorkspace)) as LintWorkspaceSummary;
      assert.deepEqual(full, { files: 60, errors: 20 + 2 * 20, warnings: 0, cancelled: false });
      assertCleanLogs(client);
      await assertResponsive(client, 'workspace');
    } finally {
      await client.stop();
    }
  });
});
