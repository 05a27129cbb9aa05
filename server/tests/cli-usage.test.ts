/** Usage errors (exit 2, one line on stderr), --help and --version. These never depend on the rules. */
import * as assert from 'node:assert/strict';

import { makeTree, removeTrees, runCli } from './helpers/cli';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the package's own version, one source
const { version } = require('../../package.json') as { version: string };

function assertUsageError(args: string[], expected: string | RegExp): void {
  const cwd = makeTree({ 'a.js': 'export {};\n' });
  const run = runCli(args, cwd);
  assert.equal(run.status, 2, run.stderr);
  assert.equal(run.stdout, '');
  const lines = run.stderr.split('\n').filter((line) => line !== '');
  assert.equal(lines.length, 1, `stderr should be one line, got: ${run.stderr}`);
  if (typeof expected === 'string') assert.equal(lines[0], expected);
  else assert.match(lines[0] ?? '', expected);
}

describe('poolguard CLI: usage', () => {
  after(removeTrees);

  it('--help prints the usage and exits 0', () => {
    for (const flag of ['--help', '-h']) {
      const run = runCli([flag], makeTree());
      assert.equal(run.status, 0);
      assert.match(run.stdout, /^Usage: poolguard \[options\] \[paths\.\.\.\]/u);
      for (const option of ['--format', '--fix', '--rule', '--max-warnings', '--quiet', '--version']) {
        assert.ok(run.stdout.includes(option), `usage mentions ${option}`);
      }
      assert.equal(run.stderr, '');
    }
  });

  it('--version prints the package version and exits 0', () => {
    const run = runCli(['--version'], makeTree());
    assert.equal(run.status, 0);
    assert.equal(run.stdout, `${version}\n`);
  });

  it('an unknown flag exits 2 with one line on stderr', () => {
    assertUsageError(['--foo'], "poolguard: unknown option '--foo'");
    assertUsageError(['-x', 'a.js'], "poolguard: unknown option '-x'");
  });

  it('a nonexistent path exits 2 with one line, before linting anything', () => {
    assertUsageError(['a.js', 'missing/dir'], "poolguard: no such file or directory: 'missing/dir'");
  });

  it('an option without its value exits 2', () => {
    assertUsageError(['--format'], "poolguard: option '--format' needs a value");
    assertUsageError(['--format', '--fix'], "poolguard: option '--format' needs a value");
  });

  it('a boolean flag given a value exits 2', () => {
    assertUsageError(['--fix=yes'], "poolguard: option '--fix' does not take a value");
  });

  it('an unknown --format exits 2', () => {
    assertUsageError(['--format', 'xml'], "poolguard: invalid --format 'xml' (expected text, json, sarif)");
  });

  it('--rule with an unknown rule id or a bad severity exits 2', () => {
    assertUsageError(['--rule', 'poolguard/no-such-rule=error'], "poolguard: unknown rule 'poolguard/no-such-rule' in --rule");
    assertUsageError(['--rule', 'no-console=off'], "poolguard: unknown rule 'no-console' in --rule");
    assertUsageError(['--rule', 'no-client-per-request=fatal'], /^poolguard: invalid severity 'fatal' for --rule/u);
    assertUsageError(['--rule', 'no-client-per-request'], /^poolguard: invalid --rule 'no-client-per-request'/u);
  });

  it('--rule accepts ids with and without the poolguard/ prefix', () => {
    const cwd = makeTree({ 'a.js': 'export {};\n' });
    for (const severity of ['off', 'warn', 'error']) {
      const ids = ['no-client-per-request', 'poolguard/require-pool-limit', 'require-idle-timeout'];
      const run = runCli([...ids.flatMap((id) => ['--rule', `${id}=${severity}`]), '--rule=poolguard/no-client-per-request=warn'], cwd);
      assert.equal(run.status, 0, `${severity}: ${run.stderr}`);
    }
  });

  it('a bad --max-warnings exits 2', () => {
    assertUsageError(['--max-warnings', 'many'], /^poolguard: invalid --max-warnings 'many'/u);
    assertUsageError(['--max-warnings', '-2'], /^poolguard: invalid --max-warnings '-2'/u);
  });

  it('--max-warnings -1 means no limit, as in ESLint', () => {
    const run = runCli(['--max-warnings', '-1'], makeTree({ 'a.js': 'export {};\n' }));
    assert.equal(run.status, 0, run.stderr);
  });
});
