/**
 * `--format sarif` against the SARIF 2.1.0 JSON schema (validated, not hand-checked), and the stability of the
 * results' `partialFingerprints`: code-scanning services match an alert across runs by its fingerprint, so inserting
 * lines above a finding must not change it, while a different rule, file or line text must.
 *
 * The schema is Microsoft's copy shipped in `@microsoft/jest-sarif` (`sarif-2.1.0-rtm.5.json`, JSON Schema draft-04,
 * the schema of the SARIF 2.1.0 release), validated with Ajv's draft-04 class.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as Sarif from 'sarif';

import Ajv from 'ajv-draft-04';
import type { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

import { BROKEN_SOURCE, CLEAN_SOURCE, makeTree, PER_REQUEST_SOURCE, removeTrees, runCli } from './helpers/cli';

const FINGERPRINT_KEY = 'poolguardLineHash/v1';

/** A pool with an unlimited size and no idle timeout (as in test/fixtures/parity), plus a client per request. */
const POOL_SOURCE = [
  "import express from 'express';",
  "import mysql from 'mysql2';",
  "import Redis from 'ioredis';",
  '',
  "const pool = mysql.createPool({ host: 'db', connectionLimit: 0 });",
  'const app = express();',
  '',
  "app.get('/a', async (req, res) => {",
  '  const redis = new Redis();',
  "  res.json(await redis.get('a'));",
  '});',
  '',
  'export { pool };',
  '',
].join('\n');

function loadValidator(): ValidateFunction {
  const schemaPath = path.join(path.dirname(require.resolve('@microsoft/jest-sarif/package.json')), 'lib/schemas/sarif-2.1.0-rtm.5.json');
  const schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;
  // `unicodeRegExp: false`: the published schema's `language` pattern has a stray `]`, legal only without the `u` flag.
  const ajv = new Ajv({ allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(schema);
}

function assertValid(validate: ValidateFunction, log: unknown): void {
  const valid = validate(log);
  assert.ok(valid, `SARIF log is invalid:\n${JSON.stringify(validate.errors, null, 2)}`);
}

function sarifOf(root: string, args: readonly string[] = ['.']): Sarif.Log {
  const run = runCli(['--format', 'sarif', ...args], root);
  assert.ok(run.status === 0 || run.status === 1, `exit ${run.status}: ${run.stderr}`);
  return JSON.parse(run.stdout) as Sarif.Log;
}

/** `ruleId line → fingerprint`, for readable assertion failures. */
function fingerprints(log: Sarif.Log): { ruleId: string; line: number; fingerprint: string }[] {
  return (log.runs[0]?.results ?? []).map((result) => ({
    ruleId: result.ruleId ?? '',
    line: result.locations?.[0]?.physicalLocation?.region?.startLine ?? 0,
    fingerprint: result.partialFingerprints?.[FINGERPRINT_KEY] ?? '',
  }));
}

describe('poolguard CLI: SARIF 2.1.0 schema and fingerprints', () => {
  let validate: ValidateFunction;

  before(() => {
    validate = loadValidator();
  });
  after(removeTrees);

  it('the validator is not vacuous: it rejects a log with a wrong version or an unknown result level', () => {
    assert.equal(validate({ version: '2.1.0', runs: [] }), true);
    assert.equal(validate({ version: '2.0.0', runs: [] }), false);
    const bad = { version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, level: 'fatal' }] }] };
    assert.equal(validate(bad), false);
  });

  it('findings, parse errors, spaces in names and files outside the cwd validate against the schema', () => {
    const root = makeTree({ 'src/app.ts': POOL_SOURCE, 'src/per request.js': PER_REQUEST_SOURCE, 'src/ok.js': CLEAN_SOURCE, 'src/bad.ts': BROKEN_SOURCE });
    const outside = makeTree({ 'far.js': PER_REQUEST_SOURCE });
    const log = sarifOf(root, ['.', path.join(outside, 'far.js')]);
    assertValid(validate, log);

    const results = log.runs[0]?.results ?? [];
    assert.ok(results.length >= 4, `expected findings in three files, got ${results.length}`);
    assert.equal(log.runs[0]?.invocations?.[0]?.toolExecutionNotifications?.length, 1, 'the parse error is a notification');
    for (const result of results) {
      assert.match(result.partialFingerprints?.[FINGERPRINT_KEY] ?? '', /^[0-9a-f]{32}:\d+$/u, `${result.ruleId} has a fingerprint`);
    }
    for (const rule of log.runs[0]?.tool.driver.rules ?? []) {
      assert.match(rule.helpUri ?? '', /^https:\/\/github\.com\/poolguard\/poolguard\/blob\/main\/rules\/docs\/[a-z-]+\.md$/u);
    }
  });

  it('an empty run and a --fix run validate too', () => {
    assertValid(validate, sarifOf(makeTree()));
    assertValid(validate, sarifOf(makeTree({ 'a.js': CLEAN_SOURCE })));
    assertValid(validate, sarifOf(makeTree({ 'src/app.ts': POOL_SOURCE }), ['--fix', '.']));
  });

  it('fingerprints survive lines inserted above the findings; the region moves', () => {
    const before = fingerprints(sarifOf(makeTree({ 'src/app.ts': POOL_SOURCE })));
    const header = ['// a header comment', "import cors from 'cors';", ''].map((line) => `${line}\n`);
    const shifted = header.join('') + POOL_SOURCE;
    // Re-indenting the construction's line keeps it too: whitespace is normalised.
    const after = fingerprints(sarifOf(makeTree({ 'src/app.ts': shifted.replace('  const redis = new Redis();', '    const redis =   new Redis();') })));

    assert.ok(before.length >= 3, JSON.stringify(before));
    assert.deepEqual(
      after.map(({ ruleId, fingerprint }) => ({ ruleId, fingerprint })),
      before.map(({ ruleId, fingerprint }) => ({ ruleId, fingerprint })),
    );
    assert.deepEqual(
      after.map(({ line }) => line),
      before.map(({ line }) => line + header.length),
    );
  });

  it('fingerprints differ by rule, by file, by line text, and by occurrence of an identical line', () => {
    const twice = PER_REQUEST_SOURCE + "app.get('/', (req, res) => { const r = new Redis(); res.send('ok'); });\n";
    const log = sarifOf(makeTree({ 'a.js': twice, 'b.js': PER_REQUEST_SOURCE, 'c.ts': POOL_SOURCE }));
    const results = log.runs[0]?.results ?? [];
    const all = results.map((result) => result.partialFingerprints?.[FINGERPRINT_KEY] ?? '');
    assert.equal(new Set(all).size, all.length, `fingerprints must be unique within a run: ${JSON.stringify(fingerprints(log))}`);

    const [first, second] = results.filter((result) => result.locations?.[0]?.physicalLocation?.artifactLocation?.uri === 'a.js');
    const [hashA, occurrenceA] = (first?.partialFingerprints?.[FINGERPRINT_KEY] ?? '').split(':');
    const [hashB, occurrenceB] = (second?.partialFingerprints?.[FINGERPRINT_KEY] ?? '').split(':');
    assert.equal(hashA, hashB, 'the same rule on the same line text in the same file hashes alike');
    assert.deepEqual([occurrenceA, occurrenceB], ['0', '1']);

    const changed = fingerprints(sarifOf(makeTree({ 'c.ts': POOL_SOURCE.replace('new Redis()', 'new Redis({ lazyConnect: true })') })));
    const original = fingerprints(sarifOf(makeTree({ 'c.ts': POOL_SOURCE })));
    const perRequest = (list: typeof original): string | undefined => list.find((entry) => entry.ruleId === 'poolguard/no-client-per-request')?.fingerprint;
    assert.ok(perRequest(original));
    assert.notEqual(perRequest(changed), perRequest(original), 'editing the line itself gives a new fingerprint');
  });
});
