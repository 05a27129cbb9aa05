/**
 * Parity (spec §5):
 * - the language server's diagnostics equal the CLI's json findings on the same files (rule, start, end);
 * - the prefilter (texts without a catalogue construction are answered without parsing) never changes a finding:
 *   for every code snippet of the rule tests and every fixture, the prefiltered lint equals linting everything.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

import { parseForESLint } from '@typescript-eslint/parser';

import { createEngine, LINTABLE_EXTENSIONS, type LintMessage, type LintResult } from '../src/engine';
import { IgnoreGlobs } from '../src/lsp/ignore-globs';
import { DocumentLinter } from '../src/lsp/linting';
import { DEFAULT_SETTINGS } from '../src/lsp/settings';
import { WorkspaceFolders } from '../src/lsp/workspace-folders';
import { BIN } from './helpers/cli';
import { LspTestClient } from './helpers/lsp-client';

const repositoryRoot = path.resolve(__dirname, '../../..');
const fixtureRoots = ['test/fixtures/parity', 'test/fixtures/editor'].map((relative) => path.join(repositoryRoot, relative));

interface Finding {
  file: string;
  ruleId: string | null;
  line: number;
  column: number;
  endLine?: number | undefined;
  endColumn?: number | undefined;
}

function byPosition(a: Finding, b: Finding): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || (a.ruleId ?? '').localeCompare(b.ruleId ?? '');
}

function filesUnder(directory: string): string[] {
  return fs
    .readdirSync(directory, { recursive: true, encoding: 'utf8' })
    .filter((file) => LINTABLE_EXTENSIONS.includes(path.extname(file)))
    .map((file) => path.join(directory, file))
    .sort();
}

function languageIdOf(file: string): string {
  const extension = path.extname(file);
  if (extension === '.tsx') return 'typescriptreact';
  if (extension === '.jsx') return 'javascriptreact';
  return ['.ts', '.mts', '.cts'].includes(extension) ? 'typescript' : 'javascript';
}

describe('parity: language server and CLI', function () {
  this.timeout(60_000);

  it('report the same findings (rule, line, column, endLine, endColumn) on the fixtures', async () => {
    const cli = spawnSync(process.execPath, [BIN, '--format', 'json', ...fixtureRoots], { cwd: repositoryRoot, encoding: 'utf8' });
    assert.equal(cli.status, 1, cli.stderr);
    const viaCli: Finding[] = (JSON.parse(cli.stdout) as LintResult[]).flatMap((result) =>
      result.messages.map((message) => ({
        file: path.relative(repositoryRoot, result.filePath),
        ruleId: message.ruleId,
        line: message.line,
        column: message.column,
        // A parse error has no end in ESLint; the editor invents a visible range for it, so only its start counts.
        ...(message.ruleId === null ? {} : { endLine: message.endLine, endColumn: message.endColumn }),
      })),
    );

    const client = await LspTestClient.start();
    const viaServer: Finding[] = [];
    try {
      for (const file of fixtureRoots.flatMap(filesUnder)) {
        const uri = pathToFileURL(file).href;
        await client.open(uri, fs.readFileSync(file, 'utf8'), languageIdOf(file));
        for (const diagnostic of await client.diagnosticsOf(uri, 1)) {
          const data = diagnostic.data as { ruleId: string | null; line: number; column: number };
          viaServer.push({
            file: path.relative(repositoryRoot, file),
            ruleId: data.ruleId,
            // The fixtures have no U+2028 or BOM, so ESLint's and the editor's lines agree: 0-based + 1.
            line: diagnostic.range.start.line + 1,
            column: diagnostic.range.start.character + 1,
            ...(data.ruleId === null ? {} : { endLine: diagnostic.range.end.line + 1, endColumn: diagnostic.range.end.character + 1 }),
          });
          if (data.ruleId === null) {
            // The hint's range marks the token the parser meant; the finding's identity is ESLint's report.
            viaServer[viaServer.length - 1] = { file: path.relative(repositoryRoot, file), ruleId: null, line: data.line, column: data.column };
          }
        }
      }
    } finally {
      await client.stop();
    }
    assert.deepEqual(viaServer.sort(byPosition), viaCli.sort(byPosition));
    assert.ok(viaCli.length >= 15, `a meaningful corpus (${viaCli.length} findings)`);
    assert.ok(viaCli.some((finding) => finding.ruleId === null), 'includes a parse error');
  });
});

/** Every string or template literal of the rule tests that looks like code, with the `filename` beside it if any. */
function ruleTestSnippets(): { code: string; filename: string }[] {
  const testsDir = path.join(repositoryRoot, 'rules/tests');
  const snippets: { code: string; filename: string }[] = [];
  for (const file of fs.readdirSync(testsDir, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.ts'))) {
    const { ast } = parseForESLint(fs.readFileSync(path.join(testsDir, file), 'utf8'), { range: true, loc: true, filePath: file });
    const visit = (node: unknown, filename: string): void => {
      if (Array.isArray(node)) {
        for (const item of node) visit(item, filename);
        return;
      }
      if (typeof node !== 'object' || node === null) return;
      const record = node as Record<string, unknown> & { type?: unknown };
      if (typeof record.type !== 'string') return;
      let own = filename;
      if (record.type === 'ObjectExpression') {
        const property = (record['properties'] as { key?: { name?: string }; value?: { value?: unknown } }[]).find((item) => item.key?.name === 'filename');
        if (typeof property?.value?.value === 'string') own = property.value.value;
      }
      let code: string | undefined;
      if (record.type === 'Literal' && typeof record['value'] === 'string') code = record['value'];
      if (record.type === 'TemplateLiteral' && (record['expressions'] as unknown[]).length === 0) {
        code = (record['quasis'] as { value: { cooked: string | null } }[])[0]?.value.cooked ?? undefined;
      }
      if (code !== undefined && /\n|\b(?:import|require|new)\b/u.test(code)) snippets.push({ code, filename: own });
      for (const [key, value] of Object.entries(record)) if (key !== 'parent') visit(value, own);
    };
    visit(ast, 'snippet.ts');
  }
  return snippets;
}

function findingKeys(messages: readonly LintMessage[]): string[] {
  return messages.map((message) => `${message.ruleId}:${message.line}:${message.column}:${message.endLine}:${message.endColumn}:${message.message}`);
}

describe('parity: prefiltered lint and full lint', function () {
  this.timeout(120_000);

  it('find the same findings on every rule test snippet and fixture', () => {
    const engine = createEngine();
    const ignoreGlobs = new IgnoreGlobs(new WorkspaceFolders([]));
    const prefiltered = new DocumentLinter(engine, ignoreGlobs, { prefilter: true });
    const full = new DocumentLinter(engine, ignoreGlobs, { prefilter: false });
    const corpus = [
      ...ruleTestSnippets(),
      ...fixtureRoots.flatMap(filesUnder).map((file) => ({ code: fs.readFileSync(file, 'utf8'), filename: file })),
    ];
    assert.ok(corpus.length > 200, `a meaningful corpus (${corpus.length} texts)`);

    let skipped = 0;
    let withFindings = 0;
    for (const { code, filename } of corpus) {
      const input = { uri: pathToFileURL(path.resolve('/corpus', filename)).href, version: 1, languageId: undefined, text: code, settings: DEFAULT_SETTINGS, generation: 0 };
      const fast = prefiltered.lint(input);
      const slow = full.lint(input);
      assert.deepEqual(findingKeys(fast.findings), findingKeys(slow.findings), `${filename}:\n${code}`);
      if (fast.skipped === 'no-construction') skipped++;
      if (slow.findings.length > 0) withFindings++;
    }
    // Both halves of the claim are exercised: texts the prefilter skips, and texts with findings.
    assert.ok(skipped > 50, `prefilter skipped ${skipped} texts`);
    assert.ok(withFindings > 150, `${withFindings} texts with findings`);
  });
});
