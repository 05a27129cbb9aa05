/**
 * release-pooled-client (spec §3.5): code-path cases (early return, throw, continue, switch, loops, nested try,
 * finally, callbacks), every library of the acquire table (knowledge/acquire.ts), and the ownership patterns of
 * false-positives.md A10 as valid cases. Every suggestion output is checked exactly and re-linted by
 * describeFixOutputs (it must parse and lose the finding).
 */
import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import { RuleTester } from '@typescript-eslint/rule-tester';

import type { MessageIds, Options } from '../src/rules/release-pooled-client';
import rule from '../src/rules/release-pooled-client';
import { describeFixOutputs } from './util/fix-outputs';

const valid: ValidTestCase<Options>[] = [
  {
    name: "pg: release in finally (false-positives A10)",
    code: `import { Pool } from 'pg';
const pool = new Pool();
export async function find() {
  const c = await pool.connect();
  try { return (await c.query('select 1')).rows; } finally { c.release(); }
}`,
  },
  {
    name: "pg: a transaction with catch and finally (the pg docs)",
    code: `import { Pool } from 'pg';
const pool = new Pool();
export async function transfer() {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('update accounts set balance = balance - 1');
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK');
    throw e;
  } finally {
    client.release();
  }
}`,
  },
  {
    name: "pg: let client; acquire inside try; guarded release in finally",
    code: `import { Pool } from 'pg';
const pool = new Pool();
export async function run() {
  let client;
  try {
    client = await pool.connect();
    await client.query('select 1');
  } finally {
    if (client) client.release();
  }
}`,
  },
  {
    name: "pg: optional release in finally",
    code: `import { Pool } from 'pg';
const pool = new Pool();
export async function run() {
  let client;
  try {
    client = await pool.connect();
    await client.query('select 1');
  } finally {
    client?.release();
  }
}`,
  },
  {
    name: "pg: nested try inside the finally-protected try",
    code: `import { Pool } from 'pg';
const pool = new Pool();
export async function run() {
  const client = await pool.connect();
  try {
    try {
      await client.query('select 1');
    } catch {
      return null;
    }
    return 1;
  } finally {
    client.release();
  }
}`,
  },
  {
    name: "pg: release(err) in catch, release() after (every path)",
    code: `import { Pool } from 'pg';
const pool = new Pool();
export async function run() {
  const client = await pool.connect();
  try {
    await client.query('select 1');
  } catch (error) {
    client.release(error as Error);
    throw error;
  }
  client.release();
}`,
  },
  {
    name: "pg: released right away, nothing between",
    code: `import { Pool } from 'pg';
const pool = new Pool();
export async function ping() {
  const client = await pool.connect();
  client.release();
}`,
  },
  {
    name: "pg: the client is returned to the caller (ownership transfer)",
    code: `import { Pool } from 'pg';
const pool = new Pool();
export async function checkout() {
  const client = await pool.connect();
  return client;
}`,
  },
  {
    name: "pg: the client is passed to a function that takes ownership",
    code: `import { Pool } from 'pg';
const pool = new Pool();
export async function run() {
  const client = await pool.connect();
  await withClient(client);
}`,
  },
  {
    name: "pg: the client is stored on an object",
    code: `import { Pool } from 'pg';
const pool = new Pool();
export class Session {
  client: unknown;
  async open() {
    const client = await pool.connect();
    this.client = client;
  }
}`,
  },
  {
    name: "pg: the client is stored in an array",
    code: `import { Pool } from 'pg';
const pool = new Pool();
export async function open(list: unknown[]) {
  const client = await pool.connect();
  list.push(client);
}`,
  },
  {
    name: "pg: a LISTEN client held on purpose",
    code: `import { Pool } from 'pg';
const pool = new Pool();
export async function listen() {
  const client = await pool.connect();
  client.on('notification', (message) => console.log(message.payload));
  await client.query('LISTEN events');
}`,
  },
  {
    name: "pg: pool.query() releases by itself",
    code: `import { Pool } from 'pg';
const pool = new Pool();
export async function run() {
  return (await pool.query('select 1')).rows;
}`,
  },
  {
    name: "pg: destructured release in finally",
    code: `import { Pool } from 'pg';
const pool = new Pool();
export async function run() {
  const { release, query } = await pool.connect();
  try {
    await query('select 1');
  } finally {
    release();
  }
}`,
  },
  {
    name: "pg: callback, done called on every path",
    code: `import { Pool } from 'pg';
const pool = new Pool();
export function run() {
  pool.connect((err, client, done) => {
    if (err) return console.error(err);
    client.query('select 1', () => {});
    done();
  });
}`,
  },
  {
    name: "pg: callback, done in a nested query callback (not followed: no finding)",
    code: `import { Pool } from 'pg';
const pool = new Pool();
export function run() {
  pool.connect((err, client, release) => {
    if (err) return console.error(err);
    client.query('select now()', (error, result) => {
      release();
      console.log(error, result);
    });
  });
}`,
  },
  {
    name: "pg: a loop with try/finally per iteration",
    code: `import { Pool } from 'pg';
const pool = new Pool();
export async function touch(ids: string[]) {
  for (const id of ids) {
    const client = await pool.connect();
    try {
      if (!id) continue;
      await client.query('update t set x = 1 where id = $1', [id]);
    } finally {
      client.release();
    }
  }
}`,
  },
  {
    name: "pg: a pg Client connect() is not an acquire",
    code: `import { Client } from 'pg';
export async function run() {
  const client = new Client();
  await client.connect();
  await client.query('select 1');
  await client.end();
}`,
  },
  {
    name: "pg: module scope (a script)",
    code: `import { Pool } from 'pg';
const pool = new Pool();
const client = await pool.connect();
await client.query('select 1');
client.release();`,
  },
  {
    name: "pg: then() chains are not followed",
    code: `import { Pool } from 'pg';
const pool = new Pool();
export function run() {
  return pool.connect().then((client) => client.query('select 1'));
}`,
  },
  {
    name: "mysql2: pool.query() and pool.execute() release by themselves",
    code: `import mysql from 'mysql2/promise';
const pool = mysql.createPool({ host: 'db' });
export async function run() {
  await pool.query('select 1');
  await pool.execute('select ?', [1]);
}`,
  },
  {
    name: "mysql2: release in finally",
    code: `import mysql from 'mysql2/promise';
const pool = mysql.createPool({ host: 'db' });
export async function run() {
  const conn = await pool.getConnection();
  try {
    await conn.beginTransaction();
    await conn.commit();
  } finally {
    conn.release();
  }
}`,
  },
  {
    name: "mysql2: releaseConnection in finally",
    code: `import mysql from 'mysql2/promise';
const pool = mysql.createPool({ host: 'db' });
export async function run() {
  const conn = await pool.getConnection();
  try {
    await conn.query('select 1');
  } finally {
    pool.releaseConnection(conn);
  }
}`,
  },
  {
    name: "mysql: callback, release in the query callback (not followed)",
    code: `import mysql from 'mysql';
const pool = mysql.createPool({ host: 'db' });
export function run() {
  pool.getConnection((err, connection) => {
    if (err) throw err;
    connection.query('select 1', (error, rows) => {
      connection.release();
      if (error) throw error;
      console.log(rows);
    });
  });
}`,
  },
  {
    name: "generic-pool: pool.use(fn)",
    code: `import genericPool from 'generic-pool';
const pool = genericPool.createPool(factory, { max: 2 });
export async function work() {
  return pool.use((resource) => resource.run());
}`,
  },
  {
    name: "generic-pool: destroy in finally",
    code: `import { createPool } from 'generic-pool';
const pool = createPool(factory);
export async function work() {
  const resource = await pool.acquire();
  try {
    await resource.run();
  } finally {
    await pool.destroy(resource);
  }
}`,
  },
  {
    name: "oracledb: a standalone connection is not borrowed from a pool",
    code: `import oracledb from 'oracledb';
export async function run() {
  const conn = await oracledb.getConnection({ user: 'u', password: 'p', connectString: 'db' });
  await conn.execute('select 1 from dual');
}`,
  },
  {
    name: "oracledb: close in finally",
    code: `import oracledb from 'oracledb';
export async function run() {
  let conn;
  try {
    conn = await oracledb.getConnection();
    await conn.execute('select 1 from dual');
  } finally {
    if (conn) await conn.close();
  }
}`,
  },
  {
    name: "mssql: pool.connect() connects the pool, it does not check out a client",
    code: `import sql from 'mssql';
export async function run() {
  const pool = new sql.ConnectionPool({ server: 'db' });
  const connected = await pool.connect();
  await connected.request().query('select 1');
}`,
  },
  {
    name: "unknown receiver without an import of the library",
    code: `export async function run(pool: { connect(): Promise<{ query(q: string): Promise<void>; release(): void }> }) {
  const client = await pool.connect();
  await client.query('select 1');
  client.release();
}`,
  },
  {
    name: "a mutex acquire is not a pool acquire",
    code: `import { Mutex } from 'async-mutex';
const mutex = new Mutex();
export async function run() {
  const release = await mutex.acquire();
  await work();
  release();
}`,
  },
  {
    name: "a receiver not named like a pool",
    code: `import type { Pool } from 'pg';
export async function run(db: Pool) {
  const client = await db.connect();
  await client.query('select 1');
  client.release();
}`,
  },
  {
    name: "a shadowed local Pool class",
    code: `import { Pool } from 'pg';
export async function run() {
  class Pool { async connect() { return { query: async () => 1, release() {} }; } }
  const pool = new Pool();
  const client = await pool.connect();
  await client.query();
  client.release();
}
void Pool;`,
  },
  {
    name: "the client variable is reassigned",
    code: `import { Pool } from 'pg';
const pool = new Pool();
export async function run() {
  let client = await pool.connect();
  client = await pool.connect();
  await client.query('select 1');
  client.release();
}`,
  },
  {
    name: "pg: released at the end of try and in a rethrowing catch",
    code: `import { Pool } from 'pg';
const pool = new Pool();
export async function run() {
  const client = await pool.connect();
  try { await client.query('select 1'); client.release(); } catch (e) { client.release(); throw e; }
}`,
  },
  {
    name: "pg: awaits inside the finally before the release",
    code: `import { Pool } from 'pg';
const pool = new Pool();
export async function run() {
  const client = await pool.connect();
  try { await client.query('select 1'); } finally { await client.query('RESET ALL'); client.release(); }
}`,
  },
  {
    name: "pg: a labelled break out of nested loops passes through finally",
    code: `import { Pool } from 'pg';
const pool = new Pool();
export async function run(xs: number[][]) {
  outer: for (const x of xs) {
    const client = await pool.connect();
    try {
      for (const y of x) { if (y) break outer; }
    } finally { client.release(); }
  }
}`,
  },
  {
    name: "pg: a retry loop with break / continue inside try, release after the loop",
    code: `import { Pool } from 'pg';
const pool = new Pool();
export async function run() {
  const client = await pool.connect();
  while (true) {
    try { await client.query('select 1'); break; } catch { continue; }
  }
  client.release();
}`,
  },
  {
    name: "pg: released in a promise finally() callback (not followed: no finding)",
    code: `import { Pool } from 'pg';
const pool = new Pool();
export async function run() {
  const client = await pool.connect();
  return client.query('select 1').finally(() => client.release());
}`,
  },
];

const invalid: InvalidTestCase<MessageIds, Options>[] = [
  {
    name: "pg: release only on the happy path, after an awaited query",
    code: `import { Pool } from 'pg';
const pool = new Pool();
export async function find(id: string) {
  const client = await pool.connect();
  const res = await client.query('select * from users where id = $1', [id]);
  client.release();
  return res.rows;
}`,
    output: null,
    errors: [
      {
        messageId: 'notReleased',
        line: 4,
        column: 24,
        endLine: 4,
        endColumn: 38,
        // pg pool.connect() checks out a client that is not released on every path: an exception from `await client.query('select * from use...` (line 5) leaves it checked out. Lost clients never return to the pool and later acquires wait forever; release it with `client.release()` in a `finally` block.
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `import { Pool } from 'pg';
const pool = new Pool();
export async function find(id: string) {
  const client = await pool.connect();
  try {
    const res = await client.query('select * from users where id = $1', [id]);
    return res.rows;
  } finally {
    client.release();
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: "pg: early return before the try/finally",
    code: `import { Pool } from 'pg';
const pool = new Pool();
export async function find(id?: string) {
  const client = await pool.connect();
  if (!id) return null;
  try {
    return (await client.query('select 1')).rows;
  } finally {
    client.release();
  }
}`,
    output: null,
    errors: [
      {
        messageId: 'notReleased',
        line: 4,
        column: 24,
        endLine: 4,
        endColumn: 38,
        // pg pool.connect() checks out a client that is not released on every path: an early `return` (line 5) leaves it checked out. Lost clients never return to the pool and later acquires wait forever; release it with `client.release()` in a `finally` block.
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `import { Pool } from 'pg';
const pool = new Pool();
export async function find(id?: string) {
  const client = await pool.connect();
  try {
    if (!id) return null;
    {
      return (await client.query('select 1')).rows;
    }
  } finally {
    client.release();
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: "pg: throw before the try/finally",
    code: `import { Pool } from 'pg';
const pool = new Pool();
export async function find(id?: string) {
  const client = await pool.connect();
  if (!id) throw new Error('no id');
  try { await client.query('select 1'); } finally { client.release(); }
}`,
    output: null,
    errors: [
      {
        messageId: 'notReleased',
        line: 4,
        column: 24,
        endLine: 4,
        endColumn: 38,
        // pg pool.connect() checks out a client that is not released on every path: a `throw` (line 5) leaves it checked out. Lost clients never return to the pool and later acquires wait forever; release it with `client.release()` in a `finally` block.
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `import { Pool } from 'pg';
const pool = new Pool();
export async function find(id?: string) {
  const client = await pool.connect();
  try {
    if (!id) throw new Error('no id');
    { await client.query('select 1'); }
  } finally {
    client.release();
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: "pg: continue in a loop before the try/finally",
    code: `import { Pool } from 'pg';
const pool = new Pool();
export async function touch(ids: string[]) {
  for (const id of ids) {
    const client = await pool.connect();
    if (!id) continue;
    try { await client.query('update t set x = 1 where id = $1', [id]); } finally { client.release(); }
  }
}`,
    output: null,
    errors: [
      {
        messageId: 'notReleased',
        line: 5,
        column: 26,
        endLine: 5,
        endColumn: 40,
        // pg pool.connect() checks out a client that is not released on every path: a `continue` (line 6) leaves it checked out. Lost clients never return to the pool and later acquires wait forever; release it with `client.release()` in a `finally` block.
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `import { Pool } from 'pg';
const pool = new Pool();
export async function touch(ids: string[]) {
  for (const id of ids) {
    const client = await pool.connect();
    try {
      if (!id) continue;
      { await client.query('update t set x = 1 where id = $1', [id]); }
    } finally {
      client.release();
    }
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: "pg: never released",
    code: `import { Pool } from 'pg';
const pool = new Pool();
export async function count() {
  const client = await pool.connect();
  const res = await client.query('select count(*) from t');
  return res.rows[0];
}`,
    output: null,
    errors: [
      {
        messageId: 'neverReleased',
        line: 4,
        column: 24,
        endLine: 4,
        endColumn: 38,
        // pg pool.connect() checks out a client that is never released. It never returns to the pool and later acquires wait forever; release it with `client.release()` in a `finally` block.
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `import { Pool } from 'pg';
const pool = new Pool();
export async function count() {
  const client = await pool.connect();
  try {
    const res = await client.query('select count(*) from t');
    return res.rows[0];
  } finally {
    client.release();
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: "pg: released in the try block, not in finally; the catch swallows the error",
    code: `import { Pool } from 'pg';
const pool = new Pool();
export async function run() {
  const client = await pool.connect();
  try {
    await client.query('select 1');
    client.release();
  } catch (error) {
    console.error(error);
  }
}`,
    output: null,
    errors: [
      {
        messageId: 'notReleased',
        line: 4,
        column: 24,
        endLine: 4,
        endColumn: 38,
        // pg pool.connect() checks out a client that is not released on every path: the end of the function (line 11) leaves it checked out. Lost clients never return to the pool and later acquires wait forever; release it with `client.release()` in a `finally` block.
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `import { Pool } from 'pg';
const pool = new Pool();
export async function run() {
  const client = await pool.connect();
  try {
    try {
      await client.query('select 1');
    } catch (error) {
      console.error(error);
    }
  } finally {
    client.release();
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: "pg: an awaited query before the protecting try",
    code: `import { Pool } from 'pg';
const pool = new Pool();
export async function run() {
  const client = await pool.connect();
  await client.query("set statement_timeout = '1s'");
  try {
    await client.query('select 1');
  } finally {
    client.release();
  }
}`,
    output: null,
    errors: [
      {
        messageId: 'notReleased',
        line: 4,
        column: 24,
        endLine: 4,
        endColumn: 38,
        // pg pool.connect() checks out a client that is not released on every path: an exception from `await client.query("set statement_tim...` (line 5) leaves it checked out. Lost clients never return to the pool and later acquires wait forever; release it with `client.release()` in a `finally` block.
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `import { Pool } from 'pg';
const pool = new Pool();
export async function run() {
  const client = await pool.connect();
  try {
    await client.query("set statement_timeout = '1s'");
    {
      await client.query('select 1');
    }
  } finally {
    client.release();
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: "pg: a release inside if only",
    code: `import { Pool } from 'pg';
const pool = new Pool();
export async function run(ok: boolean) {
  const client = await pool.connect();
  if (ok) {
    client.release();
  }
}`,
    output: null,
    errors: [
      {
        messageId: 'notReleased',
        line: 4,
        column: 24,
        endLine: 4,
        endColumn: 38,
        // pg pool.connect() checks out a client that is not released on every path: the end of the function (line 8) leaves it checked out. Lost clients never return to the pool and later acquires wait forever; release it with `client.release()` in a `finally` block.
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `import { Pool } from 'pg';
const pool = new Pool();
export async function run(ok: boolean) {
  const client = await pool.connect();
  try {
    if (ok) {
    }
  } finally {
    client.release();
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: "pg: early return inside a switch",
    code: `import { Pool } from 'pg';
const pool = new Pool();
export async function run(kind: string) {
  const client = await pool.connect();
  switch (kind) {
    case 'a':
      return 'skipped';
    default:
      break;
  }
  client.release();
}`,
    output: null,
    errors: [
      {
        messageId: 'notReleased',
        line: 4,
        column: 24,
        endLine: 4,
        endColumn: 38,
        // pg pool.connect() checks out a client that is not released on every path: an early `return` (line 7) leaves it checked out. Lost clients never return to the pool and later acquires wait forever; release it with `client.release()` in a `finally` block.
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `import { Pool } from 'pg';
const pool = new Pool();
export async function run(kind: string) {
  const client = await pool.connect();
  try {
    switch (kind) {
      case 'a':
        return 'skipped';
      default:
        break;
    }
  } finally {
    client.release();
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: "pg: a loop of awaited queries before the release",
    code: `import { Pool } from 'pg';
const pool = new Pool();
export async function importRows(rows: string[]) {
  const client = await pool.connect();
  for (const row of rows) {
    await client.query('insert into t values ($1)', [row]);
  }
  client.release();
}`,
    output: null,
    errors: [
      {
        messageId: 'notReleased',
        line: 4,
        column: 24,
        endLine: 4,
        endColumn: 38,
        // pg pool.connect() checks out a client that is not released on every path: an exception from `await client.query('insert into t val...` (line 6) leaves it checked out. Lost clients never return to the pool and later acquires wait forever; release it with `client.release()` in a `finally` block.
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `import { Pool } from 'pg';
const pool = new Pool();
export async function importRows(rows: string[]) {
  const client = await pool.connect();
  try {
    for (const row of rows) {
      await client.query('insert into t values ($1)', [row]);
    }
  } finally {
    client.release();
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: "pg: let client assigned later, released without finally",
    code: `import { Pool } from 'pg';
const pool = new Pool();
export async function run() {
  let client;
  client = await pool.connect();
  await client.query('select 1');
  client.release();
}`,
    output: null,
    errors: [
      {
        messageId: 'notReleased',
        line: 5,
        column: 18,
        endLine: 5,
        endColumn: 32,
        // pg pool.connect() checks out a client that is not released on every path: an exception from `await client.query('select 1')` (line 6) leaves it checked out. Lost clients never return to the pool and later acquires wait forever; release it with `client.release()` in a `finally` block.
        suggestions: null,
      },
    ],
  },
  {
    name: "pg: an Express handler (arrow function)",
    code: `import express from 'express';
import pg from 'pg';
const pool = new pg.Pool();
const app = express();
app.get('/users', async (req, res) => {
  const client = await pool.connect();
  const { rows } = await client.query('select * from users');
  client.release();
  res.json(rows);
});`,
    output: null,
    errors: [
      {
        messageId: 'notReleased',
        line: 6,
        column: 24,
        endLine: 6,
        endColumn: 38,
        // pg pool.connect() checks out a client that is not released on every path: an exception from `await client.query('select * from use...` (line 7) leaves it checked out. Lost clients never return to the pool and later acquires wait forever; release it with `client.release()` in a `finally` block.
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `import express from 'express';
import pg from 'pg';
const pool = new pg.Pool();
const app = express();
app.get('/users', async (req, res) => {
  const client = await pool.connect();
  try {
    const { rows } = await client.query('select * from users');
    res.json(rows);
  } finally {
    client.release();
  }
});`,
          },
        ],
      },
    ],
  },
  {
    name: "pg: CommonJS require",
    code: `const { Pool } = require('pg');
const pool = new Pool();
async function run() {
  const client = await pool.connect();
  await client.query('select 1');
  client.release();
}
module.exports = { run };`,
    output: null,
    errors: [
      {
        messageId: 'notReleased',
        line: 4,
        column: 24,
        endLine: 4,
        endColumn: 38,
        // pg pool.connect() checks out a client that is not released on every path: an exception from `await client.query('select 1')` (line 5) leaves it checked out. Lost clients never return to the pool and later acquires wait forever; release it with `client.release()` in a `finally` block.
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `const { Pool } = require('pg');
const pool = new Pool();
async function run() {
  const client = await pool.connect();
  try {
    await client.query('select 1');
  } finally {
    client.release();
  }
}
module.exports = { run };`,
          },
        ],
      },
    ],
  },
  {
    name: "pg: a pool injected through the constructor (this.pool, by name, the file imports pg)",
    code: `import type { Pool } from 'pg';
export class UserRepository {
  constructor(private readonly pool: Pool) {}
  async find(id: string) {
    const client = await this.pool.connect();
    const { rows } = await client.query('select 1', [id]);
    client.release();
    return rows;
  }
}`,
    output: null,
    errors: [
      {
        messageId: 'notReleased',
        line: 5,
        column: 26,
        endLine: 5,
        endColumn: 45,
        // pg this.pool.connect() checks out a client that is not released on every path: an exception from `await client.query('select 1', [id])` (line 6) leaves it checked out. Lost clients never return to the pool and later acquires wait forever; release it with `client.release()` in a `finally` block.
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `import type { Pool } from 'pg';
export class UserRepository {
  constructor(private readonly pool: Pool) {}
  async find(id: string) {
    const client = await this.pool.connect();
    try {
      const { rows } = await client.query('select 1', [id]);
      return rows;
    } finally {
      client.release();
    }
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: "pg: destructured release, not in finally",
    code: `import { Pool } from 'pg';
const pool = new Pool();
export async function run() {
  const { release, query } = await pool.connect();
  await query('select 1');
  release();
}`,
    output: null,
    errors: [
      {
        messageId: 'notReleased',
        line: 4,
        column: 36,
        endLine: 4,
        endColumn: 50,
        // pg pool.connect() checks out a client that is not released on every path: an exception from `await query('select 1')` (line 5) leaves it checked out. Lost clients never return to the pool and later acquires wait forever; release it with `release()` in a `finally` block.
        suggestions: null,
      },
    ],
  },
  {
    name: "pg: callback, done never called",
    code: `import { Pool } from 'pg';
const pool = new Pool();
export function run() {
  pool.connect((err, client, done) => {
    if (err) throw err;
    client.query('select 1', (error, result) => {
      console.log(error, result);
    });
  });
}`,
    output: null,
    errors: [
      {
        messageId: 'neverReleased',
        line: 4,
        column: 3,
        endLine: 9,
        endColumn: 5,
        // pg pool.connect() checks out a client that is never released. It never returns to the pool and later acquires wait forever; release it with `client.release()` in a `finally` block.
        suggestions: null,
      },
    ],
  },
  {
    name: "pg: callback, early return before done",
    code: `import { Pool } from 'pg';
const pool = new Pool();
export function run(skip: boolean) {
  pool.connect((err, client, done) => {
    if (err) return console.error(err);
    if (skip) return;
    client.query('select 1');
    done();
  });
}`,
    output: null,
    errors: [
      {
        messageId: 'notReleased',
        line: 4,
        column: 3,
        endLine: 9,
        endColumn: 5,
        // pg pool.connect() checks out a client that is not released on every path: an early `return` (line 6) leaves it checked out. Lost clients never return to the pool and later acquires wait forever; release it with `client.release()` in a `finally` block.
        suggestions: null,
      },
    ],
  },
  {
    name: "pg-pool default export",
    code: `import Pool from 'pg-pool';
const pool = new Pool();
export async function run() {
  const client = await pool.connect();
  await client.query('select 1');
  client.release();
}`,
    output: null,
    errors: [
      {
        messageId: 'notReleased',
        line: 4,
        column: 24,
        endLine: 4,
        endColumn: 38,
        // pg-pool pool.connect() checks out a client that is not released on every path: an exception from `await client.query('select 1')` (line 5) leaves it checked out. Lost clients never return to the pool and later acquires wait forever; release it with `client.release()` in a `finally` block.
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `import Pool from 'pg-pool';
const pool = new Pool();
export async function run() {
  const client = await pool.connect();
  try {
    await client.query('select 1');
  } finally {
    client.release();
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: "mysql2/promise: releaseConnection on the happy path",
    code: `import mysql from 'mysql2/promise';
const pool = mysql.createPool({ host: 'db' });
export async function run() {
  const conn = await pool.getConnection();
  const [rows] = await conn.query('select 1');
  pool.releaseConnection(conn);
  return rows;
}`,
    output: null,
    errors: [
      {
        messageId: 'notReleased',
        line: 4,
        column: 22,
        endLine: 4,
        endColumn: 42,
        // mysql2 pool.getConnection() checks out a client that is not released on every path: an exception from `await conn.query('select 1')` (line 5) leaves it checked out. Lost clients never return to the pool and later acquires wait forever; release it with `conn.release()` in a `finally` block.
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `import mysql from 'mysql2/promise';
const pool = mysql.createPool({ host: 'db' });
export async function run() {
  const conn = await pool.getConnection();
  try {
    const [rows] = await conn.query('select 1');
    return rows;
  } finally {
    conn.release();
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: "mysql2: the promise() view of a callback pool",
    code: `import mysql from 'mysql2';
const pool = mysql.createPool({ host: 'db' });
const promisePool = pool.promise();
export async function run() {
  const conn = await promisePool.getConnection();
  await conn.query('select 1');
  conn.release();
}`,
    output: null,
    errors: [
      {
        messageId: 'notReleased',
        line: 5,
        column: 22,
        endLine: 5,
        endColumn: 49,
        // mysql2 promisePool.getConnection() checks out a client that is not released on every path: an exception from `await conn.query('select 1')` (line 6) leaves it checked out. Lost clients never return to the pool and later acquires wait forever; release it with `conn.release()` in a `finally` block.
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `import mysql from 'mysql2';
const pool = mysql.createPool({ host: 'db' });
const promisePool = pool.promise();
export async function run() {
  const conn = await promisePool.getConnection();
  try {
    await conn.query('select 1');
  } finally {
    conn.release();
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: "mysql2: callback, never released",
    code: `import mysql from 'mysql2';
const pool = mysql.createPool({ host: 'db' });
export function run(cb: (err: unknown, id?: number) => void) {
  pool.getConnection((err, conn) => {
    if (err) return cb(err);
    cb(null, conn.threadId);
  });
}`,
    output: null,
    errors: [
      {
        messageId: 'neverReleased',
        line: 4,
        column: 3,
        endLine: 7,
        endColumn: 5,
        // mysql2 pool.getConnection() checks out a client that is never released. It never returns to the pool and later acquires wait forever; release it with `conn.release()` in a `finally` block.
        suggestions: null,
      },
    ],
  },
  {
    name: "mysql: callback, released on one branch only",
    code: `import mysql from 'mysql';
const pool = mysql.createPool({ host: 'db' });
export function run(ok: boolean) {
  pool.getConnection(function (err, connection) {
    if (err) throw err;
    if (ok) connection.release();
  });
}`,
    output: null,
    errors: [
      {
        messageId: 'notReleased',
        line: 4,
        column: 3,
        endLine: 7,
        endColumn: 5,
        // mysql pool.getConnection() checks out a client that is not released on every path: the end of the function (line 7) leaves it checked out. Lost clients never return to the pool and later acquires wait forever; release it with `connection.release()` in a `finally` block.
        suggestions: null,
      },
    ],
  },
  {
    name: "generic-pool: pool.release on the happy path",
    code: `import genericPool from 'generic-pool';
const pool = genericPool.createPool(factory, { max: 2 });
export async function work() {
  const resource = await pool.acquire();
  await resource.run();
  pool.release(resource);
}`,
    output: null,
    errors: [
      {
        messageId: 'notReleased',
        line: 4,
        column: 26,
        endLine: 4,
        endColumn: 40,
        // generic-pool pool.acquire() checks out a client that is not released on every path: an exception from `await resource.run()` (line 5) leaves it checked out. Lost clients never return to the pool and later acquires wait forever; release it with `pool.release(resource)` in a `finally` block.
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `import genericPool from 'generic-pool';
const pool = genericPool.createPool(factory, { max: 2 });
export async function work() {
  const resource = await pool.acquire();
  try {
    await resource.run();
  } finally {
    pool.release(resource);
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: "oracledb: the default pool, close on the happy path",
    code: `import oracledb from 'oracledb';
export async function run() {
  const conn = await oracledb.getConnection();
  const result = await conn.execute('select 1 from dual');
  await conn.close();
  return result.rows;
}`,
    output: null,
    errors: [
      {
        messageId: 'notReleased',
        line: 3,
        column: 22,
        endLine: 3,
        endColumn: 46,
        // oracledb oracledb.getConnection() checks out a client that is not released on every path: an exception from `await conn.execute('select 1 from dual')` (line 4) leaves it checked out. Lost clients never return to the pool and later acquires wait forever; release it with `await conn.close()` in a `finally` block.
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `import oracledb from 'oracledb';
export async function run() {
  const conn = await oracledb.getConnection();
  try {
    const result = await conn.execute('select 1 from dual');
    return result.rows;
  } finally {
    await conn.close();
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: "oracledb: a pool alias",
    code: `import oracledb from 'oracledb';
export async function run() {
  const conn = await oracledb.getConnection({ poolAlias: 'hr' });
  await conn.execute('select 1 from dual');
}`,
    output: null,
    errors: [
      {
        messageId: 'neverReleased',
        line: 3,
        column: 22,
        endLine: 3,
        endColumn: 65,
        // oracledb oracledb.getConnection() checks out a client that is never released. It never returns to the pool and later acquires wait forever; release it with `await conn.close()` in a `finally` block.
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `import oracledb from 'oracledb';
export async function run() {
  const conn = await oracledb.getConnection({ poolAlias: 'hr' });
  try {
    await conn.execute('select 1 from dual');
  } finally {
    await conn.close();
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: "oracledb: pool.getConnection() of createPool",
    code: `import oracledb from 'oracledb';
export async function run() {
  const pool = await oracledb.createPool({ user: 'u', password: 'p', connectString: 'db' });
  const conn = await pool.getConnection();
  await conn.execute('select 1 from dual');
  await conn.close();
}`,
    output: null,
    errors: [
      {
        messageId: 'notReleased',
        line: 4,
        column: 22,
        endLine: 4,
        endColumn: 42,
        // oracledb pool.getConnection() checks out a client that is not released on every path: an exception from `await conn.execute('select 1 from dual')` (line 5) leaves it checked out. Lost clients never return to the pool and later acquires wait forever; release it with `await conn.close()` in a `finally` block.
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `import oracledb from 'oracledb';
export async function run() {
  const pool = await oracledb.createPool({ user: 'u', password: 'p', connectString: 'db' });
  const conn = await pool.getConnection();
  try {
    await conn.execute('select 1 from dual');
  } finally {
    await conn.close();
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: "pg: a function declaration after the acquire (no suggestion)",
    code: `import { Pool } from 'pg';
const pool = new Pool();
export async function run() {
  const client = await pool.connect();
  await client.query(sql());
  client.release();
  function sql() { return 'select 1'; }
}`,
    output: null,
    errors: [
      {
        messageId: 'notReleased',
        line: 4,
        column: 24,
        endLine: 4,
        endColumn: 38,
        // pg pool.connect() checks out a client that is not released on every path: an exception from `await client.query(sql())` (line 5) leaves it checked out. Lost clients never return to the pool and later acquires wait forever; release it with `client.release()` in a `finally` block.
        suggestions: null,
      },
    ],
  },
  {
    name: "pg: release(true) destroys on the happy path only (no suggestion: a destroy is not rewritten)",
    code: `import { Pool } from 'pg';
const pool = new Pool();
export async function run() {
  const client = await pool.connect();
  await client.query('select 1');
  client.release(true);
}`,
    output: null,
    errors: [
      {
        messageId: 'notReleased',
        line: 4,
        column: 24,
        endLine: 4,
        endColumn: 38,
        // pg pool.connect() checks out a client that is not released on every path: an exception from `await client.query('select 1')` (line 5) leaves it checked out. Lost clients never return to the pool and later acquires wait forever; release it with `client.release()` in a `finally` block.
        suggestions: null,
      },
    ],
  },
  {
    name: "pg: a labelled break out of the loop that declares the client",
    code: `import { Pool } from 'pg';
const pool = new Pool();
export async function run(xs: number[][]) {
  outer: for (const x of xs) {
    const client = await pool.connect();
    for (const y of x) { if (y) break outer; }
    client.release();
  }
}`,
    output: null,
    errors: [
      {
        messageId: 'notReleased',
        line: 5,
        column: 26,
        endLine: 5,
        endColumn: 40,
        // pg pool.connect() checks out a client that is not released on every path: a `break` (line 6) leaves it checked out. Lost clients never return to the pool and later acquires wait forever; release it with `client.release()` in a `finally` block.
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `import { Pool } from 'pg';
const pool = new Pool();
export async function run(xs: number[][]) {
  outer: for (const x of xs) {
    const client = await pool.connect();
    try {
      for (const y of x) { if (y) break outer; }
    } finally {
      client.release();
    }
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: "pg: a continue that loses the client inside a try/catch",
    code: `import { Pool } from 'pg';
const pool = new Pool();
export async function run(ids: string[]) {
  try {
    for (const id of ids) {
      const client = await pool.connect();
      if (!id) continue;
      client.release();
    }
  } catch (error) {
    console.error(error);
  }
}`,
    output: null,
    errors: [
      {
        messageId: 'notReleased',
        line: 6,
        column: 28,
        endLine: 6,
        endColumn: 42,
        // pg pool.connect() checks out a client that is not released on every path: a `continue` (line 7) leaves it checked out. Lost clients never return to the pool and later acquires wait forever; release it with `client.release()` in a `finally` block.
        suggestions: [
          {
            messageId: 'wrapInTryFinally',
            output: `import { Pool } from 'pg';
const pool = new Pool();
export async function run(ids: string[]) {
  try {
    for (const id of ids) {
      const client = await pool.connect();
      try {
        if (!id) continue;
      } finally {
        client.release();
      }
    }
  } catch (error) {
    console.error(error);
  }
}`,
          },
        ],
      },
    ],
  },
];

new RuleTester().run('release-pooled-client', rule, { valid, invalid });

describeFixOutputs(
  'release-pooled-client',
  rule,
  invalid.filter((testCase) => testCase.errors.some((error) => 'suggestions' in error && error.suggestions)),
);

// The message names the library, the way out that loses the client, and the release to put in `finally`.
new RuleTester().run('release-pooled-client: message data', rule, {
  valid: [],
  invalid: [
    {
      code: `import { Pool } from 'pg';
const pool = new Pool();
export async function find(id?: string) {
  const client = await pool.connect();
  if (!id) return null;
  try { return (await client.query('select 1')).rows; } finally { client.release(); }
}`,
      output: null,
      errors: [
        {
          messageId: 'notReleased',
          data: { library: 'pg', acquire: 'pool.connect()', reason: 'an early `return`', line: 5, release: '`client.release()`' },
          line: 4,
          column: 24,
          endLine: 4,
          endColumn: 38,
          suggestions: [
            {
              messageId: 'wrapInTryFinally',
              data: { release: 'client.release();' },
              output: `import { Pool } from 'pg';
const pool = new Pool();
export async function find(id?: string) {
  const client = await pool.connect();
  try {
    if (!id) return null;
    { return (await client.query('select 1')).rows; }
  } finally {
    client.release();
  }
}`,
            },
          ],
        },
      ],
    },
  ],
});
