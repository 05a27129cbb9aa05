/**
 * Cases for no-client-per-request: every framework and import style of spec §3.1 flagged at the construction, and
 * every documented-correct pattern of knowledge/false-positives.md left alone. Suggestion outputs are exact.
 */
import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';

import type { MessageIds, Options } from '../../src/rules/no-client-per-request';

export const valid: ValidTestCase<Options>[] = [
  {
    name: 'module-scope construction (A1)',
    filename: 'src/app.ts',
    code: `import express from 'express';
import { Pool } from 'pg';
const pool = new Pool({ max: 10 });
const app = express();
app.get('/u', async (req, res) => res.json((await pool.query('select 1')).rows));`,
  },
  {
    name: 'lazy singleton with ??= on module state (A2)',
    filename: 'src/handler.ts',
    code: `import { S3Client } from '@aws-sdk/client-s3';
let client: S3Client | undefined;
export const handler = async () => {
  client ??= new S3Client({});
  return client.config.region();
};`,
  },
  {
    name: 'lazy singleton with if (!client) client = … (A2)',
    filename: 'src/handler.js',
    code: `const { S3Client } = require('@aws-sdk/client-s3');
let client;
exports.handler = async () => {
  if (!client) client = new S3Client({});
  return client.config.region();
};`,
  },
  {
    name: 'lazy singleton: if (x == null) { x = …; await x.asPromise() } (Mongoose Lambda doc)',
    filename: 'src/handler.js',
    code: `const mongoose = require('mongoose');
let conn = null;
exports.handler = async function (event) {
  if (conn == null) {
    conn = mongoose.createConnection(process.env.MONGODB_URI, { serverSelectionTimeoutMS: 5000 });
    await conn.asPromise();
  }
  return conn.model('Test').findOne();
};`,
  },
  {
    name: 'lazy singleton: x = x ?? new X()',
    filename: 'src/app.ts',
    code: `import express from 'express';
import Redis from 'ioredis';
let redis: Redis | undefined;
const app = express();
app.get('/', async (_req, res) => {
  redis = redis ?? new Redis();
  res.send(await redis.get('k'));
});`,
  },
  {
    name: 'early-return guard in a getter reached from a handler',
    filename: 'src/db.ts',
    code: `import express from 'express';
import { Pool } from 'pg';
let cached: Pool | null = null;
function getPool() {
  if (cached) return cached;
  cached = new Pool();
  return cached;
}
const app = express();
app.get('/', async (_req, res) => res.json((await getPool().query('select 1')).rows));`,
  },
  {
    name: 'globalThis ??= cache (A3)',
    filename: 'src/app.ts',
    code: `import express from 'express';
import { PrismaClient } from '@prisma/client';
const app = express();
app.get('/', async (_req, res) => {
  const prisma = ((globalThis as any).prisma ??= new PrismaClient());
  res.json(await prisma.user.findMany());
});`,
  },
  {
    name: 'global.prisma || new PrismaClient() (A2/A3)',
    filename: 'pages/api/users.js',
    code: `import { PrismaClient } from '@prisma/client';
export default async function handler(req, res) {
  const prisma = global.prisma || new PrismaClient();
  if (process.env.NODE_ENV !== 'production') global.prisma = prisma;
  res.json(await prisma.user.findMany());
}`,
  },
  {
    name: 'Prisma globalThis pattern at module scope (A3)',
    filename: 'lib/prisma.ts',
    code: `import { PrismaClient } from '@prisma/client';
const g = globalThis as unknown as { prisma?: PrismaClient };
export const prisma = g.prisma ?? new PrismaClient();
if (process.env.NODE_ENV !== 'production') g.prisma = prisma;`,
  },
  {
    name: 'module-level promise cache (A2)',
    filename: 'src/worker.ts',
    code: `import amqp from 'amqplib';
import express from 'express';
let connection: ReturnType<typeof amqp.connect> | undefined;
const getConnection = () => (connection ??= amqp.connect('amqp://localhost'));
const app = express();
app.post('/', async (_req, res) => {
  const ch = await (await getConnection()).createChannel();
  res.json(ch);
});`,
  },
  {
    name: 'keyed registry: cache.set(key, new Pool()) per tenant',
    filename: 'src/tenants.ts',
    code: `import express from 'express';
import { Pool } from 'pg';
const pools = new Map<string, Pool>();
const app = express();
app.get('/:tenant', async (req, res) => {
  if (!pools.has(req.params.tenant)) pools.set(req.params.tenant, new Pool({ database: req.params.tenant }));
  res.json((await pools.get(req.params.tenant)!.query('select 1')).rows);
});`,
  },
  {
    name: 'this.client ??= in a long-lived service',
    filename: 'src/cache.service.ts',
    code: `import { Controller, Get } from '@nestjs/common';
import Redis from 'ioredis';
@Controller()
export class CacheController {
  private client?: Redis;
  @Get()
  async read() {
    this.client ??= new Redis();
    return this.client.get('k');
  }
}`,
  },
  {
    name: 'Cloudflare Workers: export default { fetch } (A4)',
    filename: 'src/worker.ts',
    code: `import { Client } from 'pg';
export default {
  async fetch(request: Request, env: { HYPERDRIVE: { connectionString: string } }, ctx: { waitUntil(p: Promise<unknown>): void }) {
    const client = new Client(env.HYPERDRIVE.connectionString);
    await client.connect();
    ctx.waitUntil(client.end());
    return new Response('ok');
  },
};`,
  },
  {
    name: 'Service worker: addEventListener(\'fetch\') (A4)',
    filename: 'src/sw.js',
    code: `import { PrismaClient } from '@prisma/client';
addEventListener('fetch', (event) => {
  const prisma = new PrismaClient();
  event.respondWith(prisma.user.findMany().then((u) => new Response(JSON.stringify(u))));
});`,
  },
  {
    name: 'Next.js export const runtime = \'edge\'',
    filename: 'app/api/users/route.ts',
    code: `import { Pool } from '@neondatabase/serverless';
import { PrismaClient } from '@prisma/client';
export const runtime = 'edge';
export async function GET() {
  const prisma = new PrismaClient();
  return Response.json(await prisma.user.findMany());
}`,
  },
  {
    name: 'Next.js pages API config = { runtime: \'edge\' }',
    filename: 'pages/api/users.ts',
    code: `import { PrismaClient } from '@prisma/client';
export const config = { runtime: 'edge' };
export default async function handler() {
  const prisma = new PrismaClient();
  return new Response(JSON.stringify(await prisma.user.findMany()));
}`,
  },
  {
    name: 'runtime option \'edge\'',
    filename: 'src/app.ts',
    options: [{'runtime':'edge'}],
    code: `import express from 'express';
import { Pool } from 'pg';
const app = express();
app.get('/', async (_req, res) => { const pool = new Pool(); res.json(await pool.query('select 1')); });`,
  },
  {
    name: 'cheap wrappers over shared clients (A5)',
    filename: 'src/handler.ts',
    code: `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { drizzle } from 'drizzle-orm/node-postgres';
import { Client as EsClient } from '@elastic/elasticsearch';
import axios from 'axios';
import got from 'got';
import { Pool } from 'pg';
import mysql from 'mysql2';
const ddb = new DynamoDBClient({});
const pool = new Pool();
const es = new EsClient({ node: 'http://es:9200' });
const mysqlPool = mysql.createPool({ host: 'db' });
export const handler = async (event: { id: string }) => {
  const doc = DynamoDBDocumentClient.from(ddb);
  const db = drizzle(pool);
  const db2 = drizzle({ client: pool });
  const child = es.child({ headers: { 'x-req': event.id } });
  const http = axios.create({ baseURL: 'https://api' });
  const g = got.extend({ prefixUrl: 'https://api' });
  const p = mysqlPool.promise();
  return [doc, db, db2, child, http, g, p];
};`,
  },
  {
    name: 'idempotent global connects: mongoose.connect, mssql sql.connect (A6)',
    filename: 'src/app.ts',
    code: `import express from 'express';
import mongoose from 'mongoose';
import sql from 'mssql';
const app = express();
app.get('/', async (_req, res) => {
  await mongoose.connect(process.env.MONGO_URL!);
  const pool = await sql.connect({ server: 'db' });
  res.json(await pool.request().query('select 1'));
});`,
  },
  {
    name: 'start-up code: main(), bootstrap(), app.listen callback, onModuleInit, fastify plugin body',
    filename: 'src/main.ts',
    code: `import express from 'express';
import Fastify from 'fastify';
import { Pool } from 'pg';
import Redis from 'ioredis';
import { Injectable, OnModuleInit } from '@nestjs/common';
async function main() {
  const pool = new Pool();
  const app = express();
  app.get('/', async (_req, res) => res.json((await pool.query('select 1')).rows));
  app.listen(3000, () => {
    const redis = new Redis();
    redis.set('started', '1');
  });
}
main();
async function bootstrap() {
  const fastify = Fastify();
  fastify.register(async (instance) => {
    const pool = new Pool();
    instance.decorate('db', pool);
  });
}
bootstrap();
@Injectable()
export class Db implements OnModuleInit {
  pool?: Pool;
  onModuleInit() {
    this.pool = new Pool();
  }
}`,
  },
  {
    name: 'handler factory called at module scope',
    filename: 'src/app.js',
    code: `const express = require('express');
const { Pool } = require('pg');
function makeHandler() {
  const pool = new Pool();
  return async (req, res) => res.json((await pool.query('select 1')).rows);
}
const app = express();
app.get('/', makeHandler());`,
  },
  {
    name: 'new Kafka() opens nothing',
    filename: 'src/app.ts',
    code: `import express from 'express';
import { Kafka } from 'kafkajs';
const app = express();
app.get('/', (_req, res) => {
  const kafka = new Kafka({ brokers: ['k:9092'] });
  res.json(kafka);
});`,
  },
  {
    name: 'local or shadowed names are not the driver',
    filename: 'src/app.ts',
    code: `import express from 'express';
import { Pool as PgPool } from 'pg';
const app = express();
class Pool {}
function createPool() { return {}; }
app.get('/', (_req, res) => {
  const a = new Pool();
  const b = createPool();
  res.json([a, b, PgPool.name]);
});
app.post('/', (_req, res) => {
  const PgPool = class {};
  res.json(new PgPool());
});`,
  },
  {
    name: 'unknown callees are never guessed',
    filename: 'src/app.js',
    code: `const express = require('express');
const { Pool } = require('./my-pool');
const { getPool } = require('./db');
const Redis = require('./redis-wrapper');
const app = express();
app.get('/', async (_req, res) => {
  const a = new Pool();
  const b = getPool();
  const c = new Redis();
  res.json([a, b, c]);
});`,
  },
  {
    name: 'oracledb getConnection() borrows from the pool (rule 5, not a construction)',
    filename: 'src/app.ts',
    code: `import express from 'express';
import oracledb from 'oracledb';
const app = express();
app.get('/', async (_req, res) => {
  const a = await oracledb.getConnection();
  const b = await oracledb.getConnection({ poolAlias: 'hr' });
  res.json([a, b]);
});`,
  },
  {
    name: 'memoized factory: the construction runs once',
    filename: 'src/app.ts',
    code: `import express from 'express';
import memoize from 'lodash/memoize';
import { Pool } from 'pg';
const getDb = memoize(() => new Pool());
const app = express();
app.get('/', async (_req, res) => res.json((await getDb().query('select 1')).rows));`,
  },
  {
    name: 'type-only import',
    filename: 'src/types.ts',
    code: `import type { Pool } from 'pg';
import express from 'express';
const app = express();
declare const pools: Record<string, Pool>;
app.get('/', (_req, res) => res.json(Object.keys(pools)));`,
  },
  {
    name: 'not a handler: app.get(setting), tests, plain functions',
    filename: 'src/misc.test.ts',
    code: `import { Pool } from 'pg';
import express from 'express';
const app = express();
const env = app.get('env');
describe('db', () => {
  it('connects', async () => {
    const pool = new Pool();
    await pool.end();
  });
});
export function createDb() {
  return new Pool();
}`,
  },
  {
    name: 'Sequelize Lambda recipe (A7): the factory call is guarded',
    filename: 'src/handler.js',
    code: `const { Sequelize } = require('sequelize');
let sequelize = null;
async function loadSequelize() {
  const instance = new Sequelize(process.env.DB_URL, { pool: { max: 2, min: 0, idle: 0, acquire: 3000 } });
  await instance.authenticate();
  return instance;
}
module.exports.handler = async function (event) {
  if (!sequelize) sequelize = await loadSequelize();
  else sequelize.connectionManager.initPools();
  try {
    return await sequelize.query('select 1');
  } finally {
    await sequelize.connectionManager.close();
  }
};`,
  },
  {
    name: 'drizzle HTTP drivers and a URL at module scope',
    filename: 'src/db.ts',
    code: `import { drizzle as neon } from 'drizzle-orm/neon-http';
import { drizzle } from 'drizzle-orm/node-postgres';
export const db = drizzle(process.env.DATABASE_URL!);
export const handler = async () => neon(process.env.DATABASE_URL!).execute('select 1');`,
  },
  {
    name: 'pool.query / pool.connect in a handler use the shared pool',
    filename: 'src/app.ts',
    code: `import express from 'express';
import { Pool } from 'pg';
const pool = new Pool();
const app = express();
app.get('/', async (_req, res) => {
  const client = await pool.connect();
  try {
    res.json((await client.query('select 1')).rows);
  } finally {
    client.release();
  }
});`,
  },
  {
    name: 'cached connection promise with reset, inside a getter reached from a handler',
    filename: 'src/app.ts',
    code: `import express from 'express';
import { createClient } from 'redis';
let clientPromise: Promise<ReturnType<typeof createClient>> | undefined;
async function connectClient() {
  const client = createClient();
  await client.connect();
  return client;
}
function getClient() {
  clientPromise ??= connectClient().catch((error: unknown) => {
    clientPromise = undefined;
    throw error;
  });
  return clientPromise;
}
const app = express();
app.get('/', async (_req, res) => {
  const client = await getClient();
  res.send(await client.get('k'));
});`,
  },
  {
    name: 'clientFactories: the same name from another module, and a factory called at module scope',
    filename: 'src/app.ts',
    options: [{'clientFactories':[{'module':'./db','name':'createDb','kind':'pool'}]}],
    code: `import express from 'express';
import { createDb as makeDb } from './db';
import { createDb } from './other';
const db = makeDb();
const app = express();
app.get('/', async (_req, res) => {
  const other = createDb();
  res.json([await db.query('select 1'), other]);
});`,
  },
];

export const invalid: InvalidTestCase<MessageIds, Options>[] = [
  {
    name: 'express arrow, ioredis default import (eager: singleton)',
    filename: 'src/app.ts',
    code: `import express from 'express';
import Redis from 'ioredis';
const app = express();
app.get('/users', async (req, res) => {
  const redis = new Redis();
  res.json(await redis.get('users'));
});`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 5,
        column: 17,
        endLine: 5,
        endColumn: 28,
        suggestions: [
        {
          messageId: 'hoistToSingleton',
          data: {names: 'redis, getRedis'},
          output: `import express from 'express';
import Redis from 'ioredis';

let redis: Redis | undefined;
function getRedis() {
  return (redis ??= new Redis());
}
const app = express();
app.get('/users', async (req, res) => {
  const redis = getRedis();
  res.json(await redis.get('users'));
});`,
        },
        {
          messageId: 'hoistToGlobalThis',
          data: {names: 'redis, getRedis, globalForRedis'},
          output: `import express from 'express';
import Redis from 'ioredis';

const globalForRedis = globalThis as unknown as { redis?: Redis };
function getRedis() {
  return (globalForRedis.redis ??= new Redis());
}
const app = express();
app.get('/users', async (req, res) => {
  const redis = getRedis();
  res.json(await redis.get('users'));
});`,
        },
      ],
      },
    ],
  },
  {
    name: 'express router, function expression, pg named import; close removed',
    filename: 'src/routes.ts',
    code: `import { Router } from 'express';
import { Pool } from 'pg';
const router = Router();
router.post('/orders', async function (req, res) {
  const pool = new Pool({ max: 5 });
  const { rows } = await pool.query('select 1');
  await pool.end();
  res.json(rows);
});`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 5,
        column: 16,
        endLine: 5,
        endColumn: 36,
        suggestions: [
        {
          messageId: 'hoistToModule',
          data: {names: 'pool'},
          output: `import { Router } from 'express';
import { Pool } from 'pg';

const pool = new Pool({ max: 5 });
const router = Router();
router.post('/orders', async function (req, res) {
  const { rows } = await pool.query('select 1');
  res.json(rows);
});`,
        },
        {
          messageId: 'hoistToGlobalThis',
          data: {names: 'pool, globalForPool'},
          output: `import { Router } from 'express';
import { Pool } from 'pg';

const globalForPool = globalThis as unknown as { pool?: Pool };
const pool = (globalForPool.pool ??= new Pool({ max: 5 }));
const router = Router();
router.post('/orders', async function (req, res) {
  const { rows } = await pool.query('select 1');
  res.json(rows);
});`,
        },
      ],
      },
    ],
  },
  {
    name: 'express app.route().get()',
    filename: 'src/app.js',
    code: `const express = require('express');
const { Pool } = require('pg');
const app = express();
app.route('/book').get((req, res) => {
  const pool = new Pool();
  pool.query('select 1').then((r) => res.json(r.rows));
});`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 5,
        column: 16,
        endLine: 5,
        endColumn: 26,
        suggestions: [
        {
          messageId: 'hoistToModule',
          data: {names: 'pool'},
          output: `const express = require('express');
const { Pool } = require('pg');

const pool = new Pool();
const app = express();
app.route('/book').get((req, res) => {
  pool.query('select 1').then((r) => res.json(r.rows));
});`,
        },
        {
          messageId: 'hoistToGlobalThis',
          data: {names: 'pool'},
          output: `const express = require('express');
const { Pool } = require('pg');

// Cached on globalThis so that module re-evaluation (dev servers, hot reload) reuses it.
const pool = (globalThis.pool ??= new Pool());
const app = express();
app.route('/book').get((req, res) => {
  pool.query('select 1').then((r) => res.json(r.rows));
});`,
        },
      ],
      },
    ],
  },
  {
    name: 'express middleware app.use, AWS S3Client',
    filename: 'src/app.ts',
    code: `import express from 'express';
import { S3Client } from '@aws-sdk/client-s3';
const app = express();
app.use((req, res, next) => {
  const s3 = new S3Client({ region: 'eu-west-1' });
  res.locals.s3 = s3;
  next();
});`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 5,
        column: 14,
        endLine: 5,
        endColumn: 51,
        suggestions: [
        {
          messageId: 'hoistToModule',
          data: {names: 's3'},
          output: `import express from 'express';
import { S3Client } from '@aws-sdk/client-s3';

const s3 = new S3Client({ region: 'eu-west-1' });
const app = express();
app.use((req, res, next) => {
  res.locals.s3 = s3;
  next();
});`,
        },
        {
          messageId: 'hoistToGlobalThis',
          data: {names: 's3, globalForS3'},
          output: `import express from 'express';
import { S3Client } from '@aws-sdk/client-s3';

const globalForS3 = globalThis as unknown as { s3?: S3Client };
const s3 = (globalForS3.s3 ??= new S3Client({ region: 'eu-west-1' }));
const app = express();
app.use((req, res, next) => {
  res.locals.s3 = s3;
  next();
});`,
        },
      ],
      },
    ],
  },
  {
    name: 'express handler by reference',
    filename: 'src/app.ts',
    code: `import express from 'express';
import { MongoClient } from 'mongodb';
const app = express();
async function listUsers(req, res) {
  const client = new MongoClient('mongodb://localhost:27017');
  res.json(await client.db('app').collection('users').find().toArray());
}
app.get('/users', listUsers);`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 5,
        column: 18,
        endLine: 5,
        endColumn: 62,
        suggestions: [
        {
          messageId: 'hoistToModule',
          data: {names: 'client'},
          output: `import express from 'express';
import { MongoClient } from 'mongodb';

const client = new MongoClient('mongodb://localhost:27017');
const app = express();
async function listUsers(req, res) {
  res.json(await client.db('app').collection('users').find().toArray());
}
app.get('/users', listUsers);`,
        },
        {
          messageId: 'hoistToGlobalThis',
          data: {names: 'client, globalForClient'},
          output: `import express from 'express';
import { MongoClient } from 'mongodb';

const globalForClient = globalThis as unknown as { client?: MongoClient };
const client = (globalForClient.client ??= new MongoClient('mongodb://localhost:27017'));
const app = express();
async function listUsers(req, res) {
  res.json(await client.db('app').collection('users').find().toArray());
}
app.get('/users', listUsers);`,
        },
      ],
      },
    ],
  },
  {
    name: 'express asyncHandler wrapper',
    filename: 'src/app.ts',
    code: `import express from 'express';
import asyncHandler from 'express-async-handler';
import { PrismaClient } from '@prisma/client';
const app = express();
app.get('/posts', asyncHandler(async (req, res) => {
  const prisma = new PrismaClient();
  res.json(await prisma.post.findMany());
}));`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 6,
        column: 18,
        endLine: 6,
        endColumn: 36,
        suggestions: [
        {
          messageId: 'hoistToModule',
          data: {names: 'prisma'},
          output: `import express from 'express';
import asyncHandler from 'express-async-handler';
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();
const app = express();
app.get('/posts', asyncHandler(async (req, res) => {
  res.json(await prisma.post.findMany());
}));`,
        },
        {
          messageId: 'hoistToGlobalThis',
          data: {names: 'prisma, globalForPrisma'},
          output: `import express from 'express';
import asyncHandler from 'express-async-handler';
import { PrismaClient } from '@prisma/client';

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };
const prisma = (globalForPrisma.prisma ??= new PrismaClient());
const app = express();
app.get('/posts', asyncHandler(async (req, res) => {
  res.json(await prisma.post.findMany());
}));`,
        },
      ],
      },
    ],
  },
  {
    name: 'fastify shorthand, destructured require mongodb',
    filename: 'src/server.js',
    code: `const fastify = require('fastify')();
const { MongoClient } = require('mongodb');
fastify.get('/items', async (request, reply) => {
  const client = new MongoClient(process.env.MONGO_URL);
  return client.db().collection('items').find().toArray();
});`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 4,
        column: 18,
        endLine: 4,
        endColumn: 56,
        suggestions: [
        {
          messageId: 'hoistToModule',
          data: {names: 'client'},
          output: `const fastify = require('fastify')();
const { MongoClient } = require('mongodb');

const client = new MongoClient(process.env.MONGO_URL);
fastify.get('/items', async (request, reply) => {
  return client.db().collection('items').find().toArray();
});`,
        },
        {
          messageId: 'hoistToGlobalThis',
          data: {names: 'client'},
          output: `const fastify = require('fastify')();
const { MongoClient } = require('mongodb');

// Cached on globalThis so that module re-evaluation (dev servers, hot reload) reuses it.
const client = (globalThis.client ??= new MongoClient(process.env.MONGO_URL));
fastify.get('/items', async (request, reply) => {
  return client.db().collection('items').find().toArray();
});`,
        },
      ],
      },
    ],
  },
  {
    name: 'fastify route({ handler })',
    filename: 'src/server.ts',
    code: `import Fastify from 'fastify';
import knex from 'knex';
const app = Fastify();
app.route({
  method: 'GET',
  url: '/items',
  handler: async () => {
    const db = knex({ client: 'pg', connection: process.env.DATABASE_URL });
    return db('items');
  },
});`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 8,
        column: 16,
        endLine: 8,
        endColumn: 76,
        suggestions: [
        {
          messageId: 'hoistToModule',
          data: {names: 'db'},
          output: `import Fastify from 'fastify';
import knex from 'knex';

const db = knex({ client: 'pg', connection: process.env.DATABASE_URL });
const app = Fastify();
app.route({
  method: 'GET',
  url: '/items',
  handler: async () => {
    return db('items');
  },
});`,
        },
        {
          messageId: 'hoistToGlobalThis',
          data: {names: 'db, globalForDb'},
          output: `import Fastify from 'fastify';
import knex from 'knex';

const globalForDb = globalThis as unknown as { db?: ReturnType<typeof knex> };
const db = (globalForDb.db ??= knex({ client: 'pg', connection: process.env.DATABASE_URL }));
const app = Fastify();
app.route({
  method: 'GET',
  url: '/items',
  handler: async () => {
    return db('items');
  },
});`,
        },
      ],
      },
    ],
  },
  {
    name: 'fastify plugin route',
    filename: 'src/routes.ts',
    code: `import type { FastifyInstance } from 'fastify';
import { Pool } from 'pg';
export default async function routes(fastify: FastifyInstance) {
  fastify.get('/health', async () => {
    const pool = new Pool();
    return pool.query('select 1');
  });
}`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 5,
        column: 18,
        endLine: 5,
        endColumn: 28,
        suggestions: [
        {
          messageId: 'hoistToModule',
          data: {names: 'pool'},
          output: `import type { FastifyInstance } from 'fastify';
import { Pool } from 'pg';

const pool = new Pool();
export default async function routes(fastify: FastifyInstance) {
  fastify.get('/health', async () => {
    return pool.query('select 1');
  });
}`,
        },
        {
          messageId: 'hoistToGlobalThis',
          data: {names: 'pool, globalForPool'},
          output: `import type { FastifyInstance } from 'fastify';
import { Pool } from 'pg';

const globalForPool = globalThis as unknown as { pool?: Pool };
const pool = (globalForPool.pool ??= new Pool());
export default async function routes(fastify: FastifyInstance) {
  fastify.get('/health', async () => {
    return pool.query('select 1');
  });
}`,
        },
      ],
      },
    ],
  },
  {
    name: 'fastify onRequest hook',
    filename: 'src/server.ts',
    code: `import Fastify from 'fastify';
import { createClient } from 'redis';
const app = Fastify();
app.addHook('onRequest', async (request) => {
  const client = createClient({ url: process.env.REDIS_URL });
  await client.connect();
  request.log.info(await client.get('k'));
  await client.quit();
});`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 5,
        column: 18,
        endLine: 5,
        endColumn: 62,
        suggestions: [
        {
          messageId: 'hoistConnected',
          data: {names: 'clientPromise, getClient, connectClient'},
          output: `import Fastify from 'fastify';
import { createClient } from 'redis';

let clientPromise: ReturnType<typeof connectClient> | undefined;
async function connectClient() {
  const client = createClient({ url: process.env.REDIS_URL });
  await client.connect();
  return client;
}
function getClient() {
  // A failed connection is not cached: the next call retries.
  clientPromise ??= connectClient().catch((error: unknown) => {
    clientPromise = undefined;
    throw error;
  });
  return clientPromise;
}
const app = Fastify();
app.addHook('onRequest', async (request) => {
  const client = await getClient();
  request.log.info(await client.get('k'));
});`,
        },
        {
          messageId: 'hoistToGlobalThis',
          data: {names: 'clientPromise, getClient, connectClient, globalForClient'},
          output: `import Fastify from 'fastify';
import { createClient } from 'redis';

const globalForClient = globalThis as unknown as { clientPromise?: ReturnType<typeof connectClient> };
async function connectClient() {
  const client = createClient({ url: process.env.REDIS_URL });
  await client.connect();
  return client;
}
function getClient() {
  // A failed connection is not cached: the next call retries.
  globalForClient.clientPromise ??= connectClient().catch((error: unknown) => {
    globalForClient.clientPromise = undefined;
    throw error;
  });
  return globalForClient.clientPromise;
}
const app = Fastify();
app.addHook('onRequest', async (request) => {
  const client = await getClient();
  request.log.info(await client.get('k'));
});`,
        },
      ],
      },
    ],
  },
  {
    name: 'koa middleware, sequelize',
    filename: 'src/app.js',
    code: `const Koa = require('koa');
const { Sequelize } = require('sequelize');
const app = new Koa();
app.use(async (ctx) => {
  const sequelize = new Sequelize('postgres://localhost/db');
  ctx.body = await sequelize.query('select 1');
});`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 5,
        column: 21,
        endLine: 5,
        endColumn: 61,
        suggestions: [
        {
          messageId: 'hoistToModule',
          data: {names: 'sequelize'},
          output: `const Koa = require('koa');
const { Sequelize } = require('sequelize');

const sequelize = new Sequelize('postgres://localhost/db');
const app = new Koa();
app.use(async (ctx) => {
  ctx.body = await sequelize.query('select 1');
});`,
        },
        {
          messageId: 'hoistToGlobalThis',
          data: {names: 'sequelize'},
          output: `const Koa = require('koa');
const { Sequelize } = require('sequelize');

// Cached on globalThis so that module re-evaluation (dev servers, hot reload) reuses it.
const sequelize = (globalThis.sequelize ??= new Sequelize('postgres://localhost/db'));
const app = new Koa();
app.use(async (ctx) => {
  ctx.body = await sequelize.query('select 1');
});`,
        },
      ],
      },
    ],
  },
  {
    name: 'koa-router',
    filename: 'src/router.ts',
    code: `import Router from '@koa/router';
import mysql from 'mysql2/promise';
const router = new Router();
router.get('/users', async (ctx) => {
  const pool = mysql.createPool({ host: 'db', connectionLimit: 5 });
  const [rows] = await pool.query('select * from users');
  ctx.body = rows;
});`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 5,
        column: 16,
        endLine: 5,
        endColumn: 68,
        suggestions: [
        {
          messageId: 'hoistToModule',
          data: {names: 'pool'},
          output: `import Router from '@koa/router';
import mysql from 'mysql2/promise';

const pool = mysql.createPool({ host: 'db', connectionLimit: 5 });
const router = new Router();
router.get('/users', async (ctx) => {
  const [rows] = await pool.query('select * from users');
  ctx.body = rows;
});`,
        },
        {
          messageId: 'hoistToGlobalThis',
          data: {names: 'pool, globalForPool'},
          output: `import Router from '@koa/router';
import mysql from 'mysql2/promise';

const globalForPool = globalThis as unknown as { pool?: ReturnType<typeof mysql.createPool> };
const pool = (globalForPool.pool ??= mysql.createPool({ host: 'db', connectionLimit: 5 }));
const router = new Router();
router.get('/users', async (ctx) => {
  const [rows] = await pool.query('select * from users');
  ctx.body = rows;
});`,
        },
      ],
      },
    ],
  },
  {
    name: 'hono route, Prisma',
    filename: 'src/index.ts',
    code: `import { Hono } from 'hono';
import { PrismaClient } from './generated/prisma/client';
const app = new Hono();
app.get('/posts', async (c) => {
  const prisma = new PrismaClient();
  return c.json(await prisma.post.findMany());
});
export default app;`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 5,
        column: 18,
        endLine: 5,
        endColumn: 36,
        suggestions: [
        {
          messageId: 'hoistToModule',
          data: {names: 'prisma'},
          output: `import { Hono } from 'hono';
import { PrismaClient } from './generated/prisma/client';

const prisma = new PrismaClient();
const app = new Hono();
app.get('/posts', async (c) => {
  return c.json(await prisma.post.findMany());
});
export default app;`,
        },
        {
          messageId: 'hoistToGlobalThis',
          data: {names: 'prisma, globalForPrisma'},
          output: `import { Hono } from 'hono';
import { PrismaClient } from './generated/prisma/client';

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };
const prisma = (globalForPrisma.prisma ??= new PrismaClient());
const app = new Hono();
app.get('/posts', async (c) => {
  return c.json(await prisma.post.findMany());
});
export default app;`,
        },
      ],
      },
    ],
  },
  {
    name: 'NestJS controller @Get method',
    filename: 'src/cats.controller.ts',
    code: `import { Controller, Get } from '@nestjs/common';
import Redis from 'ioredis';
@Controller('cats')
export class CatsController {
  @Get()
  async findAll() {
    const redis = new Redis({ lazyConnect: true });
    return redis.lrange('cats', 0, -1);
  }
}`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 7,
        column: 19,
        endLine: 7,
        endColumn: 51,
        suggestions: [
        {
          messageId: 'hoistToModule',
          data: {names: 'redis'},
          output: `import { Controller, Get } from '@nestjs/common';
import Redis from 'ioredis';

const redis = new Redis({ lazyConnect: true });
@Controller('cats')
export class CatsController {
  @Get()
  async findAll() {
    return redis.lrange('cats', 0, -1);
  }
}`,
        },
        {
          messageId: 'hoistToGlobalThis',
          data: {names: 'redis, globalForRedis'},
          output: `import { Controller, Get } from '@nestjs/common';
import Redis from 'ioredis';

const globalForRedis = globalThis as unknown as { redis?: Redis };
const redis = (globalForRedis.redis ??= new Redis({ lazyConnect: true }));
@Controller('cats')
export class CatsController {
  @Get()
  async findAll() {
    return redis.lrange('cats', 0, -1);
  }
}`,
        },
      ],
      },
    ],
  },
  {
    name: 'NestJS service reached through constructor injection, createClient + connect + quit (node-redis#2179)',
    filename: 'src/items.ts',
    code: `import { Controller, Get, Injectable } from '@nestjs/common';
import { createClient } from 'redis';
@Injectable()
export class ItemsService {
  async getAll() {
    const client = createClient();
    await client.connect();
    const items = await client.get('items');
    await client.quit();
    return items;
  }
}
@Controller('items')
export class ItemsController {
  constructor(private readonly itemsService: ItemsService) {}
  @Get()
  list() {
    return this.itemsService.getAll();
  }
}`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 6,
        column: 20,
        endLine: 6,
        endColumn: 34,
        suggestions: [
        {
          messageId: 'hoistConnected',
          data: {names: 'clientPromise, getClient, connectClient'},
          output: `import { Controller, Get, Injectable } from '@nestjs/common';
import { createClient } from 'redis';

let clientPromise: ReturnType<typeof connectClient> | undefined;
async function connectClient() {
  const client = createClient();
  await client.connect();
  return client;
}
function getClient() {
  // A failed connection is not cached: the next call retries.
  clientPromise ??= connectClient().catch((error: unknown) => {
    clientPromise = undefined;
    throw error;
  });
  return clientPromise;
}
@Injectable()
export class ItemsService {
  async getAll() {
    const client = await getClient();
    const items = await client.get('items');
    return items;
  }
}
@Controller('items')
export class ItemsController {
  constructor(private readonly itemsService: ItemsService) {}
  @Get()
  list() {
    return this.itemsService.getAll();
  }
}`,
        },
        {
          messageId: 'hoistToGlobalThis',
          data: {names: 'clientPromise, getClient, connectClient, globalForClient'},
          output: `import { Controller, Get, Injectable } from '@nestjs/common';
import { createClient } from 'redis';

const globalForClient = globalThis as unknown as { clientPromise?: ReturnType<typeof connectClient> };
async function connectClient() {
  const client = createClient();
  await client.connect();
  return client;
}
function getClient() {
  // A failed connection is not cached: the next call retries.
  globalForClient.clientPromise ??= connectClient().catch((error: unknown) => {
    globalForClient.clientPromise = undefined;
    throw error;
  });
  return globalForClient.clientPromise;
}
@Injectable()
export class ItemsService {
  async getAll() {
    const client = await getClient();
    const items = await client.get('items');
    return items;
  }
}
@Controller('items')
export class ItemsController {
  constructor(private readonly itemsService: ItemsService) {}
  @Get()
  list() {
    return this.itemsService.getAll();
  }
}`,
        },
      ],
      },
    ],
  },
  {
    name: 'GraphQL resolver map',
    filename: 'src/resolvers.ts',
    code: `import { MongoClient } from 'mongodb';
export const resolvers = {
  Query: {
    users: async () => {
      const client = await MongoClient.connect('mongodb://db');
      return client.db().collection('users').find().toArray();
    },
  },
};`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 5,
        column: 28,
        endLine: 5,
        endColumn: 63,
        suggestions: [
        {
          messageId: 'hoistToPromise',
          data: {names: 'clientPromise, getClient, connectClient'},
          output: `import { MongoClient } from 'mongodb';

let clientPromise: ReturnType<typeof connectClient> | undefined;
async function connectClient() {
  return MongoClient.connect('mongodb://db');
}
function getClient() {
  // A failed connection is not cached: the next call retries.
  clientPromise ??= connectClient().catch((error: unknown) => {
    clientPromise = undefined;
    throw error;
  });
  return clientPromise;
}
export const resolvers = {
  Query: {
    users: async () => {
      const client = await getClient();
      return client.db().collection('users').find().toArray();
    },
  },
};`,
        },
        {
          messageId: 'hoistToGlobalThis',
          data: {names: 'clientPromise, getClient, connectClient, globalForClient'},
          output: `import { MongoClient } from 'mongodb';

const globalForClient = globalThis as unknown as { clientPromise?: ReturnType<typeof connectClient> };
async function connectClient() {
  return MongoClient.connect('mongodb://db');
}
function getClient() {
  // A failed connection is not cached: the next call retries.
  globalForClient.clientPromise ??= connectClient().catch((error: unknown) => {
    globalForClient.clientPromise = undefined;
    throw error;
  });
  return globalForClient.clientPromise;
}
export const resolvers = {
  Query: {
    users: async () => {
      const client = await getClient();
      return client.db().collection('users').find().toArray();
    },
  },
};`,
        },
      ],
      },
    ],
  },
  {
    name: 'NestJS GraphQL @Resolver @Query',
    filename: 'src/users.resolver.ts',
    code: `import { Query, Resolver } from '@nestjs/graphql';
import { Client } from '@elastic/elasticsearch';
@Resolver()
export class UsersResolver {
  @Query(() => [String])
  async search() {
    const es = new Client({ node: 'http://localhost:9200' });
    return es.search({ index: 'users' });
  }
}`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 7,
        column: 16,
        endLine: 7,
        endColumn: 61,
        suggestions: [
        {
          messageId: 'hoistToModule',
          data: {names: 'es'},
          output: `import { Query, Resolver } from '@nestjs/graphql';
import { Client } from '@elastic/elasticsearch';

const es = new Client({ node: 'http://localhost:9200' });
@Resolver()
export class UsersResolver {
  @Query(() => [String])
  async search() {
    return es.search({ index: 'users' });
  }
}`,
        },
        {
          messageId: 'hoistToGlobalThis',
          data: {names: 'es, globalForEs'},
          output: `import { Query, Resolver } from '@nestjs/graphql';
import { Client } from '@elastic/elasticsearch';

const globalForEs = globalThis as unknown as { es?: Client };
const es = (globalForEs.es ??= new Client({ node: 'http://localhost:9200' }));
@Resolver()
export class UsersResolver {
  @Query(() => [String])
  async search() {
    return es.search({ index: 'users' });
  }
}`,
        },
      ],
      },
    ],
  },
  {
    name: 'tRPC query procedure',
    filename: 'src/router.ts',
    code: `import { initTRPC } from '@trpc/server';
import { drizzle } from 'drizzle-orm/node-postgres';
const t = initTRPC.create();
export const appRouter = t.router({
  users: t.procedure.query(async () => {
    const db = drizzle(process.env.DATABASE_URL!);
    return db.execute('select 1');
  }),
});`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 6,
        column: 16,
        endLine: 6,
        endColumn: 50,
        suggestions: [
        {
          messageId: 'hoistToModule',
          data: {names: 'db'},
          output: `import { initTRPC } from '@trpc/server';
import { drizzle } from 'drizzle-orm/node-postgres';

const db = drizzle(process.env.DATABASE_URL!);
const t = initTRPC.create();
export const appRouter = t.router({
  users: t.procedure.query(async () => {
    return db.execute('select 1');
  }),
});`,
        },
        {
          messageId: 'hoistToGlobalThis',
          data: {names: 'db, globalForDb'},
          output: `import { initTRPC } from '@trpc/server';
import { drizzle } from 'drizzle-orm/node-postgres';

const globalForDb = globalThis as unknown as { db?: ReturnType<typeof drizzle> };
const db = (globalForDb.db ??= drizzle(process.env.DATABASE_URL!));
const t = initTRPC.create();
export const appRouter = t.router({
  users: t.procedure.query(async () => {
    return db.execute('select 1');
  }),
});`,
        },
      ],
      },
    ],
  },
  {
    name: 'Next.js pages API default export',
    filename: 'pages/api/users.ts',
    code: `import type { NextApiRequest, NextApiResponse } from 'next';
import { PrismaClient } from '@prisma/client';
export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const prisma = new PrismaClient();
  res.json(await prisma.user.findMany());
}`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 4,
        column: 18,
        endLine: 4,
        endColumn: 36,
        suggestions: [
        {
          messageId: 'hoistToModule',
          data: {names: 'prisma'},
          output: `import type { NextApiRequest, NextApiResponse } from 'next';
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();
export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  res.json(await prisma.user.findMany());
}`,
        },
        {
          messageId: 'hoistToGlobalThis',
          data: {names: 'prisma, globalForPrisma'},
          output: `import type { NextApiRequest, NextApiResponse } from 'next';
import { PrismaClient } from '@prisma/client';

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };
const prisma = (globalForPrisma.prisma ??= new PrismaClient());
export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  res.json(await prisma.user.findMany());
}`,
        },
      ],
      },
    ],
  },
  {
    name: 'Next.js App Router GET export',
    filename: 'app/api/users/route.ts',
    code: `import { Pool } from 'pg';
export async function GET() {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL });
  const { rows } = await pool.query('select * from users');
  return Response.json(rows);
}`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 3,
        column: 16,
        endLine: 3,
        endColumn: 72,
        suggestions: [
        {
          messageId: 'hoistToModule',
          data: {names: 'pool'},
          output: `import { Pool } from 'pg';

const pool = new Pool({ connectionString: process.env.DATABASE_URL });
export async function GET() {
  const { rows } = await pool.query('select * from users');
  return Response.json(rows);
}`,
        },
        {
          messageId: 'hoistToGlobalThis',
          data: {names: 'pool, globalForPool'},
          output: `import { Pool } from 'pg';

const globalForPool = globalThis as unknown as { pool?: Pool };
const pool = (globalForPool.pool ??= new Pool({ connectionString: process.env.DATABASE_URL }));
export async function GET() {
  const { rows } = await pool.query('select * from users');
  return Response.json(rows);
}`,
        },
      ],
      },
    ],
  },
  {
    name: 'server action file (\'use server\')',
    filename: 'app/actions.ts',
    code: `'use server';
import { Pool } from 'pg';
export async function createUser(name: string) {
  const pool = new Pool();
  await pool.query('insert into users(name) values ($1)', [name]);
}`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 4,
        column: 16,
        endLine: 4,
        endColumn: 26,
        suggestions: [
        {
          messageId: 'hoistToModule',
          data: {names: 'pool'},
          output: `'use server';
import { Pool } from 'pg';

const pool = new Pool();
export async function createUser(name: string) {
  await pool.query('insert into users(name) values ($1)', [name]);
}`,
        },
        {
          messageId: 'hoistToGlobalThis',
          data: {names: 'pool, globalForPool'},
          output: `'use server';
import { Pool } from 'pg';

const globalForPool = globalThis as unknown as { pool?: Pool };
const pool = (globalForPool.pool ??= new Pool());
export async function createUser(name: string) {
  await pool.query('insert into users(name) values ($1)', [name]);
}`,
        },
      ],
      },
    ],
  },
  {
    name: 'Lambda export const handler, DynamoDBClient',
    filename: 'src/handler.ts',
    code: `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
export const handler = async (event: { id: string }) => {
  const client = new DynamoDBClient({});
  return client.config.region();
};`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 3,
        column: 18,
        endLine: 3,
        endColumn: 40,
        suggestions: [
        {
          messageId: 'hoistToModule',
          data: {names: 'client'},
          output: `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

const client = new DynamoDBClient({});
export const handler = async (event: { id: string }) => {
  return client.config.region();
};`,
        },
        {
          messageId: 'hoistToGlobalThis',
          data: {names: 'client, globalForClient'},
          output: `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

const globalForClient = globalThis as unknown as { client?: DynamoDBClient };
const client = (globalForClient.client ??= new DynamoDBClient({}));
export const handler = async (event: { id: string }) => {
  return client.config.region();
};`,
        },
      ],
      },
    ],
  },
  {
    name: 'Lambda exports.handler (CommonJS)',
    filename: 'src/handler.js',
    code: `const AWS = require('@aws-sdk/client-s3');
exports.handler = async function (event) {
  const s3 = new AWS.S3Client({});
  return s3.config.region();
};`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 3,
        column: 14,
        endLine: 3,
        endColumn: 34,
        suggestions: [
        {
          messageId: 'hoistToModule',
          data: {names: 's3'},
          output: `const AWS = require('@aws-sdk/client-s3');

const s3 = new AWS.S3Client({});
exports.handler = async function (event) {
  return s3.config.region();
};`,
        },
        {
          messageId: 'hoistToGlobalThis',
          data: {names: 's3'},
          output: `const AWS = require('@aws-sdk/client-s3');

// Cached on globalThis so that module re-evaluation (dev servers, hot reload) reuses it.
const s3 = (globalThis.s3 ??= new AWS.S3Client({}));
exports.handler = async function (event) {
  return s3.config.region();
};`,
        },
      ],
      },
    ],
  },
  {
    name: 'Lambda module.exports = { handler }',
    filename: 'src/handler.js',
    code: `const { Client } = require('pg');
async function handler(event) {
  const client = new Client();
  await client.connect();
  try {
    return (await client.query('select 1')).rows;
  } finally {
    await client.end();
  }
}
module.exports = { handler };`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 3,
        column: 18,
        endLine: 3,
        endColumn: 30,
        suggestions: [
        {
          messageId: 'hoistConnected',
          data: {names: 'clientPromise, getClient, connectClient'},
          output: `const { Client } = require('pg');

let clientPromise;
async function connectClient() {
  const client = new Client();
  await client.connect();
  return client;
}
function getClient() {
  // A failed connection is not cached: the next call retries.
  clientPromise ??= connectClient().catch((error) => {
    clientPromise = undefined;
    throw error;
  });
  return clientPromise;
}
async function handler(event) {
  const client = await getClient();
  return (await client.query('select 1')).rows;
}
module.exports = { handler };`,
        },
        {
          messageId: 'hoistToGlobalThis',
          data: {names: 'clientPromise, getClient, connectClient'},
          output: `const { Client } = require('pg');

// Cached on globalThis so that module re-evaluation (dev servers, hot reload) reuses it.
async function connectClient() {
  const client = new Client();
  await client.connect();
  return client;
}
function getClient() {
  // A failed connection is not cached: the next call retries.
  globalThis.clientPromise ??= connectClient().catch((error) => {
    globalThis.clientPromise = undefined;
    throw error;
  });
  return globalThis.clientPromise;
}
async function handler(event) {
  const client = await getClient();
  return (await client.query('select 1')).rows;
}
module.exports = { handler };`,
        },
      ],
      },
    ],
  },
  {
    name: 'Lambda module.exports.handler, mysql createPool',
    filename: 'src/handler.js',
    code: `const mysql = require('mysql');
module.exports.handler = async (event) => {
  const pool = mysql.createPool({ host: 'db' });
  return new Promise((resolve) => pool.query('select 1', (err, rows) => resolve(rows)));
};`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 3,
        column: 16,
        endLine: 3,
        endColumn: 48,
        suggestions: [
        {
          messageId: 'hoistToModule',
          data: {names: 'pool'},
          output: `const mysql = require('mysql');

const pool = mysql.createPool({ host: 'db' });
module.exports.handler = async (event) => {
  return new Promise((resolve) => pool.query('select 1', (err, rows) => resolve(rows)));
};`,
        },
        {
          messageId: 'hoistToGlobalThis',
          data: {names: 'pool'},
          output: `const mysql = require('mysql');

// Cached on globalThis so that module re-evaluation (dev servers, hot reload) reuses it.
const pool = (globalThis.pool ??= mysql.createPool({ host: 'db' }));
module.exports.handler = async (event) => {
  return new Promise((resolve) => pool.query('select 1', (err, rows) => resolve(rows)));
};`,
        },
      ],
      },
    ],
  },
  {
    name: 'Azure Functions app.http({ handler })',
    filename: 'src/functions/users.ts',
    code: `import { app } from '@azure/functions';
import sql from 'mssql';
app.http('users', {
  methods: ['GET'],
  handler: async (request, context) => {
    const pool = new sql.ConnectionPool({ server: 'db', database: 'app' });
    await pool.connect();
    const result = await pool.request().query('select 1');
    await pool.close();
    return { jsonBody: result.recordset };
  },
});`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 6,
        column: 18,
        endLine: 6,
        endColumn: 75,
        suggestions: [
        {
          messageId: 'hoistConnected',
          data: {names: 'poolPromise, getPool, connectPool'},
          output: `import { app } from '@azure/functions';
import sql from 'mssql';

let poolPromise: ReturnType<typeof connectPool> | undefined;
async function connectPool() {
  const pool = new sql.ConnectionPool({ server: 'db', database: 'app' });
  await pool.connect();
  return pool;
}
function getPool() {
  // A failed connection is not cached: the next call retries.
  poolPromise ??= connectPool().catch((error: unknown) => {
    poolPromise = undefined;
    throw error;
  });
  return poolPromise;
}
app.http('users', {
  methods: ['GET'],
  handler: async (request, context) => {
    const pool = await getPool();
    const result = await pool.request().query('select 1');
    return { jsonBody: result.recordset };
  },
});`,
        },
        {
          messageId: 'hoistToGlobalThis',
          data: {names: 'poolPromise, getPool, connectPool, globalForPool'},
          output: `import { app } from '@azure/functions';
import sql from 'mssql';

const globalForPool = globalThis as unknown as { poolPromise?: ReturnType<typeof connectPool> };
async function connectPool() {
  const pool = new sql.ConnectionPool({ server: 'db', database: 'app' });
  await pool.connect();
  return pool;
}
function getPool() {
  // A failed connection is not cached: the next call retries.
  globalForPool.poolPromise ??= connectPool().catch((error: unknown) => {
    globalForPool.poolPromise = undefined;
    throw error;
  });
  return globalForPool.poolPromise;
}
app.http('users', {
  methods: ['GET'],
  handler: async (request, context) => {
    const pool = await getPool();
    const result = await pool.request().query('select 1');
    return { jsonBody: result.recordset };
  },
});`,
        },
      ],
      },
    ],
  },
  {
    name: 'Google Cloud Functions functions.http',
    filename: 'index.js',
    code: `const functions = require('@google-cloud/functions-framework');
const { Client } = require('cassandra-driver');
functions.http('users', async (req, res) => {
  const client = new Client({ contactPoints: ['db'], localDataCenter: 'dc1' });
  res.json(await client.execute('select * from users'));
});`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 4,
        column: 18,
        endLine: 4,
        endColumn: 79,
        suggestions: [
        {
          messageId: 'hoistToModule',
          data: {names: 'client'},
          output: `const functions = require('@google-cloud/functions-framework');
const { Client } = require('cassandra-driver');

const client = new Client({ contactPoints: ['db'], localDataCenter: 'dc1' });
functions.http('users', async (req, res) => {
  res.json(await client.execute('select * from users'));
});`,
        },
        {
          messageId: 'hoistToGlobalThis',
          data: {names: 'client'},
          output: `const functions = require('@google-cloud/functions-framework');
const { Client } = require('cassandra-driver');

// Cached on globalThis so that module re-evaluation (dev servers, hot reload) reuses it.
const client = (globalThis.client ??= new Client({ contactPoints: ['db'], localDataCenter: 'dc1' }));
functions.http('users', async (req, res) => {
  res.json(await client.execute('select * from users'));
});`,
        },
      ],
      },
    ],
  },
  {
    name: 'Firebase onRequest',
    filename: 'functions/src/index.ts',
    code: `import { onRequest } from 'firebase-functions/v2/https';
import { Redis } from 'ioredis';
export const api = onRequest(async (req, res) => {
  const redis = new Redis(process.env.REDIS_URL!);
  res.send(await redis.get('k'));
});`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 4,
        column: 17,
        endLine: 4,
        endColumn: 50,
        suggestions: [
        {
          messageId: 'hoistToSingleton',
          data: {names: 'redis, getRedis'},
          output: `import { onRequest } from 'firebase-functions/v2/https';
import { Redis } from 'ioredis';

let redis: Redis | undefined;
function getRedis() {
  return (redis ??= new Redis(process.env.REDIS_URL!));
}
export const api = onRequest(async (req, res) => {
  const redis = getRedis();
  res.send(await redis.get('k'));
});`,
        },
        {
          messageId: 'hoistToGlobalThis',
          data: {names: 'redis, getRedis, globalForRedis'},
          output: `import { onRequest } from 'firebase-functions/v2/https';
import { Redis } from 'ioredis';

const globalForRedis = globalThis as unknown as { redis?: Redis };
function getRedis() {
  return (globalForRedis.redis ??= new Redis(process.env.REDIS_URL!));
}
export const api = onRequest(async (req, res) => {
  const redis = getRedis();
  res.send(await redis.get('k'));
});`,
        },
      ],
      },
    ],
  },
  {
    name: 'close in a finally whose try declares names: the try becomes a plain block, scope kept',
    filename: 'src/app.ts',
    code: `import express from 'express';
import Redis from 'ioredis';
const app = express();
app.get('/k', async (req, res) => {
  const redis = new Redis();
  try {
    const value = await redis.get('k');
    res.send(value);
  } finally {
    await redis.quit();
  }
});`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 5,
        column: 17,
        endLine: 5,
        endColumn: 28,
        suggestions: [
        {
          messageId: 'hoistToSingleton',
          data: {names: 'redis, getRedis'},
          output: `import express from 'express';
import Redis from 'ioredis';

let redis: Redis | undefined;
function getRedis() {
  return (redis ??= new Redis());
}
const app = express();
app.get('/k', async (req, res) => {
  const redis = getRedis();
  {
    const value = await redis.get('k');
    res.send(value);
  }
});`,
        },
        {
          messageId: 'hoistToGlobalThis',
          data: {names: 'redis, getRedis, globalForRedis'},
          output: `import express from 'express';
import Redis from 'ioredis';

const globalForRedis = globalThis as unknown as { redis?: Redis };
function getRedis() {
  return (globalForRedis.redis ??= new Redis());
}
const app = express();
app.get('/k', async (req, res) => {
  const redis = getRedis();
  {
    const value = await redis.get('k');
    res.send(value);
  }
});`,
        },
      ],
      },
    ],
  },
  {
    name: 'node http.createServer',
    filename: 'server.mjs',
    code: `import http from 'node:http';
import { Agent } from 'undici';
http.createServer((req, res) => {
  const agent = new Agent({ connections: 10 });
  res.end('ok');
}).listen(3000);`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 4,
        column: 17,
        endLine: 4,
        endColumn: 47,
        suggestions: [
        {
          messageId: 'hoistToModule',
          data: {names: 'agent'},
          output: `import http from 'node:http';
import { Agent } from 'undici';

const agent = new Agent({ connections: 10 });
http.createServer((req, res) => {
  res.end('ok');
}).listen(3000);`,
        },
        {
          messageId: 'hoistToGlobalThis',
          data: {names: 'agent'},
          output: `import http from 'node:http';
import { Agent } from 'undici';

// Cached on globalThis so that module re-evaluation (dev servers, hot reload) reuses it.
const agent = (globalThis.agent ??= new Agent({ connections: 10 }));
http.createServer((req, res) => {
  res.end('ok');
}).listen(3000);`,
        },
      ],
      },
    ],
  },
  {
    name: 'server.on(\'request\')',
    filename: 'server.js',
    code: `const https = require('https');
const server = https.createServer();
server.on('request', (req, res) => {
  const agent = new https.Agent({ keepAlive: true });
  res.end('ok');
});`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 4,
        column: 17,
        endLine: 4,
        endColumn: 53,
        suggestions: [
        {
          messageId: 'hoistToModule',
          data: {names: 'agent'},
          output: `const https = require('https');

const agent = new https.Agent({ keepAlive: true });
const server = https.createServer();
server.on('request', (req, res) => {
  res.end('ok');
});`,
        },
        {
          messageId: 'hoistToGlobalThis',
          data: {names: 'agent'},
          output: `const https = require('https');

// Cached on globalThis so that module re-evaluation (dev servers, hot reload) reuses it.
const agent = (globalThis.agent ??= new https.Agent({ keepAlive: true }));
const server = https.createServer();
server.on('request', (req, res) => {
  res.end('ok');
});`,
        },
      ],
      },
    ],
  },
  {
    name: 'WebSocket on(\'connection\') / on(\'message\')',
    filename: 'ws.ts',
    code: `import { WebSocketServer } from 'ws';
import Redis from 'ioredis';
const wss = new WebSocketServer({ port: 8080 });
wss.on('connection', (ws) => {
  ws.on('message', async (data) => {
    const publisher = new Redis();
    await publisher.publish('chat', String(data));
  });
});`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 6,
        column: 23,
        endLine: 6,
        endColumn: 34,
        suggestions: [
        {
          messageId: 'hoistToSingleton',
          data: {names: 'publisher, getPublisher'},
          output: `import { WebSocketServer } from 'ws';
import Redis from 'ioredis';

let publisher: Redis | undefined;
function getPublisher() {
  return (publisher ??= new Redis());
}
const wss = new WebSocketServer({ port: 8080 });
wss.on('connection', (ws) => {
  ws.on('message', async (data) => {
    const publisher = getPublisher();
    await publisher.publish('chat', String(data));
  });
});`,
        },
        {
          messageId: 'hoistToGlobalThis',
          data: {names: 'publisher, getPublisher, globalForPublisher'},
          output: `import { WebSocketServer } from 'ws';
import Redis from 'ioredis';

const globalForPublisher = globalThis as unknown as { publisher?: Redis };
function getPublisher() {
  return (globalForPublisher.publisher ??= new Redis());
}
const wss = new WebSocketServer({ port: 8080 });
wss.on('connection', (ws) => {
  ws.on('message', async (data) => {
    const publisher = getPublisher();
    await publisher.publish('chat', String(data));
  });
});`,
        },
      ],
      },
    ],
  },
  {
    name: 'amqplib channel.consume, mysql2 createConnection (eager)',
    filename: 'worker.js',
    code: `const mysql = require('mysql2');
async function start(channel) {
  await channel.consume('jobs', (msg) => {
    const connection = mysql.createConnection({ host: 'db' });
    connection.query('select 1', () => channel.ack(msg));
  });
}
start();`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 4,
        column: 24,
        endLine: 4,
        endColumn: 62,
        suggestions: [
        {
          messageId: 'hoistToSingleton',
          data: {names: 'connection, getConnection'},
          output: `const mysql = require('mysql2');

let connection;
function getConnection() {
  return (connection ??= mysql.createConnection({ host: 'db' }));
}
async function start(channel) {
  await channel.consume('jobs', (msg) => {
    const connection = getConnection();
    connection.query('select 1', () => channel.ack(msg));
  });
}
start();`,
        },
        {
          messageId: 'hoistToGlobalThis',
          data: {names: 'connection, getConnection'},
          output: `const mysql = require('mysql2');

// Cached on globalThis so that module re-evaluation (dev servers, hot reload) reuses it.
function getConnection() {
  return (globalThis.connection ??= mysql.createConnection({ host: 'db' }));
}
async function start(channel) {
  await channel.consume('jobs', (msg) => {
    const connection = getConnection();
    connection.query('select 1', () => channel.ack(msg));
  });
}
start();`,
        },
      ],
      },
    ],
  },
  {
    name: 'kafkajs consumer.run eachMessage, generic-pool',
    filename: 'consumer.ts',
    code: `import { createPool } from 'generic-pool';
export async function run(consumer: { run(o: unknown): Promise<void> }) {
  await consumer.run({
    eachMessage: async () => {
      const pool = createPool({ create: async () => ({}), destroy: async () => {} }, { max: 2 });
      await pool.drain();
    },
  });
}`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 5,
        column: 20,
        endLine: 5,
        endColumn: 97,
        suggestions: [
        {
          messageId: 'hoistToModule',
          data: {names: 'pool'},
          output: `import { createPool } from 'generic-pool';

const pool = createPool({ create: async () => ({}), destroy: async () => {} }, { max: 2 });
export async function run(consumer: { run(o: unknown): Promise<void> }) {
  await consumer.run({
    eachMessage: async () => {
    },
  });
}`,
        },
        {
          messageId: 'hoistToGlobalThis',
          data: {names: 'pool, globalForPool'},
          output: `import { createPool } from 'generic-pool';

const globalForPool = globalThis as unknown as { pool?: ReturnType<typeof createPool> };
const pool = (globalForPool.pool ??= createPool({ create: async () => ({}), destroy: async () => {} }, { max: 2 }));
export async function run(consumer: { run(o: unknown): Promise<void> }) {
  await consumer.run({
    eachMessage: async () => {
    },
  });
}`,
        },
      ],
      },
    ],
  },
  {
    name: 'BullMQ Worker processor, amqplib connect (async: cached promise)',
    filename: 'worker.ts',
    code: `import { Worker } from 'bullmq';
import amqp from 'amqplib';
new Worker('emails', async (job) => {
  const connection = await amqp.connect('amqp://localhost');
  const channel = await connection.createChannel();
  channel.sendToQueue('sent', Buffer.from(job.id ?? ''));
});`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 4,
        column: 28,
        endLine: 4,
        endColumn: 60,
        suggestions: [
        {
          messageId: 'hoistToPromise',
          data: {names: 'connectionPromise, getConnection, connectConnection'},
          output: `import { Worker } from 'bullmq';
import amqp from 'amqplib';

let connectionPromise: ReturnType<typeof connectConnection> | undefined;
async function connectConnection() {
  return amqp.connect('amqp://localhost');
}
function getConnection() {
  // A failed connection is not cached: the next call retries.
  connectionPromise ??= connectConnection().catch((error: unknown) => {
    connectionPromise = undefined;
    throw error;
  });
  return connectionPromise;
}
new Worker('emails', async (job) => {
  const connection = await getConnection();
  const channel = await connection.createChannel();
  channel.sendToQueue('sent', Buffer.from(job.id ?? ''));
});`,
        },
        {
          messageId: 'hoistToGlobalThis',
          data: {names: 'connectionPromise, getConnection, connectConnection, globalForConnection'},
          output: `import { Worker } from 'bullmq';
import amqp from 'amqplib';

const globalForConnection = globalThis as unknown as { connectionPromise?: ReturnType<typeof connectConnection> };
async function connectConnection() {
  return amqp.connect('amqp://localhost');
}
function getConnection() {
  // A failed connection is not cached: the next call retries.
  globalForConnection.connectionPromise ??= connectConnection().catch((error: unknown) => {
    globalForConnection.connectionPromise = undefined;
    throw error;
  });
  return globalForConnection.connectionPromise;
}
new Worker('emails', async (job) => {
  const connection = await getConnection();
  const channel = await connection.createChannel();
  channel.sendToQueue('sent', Buffer.from(job.id ?? ''));
});`,
        },
      ],
      },
    ],
  },
  {
    name: 'setInterval callback, nats connect',
    filename: 'poller.ts',
    code: `import { connect } from 'nats';
setInterval(async () => {
  const nc = await connect({ servers: 'localhost:4222' });
  nc.publish('tick');
  await nc.drain();
}, 1000);`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 3,
        column: 20,
        endLine: 3,
        endColumn: 58,
        suggestions: [
        {
          messageId: 'hoistToPromise',
          data: {names: 'ncPromise, getNc, connectNc'},
          output: `import { connect } from 'nats';

let ncPromise: ReturnType<typeof connectNc> | undefined;
async function connectNc() {
  return connect({ servers: 'localhost:4222' });
}
function getNc() {
  // A failed connection is not cached: the next call retries.
  ncPromise ??= connectNc().catch((error: unknown) => {
    ncPromise = undefined;
    throw error;
  });
  return ncPromise;
}
setInterval(async () => {
  const nc = await getNc();
  nc.publish('tick');
}, 1000);`,
        },
        {
          messageId: 'hoistToGlobalThis',
          data: {names: 'ncPromise, getNc, connectNc, globalForNc'},
          output: `import { connect } from 'nats';

const globalForNc = globalThis as unknown as { ncPromise?: ReturnType<typeof connectNc> };
async function connectNc() {
  return connect({ servers: 'localhost:4222' });
}
function getNc() {
  // A failed connection is not cached: the next call retries.
  globalForNc.ncPromise ??= connectNc().catch((error: unknown) => {
    globalForNc.ncPromise = undefined;
    throw error;
  });
  return globalForNc.ncPromise;
}
setInterval(async () => {
  const nc = await getNc();
  nc.publish('tick');
}, 1000);`,
        },
      ],
      },
    ],
  },
  {
    name: 'namespace import pg',
    filename: 'src/app.ts',
    code: `import * as pg from 'pg';
import express from 'express';
const app = express();
app.get('/', async (_req, res) => {
  const pool = new pg.Pool();
  res.json((await pool.query('select 1')).rows);
});`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 5,
        column: 16,
        endLine: 5,
        endColumn: 29,
        suggestions: [
        {
          messageId: 'hoistToModule',
          data: {names: 'pool'},
          output: `import * as pg from 'pg';
import express from 'express';

const pool = new pg.Pool();
const app = express();
app.get('/', async (_req, res) => {
  res.json((await pool.query('select 1')).rows);
});`,
        },
        {
          messageId: 'hoistToGlobalThis',
          data: {names: 'pool, globalForPool'},
          output: `import * as pg from 'pg';
import express from 'express';

const globalForPool = globalThis as unknown as { pool?: InstanceType<typeof pg.Pool> };
const pool = (globalForPool.pool ??= new pg.Pool());
const app = express();
app.get('/', async (_req, res) => {
  res.json((await pool.query('select 1')).rows);
});`,
        },
      ],
      },
    ],
  },
  {
    name: 'import x = require()',
    filename: 'src/app.ts',
    code: `import pg = require('pg');
import express = require('express');
const app = express();
app.get('/', async (_req, res) => {
  const pool = new pg.Pool();
  res.json((await pool.query('select 1')).rows);
});`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 5,
        column: 16,
        endLine: 5,
        endColumn: 29,
        suggestions: [
        {
          messageId: 'hoistToModule',
          data: {names: 'pool'},
          output: `import pg = require('pg');
import express = require('express');

const pool = new pg.Pool();
const app = express();
app.get('/', async (_req, res) => {
  res.json((await pool.query('select 1')).rows);
});`,
        },
        {
          messageId: 'hoistToGlobalThis',
          data: {names: 'pool, globalForPool'},
          output: `import pg = require('pg');
import express = require('express');

const globalForPool = globalThis as unknown as { pool?: InstanceType<typeof pg.Pool> };
const pool = (globalForPool.pool ??= new pg.Pool());
const app = express();
app.get('/', async (_req, res) => {
  res.json((await pool.query('select 1')).rows);
});`,
        },
      ],
      },
    ],
  },
  {
    name: 'const { Pool } = pg after default import',
    filename: 'src/app.mjs',
    code: `import pg from 'pg';
import express from 'express';
const { Pool } = pg;
const app = express();
app.get('/', async (_req, res) => {
  const pool = new Pool();
  res.json((await pool.query('select 1')).rows);
});`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 6,
        column: 16,
        endLine: 6,
        endColumn: 26,
        suggestions: [
        {
          messageId: 'hoistToModule',
          data: {names: 'pool'},
          output: `import pg from 'pg';
import express from 'express';
const { Pool } = pg;

const pool = new Pool();
const app = express();
app.get('/', async (_req, res) => {
  res.json((await pool.query('select 1')).rows);
});`,
        },
        {
          messageId: 'hoistToGlobalThis',
          data: {names: 'pool'},
          output: `import pg from 'pg';
import express from 'express';
const { Pool } = pg;

// Cached on globalThis so that module re-evaluation (dev servers, hot reload) reuses it.
const pool = (globalThis.pool ??= new Pool());
const app = express();
app.get('/', async (_req, res) => {
  res.json((await pool.query('select 1')).rows);
});`,
        },
      ],
      },
    ],
  },
  {
    name: 'new (require(\'pg\').Pool)()',
    filename: 'src/app.js',
    code: `const app = require('express')();
app.get('/', async (_req, res) => {
  const pool = new (require('pg').Pool)();
  res.json((await pool.query('select 1')).rows);
});`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 3,
        column: 16,
        endLine: 3,
        endColumn: 42,
        suggestions: [
        {
          messageId: 'hoistToModule',
          data: {names: 'pool'},
          output: `const pool = new (require('pg').Pool)();

const app = require('express')();
app.get('/', async (_req, res) => {
  res.json((await pool.query('select 1')).rows);
});`,
        },
        {
          messageId: 'hoistToGlobalThis',
          data: {names: 'pool'},
          output: `// Cached on globalThis so that module re-evaluation (dev servers, hot reload) reuses it.
const pool = (globalThis.pool ??= new (require('pg').Pool)());

const app = require('express')();
app.get('/', async (_req, res) => {
  res.json((await pool.query('select 1')).rows);
});`,
        },
      ],
      },
    ],
  },
  {
    name: 'alias of an import and renamed import',
    filename: 'src/app.ts',
    code: `import { Pool as PgPool } from 'pg';
import express from 'express';
const P = PgPool;
const app = express();
app.get('/', async (_req, res) => {
  const pool = new P();
  res.json((await pool.query('select 1')).rows);
});`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 6,
        column: 16,
        endLine: 6,
        endColumn: 23,
        suggestions: [
        {
          messageId: 'hoistToModule',
          data: {names: 'pool'},
          output: `import { Pool as PgPool } from 'pg';
import express from 'express';
const P = PgPool;

const pool = new P();
const app = express();
app.get('/', async (_req, res) => {
  res.json((await pool.query('select 1')).rows);
});`,
        },
        {
          messageId: 'hoistToGlobalThis',
          data: {names: 'pool, globalForPool'},
          output: `import { Pool as PgPool } from 'pg';
import express from 'express';
const P = PgPool;

const globalForPool = globalThis as unknown as { pool?: InstanceType<typeof P> };
const pool = (globalForPool.pool ??= new P());
const app = express();
app.get('/', async (_req, res) => {
  res.json((await pool.query('select 1')).rows);
});`,
        },
      ],
      },
    ],
  },
  {
    name: 'require(\'pg\').native.Pool',
    filename: 'src/app.js',
    code: `const Pool = require('pg').native.Pool;
const app = require('express')();
app.get('/', async (_req, res) => {
  const pool = new Pool();
  res.json((await pool.query('select 1')).rows);
});`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 4,
        column: 16,
        endLine: 4,
        endColumn: 26,
        suggestions: [
        {
          messageId: 'hoistToModule',
          data: {names: 'pool'},
          output: `const Pool = require('pg').native.Pool;

const pool = new Pool();
const app = require('express')();
app.get('/', async (_req, res) => {
  res.json((await pool.query('select 1')).rows);
});`,
        },
        {
          messageId: 'hoistToGlobalThis',
          data: {names: 'pool'},
          output: `const Pool = require('pg').native.Pool;

// Cached on globalThis so that module re-evaluation (dev servers, hot reload) reuses it.
const pool = (globalThis.pool ??= new Pool());
const app = require('express')();
app.get('/', async (_req, res) => {
  res.json((await pool.query('select 1')).rows);
});`,
        },
      ],
      },
    ],
  },
  {
    name: 'dynamic import()',
    filename: 'src/app.mjs',
    code: `import express from 'express';
const app = express();
app.get('/', async (_req, res) => {
  const { Pool } = await import('pg');
  const pool = new Pool();
  res.json((await pool.query('select 1')).rows);
});`,
    output: null,
    errors: [
      {
        messageId: 'perRequestNoFix',
        line: 5,
        column: 16,
        endLine: 5,
        endColumn: 26,
        suggestions: null,
      },
    ],
  },
  {
    name: 'helper function one hop (report at the construction, related handler)',
    filename: 'src/app.ts',
    code: `import express from 'express';
import { Pool } from 'pg';
const app = express();
function getPool() {
  return new Pool();
}
app.get('/', async (_req, res) => {
  res.json((await getPool().query('select 1')).rows);
});`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 5,
        column: 10,
        endLine: 5,
        endColumn: 20,
        suggestions: [
        {
          messageId: 'hoistToModule',
          data: {names: 'pool'},
          output: `import express from 'express';
import { Pool } from 'pg';

const pool = new Pool();
const app = express();
function getPool() {
  return pool;
}
app.get('/', async (_req, res) => {
  res.json((await getPool().query('select 1')).rows);
});`,
        },
        {
          messageId: 'hoistToGlobalThis',
          data: {names: 'pool, globalForPool'},
          output: `import express from 'express';
import { Pool } from 'pg';

const globalForPool = globalThis as unknown as { pool?: Pool };
const pool = (globalForPool.pool ??= new Pool());
const app = express();
function getPool() {
  return pool;
}
app.get('/', async (_req, res) => {
  res.json((await getPool().query('select 1')).rows);
});`,
        },
      ],
      },
    ],
  },
  {
    name: 'const arrow helper two hops',
    filename: 'src/app.ts',
    code: `import express from 'express';
import { Sequelize } from '@sequelize/core';
const app = express();
const connect = () => new Sequelize({ dialect: 'postgres' });
const load = async () => connect().query('select 1');
app.get('/', async (_req, res) => {
  res.json(await load());
});`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 4,
        column: 23,
        endLine: 4,
        endColumn: 61,
        suggestions: [
        {
          messageId: 'hoistToModule',
          data: {names: 'sequelize'},
          output: `import express from 'express';
import { Sequelize } from '@sequelize/core';

const sequelize = new Sequelize({ dialect: 'postgres' });
const app = express();
const connect = () => sequelize;
const load = async () => connect().query('select 1');
app.get('/', async (_req, res) => {
  res.json(await load());
});`,
        },
        {
          messageId: 'hoistToGlobalThis',
          data: {names: 'sequelize, globalForSequelize'},
          output: `import express from 'express';
import { Sequelize } from '@sequelize/core';

const globalForSequelize = globalThis as unknown as { sequelize?: Sequelize };
const sequelize = (globalForSequelize.sequelize ??= new Sequelize({ dialect: 'postgres' }));
const app = express();
const connect = () => sequelize;
const load = async () => connect().query('select 1');
app.get('/', async (_req, res) => {
  res.json(await load());
});`,
        },
      ],
      },
    ],
  },
  {
    name: 'class method via this.',
    filename: 'src/controller.ts',
    code: `import { Controller, Post } from '@nestjs/common';
import { DataSource } from 'typeorm';
@Controller()
export class OrdersController {
  private async db() {
    const dataSource = new DataSource({ type: 'postgres' });
    await dataSource.initialize();
    return dataSource;
  }
  @Post()
  async create() {
    const db = await this.db();
    return db.query('select 1');
  }
}`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 6,
        column: 24,
        endLine: 6,
        endColumn: 60,
        suggestions: [
        {
          messageId: 'hoistConnected',
          data: {names: 'dataSourcePromise, getDataSource, connectDataSource'},
          output: `import { Controller, Post } from '@nestjs/common';
import { DataSource } from 'typeorm';

let dataSourcePromise: ReturnType<typeof connectDataSource> | undefined;
async function connectDataSource() {
  const dataSource = new DataSource({ type: 'postgres' });
  await dataSource.initialize();
  return dataSource;
}
function getDataSource() {
  // A failed connection is not cached: the next call retries.
  dataSourcePromise ??= connectDataSource().catch((error: unknown) => {
    dataSourcePromise = undefined;
    throw error;
  });
  return dataSourcePromise;
}
@Controller()
export class OrdersController {
  private async db() {
    const dataSource = await getDataSource();
    return dataSource;
  }
  @Post()
  async create() {
    const db = await this.db();
    return db.query('select 1');
  }
}`,
        },
        {
          messageId: 'hoistToGlobalThis',
          data: {names: 'dataSourcePromise, getDataSource, connectDataSource, globalForDataSource'},
          output: `import { Controller, Post } from '@nestjs/common';
import { DataSource } from 'typeorm';

const globalForDataSource = globalThis as unknown as { dataSourcePromise?: ReturnType<typeof connectDataSource> };
async function connectDataSource() {
  const dataSource = new DataSource({ type: 'postgres' });
  await dataSource.initialize();
  return dataSource;
}
function getDataSource() {
  // A failed connection is not cached: the next call retries.
  globalForDataSource.dataSourcePromise ??= connectDataSource().catch((error: unknown) => {
    globalForDataSource.dataSourcePromise = undefined;
    throw error;
  });
  return globalForDataSource.dataSourcePromise;
}
@Controller()
export class OrdersController {
  private async db() {
    const dataSource = await getDataSource();
    return dataSource;
  }
  @Post()
  async create() {
    const db = await this.db();
    return db.query('select 1');
  }
}`,
        },
      ],
      },
    ],
  },
  {
    name: 'class built per request: field initializer',
    filename: 'src/repo.ts',
    code: `import express from 'express';
import { Pool } from 'pg';
class UserRepo {
  pool = new Pool();
  find() {
    return this.pool.query('select 1');
  }
}
const app = express();
app.get('/', async (_req, res) => {
  res.json(await new UserRepo().find());
});`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 4,
        column: 10,
        endLine: 4,
        endColumn: 20,
        suggestions: [
        {
          messageId: 'hoistToModule',
          data: {names: 'pool'},
          output: `import express from 'express';
import { Pool } from 'pg';

const pool = new Pool();
class UserRepo {
  pool = pool;
  find() {
    return this.pool.query('select 1');
  }
}
const app = express();
app.get('/', async (_req, res) => {
  res.json(await new UserRepo().find());
});`,
        },
        {
          messageId: 'hoistToGlobalThis',
          data: {names: 'pool, globalForPool'},
          output: `import express from 'express';
import { Pool } from 'pg';

const globalForPool = globalThis as unknown as { pool?: Pool };
const pool = (globalForPool.pool ??= new Pool());
class UserRepo {
  pool = pool;
  find() {
    return this.pool.query('select 1');
  }
}
const app = express();
app.get('/', async (_req, res) => {
  res.json(await new UserRepo().find());
});`,
        },
      ],
      },
    ],
  },
  {
    name: 'name clash renames the hoisted variable',
    filename: 'src/app.ts',
    code: `import express from 'express';
import { Pool } from 'pg';
const pool = 'not a pool';
const app = express();
app.get('/', async (_req, res) => {
  const pool = new Pool();
  res.json({ rows: (await pool.query('select 1')).rows, pool });
});`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 6,
        column: 16,
        endLine: 6,
        endColumn: 26,
        suggestions: [
        {
          messageId: 'hoistToModule',
          data: {names: 'pool2'},
          output: `import express from 'express';
import { Pool } from 'pg';

const pool2 = new Pool();
const pool = 'not a pool';
const app = express();
app.get('/', async (_req, res) => {
  res.json({ rows: (await pool2.query('select 1')).rows, pool: pool2 });
});`,
        },
        {
          messageId: 'hoistToGlobalThis',
          data: {names: 'pool2, globalForPool2'},
          output: `import express from 'express';
import { Pool } from 'pg';

const globalForPool2 = globalThis as unknown as { pool2?: Pool };
const pool2 = (globalForPool2.pool2 ??= new Pool());
const pool = 'not a pool';
const app = express();
app.get('/', async (_req, res) => {
  res.json({ rows: (await pool2.query('select 1')).rows, pool: pool2 });
});`,
        },
      ],
      },
    ],
  },
  {
    name: 'await using inside a handler is still per request',
    filename: 'src/app.ts',
    code: `import express from 'express';
import { MongoClient } from 'mongodb';
const app = express();
app.get('/', async (_req, res) => {
  await using client = new MongoClient('mongodb://db');
  res.json(await client.db().collection('x').findOne());
});`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 5,
        column: 24,
        endLine: 5,
        endColumn: 55,
        suggestions: [
        {
          messageId: 'hoistToModule',
          data: {names: 'client'},
          output: `import express from 'express';
import { MongoClient } from 'mongodb';

const client = new MongoClient('mongodb://db');
const app = express();
app.get('/', async (_req, res) => {
  res.json(await client.db().collection('x').findOne());
});`,
        },
        {
          messageId: 'hoistToGlobalThis',
          data: {names: 'client, globalForClient'},
          output: `import express from 'express';
import { MongoClient } from 'mongodb';

const globalForClient = globalThis as unknown as { client?: MongoClient };
const client = (globalForClient.client ??= new MongoClient('mongodb://db'));
const app = express();
app.get('/', async (_req, res) => {
  res.json(await client.db().collection('x').findOne());
});`,
        },
      ],
      },
    ],
  },
  {
    name: 'no fix: options read the request',
    filename: 'src/handler.ts',
    code: `import { Pool } from 'pg';
export const handler = async (event: { tenant: string }) => {
  const pool = new Pool({ database: event.tenant });
  return pool.query('select 1');
};`,
    output: null,
    errors: [
      {
        messageId: 'perRequestNoFix',
        line: 3,
        column: 16,
        endLine: 3,
        endColumn: 52,
        suggestions: null,
      },
    ],
  },
  {
    name: 'no fix: closed inside an expression',
    filename: 'src/app.ts',
    code: `import express from 'express';
import { Pool } from 'pg';
const app = express();
app.get('/', (_req, res) => {
  const pool = new Pool();
  pool.query('select 1').then((r) => res.json(r.rows)).finally(() => pool.end());
});`,
    output: null,
    errors: [
      {
        messageId: 'perRequestNoFix',
        line: 5,
        column: 16,
        endLine: 5,
        endColumn: 26,
        suggestions: null,
      },
    ],
  },
  {
    name: 'wrapper around a new client: DynamoDBDocumentClient.from(new DynamoDBClient())',
    filename: 'src/handler.ts',
    code: `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
export const handler = async () => {
  const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  return doc.config;
};`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 4,
        column: 43,
        endLine: 4,
        endColumn: 65,
        suggestions: [
        {
          messageId: 'hoistToModule',
          data: {names: 'doc'},
          output: `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));
export const handler = async () => {
  return doc.config;
};`,
        },
        {
          messageId: 'hoistToGlobalThis',
          data: {names: 'doc, globalForDoc'},
          output: `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

const globalForDoc = globalThis as unknown as { doc?: ReturnType<typeof DynamoDBDocumentClient.from> };
const doc = (globalForDoc.doc ??= DynamoDBDocumentClient.from(new DynamoDBClient({})));
export const handler = async () => {
  return doc.config;
};`,
        },
      ],
      },
    ],
  },
  {
    name: 'guard on a handler-local variable is still per request',
    filename: 'src/app.ts',
    code: `import express from 'express';
import { Pool } from 'pg';
const app = express();
app.get('/', async (_req, res) => {
  let pool: Pool | undefined;
  if (!pool) pool = new Pool();
  res.json((await pool.query('select 1')).rows);
});`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 6,
        column: 21,
        endLine: 6,
        endColumn: 31,
        suggestions: [
        {
          messageId: 'hoistToModule',
          data: {names: 'pool2'},
          output: `import express from 'express';
import { Pool } from 'pg';

const pool2 = new Pool();
const app = express();
app.get('/', async (_req, res) => {
  let pool: Pool | undefined;
  if (!pool) pool = pool2;
  res.json((await pool.query('select 1')).rows);
});`,
        },
        {
          messageId: 'hoistToGlobalThis',
          data: {names: 'pool2, globalForPool2'},
          output: `import express from 'express';
import { Pool } from 'pg';

const globalForPool2 = globalThis as unknown as { pool2?: Pool };
const pool2 = (globalForPool2.pool2 ??= new Pool());
const app = express();
app.get('/', async (_req, res) => {
  let pool: Pool | undefined;
  if (!pool) pool = pool2;
  res.json((await pool.query('select 1')).rows);
});`,
        },
      ],
      },
    ],
  },
  {
    name: 'axios.create with a new https.Agent',
    filename: 'src/app.ts',
    code: `import express from 'express';
import axios from 'axios';
import https from 'https';
const app = express();
app.get('/', async (_req, res) => {
  const http = axios.create({ httpsAgent: new https.Agent({ keepAlive: true }) });
  res.json((await http.get('https://example.com')).data);
});`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 6,
        column: 43,
        endLine: 6,
        endColumn: 79,
        suggestions: [
        {
          messageId: 'hoistToModule',
          data: {names: 'agent'},
          output: `import express from 'express';
import axios from 'axios';
import https from 'https';

const agent = new https.Agent({ keepAlive: true });
const app = express();
app.get('/', async (_req, res) => {
  const http = axios.create({ httpsAgent: agent });
  res.json((await http.get('https://example.com')).data);
});`,
        },
        {
          messageId: 'hoistToGlobalThis',
          data: {names: 'agent, globalForAgent'},
          output: `import express from 'express';
import axios from 'axios';
import https from 'https';

const globalForAgent = globalThis as unknown as { agent?: InstanceType<typeof https.Agent> };
const agent = (globalForAgent.agent ??= new https.Agent({ keepAlive: true }));
const app = express();
app.get('/', async (_req, res) => {
  const http = axios.create({ httpsAgent: agent });
  res.json((await http.get('https://example.com')).data);
});`,
        },
      ],
      },
    ],
  },
  {
    name: 'fetch with a per-call undici Agent',
    filename: 'src/app.ts',
    code: `import express from 'express';
import { Agent, fetch } from 'undici';
const app = express();
app.get('/', async (_req, res) => {
  const response = await fetch('https://example.com', { dispatcher: new Agent() });
  res.send(await response.text());
});`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 5,
        column: 69,
        endLine: 5,
        endColumn: 80,
        suggestions: [
        {
          messageId: 'hoistToModule',
          data: {names: 'agent'},
          output: `import express from 'express';
import { Agent, fetch } from 'undici';

const agent = new Agent();
const app = express();
app.get('/', async (_req, res) => {
  const response = await fetch('https://example.com', { dispatcher: agent });
  res.send(await response.text());
});`,
        },
        {
          messageId: 'hoistToGlobalThis',
          data: {names: 'agent, globalForAgent'},
          output: `import express from 'express';
import { Agent, fetch } from 'undici';

const globalForAgent = globalThis as unknown as { agent?: Agent };
const agent = (globalForAgent.agent ??= new Agent());
const app = express();
app.get('/', async (_req, res) => {
  const response = await fetch('https://example.com', { dispatcher: agent });
  res.send(await response.text());
});`,
        },
      ],
      },
    ],
  },
  {
    name: 'runtime: \'node\' does not exempt an edge-looking module',
    filename: 'src/worker.ts',
    options: [{'runtime':'node'}],
    code: `import { Client } from 'pg';
export default {
  async fetch(request: Request) {
    const client = new Client();
    return new Response('ok');
  },
};`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 4,
        column: 20,
        endLine: 4,
        endColumn: 32,
        suggestions: [
        {
          messageId: 'hoistToModule',
          data: {names: 'client'},
          output: `import { Client } from 'pg';

const client = new Client();
export default {
  async fetch(request: Request) {
    return new Response('ok');
  },
};`,
        },
        {
          messageId: 'hoistToGlobalThis',
          data: {names: 'client, globalForClient'},
          output: `import { Client } from 'pg';

const globalForClient = globalThis as unknown as { client?: Client };
const client = (globalForClient.client ??= new Client());
export default {
  async fetch(request: Request) {
    return new Response('ok');
  },
};`,
        },
      ],
      },
    ],
  },
  {
    name: 'kafkajs producer per request',
    filename: 'src/app.ts',
    code: `import express from 'express';
import { Kafka } from 'kafkajs';
const kafka = new Kafka({ brokers: ['localhost:9092'] });
const app = express();
app.post('/events', async (req, res) => {
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic: 'events', messages: [{ value: 'x' }] });
  await producer.disconnect();
  res.sendStatus(202);
});`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 6,
        column: 20,
        endLine: 6,
        endColumn: 36,
        suggestions: [
        {
          messageId: 'hoistConnected',
          data: {names: 'producerPromise, getProducer, connectProducer'},
          output: `import express from 'express';
import { Kafka } from 'kafkajs';
const kafka = new Kafka({ brokers: ['localhost:9092'] });

let producerPromise: ReturnType<typeof connectProducer> | undefined;
async function connectProducer() {
  const producer = kafka.producer();
  await producer.connect();
  return producer;
}
function getProducer() {
  // A failed connection is not cached: the next call retries.
  producerPromise ??= connectProducer().catch((error: unknown) => {
    producerPromise = undefined;
    throw error;
  });
  return producerPromise;
}
const app = express();
app.post('/events', async (req, res) => {
  const producer = await getProducer();
  await producer.send({ topic: 'events', messages: [{ value: 'x' }] });
  res.sendStatus(202);
});`,
        },
        {
          messageId: 'hoistToGlobalThis',
          data: {names: 'producerPromise, getProducer, connectProducer, globalForProducer'},
          output: `import express from 'express';
import { Kafka } from 'kafkajs';
const kafka = new Kafka({ brokers: ['localhost:9092'] });

const globalForProducer = globalThis as unknown as { producerPromise?: ReturnType<typeof connectProducer> };
async function connectProducer() {
  const producer = kafka.producer();
  await producer.connect();
  return producer;
}
function getProducer() {
  // A failed connection is not cached: the next call retries.
  globalForProducer.producerPromise ??= connectProducer().catch((error: unknown) => {
    globalForProducer.producerPromise = undefined;
    throw error;
  });
  return globalForProducer.producerPromise;
}
const app = express();
app.post('/events', async (req, res) => {
  const producer = await getProducer();
  await producer.send({ topic: 'events', messages: [{ value: 'x' }] });
  res.sendStatus(202);
});`,
        },
      ],
      },
    ],
  },
  {
    name: 'mongoose.createConnection per request',
    filename: 'src/app.ts',
    code: `import express from 'express';
import mongoose from 'mongoose';
const app = express();
app.get('/', async (_req, res) => {
  const conn = mongoose.createConnection('mongodb://db/app');
  res.json(await conn.db?.collection('x').findOne());
});`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 5,
        column: 16,
        endLine: 5,
        endColumn: 61,
        suggestions: [
        {
          messageId: 'hoistToSingleton',
          data: {names: 'conn, getConn'},
          output: `import express from 'express';
import mongoose from 'mongoose';

let conn: ReturnType<typeof mongoose.createConnection> | undefined;
function getConn() {
  return (conn ??= mongoose.createConnection('mongodb://db/app'));
}
const app = express();
app.get('/', async (_req, res) => {
  const conn = getConn();
  res.json(await conn.db?.collection('x').findOne());
});`,
        },
        {
          messageId: 'hoistToGlobalThis',
          data: {names: 'conn, getConn, globalForConn'},
          output: `import express from 'express';
import mongoose from 'mongoose';

const globalForConn = globalThis as unknown as { conn?: ReturnType<typeof mongoose.createConnection> };
function getConn() {
  return (globalForConn.conn ??= mongoose.createConnection('mongodb://db/app'));
}
const app = express();
app.get('/', async (_req, res) => {
  const conn = getConn();
  res.json(await conn.db?.collection('x').findOne());
});`,
        },
      ],
      },
    ],
  },
  {
    name: 'oracledb createPool (async)',
    filename: 'src/app.ts',
    code: `import express from 'express';
import oracledb from 'oracledb';
const app = express();
app.get('/', async (_req, res) => {
  const pool = await oracledb.createPool({ user: 'app', password: 'x', connectString: 'db/orcl' });
  res.json(await pool.getConnection());
});`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 5,
        column: 22,
        endLine: 5,
        endColumn: 99,
        suggestions: [
        {
          messageId: 'hoistToPromise',
          data: {names: 'poolPromise, getPool, connectPool'},
          output: `import express from 'express';
import oracledb from 'oracledb';

let poolPromise: ReturnType<typeof connectPool> | undefined;
async function connectPool() {
  return oracledb.createPool({ user: 'app', password: 'x', connectString: 'db/orcl' });
}
function getPool() {
  // A failed connection is not cached: the next call retries.
  poolPromise ??= connectPool().catch((error: unknown) => {
    poolPromise = undefined;
    throw error;
  });
  return poolPromise;
}
const app = express();
app.get('/', async (_req, res) => {
  const pool = await getPool();
  res.json(await pool.getConnection());
});`,
        },
        {
          messageId: 'hoistToGlobalThis',
          data: {names: 'poolPromise, getPool, connectPool, globalForPool'},
          output: `import express from 'express';
import oracledb from 'oracledb';

const globalForPool = globalThis as unknown as { poolPromise?: ReturnType<typeof connectPool> };
async function connectPool() {
  return oracledb.createPool({ user: 'app', password: 'x', connectString: 'db/orcl' });
}
function getPool() {
  // A failed connection is not cached: the next call retries.
  globalForPool.poolPromise ??= connectPool().catch((error: unknown) => {
    globalForPool.poolPromise = undefined;
    throw error;
  });
  return globalForPool.poolPromise;
}
const app = express();
app.get('/', async (_req, res) => {
  const pool = await getPool();
  res.json(await pool.getConnection());
});`,
        },
      ],
      },
    ],
  },
  {
    name: 'oracledb standalone getConnection with credentials',
    filename: 'src/app.ts',
    code: `import express from 'express';
import oracledb from 'oracledb';
const app = express();
app.get('/', async (_req, res) => {
  const connection = await oracledb.getConnection({ user: 'app', password: 'x', connectString: 'db/orcl' });
  res.json(await connection.execute('select 1 from dual'));
});`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 5,
        column: 28,
        endLine: 5,
        endColumn: 108,
        suggestions: [
        {
          messageId: 'hoistToPromise',
          data: {names: 'connectionPromise, getConnection, connectConnection'},
          output: `import express from 'express';
import oracledb from 'oracledb';

let connectionPromise: ReturnType<typeof connectConnection> | undefined;
async function connectConnection() {
  return oracledb.getConnection({ user: 'app', password: 'x', connectString: 'db/orcl' });
}
function getConnection() {
  // A failed connection is not cached: the next call retries.
  connectionPromise ??= connectConnection().catch((error: unknown) => {
    connectionPromise = undefined;
    throw error;
  });
  return connectionPromise;
}
const app = express();
app.get('/', async (_req, res) => {
  const connection = await getConnection();
  res.json(await connection.execute('select 1 from dual'));
});`,
        },
        {
          messageId: 'hoistToGlobalThis',
          data: {names: 'connectionPromise, getConnection, connectConnection, globalForConnection'},
          output: `import express from 'express';
import oracledb from 'oracledb';

const globalForConnection = globalThis as unknown as { connectionPromise?: ReturnType<typeof connectConnection> };
async function connectConnection() {
  return oracledb.getConnection({ user: 'app', password: 'x', connectString: 'db/orcl' });
}
function getConnection() {
  // A failed connection is not cached: the next call retries.
  globalForConnection.connectionPromise ??= connectConnection().catch((error: unknown) => {
    globalForConnection.connectionPromise = undefined;
    throw error;
  });
  return globalForConnection.connectionPromise;
}
const app = express();
app.get('/', async (_req, res) => {
  const connection = await getConnection();
  res.json(await connection.execute('select 1 from dual'));
});`,
        },
      ],
      },
    ],
  },
  {
    name: 'tedious Connection',
    filename: 'src/app.js',
    code: `const { Connection } = require('tedious');
const app = require('express')();
app.get('/', (_req, res) => {
  const connection = new Connection({ server: 'db' });
  connection.on('connect', () => res.send('ok'));
});`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 4,
        column: 22,
        endLine: 4,
        endColumn: 54,
        suggestions: [
        {
          messageId: 'hoistToSingleton',
          data: {names: 'connection, getConnection'},
          output: `const { Connection } = require('tedious');

let connection;
function getConnection() {
  return (connection ??= new Connection({ server: 'db' }));
}
const app = require('express')();
app.get('/', (_req, res) => {
  const connection = getConnection();
  connection.on('connect', () => res.send('ok'));
});`,
        },
        {
          messageId: 'hoistToGlobalThis',
          data: {names: 'connection, getConnection'},
          output: `const { Connection } = require('tedious');

// Cached on globalThis so that module re-evaluation (dev servers, hot reload) reuses it.
function getConnection() {
  return (globalThis.connection ??= new Connection({ server: 'db' }));
}
const app = require('express')();
app.get('/', (_req, res) => {
  const connection = getConnection();
  connection.on('connect', () => res.send('ok'));
});`,
        },
      ],
      },
    ],
  },
  {
    name: 'pg-pool default export',
    filename: 'src/app.js',
    code: `const Pool = require('pg-pool');
const app = require('express')();
app.get('/', async (_req, res) => {
  const pool = new Pool();
  res.json((await pool.query('select 1')).rows);
});`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 4,
        column: 16,
        endLine: 4,
        endColumn: 26,
        suggestions: [
        {
          messageId: 'hoistToModule',
          data: {names: 'pool'},
          output: `const Pool = require('pg-pool');

const pool = new Pool();
const app = require('express')();
app.get('/', async (_req, res) => {
  res.json((await pool.query('select 1')).rows);
});`,
        },
        {
          messageId: 'hoistToGlobalThis',
          data: {names: 'pool'},
          output: `const Pool = require('pg-pool');

// Cached on globalThis so that module re-evaluation (dev servers, hot reload) reuses it.
const pool = (globalThis.pool ??= new Pool());
const app = require('express')();
app.get('/', async (_req, res) => {
  res.json((await pool.query('select 1')).rows);
});`,
        },
      ],
      },
    ],
  },
  {
    name: 'undici Pool and Client',
    filename: 'src/app.ts',
    code: `import express from 'express';
import { Pool } from 'undici';
const app = express();
app.get('/', async (_req, res) => {
  const upstream = new Pool('http://upstream', { connections: 4 });
  res.json(await upstream.request({ path: '/', method: 'GET' }));
});`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 5,
        column: 20,
        endLine: 5,
        endColumn: 67,
        suggestions: [
        {
          messageId: 'hoistToModule',
          data: {names: 'upstream'},
          output: `import express from 'express';
import { Pool } from 'undici';

const upstream = new Pool('http://upstream', { connections: 4 });
const app = express();
app.get('/', async (_req, res) => {
  res.json(await upstream.request({ path: '/', method: 'GET' }));
});`,
        },
        {
          messageId: 'hoistToGlobalThis',
          data: {names: 'upstream, globalForUpstream'},
          output: `import express from 'express';
import { Pool } from 'undici';

const globalForUpstream = globalThis as unknown as { upstream?: Pool };
const upstream = (globalForUpstream.upstream ??= new Pool('http://upstream', { connections: 4 }));
const app = express();
app.get('/', async (_req, res) => {
  res.json(await upstream.request({ path: '/', method: 'GET' }));
});`,
        },
      ],
      },
    ],
  },
  {
    name: 'ioredis Cluster',
    filename: 'src/app.ts',
    code: `import express from 'express';
import { Cluster } from 'ioredis';
const app = express();
app.get('/', async (_req, res) => {
  const cluster = new Cluster([{ host: 'redis', port: 6379 }]);
  res.json(await cluster.get('k'));
});`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 5,
        column: 19,
        endLine: 5,
        endColumn: 63,
        suggestions: [
        {
          messageId: 'hoistToSingleton',
          data: {names: 'cluster, getCluster'},
          output: `import express from 'express';
import { Cluster } from 'ioredis';

let cluster: Cluster | undefined;
function getCluster() {
  return (cluster ??= new Cluster([{ host: 'redis', port: 6379 }]));
}
const app = express();
app.get('/', async (_req, res) => {
  const cluster = getCluster();
  res.json(await cluster.get('k'));
});`,
        },
        {
          messageId: 'hoistToGlobalThis',
          data: {names: 'cluster, getCluster, globalForCluster'},
          output: `import express from 'express';
import { Cluster } from 'ioredis';

const globalForCluster = globalThis as unknown as { cluster?: Cluster };
function getCluster() {
  return (globalForCluster.cluster ??= new Cluster([{ host: 'redis', port: 6379 }]));
}
const app = express();
app.get('/', async (_req, res) => {
  const cluster = getCluster();
  res.json(await cluster.get('k'));
});`,
        },
      ],
      },
    ],
  },
  {
    name: 'ioredis duplicate() per request',
    filename: 'src/app.ts',
    code: `import express from 'express';
import Redis from 'ioredis';
const redis = new Redis();
const app = express();
app.get('/', async (_req, res) => {
  const subscriber = redis.duplicate();
  await subscriber.subscribe('news');
  res.sendStatus(204);
});`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 6,
        column: 22,
        endLine: 6,
        endColumn: 39,
        suggestions: [
        {
          messageId: 'hoistToSingleton',
          data: {names: 'subscriber, getSubscriber'},
          output: `import express from 'express';
import Redis from 'ioredis';
const redis = new Redis();

let subscriber: ReturnType<typeof redis.duplicate> | undefined;
function getSubscriber() {
  return (subscriber ??= redis.duplicate());
}
const app = express();
app.get('/', async (_req, res) => {
  const subscriber = getSubscriber();
  await subscriber.subscribe('news');
  res.sendStatus(204);
});`,
        },
        {
          messageId: 'hoistToGlobalThis',
          data: {names: 'subscriber, getSubscriber, globalForSubscriber'},
          output: `import express from 'express';
import Redis from 'ioredis';
const redis = new Redis();

const globalForSubscriber = globalThis as unknown as { subscriber?: ReturnType<typeof redis.duplicate> };
function getSubscriber() {
  return (globalForSubscriber.subscriber ??= redis.duplicate());
}
const app = express();
app.get('/', async (_req, res) => {
  const subscriber = getSubscriber();
  await subscriber.subscribe('news');
  res.sendStatus(204);
});`,
        },
      ],
      },
    ],
  },
  {
    name: 'node-redis createClientPool',
    filename: 'src/app.ts',
    code: `import express from 'express';
import { createClientPool } from 'redis';
const app = express();
app.get('/', async (_req, res) => {
  const pool = createClientPool();
  res.json(await pool.get('k'));
});`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 5,
        column: 16,
        endLine: 5,
        endColumn: 34,
        suggestions: [
        {
          messageId: 'hoistToModule',
          data: {names: 'pool'},
          output: `import express from 'express';
import { createClientPool } from 'redis';

const pool = createClientPool();
const app = express();
app.get('/', async (_req, res) => {
  res.json(await pool.get('k'));
});`,
        },
        {
          messageId: 'hoistToGlobalThis',
          data: {names: 'pool, globalForPool'},
          output: `import express from 'express';
import { createClientPool } from 'redis';

const globalForPool = globalThis as unknown as { pool?: ReturnType<typeof createClientPool> };
const pool = (globalForPool.pool ??= createClientPool());
const app = express();
app.get('/', async (_req, res) => {
  res.json(await pool.get('k'));
});`,
        },
      ],
      },
    ],
  },
  {
    name: 'mysql2 createPoolCluster and mysql createConnection',
    filename: 'src/app.js',
    code: `const mysql2 = require('mysql2');
const app = require('express')();
app.get('/', (_req, res) => {
  const cluster = mysql2.createPoolCluster();
  res.json(cluster.of('*'));
});`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 4,
        column: 19,
        endLine: 4,
        endColumn: 45,
        suggestions: [
        {
          messageId: 'hoistToModule',
          data: {names: 'cluster'},
          output: `const mysql2 = require('mysql2');

const cluster = mysql2.createPoolCluster();
const app = require('express')();
app.get('/', (_req, res) => {
  res.json(cluster.of('*'));
});`,
        },
        {
          messageId: 'hoistToGlobalThis',
          data: {names: 'cluster'},
          output: `const mysql2 = require('mysql2');

// Cached on globalThis so that module re-evaluation (dev servers, hot reload) reuses it.
const cluster = (globalThis.cluster ??= mysql2.createPoolCluster());
const app = require('express')();
app.get('/', (_req, res) => {
  res.json(cluster.of('*'));
});`,
        },
      ],
      },
    ],
  },
  {
    name: 'mysql createConnection (lazy, connect in handler)',
    filename: 'src/app.js',
    code: `const mysql = require('mysql');
const app = require('express')();
app.get('/', (_req, res) => {
  const connection = mysql.createConnection({ host: 'db' });
  connection.query('select 1', (err, rows) => res.json(rows));
});`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 4,
        column: 22,
        endLine: 4,
        endColumn: 60,
        suggestions: [
        {
          messageId: 'hoistToModule',
          data: {names: 'connection'},
          output: `const mysql = require('mysql');

const connection = mysql.createConnection({ host: 'db' });
const app = require('express')();
app.get('/', (_req, res) => {
  connection.query('select 1', (err, rows) => res.json(rows));
});`,
        },
        {
          messageId: 'hoistToGlobalThis',
          data: {names: 'connection'},
          output: `const mysql = require('mysql');

// Cached on globalThis so that module re-evaluation (dev servers, hot reload) reuses it.
const connection = (globalThis.connection ??= mysql.createConnection({ host: 'db' }));
const app = require('express')();
app.get('/', (_req, res) => {
  connection.query('select 1', (err, rows) => res.json(rows));
});`,
        },
      ],
      },
    ],
  },
  {
    name: 'Prisma 7 adapter: one finding on the outer PrismaClient',
    filename: 'src/app.ts',
    code: `import express from 'express';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client';
const app = express();
app.get('/', async (_req, res) => {
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL }) });
  res.json(await prisma.user.findMany());
});`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 6,
        column: 18,
        endLine: 6,
        endColumn: 109,
        suggestions: [
        {
          messageId: 'hoistToModule',
          data: {names: 'prisma'},
          output: `import express from 'express';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client';

const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL }) });
const app = express();
app.get('/', async (_req, res) => {
  res.json(await prisma.user.findMany());
});`,
        },
        {
          messageId: 'hoistToGlobalThis',
          data: {names: 'prisma, globalForPrisma'},
          output: `import express from 'express';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client';

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };
const prisma = (globalForPrisma.prisma ??= new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL }) }));
const app = express();
app.get('/', async (_req, res) => {
  res.json(await prisma.user.findMany());
});`,
        },
      ],
      },
    ],
  },
  {
    name: 'AWS aggregated client new S3()',
    filename: 'src/handler.ts',
    code: `import { S3 } from '@aws-sdk/client-s3';
export async function handler() {
  const s3 = new S3({});
  return s3.listBuckets({});
}`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 3,
        column: 14,
        endLine: 3,
        endColumn: 24,
        suggestions: [
        {
          messageId: 'hoistToModule',
          data: {names: 's3'},
          output: `import { S3 } from '@aws-sdk/client-s3';

const s3 = new S3({});
export async function handler() {
  return s3.listBuckets({});
}`,
        },
        {
          messageId: 'hoistToGlobalThis',
          data: {names: 's3, globalForS3'},
          output: `import { S3 } from '@aws-sdk/client-s3';

const globalForS3 = globalThis as unknown as { s3?: S3 };
const s3 = (globalForS3.s3 ??= new S3({}));
export async function handler() {
  return s3.listBuckets({});
}`,
        },
      ],
      },
    ],
  },
  {
    name: 'undici BalancedPool',
    filename: 'src/app.ts',
    code: `import express from 'express';
import { BalancedPool } from 'undici';
const app = express();
app.get('/', async (_req, res) => {
  const upstreams = new BalancedPool(['http://a', 'http://b']);
  res.json(await upstreams.request({ path: '/', method: 'GET' }));
});`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 5,
        column: 21,
        endLine: 5,
        endColumn: 63,
        suggestions: [
        {
          messageId: 'hoistToModule',
          data: {names: 'upstreams'},
          output: `import express from 'express';
import { BalancedPool } from 'undici';

const upstreams = new BalancedPool(['http://a', 'http://b']);
const app = express();
app.get('/', async (_req, res) => {
  res.json(await upstreams.request({ path: '/', method: 'GET' }));
});`,
        },
        {
          messageId: 'hoistToGlobalThis',
          data: {names: 'upstreams, globalForUpstreams'},
          output: `import express from 'express';
import { BalancedPool } from 'undici';

const globalForUpstreams = globalThis as unknown as { upstreams?: BalancedPool };
const upstreams = (globalForUpstreams.upstreams ??= new BalancedPool(['http://a', 'http://b']));
const app = express();
app.get('/', async (_req, res) => {
  res.json(await upstreams.request({ path: '/', method: 'GET' }));
});`,
        },
      ],
      },
    ],
  },
  {
    name: 'return new PrismaClient() in a helper: a derived name',
    filename: 'src/app.ts',
    code: `import express from 'express';
import { PrismaClient } from '@prisma/client';
const app = express();
function db() {
  return new PrismaClient();
}
app.get('/', async (_req, res) => {
  res.json(await db().user.findMany());
});`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 5,
        column: 10,
        endLine: 5,
        endColumn: 28,
        suggestions: [
        {
          messageId: 'hoistToModule',
          data: {names: 'prismaClient'},
          output: `import express from 'express';
import { PrismaClient } from '@prisma/client';

const prismaClient = new PrismaClient();
const app = express();
function db() {
  return prismaClient;
}
app.get('/', async (_req, res) => {
  res.json(await db().user.findMany());
});`,
        },
        {
          messageId: 'hoistToGlobalThis',
          data: {names: 'prismaClient, globalForPrismaClient'},
          output: `import express from 'express';
import { PrismaClient } from '@prisma/client';

const globalForPrismaClient = globalThis as unknown as { prismaClient?: PrismaClient };
const prismaClient = (globalForPrismaClient.prismaClient ??= new PrismaClient());
const app = express();
function db() {
  return prismaClient;
}
app.get('/', async (_req, res) => {
  res.json(await db().user.findMany());
});`,
        },
      ],
      },
    ],
  },
  {
    name: 'redis createCluster with connect',
    filename: 'src/app.ts',
    code: `import express from 'express';
import { createCluster } from 'redis';
const app = express();
app.get('/', async (_req, res) => {
  const cluster = createCluster({ rootNodes: [{ url: 'redis://a' }] });
  await cluster.connect();
  res.json(await cluster.get('k'));
});`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 5,
        column: 19,
        endLine: 5,
        endColumn: 71,
        suggestions: [
        {
          messageId: 'hoistConnected',
          data: {names: 'clusterPromise, getCluster, connectCluster'},
          output: `import express from 'express';
import { createCluster } from 'redis';

let clusterPromise: ReturnType<typeof connectCluster> | undefined;
async function connectCluster() {
  const cluster = createCluster({ rootNodes: [{ url: 'redis://a' }] });
  await cluster.connect();
  return cluster;
}
function getCluster() {
  // A failed connection is not cached: the next call retries.
  clusterPromise ??= connectCluster().catch((error: unknown) => {
    clusterPromise = undefined;
    throw error;
  });
  return clusterPromise;
}
const app = express();
app.get('/', async (_req, res) => {
  const cluster = await getCluster();
  res.json(await cluster.get('k'));
});`,
        },
        {
          messageId: 'hoistToGlobalThis',
          data: {names: 'clusterPromise, getCluster, connectCluster, globalForCluster'},
          output: `import express from 'express';
import { createCluster } from 'redis';

const globalForCluster = globalThis as unknown as { clusterPromise?: ReturnType<typeof connectCluster> };
async function connectCluster() {
  const cluster = createCluster({ rootNodes: [{ url: 'redis://a' }] });
  await cluster.connect();
  return cluster;
}
function getCluster() {
  // A failed connection is not cached: the next call retries.
  globalForCluster.clusterPromise ??= connectCluster().catch((error: unknown) => {
    globalForCluster.clusterPromise = undefined;
    throw error;
  });
  return globalForCluster.clusterPromise;
}
const app = express();
app.get('/', async (_req, res) => {
  const cluster = await getCluster();
  res.json(await cluster.get('k'));
});`,
        },
      ],
      },
    ],
  },
  {
    name: 'Lambda handler wrapped by middy().use()',
    filename: 'src/handler.ts',
    code: `import middy from '@middy/core';
import jsonBodyParser from '@middy/http-json-body-parser';
import { SQSClient } from '@aws-sdk/client-sqs';
const baseHandler = async (event: { body: string }) => {
  const sqs = new SQSClient({});
  return sqs.config.region();
};
export const handler = middy(baseHandler).use(jsonBodyParser());`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 5,
        column: 15,
        endLine: 5,
        endColumn: 32,
        suggestions: [
        {
          messageId: 'hoistToModule',
          data: {names: 'sqs'},
          output: `import middy from '@middy/core';
import jsonBodyParser from '@middy/http-json-body-parser';
import { SQSClient } from '@aws-sdk/client-sqs';

const sqs = new SQSClient({});
const baseHandler = async (event: { body: string }) => {
  return sqs.config.region();
};
export const handler = middy(baseHandler).use(jsonBodyParser());`,
        },
        {
          messageId: 'hoistToGlobalThis',
          data: {names: 'sqs, globalForSqs'},
          output: `import middy from '@middy/core';
import jsonBodyParser from '@middy/http-json-body-parser';
import { SQSClient } from '@aws-sdk/client-sqs';

const globalForSqs = globalThis as unknown as { sqs?: SQSClient };
const sqs = (globalForSqs.sqs ??= new SQSClient({}));
const baseHandler = async (event: { body: string }) => {
  return sqs.config.region();
};
export const handler = middy(baseHandler).use(jsonBodyParser());`,
        },
      ],
      },
    ],
  },
  {
    name: 'mysql2/promise createConnection (async: cached promise)',
    filename: 'src/app.ts',
    code: `import express from 'express';
import mysql from 'mysql2/promise';
const app = express();
app.get('/', async (_req, res) => {
  const connection = await mysql.createConnection({ host: 'db' });
  const [rows] = await connection.query('select 1');
  await connection.end();
  res.json(rows);
});`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 5,
        column: 28,
        endLine: 5,
        endColumn: 66,
        suggestions: [
        {
          messageId: 'hoistToPromise',
          data: {names: 'connectionPromise, getConnection, connectConnection'},
          output: `import express from 'express';
import mysql from 'mysql2/promise';

let connectionPromise: ReturnType<typeof connectConnection> | undefined;
async function connectConnection() {
  return mysql.createConnection({ host: 'db' });
}
function getConnection() {
  // A failed connection is not cached: the next call retries.
  connectionPromise ??= connectConnection().catch((error: unknown) => {
    connectionPromise = undefined;
    throw error;
  });
  return connectionPromise;
}
const app = express();
app.get('/', async (_req, res) => {
  const connection = await getConnection();
  const [rows] = await connection.query('select 1');
  res.json(rows);
});`,
        },
        {
          messageId: 'hoistToGlobalThis',
          data: {names: 'connectionPromise, getConnection, connectConnection, globalForConnection'},
          output: `import express from 'express';
import mysql from 'mysql2/promise';

const globalForConnection = globalThis as unknown as { connectionPromise?: ReturnType<typeof connectConnection> };
async function connectConnection() {
  return mysql.createConnection({ host: 'db' });
}
function getConnection() {
  // A failed connection is not cached: the next call retries.
  globalForConnection.connectionPromise ??= connectConnection().catch((error: unknown) => {
    globalForConnection.connectionPromise = undefined;
    throw error;
  });
  return globalForConnection.connectionPromise;
}
const app = express();
app.get('/', async (_req, res) => {
  const connection = await getConnection();
  const [rows] = await connection.query('select 1');
  res.json(rows);
});`,
        },
      ],
      },
    ],
  },
  {
    name: 'mysql createPoolCluster',
    filename: 'src/app.js',
    code: `const mysql = require('mysql');
const app = require('express')();
app.get('/', (_req, res) => {
  const cluster = mysql.createPoolCluster();
  cluster.getConnection((err, connection) => res.json(err ?? connection.threadId));
});`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 4,
        column: 19,
        endLine: 4,
        endColumn: 44,
        suggestions: [
        {
          messageId: 'hoistToModule',
          data: {names: 'cluster'},
          output: `const mysql = require('mysql');

const cluster = mysql.createPoolCluster();
const app = require('express')();
app.get('/', (_req, res) => {
  cluster.getConnection((err, connection) => res.json(err ?? connection.threadId));
});`,
        },
        {
          messageId: 'hoistToGlobalThis',
          data: {names: 'cluster'},
          output: `const mysql = require('mysql');

// Cached on globalThis so that module re-evaluation (dev servers, hot reload) reuses it.
const cluster = (globalThis.cluster ??= mysql.createPoolCluster());
const app = require('express')();
app.get('/', (_req, res) => {
  cluster.getConnection((err, connection) => res.json(err ?? connection.threadId));
});`,
        },
      ],
      },
    ],
  },
  {
    name: 'node-redis client.createPool()',
    filename: 'src/app.ts',
    code: `import express from 'express';
import { createClient } from 'redis';
const app = express();
app.get('/', async (_req, res) => {
  const pool = createClient().createPool();
  res.json(await pool.get('k'));
});`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 5,
        column: 16,
        endLine: 5,
        endColumn: 43,
        suggestions: [
        {
          messageId: 'hoistToModule',
          data: {names: 'pool'},
          output: `import express from 'express';
import { createClient } from 'redis';

const pool = createClient().createPool();
const app = express();
app.get('/', async (_req, res) => {
  res.json(await pool.get('k'));
});`,
        },
      ],
      },
    ],
  },
  {
    name: 'undici Client',
    filename: 'src/app.ts',
    code: `import express from 'express';
import { Client } from 'undici';
const app = express();
app.get('/', async (_req, res) => {
  const upstream = new Client('http://upstream');
  res.json(await upstream.request({ path: '/', method: 'GET' }));
});`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 5,
        column: 20,
        endLine: 5,
        endColumn: 49,
        suggestions: [
        {
          messageId: 'hoistToModule',
          data: {names: 'upstream'},
          output: `import express from 'express';
import { Client } from 'undici';

const upstream = new Client('http://upstream');
const app = express();
app.get('/', async (_req, res) => {
  res.json(await upstream.request({ path: '/', method: 'GET' }));
});`,
        },
        {
          messageId: 'hoistToGlobalThis',
          data: {names: 'upstream, globalForUpstream'},
          output: `import express from 'express';
import { Client } from 'undici';

const globalForUpstream = globalThis as unknown as { upstream?: Client };
const upstream = (globalForUpstream.upstream ??= new Client('http://upstream'));
const app = express();
app.get('/', async (_req, res) => {
  res.json(await upstream.request({ path: '/', method: 'GET' }));
});`,
        },
      ],
      },
    ],
  },
  {
    name: 'typeorm legacy createConnection',
    filename: 'src/app.ts',
    code: `import express from 'express';
import { createConnection } from 'typeorm';
const app = express();
app.get('/', async (_req, res) => {
  const connection = await createConnection({ type: 'postgres' });
  res.json(await connection.query('select 1'));
});`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 5,
        column: 28,
        endLine: 5,
        endColumn: 66,
        suggestions: [
        {
          messageId: 'hoistToPromise',
          data: {names: 'connectionPromise, getConnection, connectConnection'},
          output: `import express from 'express';
import { createConnection } from 'typeorm';

let connectionPromise: ReturnType<typeof connectConnection> | undefined;
async function connectConnection() {
  return createConnection({ type: 'postgres' });
}
function getConnection() {
  // A failed connection is not cached: the next call retries.
  connectionPromise ??= connectConnection().catch((error: unknown) => {
    connectionPromise = undefined;
    throw error;
  });
  return connectionPromise;
}
const app = express();
app.get('/', async (_req, res) => {
  const connection = await getConnection();
  res.json(await connection.query('select 1'));
});`,
        },
        {
          messageId: 'hoistToGlobalThis',
          data: {names: 'connectionPromise, getConnection, connectConnection, globalForConnection'},
          output: `import express from 'express';
import { createConnection } from 'typeorm';

const globalForConnection = globalThis as unknown as { connectionPromise?: ReturnType<typeof connectConnection> };
async function connectConnection() {
  return createConnection({ type: 'postgres' });
}
function getConnection() {
  // A failed connection is not cached: the next call retries.
  globalForConnection.connectionPromise ??= connectConnection().catch((error: unknown) => {
    globalForConnection.connectionPromise = undefined;
    throw error;
  });
  return globalForConnection.connectionPromise;
}
const app = express();
app.get('/', async (_req, res) => {
  const connection = await getConnection();
  res.json(await connection.query('select 1'));
});`,
        },
      ],
      },
    ],
  },
  {
    name: 'generic-pool new Pool()',
    filename: 'src/app.js',
    code: `const genericPool = require('generic-pool');
const app = require('express')();
const factory = { create: async () => ({}), destroy: async () => {} };
app.get('/', async (_req, res) => {
  const pool = new genericPool.Pool(factory, { max: 2 });
  res.json(await pool.acquire());
});`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 5,
        column: 16,
        endLine: 5,
        endColumn: 57,
        suggestions: [
        {
          messageId: 'hoistToModule',
          data: {names: 'pool'},
          output: `const genericPool = require('generic-pool');
const app = require('express')();
const factory = { create: async () => ({}), destroy: async () => {} };

const pool = new genericPool.Pool(factory, { max: 2 });
app.get('/', async (_req, res) => {
  res.json(await pool.acquire());
});`,
        },
        {
          messageId: 'hoistToGlobalThis',
          data: {names: 'pool'},
          output: `const genericPool = require('generic-pool');
const app = require('express')();
const factory = { create: async () => ({}), destroy: async () => {} };

// Cached on globalThis so that module re-evaluation (dev servers, hot reload) reuses it.
const pool = (globalThis.pool ??= new genericPool.Pool(factory, { max: 2 }));
app.get('/', async (_req, res) => {
  res.json(await pool.acquire());
});`,
        },
      ],
      },
    ],
  },
  {
    name: 'clientFactories: an imported factory of your own code',
    filename: 'src/app.ts',
    options: [{'clientFactories':[{'module':'./db','name':'createDb','kind':'pool'}]}],
    code: `import express from 'express';
import { createDb } from './db';
const app = express();
app.get('/', async (_req, res) => {
  const db = createDb();
  res.json(await db.query('select 1'));
});`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 5,
        column: 14,
        endLine: 5,
        endColumn: 24,
        suggestions: [
        {
          messageId: 'hoistToSingleton',
          data: {names: 'db, getDb'},
          output: `import express from 'express';
import { createDb } from './db';

let db: ReturnType<typeof createDb> | undefined;
function getDb() {
  return (db ??= createDb());
}
const app = express();
app.get('/', async (_req, res) => {
  const db = getDb();
  res.json(await db.query('select 1'));
});`,
        },
        {
          messageId: 'hoistToGlobalThis',
          data: {names: 'db, getDb, globalForDb'},
          output: `import express from 'express';
import { createDb } from './db';

const globalForDb = globalThis as unknown as { db?: ReturnType<typeof createDb> };
function getDb() {
  return (globalForDb.db ??= createDb());
}
const app = express();
app.get('/', async (_req, res) => {
  const db = getDb();
  res.json(await db.query('select 1'));
});`,
        },
      ],
      },
    ],
  },
  {
    name: 'clientFactories: an awaited factory matched by name only (cached promise)',
    filename: 'src/app.js',
    options: [{'clientFactories':[{'name':'connectCache','kind':'client'}]}],
    code: `const express = require('express');
const { connectCache } = require('./cache');
const app = express();
app.get('/', async (_req, res) => {
  const cache = await connectCache();
  res.json(await cache.get('k'));
});`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 5,
        column: 23,
        endLine: 5,
        endColumn: 37,
        suggestions: [
        {
          messageId: 'hoistToPromise',
          data: {names: 'cachePromise, getCache, connectCache2'},
          output: `const express = require('express');
const { connectCache } = require('./cache');

let cachePromise;
async function connectCache2() {
  return connectCache();
}
function getCache() {
  // A failed connection is not cached: the next call retries.
  cachePromise ??= connectCache2().catch((error) => {
    cachePromise = undefined;
    throw error;
  });
  return cachePromise;
}
const app = express();
app.get('/', async (_req, res) => {
  const cache = await getCache();
  res.json(await cache.get('k'));
});`,
        },
        {
          messageId: 'hoistToGlobalThis',
          data: {names: 'cachePromise, getCache, connectCache2'},
          output: `const express = require('express');
const { connectCache } = require('./cache');

// Cached on globalThis so that module re-evaluation (dev servers, hot reload) reuses it.
async function connectCache2() {
  return connectCache();
}
function getCache() {
  // A failed connection is not cached: the next call retries.
  globalThis.cachePromise ??= connectCache2().catch((error) => {
    globalThis.cachePromise = undefined;
    throw error;
  });
  return globalThis.cachePromise;
}
const app = express();
app.get('/', async (_req, res) => {
  const cache = await getCache();
  res.json(await cache.get('k'));
});`,
        },
      ],
      },
    ],
  },
  // Found by the property tests (test/property): a guard on a variable local to a helper the handler calls is still
  // per request (false-positives.md A2: the guarded variable must outlive the call).
  {
    name: 'guard on a variable local to a helper reached from a handler is still per request',
    filename: 'src/app.ts',
    code: `import express from 'express';
import { Pool } from 'pg';
function getPool() {
  let pool: Pool | undefined;
  if (!pool) pool = new Pool();
  return pool;
}
const app = express();
app.get('/', async (_req, res) => res.json((await getPool().query('select 1')).rows));`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 5,
        column: 21,
        endLine: 5,
        endColumn: 31,
        suggestions: [
          {
            messageId: 'hoistToModule',
            data: { names: 'pool2' },
            output: `import express from 'express';
import { Pool } from 'pg';

const pool2 = new Pool();
function getPool() {
  let pool: Pool | undefined;
  if (!pool) pool = pool2;
  return pool;
}
const app = express();
app.get('/', async (_req, res) => res.json((await getPool().query('select 1')).rows));`,
          },
          {
            messageId: 'hoistToGlobalThis',
            data: { names: 'pool2, globalForPool2' },
            output: `import express from 'express';
import { Pool } from 'pg';

const globalForPool2 = globalThis as unknown as { pool2?: Pool };
const pool2 = (globalForPool2.pool2 ??= new Pool());
function getPool() {
  let pool: Pool | undefined;
  if (!pool) pool = pool2;
  return pool;
}
const app = express();
app.get('/', async (_req, res) => res.json((await getPool().query('select 1')).rows));`,
          },
        ],
      },
    ],
  },
  // Found by the property tests: `await using` kept beside a singleton getter would dispose the shared client at the
  // end of every request; the declaration that stays in the handler becomes `const`.
  {
    name: 'await using in the handler becomes const when the hoist leaves the declaration there',
    filename: 'src/app.ts',
    code: `import express from 'express';
import Redis from 'ioredis';
const app = express();
app.get('/', async (_req, res) => {
  await using redis = new Redis();
  res.send(await redis.get('k'));
});`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 5,
        column: 23,
        endLine: 5,
        endColumn: 34,
        suggestions: [
          {
            messageId: 'hoistToSingleton',
            data: { names: 'redis, getRedis' },
            output: `import express from 'express';
import Redis from 'ioredis';

let redis: Redis | undefined;
function getRedis() {
  return (redis ??= new Redis());
}
const app = express();
app.get('/', async (_req, res) => {
  const redis = getRedis();
  res.send(await redis.get('k'));
});`,
          },
          {
            messageId: 'hoistToGlobalThis',
            data: { names: 'redis, getRedis, globalForRedis' },
            output: `import express from 'express';
import Redis from 'ioredis';

const globalForRedis = globalThis as unknown as { redis?: Redis };
function getRedis() {
  return (globalForRedis.redis ??= new Redis());
}
const app = express();
app.get('/', async (_req, res) => {
  const redis = getRedis();
  res.send(await redis.get('k'));
});`,
          },
        ],
      },
    ],
  },
  // Found by the property tests: through an assigned (not const-declared) variable the hoist could neither remove the
  // close nor cache the connect, so every request after the first would use a closed, re-connected client: no fix.
  {
    name: 'no fix: assigned in a try, connected and closed through the variable',
    filename: 'src/app.js',
    code: `const express = require('express');
const { Client } = require('pg');
const app = express();
app.get('/', async (_req, res) => {
  let client;
  try {
    client = new Client();
    await client.connect();
    res.json((await client.query('select 1')).rows);
  } finally {
    await client?.end();
  }
});`,
    output: null,
    errors: [
      {
        messageId: 'perRequestNoFix',
        line: 7,
        column: 14,
        endLine: 7,
        endColumn: 26,
        data: {
          library: 'pg',
          construct: 'new Client()',
          handler: 'route handler GET /',
          handlerLine: 4,
          via: '',
          reason: 'the handler connects or closes it through `client`, which is assigned rather than declared with const',
          advice: ' A shared pg Pool is usually the better choice than a single Client.',
        },
        suggestions: [],
      },
    ],
  },
  // Found by the property tests: `kafka.producer()` returns the producer itself (it connects later), so without a
  // connect in the handler the hoist is a plain singleton, not a cached promise the handler would not await.
  {
    name: 'kafkajs producer without connect: a singleton, not a promise',
    filename: 'src/app.ts',
    code: `import express from 'express';
import { Kafka } from 'kafkajs';
const kafka = new Kafka({ brokers: ['localhost:9092'] });
const app = express();
app.post('/events', async (_req, res) => {
  const producer = kafka.producer();
  res.json(producer.events);
});`,
    output: null,
    errors: [
      {
        messageId: 'perRequest',
        line: 6,
        column: 20,
        endLine: 6,
        endColumn: 36,
        suggestions: [
          {
            messageId: 'hoistToSingleton',
            data: { names: 'producer, getProducer' },
            output: `import express from 'express';
import { Kafka } from 'kafkajs';
const kafka = new Kafka({ brokers: ['localhost:9092'] });

let producer: ReturnType<typeof kafka.producer> | undefined;
function getProducer() {
  return (producer ??= kafka.producer());
}
const app = express();
app.post('/events', async (_req, res) => {
  const producer = getProducer();
  res.json(producer.events);
});`,
          },
          {
            messageId: 'hoistToGlobalThis',
            data: { names: 'producer, getProducer, globalForProducer' },
            output: `import express from 'express';
import { Kafka } from 'kafkajs';
const kafka = new Kafka({ brokers: ['localhost:9092'] });

const globalForProducer = globalThis as unknown as { producer?: ReturnType<typeof kafka.producer> };
function getProducer() {
  return (globalForProducer.producer ??= kafka.producer());
}
const app = express();
app.post('/events', async (_req, res) => {
  const producer = getProducer();
  res.json(producer.events);
});`,
          },
        ],
      },
    ],
  },
];
