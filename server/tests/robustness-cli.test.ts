/**
 * The CLI on malformed and hostile files (helpers/hostile-inputs.ts): random bytes, real files cut off at many
 * offsets, unterminated literals, 3,000-deep nesting of every kind, a 60,000-line file, BOM/CRLF/CR/U+2028 line
 * endings, Latin-1, invalid UTF-8 and UTF-16 bytes, `.d.ts`, JSX/TSX and Flow.
 *
 * The contract for file content: exit code 0 or 1, never 2 (2 is for usage and internal errors); `--format json`
 * parses and has one result per file; a file either has findings (the expected ones, on the expected lines) or —
 * when it does not parse — exactly one message, fatal, starting with "Parsing error:". No stack overflow, rule crash
 * or "Internal error" for any of them, in the main thread or in worker threads; `--fix` rewrites none of them.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { LintResult } from '../src/engine';
import { BIN, makeTree, removeTrees, runCli, type CliRun } from './helpers/cli';
import { deepInputs, hostileInputs, hugeInput, randomBytes, writeInputs, type HostileInput } from './helpers/hostile-inputs';

function describeMessages(result: LintResult): string {
  return JSON.stringify(result.messages.map((message) => [message.ruleId, message.fatal === true, message.line, message.message.slice(0, 120)]));
}

/** Findings, or exactly one "Parsing error:" — and what the input expects of the two. */
function assertCliResult(input: HostileInput, result: LintResult | undefined): void {
  assert.ok(result !== undefined, `${input.name}: no result`);
  const where = `${input.name}: ${describeMessages(result)}`;
  const fatal = result.messages.filter((message) => message.fatal === true);
  assert.equal(result.fatalErrorCount, fatal.length, where);
  if (fatal.length > 0) {
    assert.equal(result.messages.length, 1, `a file that does not parse has exactly one message — ${where}`);
    assert.equal(fatal[0]?.ruleId, null, where);
    assert.match(fatal[0]?.message ?? '', /^Parsing error: \S/u, where);
    assert.notEqual(input.expect.parse, 'ok', `expected to parse — ${where}`);
    return;
  }
  assert.notEqual(input.expect.parse, 'error', `expected a parse error — ${where}`);
  assert.ok(result.messages.every((message) => message.ruleId?.startsWith('poolguard/') === true), where);
  if (input.expect.rules !== undefined) {
    assert.deepEqual(result.messages.map((message) => message.ruleId).sort(), [...input.expect.rules].sort(), where);
  }
  if (input.expect.lines !== undefined) assert.deepEqual(result.messages.map((message) => message.line), input.expect.lines, where);
}

/** `runCli` with room for the JSON of a 60,000-line file (ESLint's json output includes `source`). */
function runCliLarge(args: readonly string[], cwd: string): CliRun {
  const run = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 180_000,
    maxBuffer: 512 * 1024 * 1024,
  });
  if (run.error) throw run.error;
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function parseJson(run: CliRun): LintResult[] {
  assert.ok(run.status === 0 || run.status === 1, `exit code ${String(run.status)}, stderr: ${run.stderr.slice(0, 2000)}`);
  assert.doesNotMatch(run.stderr, /internal error|RangeError|Maximum call stack|\n\s+at /u);
  return JSON.parse(run.stdout) as LintResult[];
}

function byRelativePath(root: string, results: readonly LintResult[]): Map<string, LintResult> {
  return new Map(results.map((result) => [path.relative(root, result.filePath).split(path.sep).join('/'), result]));
}

describe('poolguard CLI: malformed and hostile files', function () {
  this.timeout(240_000);
  const inputs = [...hostileInputs(), hugeInput()];
  const categories = [...new Set(inputs.map((input) => input.name.split('/')[0] ?? ''))];
  let root: string;
  let results: Map<string, LintResult>;

  before(() => {
    root = makeTree();
    writeInputs(root, inputs);
    const started = performance.now();
    const run = runCliLarge(['--format', 'json', '--concurrency', 'off'], root);
    console.log(`      (${inputs.length} hostile files linted in ${Math.round(performance.now() - started)} ms)`);
    results = byRelativePath(root, parseJson(run));
  });
  after(removeTrees);

  it('exits 0 or 1 with JSON that has exactly one result per file', () => {
    assert.deepEqual([...results.keys()].sort(), inputs.map((input) => input.name).sort());
  });

  for (const category of categories) {
    it(`${category}: each file has its findings or exactly one "Parsing error:"`, () => {
      for (const input of inputs.filter((item) => item.name.startsWith(`${category}/`))) assertCliResult(input, results.get(input.name));
    });
  }

  it('the unparseable inputs are reported as such (the generator did make hostile files)', () => {
    const fatal = [...results.values()].filter((result) => result.fatalErrorCount > 0).length;
    const found = [...results.values()].filter((result) => result.errorCount > result.fatalErrorCount).length;
    assert.ok(fatal >= 40, `${fatal} files with a parse error`);
    assert.ok(found >= 10, `${found} files with findings`);
  });

  it('hostile files named on the command line, text output: exit 1 with the parse error shown', () => {
    const text = runCli(['unterminated/template.ts', 'random/bytes-0.ts', 'encoding/utf16le-bom.ts'], root);
    assert.equal(text.status, 1, text.stderr);
    assert.match(text.stdout, /Parsing error: /u);
    assert.equal(text.stderr, '');
  });

  it('--fix rewrites none of them (no autofix applies), not even the non-UTF-8 ones, and reports the same', () => {
    const copy = makeTree();
    const small = inputs.filter((input) => !input.name.startsWith('huge/'));
    writeInputs(copy, small);
    const fixed = byRelativePath(copy, parseJson(runCliLarge(['--fix', '--format', 'json', '--concurrency', 'off'], copy)));
    for (const input of small) {
      assert.deepEqual(fs.readFileSync(path.join(copy, input.name)), input.bytes, `${input.name} was rewritten`);
      // (How deep the parser gets before its stack runs out depends on how warm V8's JIT is: not compared.)
      if (!input.name.startsWith('deep/')) assert.deepEqual(fixed.get(input.name)?.messages, results.get(input.name)?.messages, input.name);
      else assertCliResult(input, fixed.get(input.name));
    }
  });

  it('in worker threads (their stack is larger): the same contract for deep nesting and random bytes', () => {
    const workerInputs = [
      ...deepInputs(),
      ...deepInputs(6_000, 'deeper'),
      ...[4, 5, 6].map((seed) => {
        const bytes = Buffer.concat([Buffer.from("import Redis from 'ioredis';\n"), randomBytes(seed, 50_000)]);
        return { name: `random/worker-${seed}.ts`, bytes, text: '', expect: { parse: 'either' } } satisfies HostileInput;
      }),
    ];
    const tree = makeTree();
    writeInputs(tree, workerInputs);
    const workerResults = byRelativePath(tree, parseJson(runCliLarge(['--format', 'json', '--concurrency', '2'], tree)));
    assert.equal(workerResults.size, workerInputs.length);
    for (const input of workerInputs) assertCliResult(input, workerResults.get(input.name));
  });
});
