/**
 * --concurrency: worker threads change how fast, never what. The same tree linted (and fixed) in the main thread and
 * across workers gives byte-identical output, in the same order, with the same exit code.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { AUTO_MIN_FILES, workerCount } from '../src/cli/parallel';
import { BROKEN_SOURCE, CLEAN_SOURCE, makeTree, PER_REQUEST_SOURCE, removeTrees, runCli } from './helpers/cli';

/** An undici Agent without `connections`: a require-pool-limit warning (a suggestion, no autofix). */
const UNBOUNDED_AGENT = "import { Agent } from 'undici';\nexport const agent = new Agent();\n";

/** A pg pool without `max`, with requireExplicit turned on in the file: an autofix writes pg's default. */
const FIXABLE_POOL =
  '/* eslint poolguard/require-pool-limit: ["warn", { "requireExplicit": true }] */\n' +
  "import { Pool } from 'pg';\nexport const pool = new Pool({ host: 'db' });\n";

/** 50 files of every kind: findings, clean files, files that do not parse, warnings, autofixes. */
function mixedTree(): string {
  const files: Record<string, string> = {};
  for (let index = 0; index < 10; index++) {
    files[`src/routes/route-${index}.ts`] = PER_REQUEST_SOURCE;
    files[`src/util/util-${index}.js`] = CLEAN_SOURCE;
    files[`src/broken/broken-${index}.ts`] = BROKEN_SOURCE;
    files[`src/agents/agent-${index}.mjs`] = UNBOUNDED_AGENT;
    files[`src/db/db-${index}.js`] = FIXABLE_POOL;
  }
  return makeTree(files);
}

function readTree(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (directory: string): void => {
    for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
      const full = path.join(directory, entry.name);
      if (entry.isDirectory()) walk(full);
      else out[path.relative(root, full)] = fs.readFileSync(full, 'utf8');
    }
  };
  walk(root);
  return out;
}

describe('poolguard CLI: --concurrency', function () {
  this.timeout(120_000);
  after(removeTrees);

  it('reports exactly the same in worker threads as in the main thread', () => {
    const root = mixedTree();
    const single = runCli(['--format', 'json', '--concurrency', 'off'], root);
    const workers = runCli(['--format', 'json', '--concurrency', '3'], root);
    assert.equal(single.status, 1, single.stderr);
    assert.equal(workers.status, single.status, workers.stderr);
    assert.equal(workers.stdout, single.stdout);
    const results = JSON.parse(workers.stdout) as { filePath: string; errorCount: number; warningCount: number }[];
    assert.equal(results.length, 50);
    assert.deepEqual(
      [results.filter((result) => result.errorCount > 0).length, results.filter((result) => result.warningCount > 0).length],
      [20, 20],
      'the 10 per-request files and the 10 broken files have errors, the 10 agents and the 10 pools warnings',
    );
  });

  it('fixes the same files the same way in worker threads', () => {
    const single = mixedTree();
    const workers = mixedTree();
    const first = runCli(['--fix', '--format', 'json', '--concurrency', 'off'], single);
    const second = runCli(['--fix', '--format', 'json', '--concurrency', '2'], workers);
    assert.equal(second.stdout.replaceAll(workers, '<root>'), first.stdout.replaceAll(single, '<root>'));
    const fixed = readTree(workers);
    assert.deepEqual(fixed, readTree(single));
    assert.match(fixed['src/db/db-7.js'] ?? '', /new Pool\(\{ host: 'db', max: 10 \}\)/u, 'the autofix was written');
  });

  it("'auto' stays in the main thread for small runs and uses up to 4 workers for large ones", () => {
    assert.equal(workerCount(AUTO_MIN_FILES - 1, 'auto'), 0);
    assert.ok(workerCount(AUTO_MIN_FILES, 'auto') <= 4);
    assert.equal(workerCount(5000, 'off'), 0);
    assert.equal(workerCount(3, 8), 3, 'never more workers than files');
    assert.equal(workerCount(100, 1), 0, 'one thread is the main thread');
  });

  it('rejects a bad --concurrency with exit code 2', () => {
    const root = makeTree({ 'a.js': CLEAN_SOURCE });
    for (const value of ['0', 'many', '-2', '100']) {
      const run = runCli(['--concurrency', value], root);
      assert.equal(run.status, 2, value);
      assert.match(run.stderr, /^poolguard: invalid --concurrency/u);
    }
  });
});
