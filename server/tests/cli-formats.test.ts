/** --format text|json|sarif, asserted on parse errors and clean files (no dependency on the rules). */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';

import { BROKEN_SOURCE, CLEAN_SOURCE, makeTree, removeTrees, RESULT_KEYS, runCli } from './helpers/cli';

describe('poolguard CLI: formats', () => {
  after(removeTrees);

  it('text: stylish layout and ESLint summary line', () => {
    const root = makeTree({ 'a.js': CLEAN_SOURCE, 'b.ts': BROKEN_SOURCE, 'c.mjs': 'let = ;\n' });
    const run = runCli([], root);
    assert.equal(run.status, 1);
    assert.equal(
      run.stdout,
      [
        path.join(root, 'b.ts'),
        '  1:6  error  Parsing error: Variable declaration expected',
        '',
        path.join(root, 'c.mjs'),
        '  1:6  error  Parsing error: Expression expected',
        '',
        '\u2716 2 problems (2 errors, 0 warnings)',
        '',
      ].join('\n'),
    );
  });

  it('json: ESLint json-formatter array with one entry per linted file, exact keys and values', () => {
    const root = makeTree({ 'a.js': CLEAN_SOURCE, 'b.ts': BROKEN_SOURCE });
    const run = runCli(['--format', 'json'], root);
    assert.equal(run.status, 1);
    assert.ok(run.stdout.startsWith('[{"filePath":'), 'compact JSON.stringify output');
    const results = JSON.parse(run.stdout) as Record<string, unknown>[];
    assert.deepEqual(results, [
      {
        filePath: path.join(root, 'a.js'),
        messages: [],
        suppressedMessages: [],
        errorCount: 0,
        fatalErrorCount: 0,
        warningCount: 0,
        fixableErrorCount: 0,
        fixableWarningCount: 0,
        usedDeprecatedRules: [],
      },
      {
        filePath: path.join(root, 'b.ts'),
        messages: [
          { ruleId: null, fatal: true, severity: 2, message: 'Parsing error: Variable declaration expected.', line: 1, column: 6 },
        ],
        suppressedMessages: [],
        errorCount: 1,
        fatalErrorCount: 1,
        warningCount: 0,
        fixableErrorCount: 0,
        fixableWarningCount: 0,
        source: BROKEN_SOURCE,
        usedDeprecatedRules: [],
      },
    ]);
    // Key order as ESLint prints it: `source` (only with problems) right before `usedDeprecatedRules`.
    assert.deepEqual(Object.keys(results[0] ?? {}), [...RESULT_KEYS, 'usedDeprecatedRules']);
    assert.deepEqual(Object.keys(results[1] ?? {}), [...RESULT_KEYS, 'source', 'usedDeprecatedRules']);
  });

  it('json: an empty directory prints []', () => {
    const run = runCli(['--format', 'json'], makeTree());
    assert.equal(run.status, 0);
    assert.deepEqual(JSON.parse(run.stdout), []);
  });

  it('sarif: 2.1.0 log with the rule catalogue, parse errors as notifications, relative and file:// URIs', () => {
    const root = makeTree({ 'src/ok.js': CLEAN_SOURCE, 'src/my file.ts': BROKEN_SOURCE });
    const outside = makeTree({ 'far.js': BROKEN_SOURCE });
    const run = runCli(['--format', 'sarif', '.', path.join(outside, 'far.js')], root);
    assert.equal(run.status, 1);
    const log = JSON.parse(run.stdout) as Sarif.Log;
    assert.equal(log.version, '2.1.0');
    assert.equal(typeof log.$schema, 'string');
    assert.equal(log.runs.length, 1);
    const [sarifRun] = log.runs;
    assert.ok(sarifRun);

    const driver = sarifRun.tool.driver;
    assert.equal(driver.name, 'PoolGuard');
    assert.match(driver.informationUri ?? '', /^https:\/\//u);
    assert.match(driver.version ?? '', /^\d+\.\d+\.\d+/u);
    assert.deepEqual(
      driver.rules?.map((rule) => rule.id),
      [
        'poolguard/no-client-per-request',
        'poolguard/require-pool-limit',
        'poolguard/require-idle-timeout',
        'poolguard/no-client-in-loop',
        'poolguard/release-pooled-client',
        'poolguard/no-shared-pool-close-in-handler',
      ],
    );
    for (const rule of driver.rules ?? []) {
      assert.ok(rule.shortDescription?.text, `${rule.id} has a short description`);
      assert.equal(rule.helpUri, `https://github.com/poolguard/poolguard/blob/main/rules/docs/${rule.id.slice('poolguard/'.length)}.md`);
    }

    assert.deepEqual(sarifRun.results, []);
    const invocation = sarifRun.invocations?.[0];
    assert.equal(invocation?.executionSuccessful, true);
    assert.deepEqual(invocation?.toolExecutionNotifications, [
      {
        level: 'error',
        message: { text: 'Parsing error: Variable declaration expected.' },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: 'src/my%20file.ts', uriBaseId: '%SRCROOT%' },
              region: { startLine: 1, startColumn: 6 },
            },
          },
        ],
      },
      {
        level: 'error',
        message: { text: 'Parsing error: Variable declaration expected.' },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: pathToFileURL(path.join(outside, 'far.js')).href },
              region: { startLine: 1, startColumn: 6 },
            },
          },
        ],
      },
    ]);
    assert.deepEqual(sarifRun.originalUriBaseIds, { '%SRCROOT%': { uri: pathToFileURL(root + path.sep).href } });
  });
});
