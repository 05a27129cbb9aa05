/**
 * no-shared-pool-close-in-handler (spec §3.6). Invalid: each framework form and each library's close method on a
 * module-level object. Valid: the exemptions of the spec and false-positives.md A4 / A7 (edge modules, handler-local
 * objects, Sequelize's Lambda recipe, reset singletons, start-up / shutdown code).
 */
import { RuleTester } from '@typescript-eslint/rule-tester';
import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';

import rule from '../src/rules/no-shared-pool-close-in-handler';
import type { MessageIds, Options } from '../src/rules/no-shared-pool-close-in-handler';
import { describeFixOutputs } from './util/fix-outputs';

// CommonJS scope (`.cjs`): `exports`, `module` and `require` are provided variables there.
// (The tester's option type omits ESLint's `sourceType`, which it passes through at run time.)
const commonJs = { sourceType: 'commonjs' } as unknown as { parserOptions: Record<string, never> };

const ruleTester = new RuleTester();

const valid: ValidTestCase<Options>[] = [
  {
    name: 'module-scope close',
    code: `import { Pool } from 'pg';
const pool = new Pool();
await pool.query('select 1');
await pool.end();`,
  },
  {
    name: 'SIGTERM',
    code: `import express from 'express';
import { Pool } from 'pg';
const pool = new Pool();
const app = express();
app.get('/users', async (req, res) => res.json((await pool.query('select 1')).rows));
const server = app.listen(3000, () => console.log('up'));
process.on('SIGTERM', async () => {
  server.close();
  await pool.end();
});
process.once('SIGINT', () => pool.end());`,
  },
  {
    name: 'listen cb + fastify onClose',
    code: `import Fastify from 'fastify';
import Redis from 'ioredis';
const redis = new Redis();
const fastify = Fastify();
fastify.get('/', async () => redis.get('k'));
fastify.addHook('onClose', async () => {
  await redis.quit();
});
fastify.listen({ port: 3000 }, (err) => {
  if (err) redis.disconnect();
});`,
  },
  {
    name: 'nest lifecycle',
    code: `import { Controller, Get, Injectable } from '@nestjs/common';
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
@Controller('users')
export class UsersController {
  @Get()
  list() {
    return prisma.user.findMany();
  }
  async onModuleDestroy() {
    await prisma.$disconnect();
  }
  async beforeApplicationShutdown() {
    await prisma.$disconnect();
  }
  async onApplicationShutdown() {
    await prisma.$disconnect();
  }
}`,
  },
  {
    name: 'sequelize lambda recipe',
    filename: 'handler.cjs',
    languageOptions: commonJs,
    code: `const { Sequelize } = require('sequelize');
let sequelize = null;
async function loadSequelize() {
  const instance = new Sequelize(process.env.DB_URL, { pool: { max: 2, min: 0, idle: 0, acquire: 3000 } });
  await instance.authenticate();
  return instance;
}
module.exports.handler = async (event) => {
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
    name: 'sequelize recipe with module construction',
    code: `import { Sequelize } from 'sequelize';
const sequelize = new Sequelize(process.env.DB_URL);
export const handler = async () => {
  sequelize.connectionManager.initPools();
  try {
    return await sequelize.query('select 1');
  } finally {
    await sequelize.connectionManager.close();
  }
};`,
  },
  {
    name: 'reset lazy singleton',
    code: `import { Pool } from 'pg';
let pool: Pool | undefined;
export const handler = async () => {
  pool ??= new Pool();
  try {
    return (await pool.query('select 1')).rows;
  } finally {
    await pool.end();
    pool = undefined;
  }
};`,
  },
  {
    name: 'reset in helper, if (!x) fill',
    code: `import { MongoClient } from 'mongodb';
let client = null;
async function closeDb() {
  await client.close();
  client = null;
}
export async function handler() {
  if (!client) client = new MongoClient(process.env.MONGO_URL);
  const user = await client.db().collection('u').findOne({});
  await closeDb();
  return user;
}`,
  },
  {
    name: 're-created per request (rule 1 territory)',
    code: `import express from 'express';
import { Pool } from 'pg';
let pool = new Pool();
const app = express();
app.get('/', async (req, res) => {
  pool = new Pool();
  res.json((await pool.query('select 1')).rows);
  await pool.end();
});`,
  },
  {
    name: 're-opened per request with connect',
    code: `import express from 'express';
import { createClient } from 'redis';
const client = createClient();
const app = express();
app.get('/', async (req, res) => {
  await client.connect();
  res.json(await client.get('k'));
  await client.quit();
});`,
  },
  {
    name: 'edge runtime export',
    filename: 'app/api/users/route.ts',
    code: `import { Pool } from 'pg';
export const runtime = 'edge';
const pool = new Pool();
export async function GET() {
  const { rows } = await pool.query('select 1');
  await pool.end();
  return Response.json(rows);
}`,
  },
  {
    name: 'edge by option',
    options: [{"runtime":"edge"}],
    code: `import { Pool } from 'pg';
const pool = new Pool();
export const handler = async () => {
  await pool.end();
};`,
  },
  {
    name: 'workers fetch',
    code: `import { Client } from 'pg';
const client = new Client(process.env.DATABASE_URL);
export default {
  async fetch(request, env, ctx) {
    await client.connect();
    ctx.waitUntil(client.end());
    return new Response('ok');
  },
};`,
  },
  {
    name: 'handler-local close (rule 1)',
    code: `import { Client } from 'pg';
export const handler = async () => {
  const client = new Client();
  await client.connect();
  try {
    return (await client.query('select 1')).rows;
  } finally {
    await client.end();
  }
};`,
  },
  {
    name: 'drizzle $client chain',
    code: `import { drizzle } from 'drizzle-orm/node-postgres';
const db = drizzle(process.env.DATABASE_URL);
export const handler = async () => {
  await db.$client.end();
};`,
  },
  {
    name: 'not a close method of the library',
    code: `import express from 'express';
import { Pool } from 'pg';
const pool = new Pool();
const app = express();
app.get('/', async (req, res) => {
  const client = await pool.connect();
  client.release();
  pool.close();
  res.end();
});`,
  },
  {
    name: 'unknown object',
    code: `import express from 'express';
import { Pool } from './my-pool';
const pool = new Pool();
const app = express();
app.get('/', async (req, res) => {
  await pool.end();
  res.end();
});`,
  },
  {
    name: 'shutdown endpoint',
    code: `import express from 'express';
import { Pool } from 'pg';
const pool = new Pool();
const app = express();
app.post('/admin/shutdown', async (req, res) => {
  res.sendStatus(202);
  await pool.end();
  process.exit(0);
});`,
  },
  {
    name: 'shadowed name',
    code: `import express from 'express';
import { Pool } from 'pg';
const pool = new Pool();
const app = express();
app.get('/', async (req, res) => {
  const pool = makeThing();
  await pool.end();
  res.end();
});`,
  },
  {
    name: 'factory not declared',
    code: `import express from 'express';
import { createDb } from './db';
const db = createDb();
const app = express();
app.get('/', async (req, res) => {
  await db.disconnect();
  res.end();
});`,
  },
  {
    name: 'main() start-up',
    code: `import { Pool } from 'pg';
const pool = new Pool();
async function main() {
  await pool.query('select 1');
  await pool.end();
}
main();`,
  },
  {
    name: 'shutdown endpoint through helper',
    code: `import express from 'express';
import { Pool } from 'pg';
const pool = new Pool();
const app = express();
async function shutdown() {
  await pool.end();
}
process.on('SIGTERM', shutdown);
app.post('/admin/shutdown', async (req, res) => {
  res.sendStatus(202);
  await shutdown();
  process.exit(0);
});`,
  },
  {
    name: 'test hooks and server close event',
    code: `import { Pool } from 'pg';
import { createServer } from 'node:http';
const pool = new Pool();
const server = createServer(async (req, res) => res.end(String((await pool.query('select 1')).rowCount)));
server.on('close', () => pool.end());
afterAll(async () => {
  await pool.end();
});`,
  },
];

const invalid: InvalidTestCase<MessageIds, Options>[] = [
  {
    name: 'express-pg',
    code: `import express from 'express';
import { Pool } from 'pg';

const pool = new Pool();
const app = express();

app.get('/users', async (req, res) => {
  const { rows } = await pool.query('select * from users');
  await pool.end();
  res.json(rows);
});`,
    output: null,
    errors: [
      {
        messageId: 'closeInHandler',
        data: {
          library: 'pg',
          object: 'pool',
          name: 'pool',
          method: 'end',
          declarationLine: 4,
          handler: 'route handler GET /users',
          handlerLine: 7,
          via: '',
        },
        line: 9,
        column: 9,
        endLine: 9,
        endColumn: 19,
        suggestions: [
          {
            messageId: 'removeClose',
            output: `import express from 'express';
import { Pool } from 'pg';

const pool = new Pool();
const app = express();

app.get('/users', async (req, res) => {
  const { rows } = await pool.query('select * from users');
  res.json(rows);
});`,
          },
        ],
      },
    ],
  },
  {
    name: 'lambda-knex-finally',
    code: `import knex from 'knex';

const db = knex({ client: 'pg', connection: process.env.DATABASE_URL });

export const handler = async () => {
  try {
    return await db('users').select();
  } finally {
    await db.destroy();
  }
};`,
    output: null,
    errors: [
      {
        messageId: 'closeInHandler',
        line: 9,
        column: 11,
        endLine: 9,
        endColumn: 23,
        suggestions: [
          {
            messageId: 'removeClose',
            output: `import knex from 'knex';

const db = knex({ client: 'pg', connection: process.env.DATABASE_URL });

export const handler = async () => {
  return await db('users').select();
};`,
          },
        ],
      },
    ],
  },
  {
    name: 'lambda-mongo-catch-finally',
    code: `import { MongoClient } from 'mongodb';

const client = new MongoClient(process.env.MONGO_URL);

export async function handler(event) {
  try {
    return await client.db().collection('users').findOne({ id: event.id });
  } catch (error) {
    console.error(error);
    throw error;
  } finally {
    await client.close();
  }
}`,
    output: null,
    errors: [
      {
        messageId: 'closeInHandler',
        line: 12,
        column: 11,
        endLine: 12,
        endColumn: 25,
        suggestions: [
          {
            messageId: 'removeClose',
            output: `import { MongoClient } from 'mongodb';

const client = new MongoClient(process.env.MONGO_URL);

export async function handler(event) {
  try {
    return await client.db().collection('users').findOne({ id: event.id });
  } catch (error) {
    console.error(error);
    throw error;
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'fastify-ioredis',
    code: `import Fastify from 'fastify';
import Redis from 'ioredis';

const redis = new Redis(process.env.REDIS_URL);
const fastify = Fastify();

fastify.get('/count', async () => {
  const count = await redis.incr('hits');
  await redis.quit();
  return { count };
});`,
    output: null,
    errors: [
      {
        messageId: 'closeInHandler',
        line: 9,
        column: 9,
        endLine: 9,
        endColumn: 21,
        suggestions: [
          {
            messageId: 'removeClose',
            output: `import Fastify from 'fastify';
import Redis from 'ioredis';

const redis = new Redis(process.env.REDIS_URL);
const fastify = Fastify();

fastify.get('/count', async () => {
  const count = await redis.incr('hits');
  return { count };
});`,
          },
        ],
      },
    ],
  },
  {
    name: 'next-prisma',
    filename: 'app/api/users/route.ts',
    code: `import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

export async function GET() {
  const users = await prisma.user.findMany();
  await prisma.$disconnect();
  return Response.json(users);
}`,
    output: null,
    errors: [
      {
        messageId: 'closeInHandler',
        line: 7,
        column: 9,
        endLine: 7,
        endColumn: 29,
        suggestions: [
          {
            messageId: 'removeClose',
            output: `import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

export async function GET() {
  const users = await prisma.user.findMany();
  return Response.json(users);
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'helper',
    code: `import express from 'express';
import mysql from 'mysql2/promise';

const pool = mysql.createPool({ uri: process.env.DATABASE_URL });
const app = express();

async function finish() {
  await pool.end();
}

app.post('/import', async (req, res) => {
  await pool.query('insert into jobs values (1)');
  await finish();
  res.sendStatus(204);
});`,
    output: null,
    errors: [
      {
        messageId: 'closeInHandler',
        line: 8,
        column: 9,
        endLine: 8,
        endColumn: 19,
        suggestions: [
          {
            messageId: 'removeClose',
            output: `import express from 'express';
import mysql from 'mysql2/promise';

const pool = mysql.createPool({ uri: process.env.DATABASE_URL });
const app = express();

async function finish() {
}

app.post('/import', async (req, res) => {
  await pool.query('insert into jobs values (1)');
  await finish();
  res.sendStatus(204);
});`,
          },
        ],
      },
    ],
  },
  {
    name: 'nest-sequelize',
    code: `import { Controller, Get } from '@nestjs/common';
import { Sequelize } from 'sequelize';

const sequelize = new Sequelize(process.env.DATABASE_URL);

@Controller('users')
export class UsersController {
  @Get()
  async list() {
    const [rows] = await sequelize.query('select * from users');
    await sequelize.close();
    return rows;
  }
}`,
    output: null,
    errors: [
      {
        messageId: 'closeInHandler',
        line: 11,
        column: 11,
        endLine: 11,
        endColumn: 28,
        suggestions: [
          {
            messageId: 'removeClose',
            output: `import { Controller, Get } from '@nestjs/common';
import { Sequelize } from 'sequelize';

const sequelize = new Sequelize(process.env.DATABASE_URL);

@Controller('users')
export class UsersController {
  @Get()
  async list() {
    const [rows] = await sequelize.query('select * from users');
    return rows;
  }
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'not-standalone',
    code: `import express from 'express';
import mysql from 'mysql2';

const pool = mysql.createPool({ host: 'db' });
const app = express();

app.get('/ping', (req, res) => {
  res.on('finish', () => pool.end());
  res.send('pong');
});`,
    output: null,
    errors: [
      {
        messageId: 'closeInHandler',
        line: 8,
        column: 26,
        endLine: 8,
        endColumn: 36,
        suggestions: null,
      },
    ],
  },
  {
    name: 'cjs-lambda-pg',
    filename: 'src/lambda.cjs',
    languageOptions: commonJs,
    code: `const { Pool } = require('pg');

const pool = new Pool();

exports.handler = async () => {
  const result = await pool.query('select now()');
  void pool.end();
  return result.rows;
};`,
    output: null,
    errors: [
      {
        messageId: 'closeInHandler',
        line: 7,
        column: 8,
        endLine: 7,
        endColumn: 18,
        suggestions: [
          {
            messageId: 'removeClose',
            output: `const { Pool } = require('pg');

const pool = new Pool();

exports.handler = async () => {
  const result = await pool.query('select now()');
  return result.rows;
};`,
          },
        ],
      },
    ],
  },
  {
    name: 'lazy-singleton-no-reset',
    code: `import { Pool } from 'pg';

let pool: Pool | undefined;
function getPool() {
  return (pool ??= new Pool());
}

export const handler = async () => {
  const { rows } = await getPool().query('select 1');
  await pool?.end();
  return rows;
};`,
    output: null,
    errors: [
      {
        messageId: 'closeInHandler',
        line: 10,
        column: 9,
        endLine: 10,
        endColumn: 20,
        suggestions: [
          {
            messageId: 'removeClose',
            output: `import { Pool } from 'pg';

let pool: Pool | undefined;
function getPool() {
  return (pool ??= new Pool());
}

export const handler = async () => {
  const { rows } = await getPool().query('select 1');
  return rows;
};`,
          },
        ],
      },
    ],
  },
  {
    name: 'aws-s3',
    code: `import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';

const s3 = new S3Client({});

export const handler = async (event) => {
  const object = await s3.send(new GetObjectCommand({ Bucket: 'b', Key: event.key }));
  s3.destroy();
  return object.ContentLength;
};`,
    output: null,
    errors: [
      {
        messageId: 'closeInHandler',
        line: 7,
        column: 3,
        endLine: 7,
        endColumn: 15,
        suggestions: [
          {
            messageId: 'removeClose',
            output: `import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';

const s3 = new S3Client({});

export const handler = async (event) => {
  const object = await s3.send(new GetObjectCommand({ Bucket: 'b', Key: event.key }));
  return object.ContentLength;
};`,
          },
        ],
      },
    ],
  },
  {
    name: 'undici-trpc',
    code: `import { Agent } from 'undici';

const agent = new Agent();

export const appRouter = router({
  fetchIt: publicProcedure.query(async () => {
    const response = await fetch('https://example.com', { dispatcher: agent });
    await agent.close();
    return response.status;
  }),
});`,
    output: null,
    errors: [
      {
        messageId: 'closeInHandler',
        line: 8,
        column: 11,
        endLine: 8,
        endColumn: 24,
        suggestions: [
          {
            messageId: 'removeClose',
            output: `import { Agent } from 'undici';

const agent = new Agent();

export const appRouter = router({
  fetchIt: publicProcedure.query(async () => {
    const response = await fetch('https://example.com', { dispatcher: agent });
    return response.status;
  }),
});`,
          },
        ],
      },
    ],
  },
  {
    name: 'generic-pool-graphql',
    code: `import genericPool from 'generic-pool';

const pool = genericPool.createPool(factory, { max: 10 });

export const resolvers = {
  Query: {
    async items() {
      const resource = await pool.acquire();
      pool.release(resource);
      await pool.drain();
      return [];
    },
  },
};`,
    output: null,
    errors: [
      {
        messageId: 'closeInHandler',
        line: 10,
        column: 13,
        endLine: 10,
        endColumn: 25,
        suggestions: [
          {
            messageId: 'removeClose',
            output: `import genericPool from 'generic-pool';

const pool = genericPool.createPool(factory, { max: 10 });

export const resolvers = {
  Query: {
    async items() {
      const resource = await pool.acquire();
      pool.release(resource);
      return [];
    },
  },
};`,
          },
        ],
      },
    ],
  },
  {
    name: 'cassandra-kafka-consumer',
    code: `import cassandra from 'cassandra-driver';

const client = new cassandra.Client({ contactPoints: ['h1'], localDataCenter: 'dc1' });

await consumer.run({
  eachMessage: async ({ message }) => {
    await client.execute('insert into events (v) values (?)', [message.value]);
    await client.shutdown();
  },
});`,
    output: null,
    errors: [
      {
        messageId: 'closeInHandler',
        line: 8,
        column: 11,
        endLine: 8,
        endColumn: 28,
        suggestions: [
          {
            messageId: 'removeClose',
            output: `import cassandra from 'cassandra-driver';

const client = new cassandra.Client({ contactPoints: ['h1'], localDataCenter: 'dc1' });

await consumer.run({
  eachMessage: async ({ message }) => {
    await client.execute('insert into events (v) values (?)', [message.value]);
  },
});`,
          },
        ],
      },
    ],
  },
  {
    name: 'factory-option',
    options: [{"clientFactories":[{"module":"./db","name":"createDb","kind":"pool"}]}],
    code: `import express from 'express';
import { createDb } from './db';

const db = createDb();
const app = express();

app.get('/', async (req, res) => {
  res.json(await db.query('select 1'));
  await db.disconnect();
});`,
    output: null,
    errors: [
      {
        messageId: 'closeInHandler',
        line: 9,
        column: 9,
        endLine: 9,
        endColumn: 24,
        suggestions: [
          {
            messageId: 'removeClose',
            output: `import express from 'express';
import { createDb } from './db';

const db = createDb();
const app = express();

app.get('/', async (req, res) => {
  res.json(await db.query('select 1'));
});`,
          },
        ],
      },
    ],
  },
  {
    name: 'node-redis-finally-two',
    code: `import { createClient } from 'redis';

const redis = createClient({ url: process.env.REDIS_URL });
await redis.connect();

export const handler = async () => {
  try {
    return await redis.get('key');
  } finally {
    console.log('done');
    await redis.quit();
  }
};`,
    output: null,
    errors: [
      {
        messageId: 'closeInHandler',
        line: 11,
        column: 11,
        endLine: 11,
        endColumn: 23,
        suggestions: [
          {
            messageId: 'removeClose',
            output: `import { createClient } from 'redis';

const redis = createClient({ url: process.env.REDIS_URL });
await redis.connect();

export const handler = async () => {
  try {
    return await redis.get('key');
  } finally {
    console.log('done');
  }
};`,
          },
        ],
      },
    ],
  },
  {
    name: 'hono-mssql',
    code: `import { Hono } from 'hono';
import sql from 'mssql';

const pool = new sql.ConnectionPool(process.env.MSSQL_URL);
const poolConnect = pool.connect();
const app = new Hono();

app.post('/orders', async (c) => {
  await poolConnect;
  const result = await pool.request().query('select 1');
  pool.close();
  return c.json(result.recordset);
});`,
    output: null,
    errors: [
      {
        messageId: 'closeInHandler',
        line: 11,
        column: 3,
        endLine: 11,
        endColumn: 15,
        suggestions: [
          {
            messageId: 'removeClose',
            output: `import { Hono } from 'hono';
import sql from 'mssql';

const pool = new sql.ConnectionPool(process.env.MSSQL_URL);
const poolConnect = pool.connect();
const app = new Hono();

app.post('/orders', async (c) => {
  await poolConnect;
  const result = await pool.request().query('select 1');
  return c.json(result.recordset);
});`,
          },
        ],
      },
    ],
  },
  {
    name: 'azure-oracledb',
    code: `import { app } from '@azure/functions';
import oracledb from 'oracledb';

const pool = await oracledb.createPool({ user: 'u', password: 'p', connectString: 'db', poolMax: 4 });

app.http('orders', {
  handler: async (request) => {
    const connection = await pool.getConnection();
    await connection.close();
    await pool.close(0);
    return { status: 200 };
  },
});`,
    output: null,
    errors: [
      {
        messageId: 'closeInHandler',
        line: 10,
        column: 11,
        endLine: 10,
        endColumn: 24,
        suggestions: [
          {
            messageId: 'removeClose',
            output: `import { app } from '@azure/functions';
import oracledb from 'oracledb';

const pool = await oracledb.createPool({ user: 'u', password: 'p', connectString: 'db', poolMax: 4 });

app.http('orders', {
  handler: async (request) => {
    const connection = await pool.getConnection();
    await connection.close();
    return { status: 200 };
  },
});`,
          },
        ],
      },
    ],
  },
  {
    name: 'bullmq-amqplib',
    code: `import { Worker } from 'bullmq';
import amqp from 'amqplib';

const connection = await amqp.connect(process.env.AMQP_URL);

new Worker('emails', async (job) => {
  const channel = await connection.createChannel();
  channel.sendToQueue('out', Buffer.from(job.data));
  await connection.close();
});`,
    output: null,
    errors: [
      {
        messageId: 'closeInHandler',
        line: 9,
        column: 9,
        endLine: 9,
        endColumn: 27,
        suggestions: [
          {
            messageId: 'removeClose',
            output: `import { Worker } from 'bullmq';
import amqp from 'amqplib';

const connection = await amqp.connect(process.env.AMQP_URL);

new Worker('emails', async (job) => {
  const channel = await connection.createChannel();
  channel.sendToQueue('out', Buffer.from(job.data));
});`,
          },
        ],
      },
    ],
  },
  {
    name: 'koa-elasticsearch',
    code: `import Router from '@koa/router';
import { Client } from '@elastic/elasticsearch';

const es = new Client({ node: 'http://localhost:9200' });
const router = new Router();

router.get('/search', async (ctx) => {
  ctx.body = await es.search({ index: 'docs', q: ctx.query.q });
  await es.close();
});`,
    output: null,
    errors: [
      {
        messageId: 'closeInHandler',
        line: 9,
        column: 9,
        endLine: 9,
        endColumn: 19,
        suggestions: [
          {
            messageId: 'removeClose',
            output: `import Router from '@koa/router';
import { Client } from '@elastic/elasticsearch';

const es = new Client({ node: 'http://localhost:9200' });
const router = new Router();

router.get('/search', async (ctx) => {
  ctx.body = await es.search({ index: 'docs', q: ctx.query.q });
});`,
          },
        ],
      },
    ],
  },
  {
    name: 'server-action-typeorm',
    filename: 'app/actions.ts',
    code: `'use server';
import { DataSource } from 'typeorm';

const dataSource = new DataSource({ type: 'postgres', url: process.env.DATABASE_URL });

export async function saveUser(name: string) {
  await dataSource.query('insert into users (name) values ($1)', [name]);
  await dataSource.destroy();
}`,
    output: null,
    errors: [
      {
        messageId: 'closeInHandler',
        line: 8,
        column: 9,
        endLine: 8,
        endColumn: 29,
        suggestions: [
          {
            messageId: 'removeClose',
            output: `'use server';
import { DataSource } from 'typeorm';

const dataSource = new DataSource({ type: 'postgres', url: process.env.DATABASE_URL });

export async function saveUser(name: string) {
  await dataSource.query('insert into users (name) values ($1)', [name]);
}`,
          },
        ],
      },
    ],
  },
  {
    name: 'http-server-agent',
    code: `import http from 'node:http';
import https from 'node:https';

const agent = new https.Agent({ keepAlive: true });

http.createServer((req, res) => {
  https.get('https://example.com', { agent }, (upstream) => upstream.pipe(res));
  agent.destroy();
}).listen(8080);`,
    output: null,
    errors: [
      {
        messageId: 'closeInHandler',
        line: 8,
        column: 3,
        endLine: 8,
        endColumn: 18,
        suggestions: [
          {
            messageId: 'removeClose',
            output: `import http from 'node:http';
import https from 'node:https';

const agent = new https.Agent({ keepAlive: true });

http.createServer((req, res) => {
  https.get('https://example.com', { agent }, (upstream) => upstream.pipe(res));
}).listen(8080);`,
          },
        ],
      },
    ],
  },
  {
    name: 'bun fetch server with runtime node',
    options: [{"runtime":"node"}],
    code: `import { Pool } from 'pg';

export const pool = new Pool();

export default {
  async fetch(request) {
    const { rows } = await pool.query('select 1');
    pool?.end();
    return Response.json(rows);
  },
};`,
    output: null,
    errors: [
      {
        messageId: 'closeInHandler',
        line: 8,
        column: 5,
        endLine: 8,
        endColumn: 16,
        suggestions: [
          {
            messageId: 'removeClose',
            output: `import { Pool } from 'pg';

export const pool = new Pool();

export default {
  async fetch(request) {
    const { rows } = await pool.query('select 1');
    return Response.json(rows);
  },
};`,
          },
        ],
      },
    ],
  },
  {
    name: 'websocket close listener',
    code: `import { WebSocketServer } from 'ws';
import Redis from 'ioredis';

const redis = new Redis();
const wss = new WebSocketServer({ port: 8080 });

wss.on('connection', (socket) => {
  socket.on('message', (data) => redis.publish('chat', String(data)));
  socket.on('close', () => {
    redis.disconnect();
  });
});`,
    output: null,
    errors: [
      {
        messageId: 'closeInHandler',
        line: 10,
        column: 5,
        endLine: 10,
        endColumn: 23,
        suggestions: [
          {
            messageId: 'removeClose',
            output: `import { WebSocketServer } from 'ws';
import Redis from 'ioredis';

const redis = new Redis();
const wss = new WebSocketServer({ port: 8080 });

wss.on('connection', (socket) => {
  socket.on('message', (data) => redis.publish('chat', String(data)));
  socket.on('close', () => {
  });
});`,
          },
        ],
      },
    ],
  },
];

ruleTester.run('no-shared-pool-close-in-handler', rule, { valid, invalid });

describeFixOutputs('no-shared-pool-close-in-handler', rule, invalid);

// `clientFactories` shared by all rules through ESLint settings.
ruleTester.run('no-shared-pool-close-in-handler: clientFactories from settings', rule, {
  valid: [],
  invalid: [
    {
      code: "import { createDb } from './db';\nconst db = createDb();\nexport const handler = async () => {\n  await db.end();\n};",
      settings: { poolguard: { clientFactories: [{ module: './db', name: 'createDb', kind: 'pool' }] } },
      output: null,
      errors: [
        {
          messageId: 'closeInHandler',
          line: 4,
          column: 9,
          endLine: 4,
          endColumn: 17,
          suggestions: [
            {
              messageId: 'removeClose',
              output: "import { createDb } from './db';\nconst db = createDb();\nexport const handler = async () => {\n};",
            },
          ],
        },
      ],
    },
  ],
});
