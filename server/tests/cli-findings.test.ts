/**
 * Findings from the real rules through the CLI: positions, formats, --rule, --quiet, --max-warnings.
 * These depend on `no-client-per-request` flagging `new Redis()` in a route handler (the contract input).
 */
import * as assert from 'node:assert/strict';
import type * as Sarif from 'sarif';

import type { LintResult } from '../src/engine';
import { CLEAN_SOURCE, makeTree, PER_REQUEST_COLUMN, PER_REQUEST_SOURCE, removeTrees, runCli } from './helpers/cli';

const RULE = 'poolguard/no-client-per-request';

function perRequestTree(): string {
  return makeTree({ 'src/app.js': PER_REQUEST_SOURCE, 'src/util.js': CLEAN_SOURCE });
}

describe('poolguard CLI: findings', () => {
  after(removeTrees);

  it('the contract input is flagged at line 4, at `new Redis()` (column 40)', () => {
    assert.equal(PER_REQUEST_COLUMN, 40);
    const run = runCli(['--format', 'json'], perRequestTree());
    assert.equal(run.status, 1, run.stderr);
    const [app, util] = JSON.parse(run.stdout) as LintResult[];
    assert.equal(app?.messages.length, 1);
    const message = app?.messages[0];
    assert.equal(message?.ruleId, RULE);
    assert.equal(message?.severity, 2);
    assert.equal(message?.line, 4);
    assert.equal(message?.column, PER_REQUEST_COLUMN);
    assert.equal(message?.endLine, 4);
    assert.equal(message?.endColumn, PER_REQUEST_COLUMN + 'new Redis()'.length);
    assert.equal(message?.fix, undefined, 'hoisting is a suggestion, never an autofix');
    assert.ok((message?.suggestions?.length ?? 0) > 0, 'offers a suggestion');
    assert.equal(app?.errorCount, 1);
    assert.equal(app?.source, PER_REQUEST_SOURCE);
    assert.deepEqual(util?.messages, []);
  });

  it('text: the finding row and the summary', () => {
    const run = runCli([], perRequestTree());
    assert.equal(run.status, 1);
    const lines = run.stdout.split('\n');
    assert.match(lines[0] ?? '', /src[\\/]app\.js$/u);
    assert.match(lines[1] ?? '', new RegExp(`^  4:${PER_REQUEST_COLUMN}  error  .*Redis.*  ${RULE}$`, 'u'));
    assert.ok(run.stdout.endsWith('\n\u2716 1 problem (1 error, 0 warnings)\n'), run.stdout);
  });

  it('sarif: the finding as a result with rule index, level and region', () => {
    const run = runCli(['--format', 'sarif'], perRequestTree());
    assert.equal(run.status, 1);
    const log = JSON.parse(run.stdout) as Sarif.Log;
    const results = log.runs[0]?.results ?? [];
    assert.equal(results.length, 1);
    const [result] = results;
    assert.equal(result?.ruleId, RULE);
    assert.equal(result?.ruleIndex, 0);
    assert.equal(log.runs[0]?.tool.driver.rules?.[result?.ruleIndex ?? -1]?.id, RULE);
    assert.equal(result?.level, 'error');
    assert.ok(result?.message.text);
    const location = result?.locations?.[0]?.physicalLocation;
    assert.deepEqual(location?.artifactLocation, { uri: 'src/app.js', uriBaseId: '%SRCROOT%' });
    assert.deepEqual(location?.region, {
      startLine: 4,
      startColumn: PER_REQUEST_COLUMN,
      endLine: 4,
      endColumn: PER_REQUEST_COLUMN + 'new Redis()'.length,
    });
    assert.deepEqual(log.runs[0]?.invocations?.[0]?.toolExecutionNotifications, []);
  });

  it('--rule overrides the severity (warn → exit 0, off → no finding)', () => {
    const root = perRequestTree();
    const warned = runCli(['--format', 'json', '--rule', 'no-client-per-request=warn'], root);
    assert.equal(warned.status, 0, warned.stderr);
    const [app] = JSON.parse(warned.stdout) as LintResult[];
    assert.equal(app?.messages[0]?.severity, 1);
    assert.equal(app?.warningCount, 1);
    assert.equal(app?.errorCount, 0);

    const text = runCli(['--rule', `${RULE}=warn`], root);
    assert.ok(text.stdout.endsWith('\u2716 1 problem (0 errors, 1 warning)\n'), text.stdout);

    const off = runCli(['--rule', `${RULE}=off`], root);
    assert.equal(off.status, 0);
    assert.equal(off.stdout, '\u2714 No problems found in 2 files.\n');
  });

  it('--quiet reports errors only', () => {
    const root = perRequestTree();
    const quietWarn = runCli(['--quiet', '--rule', `${RULE}=warn`], root);
    assert.equal(quietWarn.status, 0);
    assert.equal(quietWarn.stdout, '\u2714 No problems found in 2 files.\n');
    // Like ESLint's getErrorResults, --quiet json lists only files with errors.
    const quietJson = runCli(['--quiet', '--format', 'json', '--rule', `${RULE}=warn`], root);
    assert.deepEqual(JSON.parse(quietJson.stdout), []);
    const quietError = runCli(['--quiet', '--format', 'json'], root);
    assert.equal(quietError.status, 1);
    const results = JSON.parse(quietError.stdout) as LintResult[];
    assert.equal(results.length, 1);
    assert.equal(results[0]?.messages[0]?.ruleId, RULE);
  });

  it('--max-warnings: exit 1 with a line on stderr when warnings exceed it', () => {
    const root = perRequestTree();
    const over = runCli(['--rule', `${RULE}=warn`, '--max-warnings', '0'], root);
    assert.equal(over.status, 1);
    assert.equal(over.stderr, 'PoolGuard found too many warnings (maximum: 0).\n');
    const within = runCli(['--rule', `${RULE}=warn`, '--max-warnings', '1'], root);
    assert.equal(within.status, 0);
    assert.equal(within.stderr, '');
  });

  it('honours eslint-disable comments for poolguard rules and ignores directives for rules it does not run', () => {
    const lines = PER_REQUEST_SOURCE.split('\n');
    const source = [
      '// eslint-disable-next-line @typescript-eslint/no-explicit-any -- not a PoolGuard rule',
      ...lines.slice(0, 3),
      `// eslint-disable-next-line ${RULE}`,
      ...lines.slice(3),
    ].join('\n');
    const run = runCli(['--format', 'json'], makeTree({ 'app.js': source }));
    assert.equal(run.status, 0, run.stdout);
    const [result] = JSON.parse(run.stdout) as LintResult[];
    assert.deepEqual(result?.messages, []);
    assert.equal(result?.suppressedMessages.length, 1);
    assert.equal(result?.suppressedMessages[0]?.ruleId, RULE);
  });
});
