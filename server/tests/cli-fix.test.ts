/** --fix: applies autofixes only (never suggestions), writes only changed, linted files. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { poolguardPlugin, type LintResult } from '../src/engine';
import { BROKEN_SOURCE, CLEAN_SOURCE, makeTree, PER_REQUEST_SOURCE, removeTrees, runCli } from './helpers/cli';

/** A fixed, old mtime makes "not rewritten" observable even on coarse-grained file systems. */
const OLD = new Date('2020-01-01T00:00:00Z');

function snapshot(root: string, files: readonly string[]): Map<string, { bytes: Buffer; mtimeMs: number }> {
  return new Map(
    files.map((file) => {
      const full = path.join(root, file);
      fs.utimesSync(full, OLD, OLD);
      return [file, { bytes: fs.readFileSync(full), mtimeMs: fs.statSync(full).mtimeMs }];
    }),
  );
}

function assertUntouched(root: string, before: Map<string, { bytes: Buffer; mtimeMs: number }>): void {
  for (const [file, { bytes, mtimeMs }] of before) {
    const full = path.join(root, file);
    assert.deepEqual(fs.readFileSync(full), bytes, `${file} is byte-identical`);
    assert.equal(fs.statSync(full).mtimeMs, mtimeMs, `${file} was not rewritten`);
  }
}

describe('poolguard CLI: --fix', () => {
  after(removeTrees);

  it('does not rewrite a file whose findings only have suggestions', () => {
    const root = makeTree({ 'src/app.js': PER_REQUEST_SOURCE });
    const before = snapshot(root, ['src/app.js']);
    const run = runCli(['--fix', '--format', 'json'], root);
    assertUntouched(root, before);
    const [result] = JSON.parse(run.stdout) as LintResult[];
    assert.equal(result?.output, undefined, 'no `output` when nothing was fixed (as in ESLint)');
    // Depends on no-client-per-request: the finding remains and is reported after --fix.
    assert.equal(run.status, 1);
    assert.equal(result?.messages[0]?.ruleId, 'poolguard/no-client-per-request');
  });

  it('never touches files it did not lint (ignored, skipped, other extensions, parse errors)', () => {
    const fixable = '/* eslint poolguard/require-pool-limit: ["warn", { "requireExplicit": true }] */\n' +
      "import { Pool } from 'pg';\nexport const pool = new Pool({ host: 'db' });\n";
    const files = {
      '.gitignore': 'generated/\n',
      'generated/db.js': fixable,
      'node_modules/pkg/db.js': fixable,
      'dist/db.js': fixable,
      'notes.md': fixable,
      'broken.ts': BROKEN_SOURCE,
      'clean.js': CLEAN_SOURCE,
    };
    const root = makeTree(files);
    const before = snapshot(root, Object.keys(files));
    const run = runCli(['--fix'], root);
    assert.equal(run.status, 1, 'the parse error remains an error');
    assertUntouched(root, before);
  });

  // Positive path. The only autofixes planned are require-pool-limit / require-idle-timeout with `requireExplicit`
  // (writing the library's own default). The CLI has no way to pass rule options, but ESLint's inline config comment
  // can, and the engine honours it, so this exercises the real write path end to end.
  it('applies the poolguard/require-pool-limit autofix in place, idempotently', function () {
    if (poolguardPlugin.rules['require-pool-limit']?.meta?.fixable === undefined) {
      this.skip(); // no autofix yet in require-pool-limit
    }
    const source =
      '/* eslint poolguard/require-pool-limit: ["warn", { "requireExplicit": true }] */\n' +
      "import { Pool } from 'pg';\nexport const pool = new Pool({ host: 'db' });\n";
    const root = makeTree({ 'db.js': source, 'other.js': CLEAN_SOURCE });
    const before = snapshot(root, ['other.js']);

    const first = runCli(['--fix', '--format', 'json'], root);
    assert.equal(first.status, 0, first.stderr);
    const fixedText = fs.readFileSync(path.join(root, 'db.js'), 'utf8');
    assert.notEqual(fixedText, source);
    assert.match(fixedText, /new Pool\(\{ host: 'db', max: 10 \}\)/u);
    const [db] = JSON.parse(first.stdout) as LintResult[];
    assert.equal(db?.output, fixedText, 'json carries `output` for a fixed file, as ESLint does');
    assert.deepEqual(db?.messages, [], 'the fix removed its finding');
    assertUntouched(root, before);

    // Applying fixes twice changes nothing, and the file still parses.
    const again = snapshot(root, ['db.js']);
    const second = runCli(['--fix', '--format', 'json'], root);
    assert.equal(second.status, 0);
    assertUntouched(root, again);
  });
});
