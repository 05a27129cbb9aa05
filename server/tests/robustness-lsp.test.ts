/**
 * The language server on malformed and hostile documents (helpers/hostile-inputs.ts, the same inputs the CLI test
 * uses, as an editor would send them): random bytes, real files cut off and typed keystroke by keystroke,
 * unterminated literals, 3,000-deep nesting, a 60,000-line document, BOM/CRLF/CR/U+2028, mis-decoded bytes, `.d.ts`,
 * JSX/TSX and Flow.
 *
 * Each document gets its findings (at the right ranges) or exactly one parse hint — or nothing, when the prefilter
 * proves it cannot contain a construction. Hover, quick fixes and fix-all answer on every one of them. Afterwards the
 * server still lints a small driver file correctly, has logged no error, and its memory is back near the baseline.
 */
import * as assert from 'node:assert/strict';

import { mayContainConstruction } from 'eslint-plugin-poolguard/prefilter';
import { DiagnosticSeverity, type CodeAction, type Diagnostic } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';

import { FIX_ALL_KIND } from '../src/lsp/protocol';
import { PER_REQUEST_SOURCE } from './helpers/cli';
import { hostileInputs, hugeInput, languageIdOf, realSources, type HostileInput } from './helpers/hostile-inputs';
import { applyWorkspaceEdit, LspTestClient, uriOf } from './helpers/lsp-client';
import { messageOf, PER_REQUEST, rangeOf } from './helpers/lsp-text';
import { GC_ON_SIGNAL_EXEC_ARGV, peakRssMb, rssAfterGcMb, rssMb } from './helpers/process-memory';

/** Generous: dozens of documents queue up behind each other on a loaded two-core machine. */
const WAIT_MS = 120_000;

/**
 * Slack over the baseline: the parser's and V8's caches legitimately grow a little after a varied workload. Measured
 * after a full GC (the server runs with the `gc-on-signal` hook): an idle V8 does not collect by itself, and what
 * matters is that nothing of the closed documents is still held.
 */
const MEMORY_SLACK_MB = 150;

function summary(diagnostics: readonly Diagnostic[]): string {
  return JSON.stringify(diagnostics.map((diagnostic) => [diagnostic.code ?? null, diagnostic.severity, diagnostic.range.start, messageOf(diagnostic).slice(0, 100)]));
}

/** Findings (the expected ones, at the expected ranges), exactly one parse hint, or nothing for a skipped text. */
function assertDiagnostics(input: HostileInput, diagnostics: readonly Diagnostic[]): void {
  const expect = input.expectText ?? input.expect;
  const where = `${input.name}: ${summary(diagnostics)}`;
  if (!mayContainConstruction(input.text)) {
    // The prefilter answers without parsing: no finding is possible, and a parse error is the language service's.
    assert.deepEqual(diagnostics, [], where);
    return;
  }
  const hints = diagnostics.filter((diagnostic) => diagnostic.severity === DiagnosticSeverity.Hint);
  if (hints.length > 0) {
    assert.equal(diagnostics.length, 1, `one parse hint and nothing else — ${where}`);
    assert.match(messageOf(hints[0]), /^PoolGuard could not check this file until it parses\. Parsing error: \S/u, where);
    assert.notEqual(expect.parse, 'ok', `expected to parse — ${where}`);
    return;
  }
  assert.notEqual(expect.parse, 'error', `expected a parse hint — ${where}`);
  assert.ok(diagnostics.every((diagnostic) => diagnostic.source === 'poolguard' && String(diagnostic.code).startsWith('poolguard/')), where);
  if (expect.rules !== undefined) assert.deepEqual(diagnostics.map((diagnostic) => diagnostic.code).sort(), [...expect.rules].sort(), where);
  const needle = expect.needle;
  if (needle !== undefined) {
    assert.deepEqual(
      diagnostics.map((diagnostic) => diagnostic.range),
      diagnostics.map((_, index) => rangeOf(input.text, needle, index)),
      where,
    );
  }
}

/** Hover at the start, middle, end and beyond; quick fixes for every diagnostic; both fix-alls, resolved. */
async function probe(client: LspTestClient, uri: string, text: string, diagnostics: Diagnostic[]): Promise<void> {
  const document = TextDocument.create(uri, 'typescript', 1, text);
  const end = document.positionAt(text.length);
  for (const position of [{ line: 0, character: 0 }, document.positionAt(Math.floor(text.length / 2)), end, { line: end.line + 10, character: 5 }]) {
    await client.hover(uri, position);
  }
  const everything = { start: { line: 0, character: 0 }, end };
  const actions: CodeAction[] = [
    ...(await client.codeActions(uri, everything, diagnostics)),
    ...(await client.codeActions(uri, everything, diagnostics, [FIX_ALL_KIND])),
  ];
  for (const action of actions) {
    const resolved = action.edit === undefined && action.data !== undefined ? await client.resolve(action) : action;
    // An offered edit applies to the text it was computed for.
    if (resolved.edit !== undefined) applyWorkspaceEdit(text, uri, resolved.edit, 1);
  }
}

describe('lsp: malformed and hostile documents', function () {
  this.timeout(300_000);
  const inputs = hostileInputs();
  const categories = [...new Set(inputs.map((input) => input.name.split('/')[0] ?? ''))];
  let client: LspTestClient;
  let baselineMb: number | undefined;
  let drivers = 0;

  /** The proof of life: a small valid file gets its one correct diagnostic, and is cleared on close. */
  async function assertDriver(): Promise<void> {
    const uri = uriOf(`driver/app-${++drivers}.ts`);
    const since = client.diagnostics.items.length;
    await client.open(uri, PER_REQUEST_SOURCE);
    const diagnostics = (await client.waitForDiagnostics(uri, (params) => params.version === 1, since, WAIT_MS)).diagnostics;
    assert.deepEqual(diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.range]), [[PER_REQUEST, rangeOf(PER_REQUEST_SOURCE, 'new Redis()')]]);
    assert.ok((await client.hover(uri, rangeOf(PER_REQUEST_SOURCE, 'new Redis()').start)) !== null);
    await client.close(uri);
    await client.waitForDiagnostics(uri, (params) => params.diagnostics.length === 0 && params.version === undefined, since, WAIT_MS);
  }

  before(async () => {
    client = await LspTestClient.start({ settings: () => ({ debounceMs: 0 }), execArgv: GC_ON_SIGNAL_EXEC_ARGV });
    await assertDriver();
    baselineMb = await rssAfterGcMb(client.pid);
  });
  after(async () => client.stop());

  for (const category of categories) {
    it(`${category}: each document gets its findings or one parse hint; hover, quick fixes and fix-all answer`, async () => {
      const batch = inputs.filter((input) => input.name.startsWith(`${category}/`));
      const since = client.diagnostics.items.length;
      // All opened at once: their lints queue up behind each other, as when a folder of files is opened.
      for (const input of batch) await client.open(uriOf(`hostile/${input.name}`), input.text, languageIdOf(input.name));
      for (const input of batch) {
        const uri = uriOf(`hostile/${input.name}`);
        const { diagnostics } = await client.waitForDiagnostics(uri, (params) => params.version === 1, since, WAIT_MS);
        assertDiagnostics(input, diagnostics);
        await probe(client, uri, input.text, diagnostics);
      }
      for (const input of batch) await client.close(uriOf(`hostile/${input.name}`));
      assert.ok(client.alive, client.serverStderr);
    });
  }

  it('a 60,000-line document: both findings at the right ranges', async () => {
    const input = hugeInput();
    const uri = uriOf(`hostile/${input.name}`);
    const started = performance.now();
    await client.open(uri, input.text);
    const { diagnostics } = await client.waitForDiagnostics(uri, (params) => params.version === 1, 0, WAIT_MS);
    console.log(`      (60,000 lines linted and published in ${Math.round(performance.now() - started)} ms)`);
    assertDiagnostics(input, diagnostics);
    assert.equal(diagnostics[1]?.range.start.line, 59_999);
    // (No hover: it parses the whole text again, another ten seconds on a loaded machine; the engine test covers it.)
    await client.close(uri);
  });

  it('real files typed keystroke by keystroke (every state linted): versions in order, final findings as on open', async () => {
    for (const source of realSources().filter((_, index) => index % 3 === 0)) {
      const uri = uriOf(`typed/${source.name}`);
      const fresh = uriOf(`typed/fresh-${source.name}`);
      const since = client.diagnostics.items.length;
      await client.open(uri, '', languageIdOf(source.name));
      let version = 1;
      for (let end = 3; end < source.text.length; end += 3) await client.change(uri, ++version, source.text.slice(0, end));
      await client.change(uri, ++version, source.text);
      const final = (await client.waitForDiagnostics(uri, (params) => params.version === version, since, WAIT_MS)).diagnostics;
      await client.open(fresh, source.text, languageIdOf(source.name));
      const expected = (await client.waitForDiagnostics(fresh, (params) => params.version === 1, since, WAIT_MS)).diagnostics;
      const strip = (list: Diagnostic[]): unknown => list.map((diagnostic) => [diagnostic.code, diagnostic.severity, diagnostic.range, diagnostic.message]);
      assert.deepEqual(strip(final), strip(expected), source.name);
      const versions = client.diagnostics.items.slice(since).filter((params) => params.uri === uri).map((params) => params.version ?? -1);
      assert.deepEqual(versions, [...versions].sort((a, b) => a - b), `${source.name}: published in version order`);
      assert.equal(versions.at(-1), version);
      await client.close(uri);
      await client.close(fresh);
    }
  });

  it('afterwards: the driver file is linted correctly, no error was logged, memory is back near the baseline', async () => {
    await assertDriver();
    const beforeGcMb = rssMb(client.pid);
    const afterMb = await rssAfterGcMb(client.pid);
    const mb = (value: number | undefined): string => (value === undefined ? '?' : `${value.toFixed(0)} MB`);
    console.log(
      `      (server RSS: baseline ${mb(baselineMb)}, peak ${mb(peakRssMb(client.pid))}, ` +
        `after closing every hostile document ${mb(beforeGcMb)}, after a GC ${mb(afterMb)})`,
    );
    const errors = client.logs.items.filter((log) => /error|exception|\n\s+at /iu.test(log.message));
    assert.deepEqual(errors, []);
    assert.doesNotMatch(client.serverStderr, /error|exception|\n\s+at /iu);
    if (baselineMb !== undefined && afterMb !== undefined) {
      assert.ok(afterMb < baselineMb + MEMORY_SLACK_MB, `RSS ${afterMb.toFixed(1)} MB, baseline ${baselineMb.toFixed(1)} MB`);
    }
  });
});
