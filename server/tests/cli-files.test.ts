/**
 * Which files are linted: walking, skipped directories, .gitignore, explicit files, paths outside the cwd, and
 * parse errors that must not stop the other files. Uses parse errors as the "finding" so it does not depend on
 * the rules.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';

import type { LintResult } from '../src/engine';
import { BROKEN_SOURCE, CLEAN_SOURCE, makeTree, removeTrees, runCli } from './helpers/cli';

function lintJson(args: string[], cwd: string): { status: number | null; results: LintResult[]; stderr: string } {
  const run = runCli(['--format', 'json', ...args], cwd);
  return { status: run.status, results: JSON.parse(run.stdout) as LintResult[], stderr: run.stderr };
}

function linted(results: readonly LintResult[], root: string): string[] {
  return results.map((result) => path.relative(root, result.filePath).split(path.sep).join('/')).sort();
}

describe('poolguard CLI: files', () => {
  after(removeTrees);

  it('lints every supported extension and nothing else', () => {
    const files: Record<string, string> = { 'README.md': '# hi\n', 'data.json': '{}\n', 'style.css': 'a {}\n' };
    for (const extension of ['js', 'cjs', 'mjs', 'jsx', 'ts', 'cts', 'mts', 'tsx']) files[`src/a.${extension}`] = CLEAN_SOURCE;
    const root = makeTree(files);
    const { status, results } = lintJson([], root);
    assert.equal(status, 0);
    assert.deepEqual(linted(results, root), [
      'src/a.cjs', 'src/a.cts', 'src/a.js', 'src/a.jsx', 'src/a.mjs', 'src/a.mts', 'src/a.ts', 'src/a.tsx',
    ]);
  });

  it('an empty directory exits 0 and says 0 files', () => {
    const root = makeTree({ 'notes.txt': 'nothing to lint\n' });
    const run = runCli([], root);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, '\u2714 No problems found in 0 files.\n');
  });

  it('a tree without findings exits 0 and counts the files', () => {
    const root = makeTree({ 'a.js': CLEAN_SOURCE, 'lib/b.ts': CLEAN_SOURCE });
    const run = runCli(['.'], root);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, '\u2714 No problems found in 2 files.\n');
  });

  it('a parse error is a fatal finding with ruleId null, the other files are still linted, exit 1', () => {
    const root = makeTree({ 'a.js': CLEAN_SOURCE, 'b.ts': BROKEN_SOURCE, 'c.js': CLEAN_SOURCE });
    const { status, results } = lintJson([], root);
    assert.equal(status, 1);
    assert.deepEqual(linted(results, root), ['a.js', 'b.ts', 'c.js']);
    const broken = results.find((result) => result.filePath.endsWith('b.ts'));
    assert.deepEqual(broken?.messages, [
      { ruleId: null, fatal: true, severity: 2, message: 'Parsing error: Variable declaration expected.', line: 1, column: 6 },
    ]);
    assert.equal(broken?.fatalErrorCount, 1);
    for (const result of results.filter((entry) => entry !== broken)) assert.deepEqual(result.messages, []);
  });

  it('skips node_modules, dist, build, out, coverage and .git at any depth', () => {
    const files: Record<string, string> = { 'src/ok.js': CLEAN_SOURCE };
    for (const skipped of ['node_modules', 'dist', 'build', 'out', 'coverage', '.git']) {
      files[`${skipped}/bad.js`] = BROKEN_SOURCE;
      files[`packages/app/${skipped}/deep/bad.ts`] = BROKEN_SOURCE;
    }
    const root = makeTree(files);
    const { status, results } = lintJson([], root);
    assert.equal(status, 0);
    assert.deepEqual(linted(results, root), ['src/ok.js']);
  });

  it('lints dotfiles and dot-directories other than .git', () => {
    const root = makeTree({ '.eslintrc.js': CLEAN_SOURCE, '.config/x.ts': CLEAN_SOURCE });
    assert.deepEqual(linted(lintJson([], root).results, root), ['.config/x.ts', '.eslintrc.js']);
  });

  it('honours the root .gitignore and nested ones (paths relative to each .gitignore, negation, dir patterns)', () => {
    const root = makeTree({
      '.gitignore': 'generated/\n*.gen.ts\n/top-only.js\n',
      'generated/bad.js': BROKEN_SOURCE,
      'src/a.gen.ts': BROKEN_SOURCE,
      'top-only.js': BROKEN_SOURCE,
      'src/top-only.js': CLEAN_SOURCE, // `/top-only.js` is anchored to the root
      'src/.gitignore': 'local/\n!keep.gen.ts\n',
      'src/keep.gen.ts': CLEAN_SOURCE, // re-included by the deeper .gitignore
      'src/local/bad.js': BROKEN_SOURCE,
      'local/ok.js': CLEAN_SOURCE, // src/.gitignore's `local/` does not reach the root
      'generated/.gitignore': '!bad.js\n', // cannot re-include inside an ignored directory (git semantics)
    });
    const { status, results } = lintJson([], root);
    assert.equal(status, 0, JSON.stringify(results));
    assert.deepEqual(linted(results, root), ['local/ok.js', 'src/keep.gen.ts', 'src/top-only.js']);
  });

  it('honours .gitignore from the cwd when a sub-directory is named', () => {
    const root = makeTree({ '.gitignore': 'src/gen/\n', 'src/gen/bad.js': BROKEN_SOURCE, 'src/ok.js': CLEAN_SOURCE });
    const { status, results } = lintJson(['src'], root);
    assert.equal(status, 0);
    assert.deepEqual(linted(results, root), ['src/ok.js']);
  });

  it('honours .gitignore from the repository root (a .git entry) when linting inside it', () => {
    const root = makeTree({ '.git/HEAD': 'ref: refs/heads/main\n', '.gitignore': 'gen/\n', 'pkg/gen/bad.js': BROKEN_SOURCE, 'pkg/ok.js': CLEAN_SOURCE });
    const { status, results } = lintJson(['.'], path.join(root, 'pkg'));
    assert.equal(status, 0);
    assert.deepEqual(linted(results, root), ['pkg/ok.js']);
  });

  // Decision (see src/cli/files.ts): like ESLint, an explicitly named ignored file is not linted; it gets one
  // warning result "File ignored because of a matching … pattern" (severity 1, ruleId null, no position).
  it('an explicitly named .gitignored file is reported as ignored (warning) and not linted', () => {
    const root = makeTree({ '.gitignore': 'gen/\n', 'gen/bad.js': BROKEN_SOURCE });
    const { status, results } = lintJson(['gen/bad.js'], root);
    assert.equal(status, 0);
    assert.deepEqual(results, [
      {
        filePath: path.join(root, 'gen/bad.js'),
        messages: [{ ruleId: null, fatal: false, severity: 1, message: 'File ignored because of a matching .gitignore pattern.' }],
        suppressedMessages: [],
        errorCount: 0,
        fatalErrorCount: 0,
        warningCount: 1,
        fixableErrorCount: 0,
        fixableWarningCount: 0,
        usedDeprecatedRules: [],
      },
    ]);
    // The warning counts like ESLint's: --max-warnings 0 fails, --quiet hides it.
    assert.equal(runCli(['--max-warnings', '0', 'gen/bad.js'], root).status, 1);
    const quiet = lintJson(['--quiet', 'gen/bad.js'], root);
    assert.equal(quiet.status, 0);
    assert.deepEqual(quiet.results, []);
  });

  it('an explicitly named file in a skipped directory is linted (the skip list only applies to walks)', () => {
    const root = makeTree({ 'build/tool.js': BROKEN_SOURCE });
    const { status, results } = lintJson(['build/tool.js'], root);
    assert.equal(status, 1);
    assert.equal(results[0]?.messages[0]?.fatal, true);
  });

  it('an explicitly named file without a lintable extension gets a warning and is not linted', () => {
    const root = makeTree({ 'notes.md': '# notes\n' });
    const { status, results } = lintJson(['notes.md'], root);
    assert.equal(status, 0);
    assert.equal(results.length, 1);
    assert.equal(results[0]?.messages[0]?.severity, 1);
    assert.match(results[0]?.messages[0]?.message ?? '', /^File ignored because PoolGuard only lints \.js /u);
  });

  it('an explicitly named .gitignored directory lints nothing and says so on stderr', () => {
    const root = makeTree({ '.gitignore': 'gen/\n', 'gen/bad.js': BROKEN_SOURCE });
    const run = runCli(['gen'], root);
    assert.equal(run.status, 0);
    assert.equal(run.stdout, '\u2714 No problems found in 0 files.\n');
    assert.equal(run.stderr, "poolguard: warning: 'gen' is ignored by .gitignore; nothing linted there\n");
  });

  it('lints files and directories outside the cwd', () => {
    const cwd = makeTree({ 'here.js': CLEAN_SOURCE });
    const elsewhere = makeTree({ 'far/bad.ts': BROKEN_SOURCE, 'far/ok.js': CLEAN_SOURCE, 'single.js': BROKEN_SOURCE });
    const { status, results } = lintJson([path.join(elsewhere, 'far'), path.join(elsewhere, 'single.js')], cwd);
    assert.equal(status, 1);
    assert.deepEqual(
      results.map((result) => [result.filePath, result.errorCount]),
      [
        [path.join(elsewhere, 'far/bad.ts'), 1],
        [path.join(elsewhere, 'far/ok.js'), 0],
        [path.join(elsewhere, 'single.js'), 1],
      ],
    );
    // Relative paths that leave the cwd work too.
    const relative = lintJson([path.relative(cwd, path.join(elsewhere, 'far/ok.js'))], cwd);
    assert.equal(relative.status, 0);
    assert.equal(relative.results[0]?.filePath, path.join(elsewhere, 'far/ok.js'));
  });

  it('a file named twice (or inside a named directory too) is linted once', () => {
    const root = makeTree({ 'src/a.js': CLEAN_SOURCE });
    const { results } = lintJson(['src/a.js', 'src', './src/a.js'], root);
    assert.equal(results.length, 1);
  });

  it('.cjs/.cts files are parsed as CommonJS and .js as modules, JSX allowed in .js', () => {
    const root = makeTree({
      'a.cjs': "const x = require('x');\nmodule.exports = x;\n",
      'b.js': 'import x from "x";\nexport const el = <div>{x}</div>;\n',
      'c.tsx': 'export const el = <span />;\n',
      'd.ts': 'export const y = <string>(null as unknown);\n',
    });
    const { status, results } = lintJson([], root);
    assert.equal(status, 0, JSON.stringify(results));
  });
});
