/**
 * no-client-in-loop (spec §3.4): every loop form and iteration callback, several import styles, nested loops, each
 * exemption (iteration values, guards, perRequestSafe connects, cheap wrappers, edge modules, functions merely
 * defined in a loop, retry loops) and exact suggestion outputs; every suggestion output is re-linted clean below.
 */
import { RuleTester } from '@typescript-eslint/rule-tester';
import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';

import rule from '../src/rules/no-client-in-loop';
import type { MessageIds, Options } from '../src/rules/no-client-in-loop';
import { describeFixOutputs } from './util/fix-outputs';

export const valid: ValidTestCase<Options>[] = [
  {
    name: 'one pool per tenant: reads the loop variable',
    filename: 'src/tenants.ts',
    code: `import { Pool } from 'pg';
const pools = new Map<string, Pool>();
for (const tenant of ['a', 'b']) pools.set(tenant, new Pool({ database: tenant }));`,
  },
  {
    name: 'one client per shard URI inside Promise.all(map): reads the callback parameter',
    filename: 'src/shards.ts',
    code: `import { MongoClient } from 'mongodb';
export const connectAll = (shards: { uri: string }[]) => Promise.all(shards.map((shard) => MongoClient.connect(shard.uri)));`,
  },
  {
    name: 'one S3 client per region: a body local derived from the loop variable',
    filename: 'src/regions.ts',
    code: `import { S3Client } from '@aws-sdk/client-s3';
export function clients(regions: string[]) {
  const result: S3Client[] = [];
  for (const region of regions) {
    const options = { region };
    result.push(new S3Client(options));
  }
  return result;
}`,
  },
  {
    name: 'one agent per host: for…in key',
    filename: 'src/agents.js',
    code: `const https = require('https');
const agents = {};
for (const host in { a: 1, b: 2 }) agents[host] = new https.Agent({ keepAlive: true, servername: host });`,
  },
  {
    name: 'classic for reading the index; while loop reading a variable reassigned in the loop',
    filename: 'src/index.ts',
    code: `import { Pool } from 'pg';
export function run(urls: string[]) {
  for (let i = 0; i < urls.length; i++) void new Pool({ connectionString: urls[i] });
  let url = urls[0];
  while (url) {
    void new Pool({ connectionString: url });
    url = urls.shift() ?? '';
  }
}`,
  },
  {
    name: 'reads an object mutated in the loop',
    filename: 'src/mutate.ts',
    code: `import { Pool } from 'pg';
export async function run(dbs: string[]) {
  const cfg = { database: '' };
  for (const db of dbs) {
    cfg.database = db;
    const pool = new Pool(cfg);
    await pool.end();
  }
}`,
  },
  {
    name: 'reduce callback reading the accumulator',
    filename: 'src/reduce.ts',
    code: `import knex from 'knex';
export const dbs = [1, 2].reduce((acc: number[], port) => { void knex({ client: 'pg', connection: { port: acc.length + port } }); return acc; }, []);`,
  },
  {
    name: 'unknown calls in the arguments: the value may differ per call',
    filename: 'src/unknown.ts',
    code: `import { Pool } from 'pg';
import { nextConfig } from './config';
export async function run(items: string[]) {
  for (const item of items) {
    const pool = new Pool(nextConfig());
    await pool.query(item);
  }
}`,
  },
  {
    name: 'lazy singleton guards on state outside the loop (A2)',
    filename: 'src/guards.ts',
    code: `import { Pool } from 'pg';
import Redis from 'ioredis';
let shared: Pool | undefined;
export async function run(items: string[]) {
  let redis: Redis | undefined;
  for (const item of items) {
    shared ??= new Pool();
    if (!redis) redis = new Redis();
    await shared.query(item);
  }
}`,
  },
  {
    name: 'keyed registry and global cache (A2/A3)',
    filename: 'src/registry.ts',
    code: `import { PrismaClient } from '@prisma/client';
const cache = new Map<string, PrismaClient>();
const g = globalThis as unknown as { prisma?: PrismaClient };
export function run(items: string[]) {
  for (const item of items) {
    if (!cache.has('main')) cache.set('main', new PrismaClient());
    const prisma = g.prisma || new PrismaClient();
    void prisma;
    void item;
  }
}`,
  },
  {
    name: 'idempotent global connects: mongoose.connect and mssql sql.connect (A6)',
    filename: 'src/connect.ts',
    code: `import mongoose from 'mongoose';
import sql from 'mssql';
export async function run(items: string[]) {
  for (const item of items) {
    await mongoose.connect(process.env.MONGO_URL!);
    await sql.connect('Server=localhost;Database=db');
    void item;
  }
}`,
  },
  {
    name: 'cheap wrappers over a shared client (A5)',
    filename: 'src/wrappers.ts',
    code: `import { Pool } from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Client } from '@elastic/elasticsearch';
import axios from 'axios';
const pool = new Pool();
const ddb = new DynamoDBClient({});
const es = new Client({ node: 'http://localhost:9200' });
export function run(items: string[]) {
  for (const item of items) {
    const db = drizzle(pool);
    const doc = DynamoDBDocumentClient.from(ddb);
    const child = es.child({ headers: { 'x-item': item } });
    const http = axios.create({ baseURL: 'https://api.example.com' });
    void [db, doc, child, http];
  }
}`,
  },
  {
    name: 'construction at module scope, in a for initialiser and in a for…of right-hand side (A1)',
    filename: 'src/once.ts',
    code: `import { Pool } from 'pg';
const pool = new Pool();
for (let p = new Pool(), i = 0; i < 3; i++) void p;
for (const client of [new Pool()]) void client;
void pool;`,
  },
  {
    name: 'edge module: export default { fetch } (A4)',
    filename: 'src/worker.ts',
    code: `import { Client } from 'pg';
export default {
  async fetch(request: Request, env: { URL: string }) {
    for (const id of [1, 2]) {
      const client = new Client(env.URL);
      await client.end();
    }
    return new Response('ok');
  },
};`,
  },
  {
    name: "edge module: export const runtime = 'edge' (A4)",
    filename: 'app/api/route.ts',
    code: `import { Pool } from 'pg';
export const runtime = 'edge';
export async function GET() {
  for (const id of [1, 2]) { const pool = new Pool(); await pool.end(); }
  return new Response('ok');
}`,
  },
  {
    name: "edge module: addEventListener('fetch') (A4)",
    filename: 'src/sw.js',
    code: `const { Pool } = require('pg');
addEventListener('fetch', (event) => {
  for (const id of [1, 2]) { const pool = new Pool(); void pool; }
});`,
  },
  {
    name: "runtime 'edge' option",
    filename: 'src/any.ts',
    options: [{ runtime: 'edge' }],
    code: `import { Pool } from 'pg';
for (const id of [1, 2]) { const pool = new Pool(); void pool; }`,
  },
  {
    name: 'functions merely defined in the loop are not run per iteration',
    filename: 'src/defined.ts',
    code: `import { Pool } from 'pg';
import { EventEmitter } from 'node:events';
const handlers: Record<string, () => Pool> = {};
const emitter = new EventEmitter();
for (const name of ['a', 'b']) {
  handlers[name] = () => new Pool();
  emitter.on(name, function () { return new Pool(); });
  setTimeout(() => new Pool(), 1000);
}`,
  },
  {
    name: 'retry loop: a fresh client after a failed connect is the point',
    filename: 'src/retry.ts',
    code: `import { Client } from 'pg';
export async function connectWithRetry() {
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const client = new Client();
      await client.connect();
      return client;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
  throw new Error('database unavailable');
}`,
  },
  {
    name: 'this in a non-arrow forEach callback can change per call',
    filename: 'src/this.ts',
    code: `import pg = require('pg');
export function run(items: string[]) {
  items.forEach(function (this: { url: string }) {
    void new pg.Pool({ connectionString: this.url });
  }, { url: 'x' });
}`,
  },
  {
    name: 'local class of a catalogue name and unknown callees',
    filename: 'src/local.ts',
    code: `class Pool { constructor(readonly n = 1) {} }
declare function createPool(): unknown;
export function run(items: string[]) {
  for (const item of items) {
    void new Pool();
    void createPool();
    void item;
  }
}`,
  },
  {
    name: 'clientFactories with a module: another module of that name does not count',
    filename: 'src/report.ts',
    options: [{ clientFactories: [{ module: './other', name: 'createDb', kind: 'pool' }] }],
    code: `import { createDb } from './db';
export function report(days: string[]) {
  for (const day of days) void createDb().query(day);
}`,
  },
  {
    name: 'one-time initialisation under another flag: a conditional assignment to state outside the loop',
    filename: 'src/flag.ts',
    code: `import { Client } from 'pg';
export async function run(jobs: { sql: string }[]) {
  let client: Client | undefined;
  let ready = false;
  for (let i = 0; i < jobs.length; i++) {
    if (i === 0) client = new Client();
    if (!ready) {
      client = new Client();
      ready = true;
    }
    await client!.query(jobs[i].sql);
  }
}`,
  },
];

export const invalid: InvalidTestCase<MessageIds, Options>[] = [
  {
    name: 'for…of: pg Pool built per item, closed per item (named ESM import)',
    filename: 'src/jobs/export.ts',
    code: `import { Pool } from 'pg';
export async function exportAll(items: string[]) {
  for (const item of items) {
    const pool = new Pool({ connectionString: process.env.DATABASE_URL });
    await pool.query('insert into t values ($1)', [item]);
    await pool.end();
  }
}`,
    errors: [
      {
        messageId: 'inLoop',
        data: { library: 'pg', construct: 'new Pool()', loop: 'for…of loop', loopLine: 3 },
        line: 4,
        column: 18,
        endLine: 4,
        endColumn: 74,
        suggestions: [
          {
            messageId: 'hoistBeforeLoop',
            data: { name: 'pool', line: 3, closeNote: ', and close it after the loop' },
            output: `import { Pool } from 'pg';
export async function exportAll(items: string[]) {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL });
  for (const item of items) {
    await pool.query('insert into t values ($1)', [item]);
  }
  await pool.end();
}`,
          },
        ],
      },
    ],
    output: null,
  },
  {
    name: 'for…of: pg Client with connect(): connect moves with the declaration',
    filename: 'src/jobs/sync.ts',
    code: `import { Client } from 'pg';
export async function sync(rows: string[]) {
  for (const row of rows) {
    const client = new Client();
    await client.connect();
    await client.query('select $1', [row]);
    await client.end();
  }
}`,
    errors: [
      {
        messageId: 'inLoop',
        data: { library: 'pg', construct: 'new Client()', loop: 'for…of loop', loopLine: 3 },
        line: 4,
        column: 20,
        endLine: 4,
        endColumn: 32,
        suggestions: [
          {
            messageId: 'hoistBeforeLoop',
            data: { name: 'client', line: 3, closeNote: ', and close it after the loop' },
            output: `import { Client } from 'pg';
export async function sync(rows: string[]) {
  const client = new Client();
  await client.connect();
  for (const row of rows) {
    await client.query('select $1', [row]);
  }
  await client.end();
}`,
          },
        ],
      },
    ],
    output: null,
  },
  {
    name: 'while: MongoClient with a parameter read outside the loop',
    filename: 'src/poll.ts',
    code: `import { MongoClient } from 'mongodb';
export async function poll(uri: string) {
  let tries = 0;
  while (tries < 5) {
    const client = new MongoClient(uri);
    await client.db().command({ ping: 1 });
    await client.close();
    tries++;
  }
}`,
    errors: [
      {
        messageId: 'inLoop',
        data: { library: 'mongodb', construct: 'new MongoClient()', loop: 'while loop', loopLine: 4 },
        line: 5,
        column: 20,
        endLine: 5,
        endColumn: 40,
        suggestions: [
          {
            messageId: 'hoistBeforeLoop',
            data: { name: 'client', line: 4, closeNote: ', and close it after the loop' },
            output: `import { MongoClient } from 'mongodb';
export async function poll(uri: string) {
  let tries = 0;
  const client = new MongoClient(uri);
  while (tries < 5) {
    await client.db().command({ ping: 1 });
    tries++;
  }
  await client.close();
}`,
          },
        ],
      },
    ],
    output: null,
  },
  {
    name: 'do…while: awaited mysql2/promise createConnection (require)',
    filename: 'src/batch.js',
    code: `const mysql = require('mysql2/promise');
async function run(ids) {
  let i = 0;
  do {
    const conn = await mysql.createConnection({ host: 'db', user: 'app' });
    await conn.query('select ?', [ids[i]]);
    await conn.end();
    i++;
  } while (i < ids.length);
}`,
    errors: [
      {
        messageId: 'inLoop',
        data: { library: 'mysql2', construct: 'mysql.createConnection()', loop: 'do…while loop', loopLine: 4 },
        line: 5,
        column: 24,
        endLine: 5,
        endColumn: 75,
        suggestions: [
          {
            messageId: 'hoistBeforeLoop',
            data: { name: 'conn', line: 4, closeNote: ', and close it after the loop' },
            output: `const mysql = require('mysql2/promise');
async function run(ids) {
  let i = 0;
  const conn = await mysql.createConnection({ host: 'db', user: 'app' });
  do {
    await conn.query('select ?', [ids[i]]);
    i++;
  } while (i < ids.length);
  await conn.end();
}`,
          },
        ],
      },
    ],
    output: null,
  },
  {
    name: 'for…in at module scope (ESM, top-level await already used): node-redis createClient + connect + quit',
    filename: 'scripts/seed.mjs',
    code: `import { createClient } from 'redis';
for (const key in process.env) {
  const client = createClient({ url: process.env.REDIS_URL });
  await client.connect();
  await client.set(key, '1');
  await client.quit();
}`,
    errors: [
      {
        messageId: 'inLoop',
        data: { library: 'redis', construct: 'createClient()', loop: 'for…in loop', loopLine: 2 },
        line: 3,
        column: 18,
        endLine: 3,
        endColumn: 62,
        suggestions: [
          {
            messageId: 'hoistBeforeLoop',
            data: { name: 'client', line: 2, closeNote: ', and close it after the loop' },
            output: `import { createClient } from 'redis';
const client = createClient({ url: process.env.REDIS_URL });
await client.connect();
for (const key in process.env) {
  await client.set(key, '1');
}
await client.quit();`,
          },
        ],
      },
    ],
    output: null,
  },
  {
    name: 'for await…of without semicolons: the moved close gets one before a `[` line',
    filename: 'src/stream.ts',
    code: `import { Pool } from 'pg'
export async function consume(stream: AsyncIterable<string>) {
  for await (const row of stream) {
    const pool = new Pool()
    await pool.query(row)
    await pool.end()
  }
  [1, 2].forEach((n) => console.log(n))
}`,
    errors: [
      {
        messageId: 'inLoop',
        data: { library: 'pg', construct: 'new Pool()', loop: 'for await…of loop', loopLine: 3 },
        line: 4,
        column: 18,
        endLine: 4,
        endColumn: 28,
        suggestions: [
          {
            messageId: 'hoistBeforeLoop',
            data: { name: 'pool', line: 3, closeNote: ', and close it after the loop' },
            output: `import { Pool } from 'pg'
export async function consume(stream: AsyncIterable<string>) {
  const pool = new Pool()
  for await (const row of stream) {
    await pool.query(row)
  }
  await pool.end();
  [1, 2].forEach((n) => console.log(n))
}`,
          },
        ],
      },
    ],
    output: null,
  },
  {
    name: 'classic for: undici Pool (namespace import), no close',
    filename: 'src/bench.ts',
    code: `import * as undici from 'undici';
export async function bench(n: number) {
  for (let i = 0; i < n; i++) {
    const pool = new undici.Pool('http://localhost:3000');
    await pool.request({ path: '/', method: 'GET' });
  }
}`,
    errors: [
      {
        messageId: 'inLoop',
        data: { library: 'undici', construct: 'new undici.Pool()', loop: 'for loop', loopLine: 3 },
        line: 4,
        column: 18,
        endLine: 4,
        endColumn: 58,
        suggestions: [
          {
            messageId: 'hoistBeforeLoop',
            data: { name: 'pool', line: 3, closeNote: '' },
            output: `import * as undici from 'undici';
export async function bench(n: number) {
  const pool = new undici.Pool('http://localhost:3000');
  for (let i = 0; i < n; i++) {
    await pool.request({ path: '/', method: 'GET' });
  }
}`,
          },
        ],
      },
    ],
    output: null,
  },
  {
    name: 'forEach callback: ioredis default require',
    filename: 'src/cache.js',
    code: `const Redis = require('ioredis');
function warm(keys) {
  keys.forEach((key) => {
    const redis = new Redis();
    redis.set(key, '1');
  });
}`,
    errors: [
      {
        messageId: 'inLoop',
        data: { library: 'ioredis', construct: 'new Redis()', loop: '`.forEach()` callback', loopLine: 3 },
        line: 4,
        column: 19,
        endLine: 4,
        endColumn: 30,
        suggestions: [
          {
            messageId: 'hoistBeforeLoop',
            data: { name: 'redis', line: 3, closeNote: '' },
            output: `const Redis = require('ioredis');
function warm(keys) {
  const redis = new Redis();
  keys.forEach((key) => {
    redis.set(key, '1');
  });
}`,
          },
        ],
      },
    ],
    output: null,
  },
  {
    name: 'Promise.all(items.map(async …)) in an async function: amqplib connect, awaited',
    filename: 'src/publish.ts',
    code: `import amqp from 'amqplib';
export async function publishAll(messages: string[]) {
  await Promise.all(messages.map(async (message) => {
    const conn = await amqp.connect('amqp://localhost');
    const channel = await conn.createChannel();
    channel.sendToQueue('q', Buffer.from(message));
    await conn.close();
  }));
}`,
    errors: [
      {
        messageId: 'inLoop',
        data: { library: 'amqplib', construct: 'amqp.connect()', loop: '`.map()` callback', loopLine: 3 },
        line: 4,
        column: 24,
        endLine: 4,
        endColumn: 56,
        suggestions: [
          {
            messageId: 'hoistBeforeLoop',
            data: { name: 'conn', line: 3, closeNote: ', and close it after the loop' },
            output: `import amqp from 'amqplib';
export async function publishAll(messages: string[]) {
  const conn = await amqp.connect('amqp://localhost');
  await Promise.all(messages.map(async (message) => {
    const channel = await conn.createChannel();
    channel.sendToQueue('q', Buffer.from(message));
  }));
  await conn.close();
}`,
          },
        ],
      },
    ],
    output: null,
  },
  {
    name: 'Promise.all(items.map(async …)) in a function that is not async: no suggestion',
    filename: 'src/publish.ts',
    code: `import amqp from 'amqplib';
export function publishAll(messages: string[]) {
  return Promise.all(messages.map(async (message) => {
    const conn = await amqp.connect('amqp://localhost');
    await conn.close();
  }));
}`,
    errors: [
      {
        messageId: 'inLoopNoFix',
        data: { library: 'amqplib', construct: 'amqp.connect()', loop: '`.map()` callback', loopLine: 3, reason: 'it is awaited, and the code around the loop is not an async function' },
        line: 4,
        column: 24,
        endLine: 4,
        endColumn: 56,
        suggestions: null,
      },
    ],
    output: null,
  },
  {
    name: 'nested loops, invariant in both: hoisted out of the outer loop',
    filename: 'src/matrix.ts',
    code: `import { Pool } from 'pg';
export async function run(groups: string[][]) {
  for (const group of groups) {
    for (const item of group) {
      const pool = new Pool();
      await pool.query(item);
    }
  }
}`,
    errors: [
      {
        messageId: 'inLoop',
        data: { library: 'pg', construct: 'new Pool()', loop: 'for…of loop', loopLine: 4 },
        line: 5,
        column: 20,
        endLine: 5,
        endColumn: 30,
        suggestions: [
          {
            messageId: 'hoistBeforeLoop',
            data: { name: 'pool', line: 3, closeNote: '' },
            output: `import { Pool } from 'pg';
export async function run(groups: string[][]) {
  const pool = new Pool();
  for (const group of groups) {
    for (const item of group) {
      await pool.query(item);
    }
  }
}`,
          },
        ],
      },
    ],
    output: null,
  },
  {
    name: 'nested loops, reads the outer loop variable: hoisted out of the inner loop only',
    filename: 'src/shards.ts',
    code: `import pg from 'pg';
export async function run(shards: string[], ids: number[]) {
  for (const shard of shards) {
    for (let i = 0; i < ids.length; i++) {
      const pool = new pg.Pool({ database: shard });
      await pool.query('select $1', [ids[i]]);
      await pool.end();
    }
  }
}`,
    errors: [
      {
        messageId: 'inLoop',
        data: { library: 'pg', construct: 'new pg.Pool()', loop: 'for loop', loopLine: 4 },
        line: 5,
        column: 20,
        endLine: 5,
        endColumn: 52,
        suggestions: [
          {
            messageId: 'hoistBeforeLoop',
            data: { name: 'pool', line: 4, closeNote: ', and close it after the loop' },
            output: `import pg from 'pg';
export async function run(shards: string[], ids: number[]) {
  for (const shard of shards) {
    const pool = new pg.Pool({ database: shard });
    for (let i = 0; i < ids.length; i++) {
      await pool.query('select $1', [ids[i]]);
    }
    await pool.end();
  }
}`,
          },
        ],
      },
    ],
    output: null,
  },
  {
    name: 'cheap wrapper around a construction: the inner client is reported, the wrapped declaration moves',
    filename: 'src/ddb.js',
    code: `const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');
const { DynamoDBDocumentClient } = require('@aws-sdk/lib-dynamodb');
async function putAll(items) {
  for (const item of items) {
    const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-1' }));
    await doc.send(item);
  }
}`,
    errors: [
      {
        messageId: 'inLoop',
        data: { library: 'AWS SDK v3', construct: 'new DynamoDBClient()', loop: 'for…of loop', loopLine: 4 },
        line: 5,
        column: 45,
        endLine: 5,
        endColumn: 88,
        suggestions: [
          {
            messageId: 'hoistBeforeLoop',
            data: { name: 'doc', line: 4, closeNote: '' },
            output: `const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');
const { DynamoDBDocumentClient } = require('@aws-sdk/lib-dynamodb');
async function putAll(items) {
  const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-1' }));
  for (const item of items) {
    await doc.send(item);
  }
}`,
          },
        ],
      },
    ],
    output: null,
  },
  {
    name: 'PrismaClient with a driver adapter: one finding, on the outer construction',
    filename: 'src/prisma.ts',
    code: `import { PrismaClient } from '@prisma/client';
import { PrismaPg } from '@prisma/adapter-pg';
export async function countAll(tables: string[]) {
  for (const table of tables) {
    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL }) });
    await prisma.$queryRawUnsafe(\`select count(*) from \${'x'}\`);
    await prisma.$disconnect();
  }
}`,
    errors: [
      {
        messageId: 'inLoop',
        data: { library: 'Prisma', construct: 'new PrismaClient()', loop: 'for…of loop', loopLine: 4 },
        line: 5,
        column: 20,
        endLine: 5,
        endColumn: 111,
        suggestions: [
          {
            messageId: 'hoistBeforeLoop',
            data: { name: 'prisma', line: 4, closeNote: ', and close it after the loop' },
            output: `import { PrismaClient } from '@prisma/client';
import { PrismaPg } from '@prisma/adapter-pg';
export async function countAll(tables: string[]) {
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL }) });
  for (const table of tables) {
    await prisma.$queryRawUnsafe(\`select count(*) from \${'x'}\`);
  }
  await prisma.$disconnect();
}`,
          },
        ],
      },
    ],
    output: null,
  },
  {
    name: 'pure conversions of environment values stay invariant (ioredis)',
    filename: 'src/redis.ts',
    code: `import Redis from 'ioredis';
export async function touch(keys: string[]) {
  for (const key of keys) {
    const redis = new Redis(Number(process.env.REDIS_PORT), process.env.REDIS_HOST ?? 'localhost');
    await redis.set(key, '1');
    await redis.quit();
  }
}`,
    errors: [
      {
        messageId: 'inLoop',
        data: { library: 'ioredis', construct: 'new Redis()', loop: 'for…of loop', loopLine: 3 },
        line: 4,
        column: 19,
        endLine: 4,
        endColumn: 99,
        suggestions: [
          {
            messageId: 'hoistBeforeLoop',
            data: { name: 'redis', line: 3, closeNote: ', and close it after the loop' },
            output: `import Redis from 'ioredis';
export async function touch(keys: string[]) {
  const redis = new Redis(Number(process.env.REDIS_PORT), process.env.REDIS_HOST ?? 'localhost');
  for (const key of keys) {
    await redis.set(key, '1');
  }
  await redis.quit();
}`,
          },
        ],
      },
    ],
    output: null,
  },
  {
    name: "inline require: new (require('pg').Pool)()",
    filename: 'src/inline.js',
    code: `async function run(items) {
  for (const item of items) {
    const pool = new (require('pg').Pool)();
    await pool.query(item);
  }
}`,
    errors: [
      {
        messageId: 'inLoop',
        data: { library: 'pg', construct: "new require('pg').Pool()", loop: 'for…of loop', loopLine: 2 },
        line: 3,
        column: 18,
        endLine: 3,
        endColumn: 44,
        suggestions: [
          {
            messageId: 'hoistBeforeLoop',
            data: { name: 'pool', line: 2, closeNote: '' },
            output: `async function run(items) {
  const pool = new (require('pg').Pool)();
  for (const item of items) {
    await pool.query(item);
  }
}`,
          },
        ],
      },
    ],
    output: null,
  },
  {
    name: 'import x = require(): pg.Pool in a .some() callback, not a plain statement',
    filename: 'src/some.ts',
    code: `import pg = require('pg');
export const anyDown = (hosts: string[]) => hosts.some(() => !new pg.Pool({ max: 1 }));`,
    errors: [
      {
        messageId: 'inLoopNoFix',
        data: { library: 'pg', construct: 'new pg.Pool()', loop: '`.some()` callback', loopLine: 2, reason: 'it is not a plain `const x = …` statement of the loop body' },
        line: 2,
        column: 63,
        endLine: 2,
        endColumn: 86,
        suggestions: null,
      },
    ],
    output: null,
  },
  {
    name: 'knex in a .filter() callback expression; the callback parameter is not read',
    filename: 'src/filter.ts',
    code: `import knex from 'knex';
export const ok = [1, 2].filter((n) => !!knex({ client: 'pg' }));`,
    errors: [
      {
        messageId: 'inLoopNoFix',
        data: { library: 'knex', construct: 'knex()', loop: '`.filter()` callback', loopLine: 2, reason: 'it is not a plain `const x = …` statement of the loop body' },
        line: 2,
        column: 42,
        endLine: 2,
        endColumn: 64,
        suggestions: null,
      },
    ],
    output: null,
  },
  {
    name: 'labelled loop: the hoist goes before the label; AWS SDK client in a Lambda handler loop',
    filename: 'src/lambda.ts',
    code: `import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';
export const handler = async (event: { keys: string[] }) => {
  outer: for (const key of event.keys) {
    const s3 = new S3Client({ region: 'us-east-1' });
    if (!key) continue outer;
    await s3.send(new GetObjectCommand({ Bucket: 'b', Key: key }));
    s3.destroy();
  }
};`,
    errors: [
      {
        messageId: 'inLoop',
        data: { library: 'AWS SDK v3', construct: 'new S3Client()', loop: 'for…of loop', loopLine: 3 },
        line: 4,
        column: 16,
        endLine: 4,
        endColumn: 53,
        suggestions: [
          {
            messageId: 'hoistBeforeLoop',
            data: { name: 's3', line: 3, closeNote: ', and close it after the loop' },
            output: `import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';
export const handler = async (event: { keys: string[] }) => {
  const s3 = new S3Client({ region: 'us-east-1' });
  outer: for (const key of event.keys) {
    if (!key) continue outer;
    await s3.send(new GetObjectCommand({ Bucket: 'b', Key: key }));
  }
  s3.destroy();
};`,
          },
        ],
      },
    ],
    output: null,
  },
  {
    name: 'close in a finally block moves after the loop',
    filename: 'src/finally.ts',
    code: `import { Pool } from 'pg';
export async function run(items: string[]) {
  for (const item of items) {
    const pool = new Pool();
    try {
      await pool.query(item);
    } finally {
      await pool.end();
    }
  }
}`,
    errors: [
      {
        messageId: 'inLoop',
        data: { library: 'pg', construct: 'new Pool()', loop: 'for…of loop', loopLine: 3 },
        line: 4,
        column: 18,
        endLine: 4,
        endColumn: 28,
        suggestions: [
          {
            messageId: 'hoistBeforeLoop',
            data: { name: 'pool', line: 3, closeNote: ', and close it after the loop' },
            output: `import { Pool } from 'pg';
export async function run(items: string[]) {
  const pool = new Pool();
  for (const item of items) {
    await pool.query(item);
  }
  await pool.end();
}`,
          },
        ],
      },
    ],
    output: null,
  },
  {
    name: 'close in the finally of a try…catch: the finally goes',
    filename: 'src/finally.ts',
    code: `import { Pool } from 'pg';
export async function run(items: string[]) {
  for (const item of items) {
    const pool = new Pool();
    try {
      await pool.query(item);
    } catch (error) {
      console.error(error);
    } finally {
      await pool.end();
    }
  }
}`,
    errors: [
      {
        messageId: 'inLoop',
        data: { library: 'pg', construct: 'new Pool()', loop: 'for…of loop', loopLine: 3 },
        line: 4,
        column: 18,
        endLine: 4,
        endColumn: 28,
        suggestions: [
          {
            messageId: 'hoistBeforeLoop',
            data: { name: 'pool', line: 3, closeNote: ', and close it after the loop' },
            output: `import { Pool } from 'pg';
export async function run(items: string[]) {
  const pool = new Pool();
  for (const item of items) {
    try {
      await pool.query(item);
    } catch (error) {
      console.error(error);
    }
  }
  await pool.end();
}`,
          },
        ],
      },
    ],
    output: null,
  },
  {
    name: 'close in a finally that the try block shares with a declaration: the finally stays, emptied',
    filename: 'src/finally.ts',
    code: `import { Pool } from 'pg';
export async function run(items: string[]) {
  for (const item of items) {
    const pool = new Pool();
    try {
      const result = await pool.query(item);
      console.log(result.rowCount);
    } finally {
      await pool.end();
    }
  }
}`,
    errors: [
      {
        messageId: 'inLoop',
        data: { library: 'pg', construct: 'new Pool()', loop: 'for…of loop', loopLine: 3 },
        line: 4,
        column: 18,
        endLine: 4,
        endColumn: 28,
        suggestions: [
          {
            messageId: 'hoistBeforeLoop',
            data: { name: 'pool', line: 3, closeNote: ', and close it after the loop' },
            output: `import { Pool } from 'pg';
export async function run(items: string[]) {
  const pool = new Pool();
  for (const item of items) {
    try {
      const result = await pool.query(item);
      console.log(result.rowCount);
    } finally {
    }
  }
  await pool.end();
}`,
          },
        ],
      },
    ],
    output: null,
  },
  {
    name: 'ioredis duplicate() of a module-level connection',
    filename: 'src/sub.ts',
    code: `import Redis from 'ioredis';
const base = new Redis();
export function subscribeAll(channels: string[]) {
  for (const channel of channels) {
    const sub = base.duplicate();
    sub.subscribe(channel);
  }
}`,
    errors: [
      {
        messageId: 'inLoop',
        data: { library: 'ioredis', construct: 'base.duplicate()', loop: 'for…of loop', loopLine: 4 },
        line: 5,
        column: 17,
        endLine: 5,
        endColumn: 33,
        suggestions: [
          {
            messageId: 'hoistBeforeLoop',
            data: { name: 'sub', line: 4, closeNote: '' },
            output: `import Redis from 'ioredis';
const base = new Redis();
export function subscribeAll(channels: string[]) {
  const sub = base.duplicate();
  for (const channel of channels) {
    sub.subscribe(channel);
  }
}`,
          },
        ],
      },
    ],
    output: null,
  },
  {
    name: 'http.Agent per iteration; this.config read in a method is invariant',
    filename: 'src/crawler.ts',
    code: `import * as http from 'node:http';
export class Crawler {
  constructor(private readonly config: { keepAlive: boolean }) {}
  async crawl(urls: string[]) {
    for (const url of urls) {
      const agent = new http.Agent(this.config);
      await fetch(url, { agent } as RequestInit);
      agent.destroy();
    }
  }
}`,
    errors: [
      {
        messageId: 'inLoop',
        data: { library: 'node:http', construct: 'new http.Agent()', loop: 'for…of loop', loopLine: 5 },
        line: 6,
        column: 21,
        endLine: 6,
        endColumn: 48,
        suggestions: [
          {
            messageId: 'hoistBeforeLoop',
            data: { name: 'agent', line: 5, closeNote: ', and close it after the loop' },
            output: `import * as http from 'node:http';
export class Crawler {
  constructor(private readonly config: { keepAlive: boolean }) {}
  async crawl(urls: string[]) {
    const agent = new http.Agent(this.config);
    for (const url of urls) {
      await fetch(url, { agent } as RequestInit);
    }
    agent.destroy();
  }
}`,
          },
        ],
      },
    ],
    output: null,
  },
  {
    name: 'mongoose.createConnection is always new (unlike mongoose.connect)',
    filename: 'src/tenants.js',
    code: `const mongoose = require('mongoose');
async function migrate(steps) {
  for (const step of steps) {
    const conn = mongoose.createConnection(process.env.MONGO_URL);
    await step(conn.db);
    await conn.close();
  }
}`,
    errors: [
      {
        messageId: 'inLoop',
        data: { library: 'mongoose', construct: 'mongoose.createConnection()', loop: 'for…of loop', loopLine: 3 },
        line: 4,
        column: 18,
        endLine: 4,
        endColumn: 66,
        suggestions: [
          {
            messageId: 'hoistBeforeLoop',
            data: { name: 'conn', line: 3, closeNote: ', and close it after the loop' },
            output: `const mongoose = require('mongoose');
async function migrate(steps) {
  const conn = mongoose.createConnection(process.env.MONGO_URL);
  for (const step of steps) {
    await step(conn.db);
  }
  await conn.close();
}`,
          },
        ],
      },
    ],
    output: null,
  },
  {
    name: "clientFactories option: a declared factory of the user's own code",
    filename: 'src/report.ts',
    options: [{ clientFactories: [{ module: './db', name: 'createDb', kind: 'pool' }] }],
    code: `import { createDb } from './db';
export async function report(days: string[]) {
  for (const day of days) {
    const db = createDb();
    await db.query(day);
    await db.close();
  }
}`,
    errors: [
      {
        messageId: 'inLoop',
        data: { library: './db', construct: 'createDb()', loop: 'for…of loop', loopLine: 3 },
        line: 4,
        column: 16,
        endLine: 4,
        endColumn: 26,
        suggestions: [
          {
            messageId: 'hoistBeforeLoop',
            data: { name: 'db', line: 3, closeNote: ', and close it after the loop' },
            output: `import { createDb } from './db';
export async function report(days: string[]) {
  const db = createDb();
  for (const day of days) {
    await db.query(day);
  }
  await db.close();
}`,
          },
        ],
      },
    ],
    output: null,
  },
  {
    name: 'no suggestion: stored in a collection',
    filename: 'src/pools.ts',
    code: `import { Pool } from 'pg';
export function makePools(n: number) {
  const pools: Pool[] = [];
  for (let i = 0; i < n; i++) {
    const pool = new Pool();
    pools.push(pool);
  }
  return pools;
}`,
    errors: [
      {
        messageId: 'inLoopNoFix',
        data: { library: 'pg', construct: 'new Pool()', loop: 'for loop', loopLine: 4, reason: '`pool` is stored in a collection, so each iteration keeps its own object' },
        line: 5,
        column: 18,
        endLine: 5,
        endColumn: 28,
        suggestions: null,
      },
    ],
    output: null,
  },
  {
    name: 'no suggestion: closed in more than one place',
    filename: 'src/close.ts',
    code: `import { Pool } from 'pg';
export async function run(items: string[]) {
  for (const item of items) {
    const pool = new Pool();
    if (!item) { await pool.end(); continue; }
    await pool.query(item);
    await pool.end();
  }
}`,
    errors: [
      {
        messageId: 'inLoopNoFix',
        data: { library: 'pg', construct: 'new Pool()', loop: 'for…of loop', loopLine: 3, reason: '`pool` is closed in more than one place' },
        line: 4,
        column: 18,
        endLine: 4,
        endColumn: 28,
        suggestions: null,
      },
    ],
    output: null,
  },
  {
    name: 'no suggestion: closed inside an expression',
    filename: 'src/close.ts',
    code: `import { Pool } from 'pg';
export async function run(items: string[]) {
  for (const item of items) {
    const pool = new Pool();
    await pool.query(item);
    await Promise.all([pool.end()]);
  }
}`,
    errors: [
      {
        messageId: 'inLoopNoFix',
        data: { library: 'pg', construct: 'new Pool()', loop: 'for…of loop', loopLine: 3, reason: '`pool.end()` is called inside an expression or a nested function' },
        line: 4,
        column: 18,
        endLine: 4,
        endColumn: 28,
        suggestions: null,
      },
    ],
    output: null,
  },
  {
    name: 'no suggestion: the name is already declared around the loop',
    filename: 'src/clash.ts',
    code: `import { Pool } from 'pg';
export async function run(items: string[]) {
  const pool = 1;
  for (const item of items) {
    const pool = new Pool();
    await pool.query(item);
  }
  return pool;
}`,
    errors: [
      {
        messageId: 'inLoopNoFix',
        data: { library: 'pg', construct: 'new Pool()', loop: 'for…of loop', loopLine: 4, reason: '`pool` is already declared around the loop' },
        line: 5,
        column: 18,
        endLine: 5,
        endColumn: 28,
        suggestions: null,
      },
    ],
    output: null,
  },
  {
    name: 'no suggestion: an outer variable of that name is read around the loop',
    filename: 'src/clash.ts',
    code: `import { Pool } from 'pg';
let pool = 0;
export async function run(items: string[]) {
  console.log(pool);
  for (const item of items) {
    const pool = new Pool();
    await pool.query(item);
  }
}`,
    errors: [
      {
        messageId: 'inLoopNoFix',
        data: { library: 'pg', construct: 'new Pool()', loop: 'for…of loop', loopLine: 5, reason: 'another `pool` is used around the loop' },
        line: 6,
        column: 18,
        endLine: 6,
        endColumn: 28,
        suggestions: null,
      },
    ],
    output: null,
  },
  {
    name: 'no suggestion: the name is declared again in an enclosing loop body',
    filename: 'src/clash.ts',
    code: `import { Pool } from 'pg';
export function run(groups: string[][]) {
  for (const group of groups) {
    const pool = group.length;
    for (const item of group) {
      const pool = new Pool();
      void pool;
    }
  }
}`,
    errors: [
      {
        messageId: 'inLoopNoFix',
        data: { library: 'pg', construct: 'new Pool()', loop: 'for…of loop', loopLine: 5, reason: '`pool` is declared again between the loop and the place it would move to' },
        line: 6,
        column: 20,
        endLine: 6,
        endColumn: 30,
        suggestions: null,
      },
    ],
    output: null,
  },
  {
    name: 'no suggestion: it reads a const declared after the loop (TDZ)',
    filename: 'src/tdz.ts',
    code: `import { Pool } from 'pg';
export async function run(items: string[]) {
  for (const item of items) {
    const pool = new Pool(config);
    await pool.query(item);
  }
  const config = {};
}`,
    errors: [
      {
        messageId: 'inLoopNoFix',
        data: { library: 'pg', construct: 'new Pool()', loop: 'for…of loop', loopLine: 3, reason: 'it reads `config`, which is declared after the loop' },
        line: 4,
        column: 18,
        endLine: 4,
        endColumn: 34,
        suggestions: null,
      },
    ],
    output: null,
  },
  {
    name: 'no suggestion: the variable is reassigned',
    filename: 'src/let.ts',
    code: `import { Pool } from 'pg';
export async function run(items: string[]) {
  for (const item of items) {
    let pool = new Pool();
    await pool.query(item);
    pool = new Pool();
  }
}`,
    errors: [
      {
        messageId: 'inLoopNoFix',
        data: { library: 'pg', construct: 'new Pool()', loop: 'for…of loop', loopLine: 3, reason: '`pool` is reassigned in the loop' },
        line: 4,
        column: 16,
        endLine: 4,
        endColumn: 26,
        suggestions: null,
      },
      {
        messageId: 'inLoopNoFix',
        data: { library: 'pg', construct: 'new Pool()', loop: 'for…of loop', loopLine: 3, reason: 'it is not a plain `const x = …` statement of the loop body' },
        line: 6,
        column: 12,
        endLine: 6,
        endColumn: 22,
        suggestions: null,
      },
    ],
    output: null,
  },
  {
    name: 'no suggestion: inside an immediately-invoked function in the loop',
    filename: 'src/iife.ts',
    code: `import { Pool } from 'pg';
export async function run(items: string[]) {
  for (const item of items) {
    await (async () => {
      const pool = new Pool();
      await pool.query(item);
    })();
  }
}`,
    errors: [
      {
        messageId: 'inLoopNoFix',
        data: { library: 'pg', construct: 'new Pool()', loop: 'for…of loop', loopLine: 3, reason: 'it is not a plain `const x = …` statement of the loop body' },
        line: 5,
        column: 20,
        endLine: 5,
        endColumn: 30,
        suggestions: null,
      },
    ],
    output: null,
  },
  {
    name: 'no suggestion: a loop body without braces',
    filename: 'src/nobrace.ts',
    code: `import Redis from 'ioredis';
export function run(keys: string[]) {
  for (const key of keys) new Redis().set(key, '1');
}`,
    errors: [
      {
        messageId: 'inLoopNoFix',
        data: { library: 'ioredis', construct: 'new Redis()', loop: 'for…of loop', loopLine: 3, reason: 'it is not a plain `const x = …` statement of the loop body' },
        line: 3,
        column: 27,
        endLine: 3,
        endColumn: 38,
        suggestions: null,
      },
    ],
    output: null,
  },
  {
    name: 'no suggestion: several declarators in one statement',
    filename: 'src/multi.ts',
    code: `import { Pool } from 'pg';
export function run(items: string[]) {
  for (const item of items) {
    const pool = new Pool(), label = item;
    void pool.query(label);
  }
}`,
    errors: [
      {
        messageId: 'inLoopNoFix',
        data: { library: 'pg', construct: 'new Pool()', loop: 'for…of loop', loopLine: 3, reason: 'it is not a plain `const x = …` statement of the loop body' },
        line: 4,
        column: 18,
        endLine: 4,
        endColumn: 28,
        suggestions: null,
      },
    ],
    output: null,
  },
  {
    name: 'runtime node never exempts a module',
    filename: 'src/worker.ts',
    options: [{ runtime: 'node' }],
    code: `import { Pool } from 'pg';
export const runtime = 'edge';
export async function run(items: string[]) {
  for (const item of items) {
    const pool = new Pool();
    await pool.query(item);
  }
}`,
    errors: [
      {
        messageId: 'inLoop',
        data: { library: 'pg', construct: 'new Pool()', loop: 'for…of loop', loopLine: 4 },
        line: 5,
        column: 18,
        endLine: 5,
        endColumn: 28,
        suggestions: [
          {
            messageId: 'hoistBeforeLoop',
            data: { name: 'pool', line: 4, closeNote: '' },
            output: `import { Pool } from 'pg';
export const runtime = 'edge';
export async function run(items: string[]) {
  const pool = new Pool();
  for (const item of items) {
    await pool.query(item);
  }
}`,
          },
        ],
      },
    ],
    output: null,
  },
  {
    name: 'an unconditional assignment to a variable outside the loop is still per iteration',
    filename: 'src/assign.ts',
    code: `import { Client } from 'pg';
export async function run(jobs: string[]) {
  let client: Client;
  for (const job of jobs) {
    client = new Client();
    await client.connect();
    await client.query(job);
    await client.end();
  }
}`,
    errors: [
      {
        messageId: 'inLoopNoFix',
        data: { library: 'pg', construct: 'new Client()', loop: 'for…of loop', loopLine: 4, reason: 'it is not a plain `const x = …` statement of the loop body' },
        line: 5,
        column: 14,
        endLine: 5,
        endColumn: 26,
        suggestions: null,
      },
    ],
    output: null,
  },
];

const ruleTester = new RuleTester();

ruleTester.run('no-client-in-loop', rule, { valid, invalid });

describeFixOutputs('no-client-in-loop', rule, invalid);

// `clientFactories` shared by all rules through ESLint settings (the language server passes its setting this way).
ruleTester.run('no-client-in-loop: clientFactories from settings', rule, {
  valid: [
    {
      code: "import { createDb } from './db';\nexport function run(days: string[]) {\n  for (const day of days) void createDb().query(day);\n}",
      filename: 'src/report.ts',
      settings: { poolguard: { clientFactories: [{ module: './other', name: 'createDb', kind: 'pool' }] } },
    },
  ],
  invalid: [
    {
      code: "import { createDb } from './db';\nexport function run(days: string[]) {\n  for (const day of days) {\n    const db = createDb();\n    void db.query(day);\n  }\n}",
      filename: 'src/report.ts',
      settings: { poolguard: { clientFactories: [{ module: './db', name: 'createDb', kind: 'pool' }] } },
      errors: [
        {
          messageId: 'inLoop',
          data: { library: './db', construct: 'createDb()', loop: 'for…of loop', loopLine: 3 },
          line: 4,
          column: 16,
          endLine: 4,
          endColumn: 26,
          suggestions: [
            {
              messageId: 'hoistBeforeLoop',
              data: { name: 'db', line: 3, closeNote: '' },
              output: "import { createDb } from './db';\nexport function run(days: string[]) {\n  const db = createDb();\n  for (const day of days) {\n    void db.query(day);\n  }\n}",
            },
          ],
        },
      ],
      output: null,
    },
  ],
});
