/**
 * Untrusted workspaces: neither the language server nor the CLI ever requires, imports or executes anything from the
 * workspace — not an ESLint config in any format, not a plugin it names, not a parser, TypeScript or a driver package
 * installed in the workspace's node_modules, not package.json's `eslintConfig` or a tsconfig plugin. Everything runs
 * from PoolGuard's own installation with its in-memory config.
 *
 * Each malicious file writes a marker file (outside the workspace) when loaded. Two independent proofs: no marker
 * exists after every feature has run (open, lint, hover, quick fixes, fix-all, the workspace lint; the CLI, `--fix`,
 * worker threads), and a preload (helpers/record-loads.ts) that logs every module resolution, ES import, native addon
 * and file read of the process shows nothing under the workspace loaded, and no file read there but the sources and
 * `.gitignore`.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { CodeActionKind, type CodeAction } from 'vscode-languageserver-protocol';

import type { LintResult } from '../src/engine';
import { FIX_ALL_KIND, ServerCommands, type LintWorkspaceSummary } from '../src/lsp/protocol';
import { BIN, makeTree, PER_REQUEST_SOURCE, removeTrees } from './helpers/cli';
import { LspTestClient } from './helpers/lsp-client';
import { PER_REQUEST, POOL_LIMIT, rangeOf } from './helpers/lsp-text';

const RECORD_LOADS = path.join(__dirname, 'helpers/record-loads.js');

/** CommonJS that leaves a marker when it is loaded; still a plausible module (exports something). */
function cjsMarker(markers: string, name: string, exported = '{}'): string {
  return `require('fs').writeFileSync(${JSON.stringify(path.join(markers, `${name}.marker`))}, 'loaded by ' + __filename);\nmodule.exports = ${exported};\n`;
}

function esmMarker(markers: string, name: string): string {
  return `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(path.join(markers, `${name}.marker`))}, 'loaded by ' + import.meta.url);\nexport default [];\n`;
}

/** Packages PoolGuard itself depends on (and the drivers the sources import), planted in the workspace's node_modules. */
const PLANTED_PACKAGES: Record<string, string[]> = {
  eslint: ['universal', 'use-at-your-own-risk'],
  '@typescript-eslint/parser': [],
  '@typescript-eslint/typescript-estree': [],
  typescript: [],
  espree: [],
  'eslint-plugin-poolguard': ['prefilter', 'hover', 'related', 'knowledge'],
  'vscode-languageserver': ['node'],
  'vscode-languageserver-textdocument': [],
  'fast-glob': [],
  ignore: [],
  diff: [],
  'eslint-plugin-evil': [],
  'evil-ts-plugin': [],
  pg: [],
  ioredis: [],
  express: [],
  undici: [],
};

const FIXABLE = `/* eslint poolguard/require-pool-limit: ["warn", { "requireExplicit": true }] */
import { Pool } from 'pg';
export const pool = new Pool({ host: 'db' });
`;

function maliciousWorkspace(markers: string): string {
  const evilEslintrc = { root: true, plugins: ['evil'], parser: '@typescript-eslint/parser', extends: ['plugin:evil/recommended'], rules: { 'evil/rule': 'error' } };
  const files: Record<string, string> = {
    'eslint.config.js': cjsMarker(markers, 'eslint.config.js', '[]'),
    'eslint.config.cjs': cjsMarker(markers, 'eslint.config.cjs', '[]'),
    'eslint.config.mjs': esmMarker(markers, 'eslint.config.mjs'),
    'eslint.config.ts': esmMarker(markers, 'eslint.config.ts'),
    'eslint.config.mts': esmMarker(markers, 'eslint.config.mts'),
    '.eslintrc.js': cjsMarker(markers, '.eslintrc.js', JSON.stringify(evilEslintrc)),
    '.eslintrc.cjs': cjsMarker(markers, '.eslintrc.cjs', JSON.stringify(evilEslintrc)),
    '.eslintrc.json': JSON.stringify(evilEslintrc),
    '.eslintrc': JSON.stringify(evilEslintrc),
    '.eslintrc.yml': 'plugins: [evil]\nparser: "@typescript-eslint/parser"\n',
    'package.json': JSON.stringify({
      name: 'victim',
      main: 'index.js',
      eslintConfig: evilEslintrc,
      scripts: { postinstall: 'node index.js', lint: 'node index.js' },
      dependencies: { pg: '*', ioredis: '*', express: '*' },
    }),
    'index.js': cjsMarker(markers, 'index.js'),
    'tsconfig.json': JSON.stringify({ extends: 'evil-ts-plugin/tsconfig.json', compilerOptions: { plugins: [{ name: 'evil-ts-plugin' }] }, include: ['src'] }),
    'jsconfig.json': JSON.stringify({ compilerOptions: { plugins: [{ name: 'evil-ts-plugin' }] } }),
    '.gitignore': 'ignored/\n',
    'src/app.ts': PER_REQUEST_SOURCE,
    'src/agent.js': "const { Agent } = require('undici');\nexport const agent = new Agent();\n",
    'src/fixable.ts': FIXABLE,
    'src/evil-imports.ts': `/// <reference types="evil-ts-plugin" />
/// <reference path="../node_modules/pg/index.js" />
/* eslint evil/rule: "error" */
import 'eslint-plugin-evil';
import parser from '@typescript-eslint/parser';
import pg from 'pg';
const local = require('../index.js');
export const config = import('../eslint.config.mjs');
export default { parser, local, pool: new pg.Pool({ max: 2, idleTimeoutMillis: 1000 }) };
`,
    'ignored/app.ts': PER_REQUEST_SOURCE,
  };
  for (const [name, subpaths] of Object.entries(PLANTED_PACKAGES)) {
    const exportsMap: Record<string, string> = { '.': './index.js', './package.json': './package.json' };
    files[`node_modules/${name}/index.js`] = cjsMarker(markers, `node_modules-${name.replace('/', '+')}`, '{ parse() {}, parseForESLint() {}, rules: {}, configs: {} }');
    for (const subpath of subpaths) {
      exportsMap[`./${subpath}`] = `./${subpath}.js`;
      files[`node_modules/${name}/${subpath}.js`] = cjsMarker(markers, `node_modules-${name.replace('/', '+')}-${subpath}`);
    }
    files[`node_modules/${name}/package.json`] = JSON.stringify({ name, version: '99.0.0', main: 'index.js', exports: exportsMap });
  }
  files['node_modules/typescript/lib/typescript.js'] = cjsMarker(markers, 'node_modules-typescript-lib');
  files['node_modules/evil-ts-plugin/tsconfig.json'] = JSON.stringify({ compilerOptions: { plugins: [{ name: 'evil-ts-plugin' }] } });
  files['node_modules/.bin/eslint'] = `#!/usr/bin/env node\n${cjsMarker(markers, 'node_modules-.bin-eslint')}`;
  return makeTree(files);
}

interface LoadLogEntry {
  readonly kind: string;
  readonly target: string;
}

function readLoadLog(file: string): LoadLogEntry[] {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const space = line.indexOf(' ');
      const kind = line.slice(0, space);
      const raw = line.slice(space + 1);
      return { kind, target: raw.startsWith('file:') ? fileURLToPath(raw) : raw };
    });
}

/**
 * Nothing loaded from the workspace; read there: only sources (lintable, outside node_modules) and `.gitignore` —
 * never package.json, a tsconfig, an ESLint config that is not a source file, or anything in node_modules.
 */
function assertNothingLoaded(root: string, logFile: string, what: string): LoadLogEntry[] {
  const entries = readLoadLog(logFile);
  assert.ok(entries.some((entry) => entry.kind === 'require' && entry.target.includes(`${path.sep}eslint${path.sep}`)), `${what}: the load log works`);
  const inside = entries.filter((entry) => entry.target.startsWith(`${root}${path.sep}`) || entry.target === root);
  const loaded = inside.filter((entry) => entry.kind !== 'read' && entry.kind !== 'write');
  assert.deepEqual(loaded, [], `${what}: modules loaded from the workspace`);
  // Writes (`--fix`) are the CLI's business (cli-fix tests); here only: never into node_modules.
  assert.deepEqual(inside.filter((entry) => entry.kind === 'write' && entry.target.split(path.sep).includes('node_modules')), [], what);
  const badReads = inside.filter((entry) => {
    if (entry.kind !== 'read') return false;
    const relative = path.relative(root, entry.target);
    const parts = relative.split(path.sep);
    if (parts.includes('node_modules')) return true;
    return !(/\.(?:[cm]?[jt]s|[jt]sx)$/u.test(relative) || path.basename(relative) === '.gitignore');
  });
  assert.deepEqual(badReads, [], `${what}: files read in the workspace that are neither sources nor .gitignore`);
  return inside;
}

function assertNoMarkers(markers: string, what: string): void {
  const found = fs.readdirSync(markers).map((name) => `${name}: ${fs.readFileSync(path.join(markers, name), 'utf8')}`);
  assert.deepEqual(found, [], `${what}: workspace code ran`);
}

function runCliRecorded(args: readonly string[], cwd: string, logFile: string): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, ['--require', RECORD_LOADS, BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', POOLGUARD_TEST_LOAD_LOG: logFile },
    timeout: 120_000,
  });
  if (run.error) throw run.error;
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('untrusted workspace: nothing from the workspace is ever loaded or executed', function () {
  this.timeout(180_000);
  let markers: string;
  let root: string;
  let logs: string;

  before(() => {
    markers = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'poolguard-markers-')));
    logs = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'poolguard-loadlog-')));
    root = maliciousWorkspace(markers);
  });
  after(() => {
    removeTrees();
    fs.rmSync(markers, { recursive: true, force: true });
    fs.rmSync(logs, { recursive: true, force: true });
  });

  it('the planted files do write their marker when run (the test would notice)', () => {
    for (const file of ['eslint.config.js', 'node_modules/pg/index.js']) {
      const probe = spawnSync(process.execPath, [path.join(root, file)], { encoding: 'utf8' });
      assert.equal(probe.status, 0, probe.stderr);
    }
    assert.deepEqual(fs.readdirSync(markers).sort(), ['eslint.config.js.marker', 'node_modules-pg.marker']);
    for (const name of fs.readdirSync(markers)) fs.rmSync(path.join(markers, name));
  });

  it('language server: open, lint, hover, quick fixes, fix-all and the workspace lint, in the workspace as cwd', async () => {
    const logFile = path.join(logs, 'server.log');
    const rootUri = pathToFileURL(root).href;
    const uri = (relative: string): string => pathToFileURL(path.join(root, relative)).href;
    const client = await LspTestClient.start({
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'victim' }],
      cwd: root,
      execArgv: ['--require', RECORD_LOADS],
      env: { POOLGUARD_TEST_LOAD_LOG: logFile },
      settings: () => ({ debounceMs: 0, clientFactories: [{ module: './db', name: 'createDb', kind: 'pool' }] }),
    });
    try {
      const app = uri('src/app.ts');
      await client.open(app, PER_REQUEST_SOURCE);
      const diagnostics = await client.diagnosticsOf(app, 1);
      assert.deepEqual(diagnostics.map((diagnostic) => diagnostic.code), [PER_REQUEST], 'findings are still reported');

      // The workspace's configs and planted packages, opened as documents: linted as text like any other file.
      for (const [relative, languageId] of [
        ['src/evil-imports.ts', 'typescript'],
        ['eslint.config.js', 'javascript'],
        ['eslint.config.mjs', 'javascript'],
        ['eslint.config.ts', 'typescript'],
        ['.eslintrc.js', 'javascript'],
        ['node_modules/pg/index.js', 'javascript'],
        ['node_modules/@typescript-eslint/parser/index.js', 'javascript'],
      ] as const) {
        const documentUri = uri(relative);
        await client.open(documentUri, fs.readFileSync(path.join(root, relative), 'utf8'), languageId);
        await client.diagnosticsOf(documentUri, 1);
      }

      const hover = await client.hover(app, rangeOf(PER_REQUEST_SOURCE, 'new Redis()').start);
      assert.ok(hover !== null);
      const everything = { start: { line: 0, character: 0 }, end: { line: 5, character: 0 } };
      const quickFixes = await client.codeActions(app, everything, diagnostics, [CodeActionKind.QuickFix]);
      assert.ok(quickFixes.length > 0);
      const fixAll: CodeAction[] = await client.codeActions(app, everything, diagnostics, [FIX_ALL_KIND]);
      for (const action of [...quickFixes, ...fixAll]) if (action.edit === undefined && action.data !== undefined) await client.resolve(action);
      await client.open(uri('src/fixable.ts'), FIXABLE);
      const fixable = await client.diagnosticsOf(uri('src/fixable.ts'), 1);
      assert.ok((await client.codeActions(uri('src/fixable.ts'), everything, fixable, [FIX_ALL_KIND])).some((action) => action.edit !== undefined));

      const since = client.diagnostics.items.length;
      const summary = (await client.executeCommand(ServerCommands.lintWorkspace)) as LintWorkspaceSummary;
      assert.equal(summary.cancelled, false);
      const agent = client.diagnostics.items.slice(since).find((params) => params.uri === uri('src/agent.js'));
      assert.deepEqual(agent?.diagnostics.map((diagnostic) => diagnostic.code), [POOL_LIMIT], 'the workspace lint reports as usual');
      assert.ok(!client.diagnostics.items.slice(since).some((params) => params.uri.includes('/node_modules/') || params.uri.includes('/ignored/')));
      assert.ok(client.alive, client.serverStderr);
      assert.deepEqual(client.logs.items.filter((log) => /error|exception|\n\s+at /iu.test(log.message)), [], 'nothing failed');
    } finally {
      await client.stop();
    }
    assertNoMarkers(markers, 'language server');
    const inside = assertNothingLoaded(root, logFile, 'language server');
    assert.ok(inside.some((entry) => entry.target === path.join(root, 'src/agent.js')), 'the workspace lint read the sources (the log sees reads)');
  });

  it('CLI: lint (main thread and worker threads) and --fix, with the workspace as cwd', () => {
    const logFile = path.join(logs, 'cli.log');
    const run = runCliRecorded(['--format', 'json', '.', 'eslint.config.mjs', '.eslintrc.json', 'package.json'], root, logFile);
    assert.equal(run.status, 1, run.stderr);
    const results = new Map((JSON.parse(run.stdout) as LintResult[]).map((result) => [path.relative(root, result.filePath), result]));
    assert.deepEqual(results.get(path.join('src', 'app.ts'))?.messages.map((message) => message.ruleId), [PER_REQUEST], 'findings are still reported');
    assert.deepEqual(results.get(path.join('src', 'agent.js'))?.messages.map((message) => message.ruleId), [POOL_LIMIT]);
    assert.ok(![...results.keys()].some((file) => file.startsWith('node_modules')));

    const workers = runCliRecorded(['--format', 'json', '--concurrency', '2', '.'], root, logFile);
    assert.equal(workers.status, 1, workers.stderr);
    assert.equal((JSON.parse(workers.stdout) as LintResult[]).length, results.size - 2, 'the same files, without the two named non-sources');

    const fix = runCliRecorded(['--fix', '.'], root, logFile);
    assert.equal(fix.status, 1, fix.stderr);
    assert.match(fs.readFileSync(path.join(root, 'src/fixable.ts'), 'utf8'), /new Pool\(\{ host: 'db', max: 10 \}\)/u, '--fix still fixes');

    assertNoMarkers(markers, 'CLI');
    assertNothingLoaded(root, logFile, 'CLI');
  });
});
