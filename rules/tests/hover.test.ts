/** Hover text on constructions: the library, the kind, each deciding option with its value or default and meaning. */
import assert from 'node:assert/strict';

import * as parser from '@typescript-eslint/parser';
import type { TSESLint } from '@typescript-eslint/utils';
import { Linter } from 'eslint';

import { describeConstructionAt } from '../src/hover';

function hoverAt(code: string, needle: string): ReturnType<typeof describeConstructionAt> {
  const linter = new Linter({ configType: 'flat' });
  linter.verify(code, [{ files: ['**/*.ts'], languageOptions: { parser } }], 'file.ts');
  // ESLint's SourceCode is the object typescript-eslint types as TSESLint.SourceCode.
  return describeConstructionAt(linter.getSourceCode() as unknown as TSESLint.SourceCode, code.indexOf(needle));
}

describe('hover', () => {
  it('mysql2 createPool: idleTimeout is inert while maxIdle defaults to connectionLimit', () => {
    const code = "import mysql from 'mysql2';\nconst pool = mysql.createPool({ host: 'db', idleTimeout: 60000 });\n";
    const hover = hoverAt(code, 'createPool');
    assert.deepEqual(hover?.range, [code.indexOf('mysql.createPool'), code.indexOf(');') + 1]);
    assert.equal(
      hover?.markdown,
      [
        '**mysql2** `createPool()` — pool (lazy: no I/O until first use or `connect()`)',
        '',
        '| option | value | meaning |',
        '| --- | --- | --- |',
        '| `connectionLimit` | `10` (default) | at most 10 connections |',
        '| `idleTimeout` | `60000` | **inert**: idleTimeout only acts when maxIdle is below connectionLimit (maxIdle defaults to connectionLimit) |',
        '| `maxIdle` | `10` (default) | decides whether idle connections are closed |',
        '',
        'Close with `end()`.',
      ].join('\n'),
    );
  });

  it('pg Pool with idleTimeoutMillis: 0 and an explicit max', () => {
    const hover = hoverAt("import { Pool } from 'pg';\nnew Pool({ max: 20, idleTimeoutMillis: 0 });\n", 'Pool({');
    assert.match(hover?.markdown ?? '', /\| `max` \| `20` \| at most 20 connections \|/);
    assert.match(hover?.markdown ?? '', /\| `idleTimeoutMillis` \| `0` \| \*\*never closed\*\*: this value disables idle closing \|/);
  });

  it('undici Agent without connections is unbounded', () => {
    const hover = hoverAt("import { Agent } from 'undici';\nconst agent = new Agent();\n", 'Agent()');
    assert.match(hover?.markdown ?? '', /\| `connections` \| unlimited \(default\) \| \*\*no limit\*\*: unlimited connections per origin \|/);
  });

  it('options computed at run time are said to be unknown', () => {
    const hover = hoverAt("import { Pool } from 'pg';\ndeclare function config(): object;\nnew Pool(config());\n", 'Pool(config');
    assert.match(hover?.markdown ?? '', /\| `max` \| computed at run time \| decided at run time \|/);
  });

  it('a single connection has no option table; an unknown callee has no hover', () => {
    const single = hoverAt("import Redis from 'ioredis';\nconst redis = new Redis();\n", 'Redis()');
    assert.equal(single?.markdown, '**ioredis** `new Redis()` — single connection (eager: opens a connection as soon as it is built)\n\nClose with `quit()` / `disconnect()` / `close()` / `destroy()`.');
    assert.equal(hoverAt("import { Pool } from './local';\nnew Pool();\n", 'Pool()'), null);
  });
});
