/**
 * Code actions over the real protocol, applied as an editor applies them: every fix and suggestion, disable
 * comments, fix-all (explicit and on-save), versioned edits, and stale versions refused.
 */
import * as assert from 'node:assert/strict';

import { parseForESLint } from '@typescript-eslint/parser';
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver-protocol';

import { PER_REQUEST_SOURCE } from './helpers/cli';
import { applyWorkspaceEdit, LspTestClient, textEditsOf, uriOf } from './helpers/lsp-client';
import { docsUrl, IDLE_TIMEOUT, MULTI_SOURCE, PER_REQUEST, POOL_LIMIT, rangeOf } from './helpers/lsp-text';

const FIX_ALL_KIND = 'source.fixAll.poolguard';

function assertParses(text: string, fileName = 'file.ts'): void {
  assert.doesNotThrow(() => parseForESLint(text, { filePath: fileName, sourceType: 'module', ecmaVersion: 'latest', range: true, loc: true }), text);
}

/** Opens `text` under a fresh URI and returns its diagnostics: the server's re-lint of an edited text. */
let relints = 0;
async function relint(client: LspTestClient, text: string, languageId = 'typescript'): Promise<Diagnostic[]> {
  const uri = uriOf(`relint/${++relints}.${languageId === 'javascript' ? 'js' : 'ts'}`);
  await client.open(uri, text, languageId);
  const diagnostics = await client.diagnosticsOf(uri, 1);
  await client.close(uri);
  return diagnostics;
}

async function openWithDiagnostics(client: LspTestClient, path: string, text: string): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
  const uri = uriOf(path);
  await client.open(uri, text);
  return { uri, diagnostics: await client.diagnosticsOf(uri, 1) };
}

function titles(actions: readonly CodeAction[]): string[] {
  return actions.map((action) => action.title);
}

describe('lsp: code actions', function () {
  this.timeout(60_000);
  let client: LspTestClient;
  let settings: unknown = {};
  before(async () => {
    client = await LspTestClient.start({ settings: () => settings });
  });
  after(async () => client.stop());

  it('acceptance: new Redis() in an Express route → docs link → preferred quick fix → clean, parsing file', async () => {
    const { uri, diagnostics } = await openWithDiagnostics(client, 'src/accept.ts', PER_REQUEST_SOURCE);
    assert.equal(diagnostics.length, 1);
    const [squiggle] = diagnostics as [Diagnostic];
    assert.equal(squiggle.codeDescription?.href, docsUrl(PER_REQUEST));
    assert.deepEqual(squiggle.range, rangeOf(PER_REQUEST_SOURCE, 'new Redis()'));

    const actions = await client.codeActions(uri, squiggle.range, [squiggle]);
    const preferred = actions.filter((action) => action.isPreferred === true);
    assert.equal(preferred.length, 1, 'exactly one preferred action');
    const [hoist] = preferred as [CodeAction];
    assert.match(hoist.title, /^Create it once, lazily, in a module-level singleton/u);
    assert.equal(hoist.kind, CodeActionKind.QuickFix);
    assert.deepEqual(hoist.diagnostics, [squiggle]);

    // Minimal edits: the singleton lines are one insertion, the construction one small replacement — not the merged
    // span ESLint returns (from after the imports to the construction).
    const edits = textEditsOf(hoist.edit, uri);
    assert.deepEqual(
      edits.map((edit) => [edit.range, edit.newText]),
      [
        [{ start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, '\nlet r: Redis | undefined;\nfunction getR() {\n  return (r ??= new Redis());\n}\n'],
        [rangeOf(PER_REQUEST_SOURCE, 'new Redis'), 'getR'],
      ],
    );
    const fixed = applyWorkspaceEdit(PER_REQUEST_SOURCE, uri, hoist.edit, 1);
    assertParses(fixed);
    assert.deepEqual(await relint(client, fixed), []);
  });

  it('does not offer a line comment where it would land inside a template literal; every offered action applies clean', async () => {
    const text = [
      "import express from 'express';",
      "import Redis from 'ioredis';",
      'const app = express();',
      "app.get('/', async (_req, res) => res.send(`count:",
      "${await new Redis().dbsize()}`));",
      '',
    ].join('\n');
    const { uri, diagnostics } = await openWithDiagnostics(client, 'src/template.ts', text);
    assert.equal(diagnostics.length, 1);
    const actions = await client.codeActions(uri, diagnostics[0]!.range, diagnostics);
    assert.ok(!titles(actions).includes(`Disable ${PER_REQUEST} for this line`), titles(actions).join(' | '));
    assert.ok(titles(actions).includes(`Disable ${PER_REQUEST} for this file`));
    for (const action of actions.filter((item) => item.edit !== undefined)) {
      const fixed = applyWorkspaceEdit(text, uri, action.edit, 1);
      assertParses(fixed);
      assert.deepEqual(await relint(client, fixed), [], action.title);
    }
  });

  it('offers, for every rule, each suggestion plus disable-line and disable-file; each applied re-lints clean', async () => {
    const cases: { name: string; text: string; ruleId: string; suggestions: RegExp[] }[] = [
      { name: 'per-request', text: PER_REQUEST_SOURCE, ruleId: PER_REQUEST, suggestions: [/^Create it once, lazily/u, /^Cache it on globalThis/u] },
      { name: 'pool-limit', text: "import { Agent } from 'undici';\nexport const agent = new Agent();\n", ruleId: POOL_LIMIT, suggestions: [/^Set connections: 10\.$/u] },
      {
        name: 'idle-timeout',
        text: "import mysql from 'mysql2';\nexport const pool = mysql.createPool({ host: 'db', connectionLimit: 5 });\n",
        ruleId: IDLE_TIMEOUT,
        suggestions: [/^Set maxIdle: 4, idleTimeout: 60000\.$/u],
      },
    ];
    for (const testCase of cases) {
      const { uri, diagnostics } = await openWithDiagnostics(client, `src/each-${testCase.name}.ts`, testCase.text);
      assert.equal(diagnostics.length, 1, testCase.name);
      const actions = await client.codeActions(uri, diagnostics[0]!.range, diagnostics);
      const expectedTitles = [`Disable ${testCase.ruleId} for this line`, `Disable ${testCase.ruleId} for this file`, 'Fix all PoolGuard problems'];
      assert.equal(actions.length, testCase.suggestions.length + expectedTitles.length, titles(actions).join(' | '));
      testCase.suggestions.forEach((pattern, index) => assert.match(actions[index]?.title ?? '', pattern, testCase.name));
      assert.deepEqual(titles(actions).slice(testCase.suggestions.length), expectedTitles);
      // The first suggestion is the preferred one for every rule (the hoist; the only option insertion).
      assert.deepEqual(
        actions.map((action) => action.isPreferred === true),
        actions.map((_, index) => index === 0),
      );

      for (const action of actions) {
        const resolved = action.edit === undefined ? await client.resolve(action) : action;
        const fixed = applyWorkspaceEdit(testCase.text, uri, resolved.edit, 1);
        assertParses(fixed);
        assert.deepEqual(await relint(client, fixed), [], `${testCase.name}: "${action.title}" leaves a finding:\n${fixed}`);
      }
    }
  });

  it('disable for this line: a new directive with the finding line’s indentation', async () => {
    const text = "import express from 'express';\nimport { Pool } from 'pg';\nconst app = express();\napp.get('/', async (req, res) => {\n  const pool = new Pool();\n  res.json(await pool.query('select 1'));\n});\n";
    const { uri, diagnostics } = await openWithDiagnostics(client, 'src/disable-line.ts', text);
    const actions = await client.codeActions(uri, diagnostics[0]!.range, diagnostics);
    const disable = actions.find((action) => action.title === `Disable ${PER_REQUEST} for this line`);
    assert.deepEqual(
      textEditsOf(disable?.edit, uri).map((edit) => [edit.range, edit.newText]),
      [[{ start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }, `  // eslint-disable-next-line ${PER_REQUEST}\n`]],
    );
  });

  it('disable for this line merges into an eslint-disable-next-line directive above, before its description', async () => {
    const text = [
      "import express from 'express';",
      "import { Pool } from 'pg';",
      'const app = express();',
      "app.get('/', async (req, res) => {",
      '  // eslint-disable-next-line no-console -- the pool is logged',
      '  console.log(new Pool());',
      "  res.send('ok');",
      '});',
      '',
    ].join('\n');
    const { uri, diagnostics } = await openWithDiagnostics(client, 'src/merge-line.ts', text);
    assert.deepEqual(diagnostics.map((diagnostic) => diagnostic.code), [PER_REQUEST]);
    const actions = await client.codeActions(uri, diagnostics[0]!.range, diagnostics);
    const disable = actions.find((action) => action.title === `Disable ${PER_REQUEST} for this line`);
    const fixed = applyWorkspaceEdit(text, uri, disable?.edit, 1);
    assert.equal(fixed.split('\n')[4], `  // eslint-disable-next-line no-console, ${PER_REQUEST} -- the pool is logged`);
    assert.deepEqual(await relint(client, fixed), []);
  });

  it('disable for this file goes after a shebang, and merges into an eslint-disable comment there', async () => {
    const text = "#!/usr/bin/env node\nconst { Agent } = require('undici');\nmodule.exports = new Agent();\n";
    const uri = uriOf('bin/tool.js');
    await client.open(uri, text, 'javascript');
    const diagnostics = await client.diagnosticsOf(uri, 1);
    const actions = await client.codeActions(uri, diagnostics[0]!.range, diagnostics);
    const disableFile = actions.find((action) => action.title === `Disable ${POOL_LIMIT} for this file`);
    const fixed = applyWorkspaceEdit(text, uri, disableFile?.edit, 1);
    assert.equal(fixed, `#!/usr/bin/env node\n/* eslint-disable ${POOL_LIMIT} */\nconst { Agent } = require('undici');\nmodule.exports = new Agent();\n`);
    assert.deepEqual(await relint(client, fixed, 'javascript'), []);

    const withComment = `/* eslint-disable no-console */\nimport { Agent } from 'undici';\nexport const agent = new Agent();\n`;
    const second = await openWithDiagnostics(client, 'src/merge-file.ts', withComment);
    const merged = (await client.codeActions(second.uri, second.diagnostics[0]!.range, second.diagnostics)).find(
      (action) => action.title === `Disable ${POOL_LIMIT} for this file`,
    );
    const mergedText = applyWorkspaceEdit(withComment, second.uri, merged?.edit, 1);
    assert.equal(mergedText.split('\n')[0], `/* eslint-disable no-console, ${POOL_LIMIT} */`);
    assert.deepEqual(await relint(client, mergedText), []);
  });

  it('"Fix all PoolGuard problems" applies the preferred fix of every finding, re-linting between them', async () => {
    const { uri, diagnostics } = await openWithDiagnostics(client, 'src/multi.ts', MULTI_SOURCE);
    assert.deepEqual(diagnostics.map((diagnostic) => diagnostic.code), [POOL_LIMIT, IDLE_TIMEOUT, PER_REQUEST, PER_REQUEST]);
    const actions = await client.codeActions(uri, diagnostics[0]!.range, [diagnostics[0]!]);
    const fixAll = actions.find((action) => action.title === 'Fix all PoolGuard problems');
    assert.ok(fixAll, titles(actions).join(' | '));
    assert.equal(fixAll.kind, CodeActionKind.QuickFix);
    assert.equal(fixAll.edit, undefined, 'computed on resolve, not on every light-bulb request');
    const resolved = await client.resolve(fixAll);
    const fixed = applyWorkspaceEdit(MULTI_SOURCE, uri, resolved.edit, 1);
    assertParses(fixed);
    assert.deepEqual(await relint(client, fixed), []);
    assert.match(fixed, /function getRedis\(\) \{\n {2}return \(redis \?\?= new Redis\(\)\);\n\}/u);
    assert.match(fixed, /new Agent\(\{ connections: 10 \}\)/u);
    // No edit rewrites the whole file: the unchanged header stays untouched.
    assert.ok(textEditsOf(resolved.edit, uri).every((edit) => edit.range.start.line >= 5), 'edits start below the imports');

    // Applying it twice changes nothing: the fixed file offers no fix-all.
    const again = await openWithDiagnostics(client, 'src/multi-fixed.ts', fixed);
    assert.deepEqual(again.diagnostics, []);
    assert.deepEqual(await client.codeActions(again.uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], [FIX_ALL_KIND]), []);
  });

  it('source.fixAll.poolguard (on save) applies autofixes only, never a suggestion', async () => {
    settings = { rules: { 'require-pool-limit': ['warn', { requireExplicit: true }], 'require-idle-timeout': ['warn', { requireExplicit: true }] } };
    await client.changeConfiguration();
    const text = "import express from 'express';\nimport Redis from 'ioredis';\nimport { Pool } from 'pg';\nexport const pool = new Pool();\nconst app = express();\napp.get('/', (req, res) => { const r = new Redis(); res.send('ok'); });\n";
    const { uri, diagnostics } = await openWithDiagnostics(client, 'src/on-save.ts', text);
    assert.deepEqual(diagnostics.map((diagnostic) => diagnostic.code).sort(), [IDLE_TIMEOUT, PER_REQUEST, POOL_LIMIT].sort());
    const actions = await client.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], [FIX_ALL_KIND]);
    assert.deepEqual(titles(actions), ['Fix all PoolGuard problems']);
    assert.equal(actions[0]?.kind, FIX_ALL_KIND);
    const fixed = applyWorkspaceEdit(text, uri, actions[0]?.edit, 1);
    assert.equal(fixed.split('\n')[3], 'export const pool = new Pool({ max: 10, idleTimeoutMillis: 10000 });');
    const after = await relint(client, fixed);
    assert.deepEqual(after.map((diagnostic) => diagnostic.code), [PER_REQUEST], 'the hoist is a suggestion: not applied on save');

    settings = {};
    await client.changeConfiguration();
    const plain = await openWithDiagnostics(client, 'src/on-save-plain.ts', text);
    assert.deepEqual(await client.codeActions(plain.uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], [FIX_ALL_KIND]), [], 'no autofix: no action');
  });

  it('refuses a code action for a diagnostic of an older document version, and a stale fix-all resolve', async () => {
    const { uri, diagnostics } = await openWithDiagnostics(client, 'src/stale.ts', PER_REQUEST_SOURCE);
    const current = await client.codeActions(uri, diagnostics[0]!.range, diagnostics);
    const fixAll = current.find((action) => action.title === 'Fix all PoolGuard problems');
    assert.ok(fixAll);

    // The user types a line above the construction: version 2, every offset of version 1 is off by one line.
    const edited = `// a comment\n${PER_REQUEST_SOURCE}`;
    await client.change(uri, 2, edited);
    assert.deepEqual(await client.codeActions(uri, diagnostics[0]!.range, diagnostics), [], 'version-1 diagnostics get no actions');
    const resolved = await client.resolve(fixAll);
    assert.equal(resolved.edit, undefined, 'a fix-all offered for version 1 is not computed for version 2');

    const fresh = await client.diagnosticsOf(uri, 2);
    const actions = await client.codeActions(uri, fresh[0]!.range, fresh);
    assert.ok(actions.length > 0);
    const fixed = applyWorkspaceEdit(edited, uri, actions[0]?.edit, 2);
    assert.deepEqual(await relint(client, fixed), []);
  });

  it('ignores diagnostics of other sources and malformed data', async () => {
    const { uri, diagnostics } = await openWithDiagnostics(client, 'src/foreign.ts', PER_REQUEST_SOURCE);
    const range = diagnostics[0]!.range;
    const foreign: Diagnostic = { range, message: 'x', source: 'eslint', code: 'no-console' };
    const malformed: Diagnostic = { ...diagnostics[0]!, data: { version: 'one' } };
    assert.deepEqual(await client.codeActions(uri, range, [foreign]), []);
    assert.deepEqual(await client.codeActions(uri, range, [malformed]), []);
  });
});

describe('lsp: code actions for a client without documentChanges or resolve support', function () {
  this.timeout(60_000);
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start({ documentChanges: false, resolveEdit: false });
  });
  after(async () => client.stop());

  it('sends plain `changes` and computes fix-all right away', async () => {
    const { uri, diagnostics } = await openWithDiagnostics(client, 'src/plain-edits.ts', PER_REQUEST_SOURCE);
    const actions = await client.codeActions(uri, diagnostics[0]!.range, diagnostics);
    assert.ok(actions.every((action) => action.edit?.changes !== undefined && action.edit.documentChanges === undefined));
    const fixAll = actions.find((action) => action.title === 'Fix all PoolGuard problems');
    const fixed = applyWorkspaceEdit(PER_REQUEST_SOURCE, uri, fixAll?.edit);
    assertParses(fixed);
    assert.deepEqual(await relint(client, fixed), []);
  });
});
