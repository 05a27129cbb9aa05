import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import { RuleTester } from '@typescript-eslint/rule-tester';

import type { MessageIds, Options } from '../src/rules/require-idle-timeout';
import rule from '../src/rules/require-idle-timeout';
import { describeFixOutputs } from './util/fix-outputs';

const explicit: Options = [{ requireExplicit: true }];

const pgPool = { subject: 'pg new Pool()', library: 'pg' };
const mysql2Pool = { subject: 'mysql2 createPool()', library: 'mysql2' };
const mongoClient = { subject: 'mongodb new MongoClient()', library: 'mongodb' };
const knexPool = { subject: 'knex knex()', library: 'knex' };
const genericPool = { subject: 'generic-pool createPool()', library: 'generic-pool' };
const httpAgent = { subject: 'node:http new Agent()', library: 'node:http' };
const mysql2Inert = 'idleTimeout only acts when maxIdle is below connectionLimit (maxIdle defaults to connectionLimit)';
const knexInert = 'tarn never closes the pool.min connections (knex defaults min to 2)';
const genericPoolInert = 'idleTimeoutMillis only acts when evictionRunIntervalMillis is above 0 (default 0: the evictor never runs)';
const mysqlNote = 'mysql has no idle option: pooled connections stay open until an error or end(); mysql2 can close them (maxIdle + idleTimeout)';
const opaqueNote = (options: string): string =>
  ` The connection string is not a literal, so it is assumed not to set ${options}; if it does, ` +
  `move ${options} into the options object or add // eslint-disable-next-line poolguard/require-idle-timeout.`;

const valid: ValidTestCase<Options>[] = [
  // Idle defaults that close idle connections (false-positives A9).
  { name: 'pg Pool default (10 s)', code: `import { Pool } from 'pg';\nconst pool = new Pool();` },
  { name: 'pg positive idleTimeoutMillis', code: `import { Pool } from 'pg';\nnew Pool({ idleTimeoutMillis: 30000 });` },
  { name: 'pg min > 0 is not a finding', code: `import { Pool } from 'pg';\nnew Pool({ min: 4 });` },
  { name: 'sequelize default (10 s)', code: `import { Sequelize } from 'sequelize';\nnew Sequelize('postgres://db/app');` },
  {
    name: "sequelize idle: 0 (Sequelize's Lambda recipe, A7)",
    code: `const { Sequelize } = require('sequelize');
export async function loadSequelize(context) {
  return new Sequelize(process.env.DATABASE_URL, {
    pool: { max: 2, min: 0, idle: 0, acquire: 3000, evict: context.getRemainingTimeInMillis() },
  });
}`,
  },
  { name: 'mssql default (30 s)', code: `import sql from 'mssql';\nnew sql.ConnectionPool({ server: 'db' });` },
  {
    name: 'mssql idleTimeoutMillis: 0 becomes 30000 in tarn',
    code: `import sql from 'mssql';\nnew sql.ConnectionPool({ server: 'db', pool: { idleTimeoutMillis: 0 } });`,
  },
  { name: 'oracledb default (60 s)', code: `import oracledb from 'oracledb';\noracledb.createPool({ user: 'app' });` },
  { name: 'oracledb positive poolTimeout', code: `import oracledb from 'oracledb';\noracledb.createPool({ poolTimeout: 30 });` },
  { name: 'node-redis client pool (3 s cleanup)', code: `import { createClientPool } from 'redis';\ncreateClientPool();` },
  // Single long-lived connections are designed to stay open.
  { name: 'ioredis', code: `import Redis from 'ioredis';\nnew Redis();` },
  { name: 'node-redis client', code: `import { createClient } from 'redis';\ncreateClient();` },
  { name: 'pg Client', code: `import { Client } from 'pg';\nnew Client();` },
  { name: 'mysql2 connection', code: `import mysql from 'mysql2';\nmysql.createConnection({ host: 'db' });` },
  { name: 'amqplib', code: `import amqp from 'amqplib';\namqp.connect('amqp://mq');` },
  { name: 'nats', code: `import { connect } from 'nats';\nconnect({ servers: 'nats://bus' });` },
  // mysql2: the reaper runs when maxIdle < connectionLimit.
  { name: 'mysql2 maxIdle below connectionLimit', code: `import mysql from 'mysql2';\nmysql.createPool({ connectionLimit: 10, maxIdle: 5 });` },
  { name: 'mysql2 maxIdle 5 below the default connectionLimit 10', code: `import mysql from 'mysql2';\nmysql.createPool({ maxIdle: 5 });` },
  {
    name: 'mysql2 idleTimeout: 0 closes on the next tick',
    code: `import mysql from 'mysql2';\nmysql.createPool({ connectionLimit: 20, maxIdle: 10, idleTimeout: 0 });`,
  },
  {
    name: 'mysql2 maxIdle in a literal connection string',
    code: `import mysql from 'mysql2';\nmysql.createPool('mysql://app@db/app?connectionLimit=10&maxIdle=2');`,
  },
  {
    name: 'mysql2 maxIdle unknown',
    code: `import mysql from 'mysql2';\nexport const make = (idle: number) => mysql.createPool({ maxIdle: idle });`,
  },
  { name: 'mysql2 connectionLimit unknown', code: `import mysql from 'mysql2';\nmysql.createPool({ connectionLimit: Number(process.env.DB_POOL), maxIdle: 10 });` },
  // MongoDB: maxIdleTimeMS in the options or in a literal connection string.
  { name: 'mongodb maxIdleTimeMS option', code: `import { MongoClient } from 'mongodb';\nnew MongoClient(uri, { maxIdleTimeMS: 60000 });` },
  {
    name: 'mongodb maxIdleTimeMS=60000 in a literal connection string',
    code: `import { MongoClient } from 'mongodb';\nnew MongoClient('mongodb://db/app?retryWrites=true&maxIdleTimeMS=60000');`,
  },
  {
    name: 'mongodb maxIdleTimeMS in a template connection string',
    code: `import { MongoClient } from 'mongodb';\nnew MongoClient(\`mongodb://\${process.env.DB_HOST}/app?maxIdleTimeMS=30000\`);`,
  },
  {
    name: 'mongodb options from a parameter',
    code: `import { MongoClient } from 'mongodb';\nexport const open = (uri: string, options: object) => new MongoClient(uri, options);`,
  },
  { name: 'mongoose.connect with maxIdleTimeMS', code: `import mongoose from 'mongoose';\nmongoose.connect(uri, { maxIdleTimeMS: 30000 });` },
  // knex: min 0 lets tarn close every idle connection; SQLite keeps one file handle.
  { name: 'knex pool.min: 0', code: `import knex from 'knex';\nknex({ client: 'pg', pool: { min: 0, max: 10 } });` },
  { name: 'knex on sqlite3', code: `import knex from 'knex';\nknex({ client: 'sqlite3', connection: { filename: './app.db' } });` },
  {
    name: 'knex on better-sqlite3 with requireExplicit',
    code: `import knex from 'knex';\nknex({ client: 'better-sqlite3', connection: { filename: ':memory:' } });`,
    options: explicit,
  },
  { name: 'knex with an unknown client', code: `import knex from 'knex';\nknex({ client: process.env.DB_CLIENT });` },
  { name: 'knex with an unknown pool object', code: `import knex from 'knex';\nknex({ client: 'pg', pool: poolConfig });` },
  // generic-pool: the evictor runs.
  { name: 'generic-pool with eviction runs', code: `import genericPool from 'generic-pool';\ngenericPool.createPool(factory, { evictionRunIntervalMillis: 1000 });` },
  {
    name: 'generic-pool max: 0 with eviction runs',
    code: `import genericPool from 'generic-pool';\ngenericPool.createPool(factory, { max: 0, evictionRunIntervalMillis: 5000 });`,
  },
  // http.Agent keeps idle sockets only with keepAlive.
  { name: 'http Agent without keepAlive', code: `import http from 'node:http';\nnew http.Agent({ maxSockets: 10 });` },
  { name: 'http Agent with keepAlive and timeout', code: `import http from 'node:http';\nnew http.Agent({ keepAlive: true, timeout: 5000 });` },
  { name: 'http Agent with an unknown keepAlive', code: `import http from 'node:http';\nnew http.Agent({ keepAlive: process.env.KEEP_ALIVE === '1' });` },
  // Unknown options: no finding.
  { name: 'options from a call result', code: `import { Pool } from 'pg';\nnew Pool(loadPoolConfig());` },
  { name: 'an unknown spread', code: `import { Pool } from 'pg';\nexport const make = (settings: object) => new Pool({ ...settings });` },
  {
    name: 'a shadowed local Pool class',
    code: `import { Pool } from 'pg';
export function local() {
  class Pool { constructor(readonly options: object) {} }
  return new Pool({ idleTimeoutMillis: 0 });
}
void Pool;`,
  },
  // requireExplicit with the option written.
  { name: 'requireExplicit: pg idleTimeoutMillis written', code: `import { Pool } from 'pg';\nnew Pool({ idleTimeoutMillis: 10000 });`, options: explicit },
  {
    name: 'requireExplicit: sequelize idle: 0 written',
    code: `import { Sequelize } from 'sequelize';\nnew Sequelize('postgres://db/app', { pool: { idle: 0 } });`,
    options: explicit,
  },
  { name: 'requireExplicit: http Agent without keepAlive', code: `import http from 'node:http';\nnew http.Agent();`, options: explicit },
  {
    name: 'requireExplicit: mysql2 with maxIdle and idleTimeout',
    code: `import mysql from 'mysql2';\nmysql.createPool({ maxIdle: 5, idleTimeout: 60000 });`,
    options: explicit,
  },
];

const invalid: InvalidTestCase<MessageIds, Options>[] = [
  {
    name: 'pg idleTimeoutMillis: 0 (ESM named import)',
    code: `import { Pool } from 'pg';\nconst pool = new Pool({ idleTimeoutMillis: 0 });`,
    output: null,
    errors: [
      {
        messageId: 'neverValue',
        line: 2,
        column: 14,
        endLine: 2,
        endColumn: 48,
        data: { ...pgPool, option: 'idleTimeoutMillis', value: '0', fix: 'idleTimeoutMillis: 10000' },
        suggestions: [
          {
            messageId: 'setIdle',
            data: { assignments: 'idleTimeoutMillis: 10000' },
            output: `import { Pool } from 'pg';\nconst pool = new Pool({ idleTimeoutMillis: 10000 });`,
          },
        ],
      },
    ],
  },
  {
    name: 'pg idleTimeoutMillis: 0 in a multi-line object (destructured require)',
    code: `const { Pool } = require('pg');
module.exports = new Pool({
  connectionString: process.env.DATABASE_URL,
  idleTimeoutMillis: 0,
});`,
    output: null,
    errors: [
      {
        messageId: 'neverValue',
        line: 2,
        column: 18,
        endLine: 5,
        endColumn: 3,
        suggestions: [
          {
            messageId: 'setIdle',
            output: `const { Pool } = require('pg');
module.exports = new Pool({
  connectionString: process.env.DATABASE_URL,
  idleTimeoutMillis: 10000,
});`,
          },
        ],
      },
    ],
  },
  {
    name: 'pg-pool idleTimeoutMillis: 0 (require of the default export)',
    code: `const Pool = require('pg-pool');\nnew Pool({ idleTimeoutMillis: 0 });`,
    output: null,
    errors: [
      {
        messageId: 'neverValue',
        line: 2,
        column: 1,
        endLine: 2,
        endColumn: 35,
        data: { subject: 'pg-pool new Pool()', library: 'pg-pool', option: 'idleTimeoutMillis', value: '0', fix: 'idleTimeoutMillis: 10000' },
        suggestions: [{ messageId: 'setIdle', output: `const Pool = require('pg-pool');\nnew Pool({ idleTimeoutMillis: 10000 });` }],
      },
    ],
  },
  {
    name: 'pg native Pool (ESM default import)',
    code: `import pg from 'pg';\nnew pg.native.Pool({ idleTimeoutMillis: 0 });`,
    output: null,
    errors: [
      {
        messageId: 'neverValue',
        line: 2,
        column: 1,
        endLine: 2,
        endColumn: 45,
        suggestions: [{ messageId: 'setIdle', output: `import pg from 'pg';\nnew pg.native.Pool({ idleTimeoutMillis: 10000 });` }],
      },
    ],
  },
  {
    name: 'pg options from a same-file const: the declaration is edited',
    code: `import { Pool } from 'pg';
const config = { max: 5, idleTimeoutMillis: 0 };
export const pool = new Pool(config);`,
    output: null,
    errors: [
      {
        messageId: 'neverValue',
        line: 3,
        column: 21,
        endLine: 3,
        endColumn: 37,
        suggestions: [
          {
            messageId: 'setIdle',
            output: `import { Pool } from 'pg';
const config = { max: 5, idleTimeoutMillis: 10000 };
export const pool = new Pool(config);`,
          },
        ],
      },
    ],
  },
  {
    name: 'pg value through a spread: overridden after it',
    code: `import { Pool } from 'pg';
const defaults = { idleTimeoutMillis: 0 };
new Pool({ ...defaults, max: 5 });`,
    output: null,
    errors: [
      {
        messageId: 'neverValue',
        line: 3,
        column: 1,
        endLine: 3,
        endColumn: 34,
        suggestions: [
          {
            messageId: 'setIdle',
            output: `import { Pool } from 'pg';
const defaults = { idleTimeoutMillis: 0 };
new Pool({ ...defaults, max: 5, idleTimeoutMillis: 10000 });`,
          },
        ],
      },
    ],
  },
  {
    name: 'mysql2 maxIdle equal to connectionLimit',
    code: `import mysql from 'mysql2';\nconst pool = mysql.createPool({ connectionLimit: 10, maxIdle: 10 });`,
    output: null,
    errors: [
      {
        messageId: 'inert',
        line: 2,
        column: 14,
        endLine: 2,
        endColumn: 68,
        data: { ...mysql2Pool, condition: mysql2Inert, fix: 'maxIdle: 9, idleTimeout: 60000', note: '' },
        suggestions: [
          {
            messageId: 'setIdle',
            data: { assignments: 'maxIdle: 9, idleTimeout: 60000' },
            output: `import mysql from 'mysql2';\nconst pool = mysql.createPool({ connectionLimit: 10, maxIdle: 9, idleTimeout: 60000 });`,
          },
        ],
      },
    ],
  },
  {
    name: 'mysql2 maxIdle 10 with the default connectionLimit (mysql2/promise named import)',
    code: `import { createPool } from 'mysql2/promise';\ncreatePool({ maxIdle: 10 });`,
    output: null,
    errors: [
      {
        messageId: 'inert',
        line: 2,
        column: 1,
        endLine: 2,
        endColumn: 28,
        data: { ...mysql2Pool, condition: mysql2Inert, fix: 'maxIdle: 9, idleTimeout: 60000', note: '' },
        suggestions: [{ messageId: 'setIdle', output: `import { createPool } from 'mysql2/promise';\ncreatePool({ maxIdle: 9, idleTimeout: 60000 });` }],
      },
    ],
  },
  {
    name: "mysql2 defaults: the user's own idleTimeout is kept (namespace import)",
    code: `import * as mysql from 'mysql2';
export const pool = mysql.createPool({
  host: 'db',
  idleTimeout: 30000,
});`,
    output: null,
    errors: [
      {
        messageId: 'inert',
        line: 2,
        column: 21,
        endLine: 5,
        endColumn: 3,
        data: { ...mysql2Pool, condition: mysql2Inert, fix: 'maxIdle: 9', note: '' },
        suggestions: [
          {
            messageId: 'setIdle',
            data: { assignments: 'maxIdle: 9' },
            output: `import * as mysql from 'mysql2';
export const pool = mysql.createPool({
  host: 'db',
  idleTimeout: 30000,
  maxIdle: 9,
});`,
          },
        ],
      },
    ],
  },
  {
    name: 'mysql2 unlimited connectionLimit: no maxIdle can be below it, so no suggestion',
    code: `const mysql = require('mysql2/promise');\nmysql.createPool({ connectionLimit: 0 });`,
    output: null,
    errors: [
      {
        messageId: 'inert',
        line: 2,
        column: 1,
        endLine: 2,
        endColumn: 41,
        data: { ...mysql2Pool, condition: mysql2Inert, fix: 'maxIdle and idleTimeout', note: '' },
        suggestions: null,
      },
    ],
  },
  {
    name: 'mysql2 with a literal connection string: no fix',
    code: `import mysql from 'mysql2';\nmysql.createPool('mysql://app@db/app');`,
    output: null,
    errors: [{ messageId: 'inert', line: 2, column: 1, endLine: 2, endColumn: 39, suggestions: null }],
  },
  {
    name: 'mysql2 with a non-literal connection string: the message says how to silence it',
    code: `import mysql from 'mysql2';\nmysql.createPool(process.env.DATABASE_URL!);`,
    output: null,
    errors: [
      {
        messageId: 'inert',
        line: 2,
        column: 1,
        endLine: 2,
        endColumn: 44,
        data: { ...mysql2Pool, condition: mysql2Inert, fix: 'maxIdle: 9, idleTimeout: 60000', note: opaqueNote('maxIdle / idleTimeout') },
        suggestions: null,
      },
    ],
  },
  {
    name: 'mysql (mysqljs) has no idle option',
    code: `import mysql from 'mysql';\nconst pool = mysql.createPool({ connectionLimit: 10 });`,
    output: null,
    errors: [
      {
        messageId: 'noIdleOption',
        line: 2,
        column: 14,
        endLine: 2,
        endColumn: 55,
        data: { subject: 'mysql createPool()', library: 'mysql', note: mysqlNote },
        suggestions: null,
      },
    ],
  },
  {
    name: 'mysql (mysqljs) with unknown options is still reported',
    code: `const mysql = require('mysql');\nmysql.createPool(config);`,
    output: null,
    errors: [{ messageId: 'noIdleOption', line: 2, column: 1, endLine: 2, endColumn: 25, suggestions: null }],
  },
  {
    name: 'MongoClient with a literal connection string and no options',
    code: `import { MongoClient } from 'mongodb';\nconst client = new MongoClient('mongodb://localhost:27017/app');`,
    output: null,
    errors: [
      {
        messageId: 'missing',
        line: 2,
        column: 16,
        endLine: 2,
        endColumn: 64,
        data: { ...mongoClient, option: 'maxIdleTimeMS', fix: 'maxIdleTimeMS: 60000', note: '' },
        suggestions: [
          {
            messageId: 'setIdle',
            data: { assignments: 'maxIdleTimeMS: 60000' },
            output: `import { MongoClient } from 'mongodb';\nconst client = new MongoClient('mongodb://localhost:27017/app', { maxIdleTimeMS: 60000 });`,
          },
        ],
      },
    ],
  },
  {
    name: 'MongoClient with a non-literal connection string: the message says how to silence it',
    code: `import { MongoClient } from 'mongodb';\nnew MongoClient(process.env.MONGO_URL!);`,
    output: null,
    errors: [
      {
        messageId: 'missing',
        line: 2,
        column: 1,
        endLine: 2,
        endColumn: 40,
        data: { ...mongoClient, option: 'maxIdleTimeMS', fix: 'maxIdleTimeMS: 60000', note: opaqueNote('maxIdleTimeMS') },
        suggestions: [
          { messageId: 'setIdle', output: `import { MongoClient } from 'mongodb';\nnew MongoClient(process.env.MONGO_URL!, { maxIdleTimeMS: 60000 });` },
        ],
      },
    ],
  },
  {
    name: 'MongoClient maxIdleTimeMS: 0 (namespace import)',
    code: `import * as mongodb from 'mongodb';\nnew mongodb.MongoClient(uri, { maxIdleTimeMS: 0 });`,
    output: null,
    errors: [
      {
        messageId: 'neverValue',
        line: 2,
        column: 1,
        endLine: 2,
        endColumn: 51,
        data: { ...mongoClient, option: 'maxIdleTimeMS', value: '0', fix: 'maxIdleTimeMS: 60000' },
        suggestions: [{ messageId: 'setIdle', output: `import * as mongodb from 'mongodb';\nnew mongodb.MongoClient(uri, { maxIdleTimeMS: 60000 });` }],
      },
    ],
  },
  {
    name: 'maxIdleTimeMS=0 in a literal connection string: no fix',
    code: `import { MongoClient } from 'mongodb';\nnew MongoClient('mongodb://db/app?maxIdleTimeMS=0');`,
    output: null,
    errors: [
      {
        messageId: 'neverUriValue',
        line: 2,
        column: 1,
        endLine: 2,
        endColumn: 52,
        data: { ...mongoClient, option: 'maxIdleTimeMS', value: '0', suggested: '60000' },
        suggestions: null,
      },
    ],
  },
  {
    name: 'MongoClient.connect (require)',
    code: `const { MongoClient } = require('mongodb');\nconst client = await MongoClient.connect('mongodb://db/app');`,
    output: null,
    errors: [
      {
        messageId: 'missing',
        line: 2,
        column: 22,
        endLine: 2,
        endColumn: 61,
        data: { subject: 'mongodb MongoClient.connect()', library: 'mongodb', option: 'maxIdleTimeMS', fix: 'maxIdleTimeMS: 60000', note: '' },
        suggestions: [
          {
            messageId: 'setIdle',
            output: `const { MongoClient } = require('mongodb');\nconst client = await MongoClient.connect('mongodb://db/app', { maxIdleTimeMS: 60000 });`,
          },
        ],
      },
    ],
  },
  {
    name: 'mongoose.createConnection without maxIdleTimeMS',
    code: `import mongoose from 'mongoose';\nconst conn = mongoose.createConnection('mongodb://db/app', { bufferCommands: false });`,
    output: null,
    errors: [
      {
        messageId: 'missing',
        line: 2,
        column: 14,
        endLine: 2,
        endColumn: 86,
        data: { subject: 'mongoose mongoose.createConnection()', library: 'mongoose', option: 'maxIdleTimeMS', fix: 'maxIdleTimeMS: 60000', note: '' },
        suggestions: [
          {
            messageId: 'setIdle',
            output: `import mongoose from 'mongoose';\nconst conn = mongoose.createConnection('mongodb://db/app', { bufferCommands: false, maxIdleTimeMS: 60000 });`,
          },
        ],
      },
    ],
  },
  {
    name: 'mongoose connect (named import)',
    code: `import { connect } from 'mongoose';\nawait connect('mongodb://db/app');`,
    output: null,
    errors: [
      {
        messageId: 'missing',
        line: 2,
        column: 7,
        endLine: 2,
        endColumn: 34,
        data: { subject: 'mongoose mongoose.connect()', library: 'mongoose', option: 'maxIdleTimeMS', fix: 'maxIdleTimeMS: 60000', note: '' },
        suggestions: [{ messageId: 'setIdle', output: `import { connect } from 'mongoose';\nawait connect('mongodb://db/app', { maxIdleTimeMS: 60000 });` }],
      },
    ],
  },
  {
    name: 'knex without pool.min: 0 creates the pool object',
    code: `import knex from 'knex';\nexport const db = knex({ client: 'pg', connection: process.env.DATABASE_URL });`,
    output: null,
    errors: [
      {
        messageId: 'inert',
        line: 2,
        column: 19,
        endLine: 2,
        endColumn: 79,
        data: { ...knexPool, condition: knexInert, fix: 'pool.min: 0', note: '' },
        suggestions: [
          {
            messageId: 'setIdle',
            data: { assignments: 'pool.min: 0' },
            output: `import knex from 'knex';\nexport const db = knex({ client: 'pg', connection: process.env.DATABASE_URL, pool: { min: 0 } });`,
          },
        ],
      },
    ],
  },
  {
    name: "knex pool.min: 2 is replaced (require('knex')(config))",
    code: `const db = require('knex')({
  client: 'mysql2',
  pool: { min: 2, max: 10 },
});`,
    output: null,
    errors: [
      {
        messageId: 'inert',
        line: 1,
        column: 12,
        endLine: 4,
        endColumn: 3,
        suggestions: [{ messageId: 'setIdle', output: `const db = require('knex')({
  client: 'mysql2',
  pool: { min: 0, max: 10 },
});` }],
      },
    ],
  },
  {
    name: 'knex with a shorthand pool const (named import): the const is edited',
    code: `import { knex } from 'knex';
const pool = { min: 1 };
knex({ client: 'pg', pool });`,
    output: null,
    errors: [
      {
        messageId: 'inert',
        line: 3,
        column: 1,
        endLine: 3,
        endColumn: 29,
        suggestions: [{ messageId: 'setIdle', output: `import { knex } from 'knex';
const pool = { min: 0 };
knex({ client: 'pg', pool });` }],
      },
    ],
  },
  {
    name: 'knex with a pool const shared by two instances: overridden at each call site',
    code: `import knex from 'knex';
const pool = { min: 2 };
export const primary = knex({ client: 'pg', pool });
export const replica = knex({ client: 'pg', pool: pool });`,
    output: null,
    errors: [
      {
        messageId: 'inert',
        line: 3,
        column: 24,
        endLine: 3,
        endColumn: 52,
        suggestions: [
          {
            messageId: 'setIdle',
            output: `import knex from 'knex';
const pool = { min: 2 };
export const primary = knex({ client: 'pg', pool: { ...pool, min: 0 } });
export const replica = knex({ client: 'pg', pool: pool });`,
          },
        ],
      },
      {
        messageId: 'inert',
        line: 4,
        column: 24,
        endLine: 4,
        endColumn: 58,
        suggestions: [
          {
            messageId: 'setIdle',
            output: `import knex from 'knex';
const pool = { min: 2 };
export const primary = knex({ client: 'pg', pool });
export const replica = knex({ client: 'pg', pool: { ...pool, min: 0 } });`,
          },
        ],
      },
    ],
  },
  {
    name: 'generic-pool without eviction runs gets an options argument',
    code: `import { createPool } from 'generic-pool';\nconst pool = createPool(factory);`,
    output: null,
    errors: [
      {
        messageId: 'inert',
        line: 2,
        column: 14,
        endLine: 2,
        endColumn: 33,
        data: { ...genericPool, condition: genericPoolInert, fix: 'evictionRunIntervalMillis: 1000', note: '' },
        suggestions: [
          {
            messageId: 'setIdle',
            output: `import { createPool } from 'generic-pool';\nconst pool = createPool(factory, { evictionRunIntervalMillis: 1000 });`,
          },
        ],
      },
    ],
  },
  {
    name: 'generic-pool evictionRunIntervalMillis: 0 is replaced',
    code: `import genericPool from 'generic-pool';\ngenericPool.createPool(factory, { max: 10, idleTimeoutMillis: 30000, evictionRunIntervalMillis: 0 });`,
    output: null,
    errors: [
      {
        messageId: 'inert',
        line: 2,
        column: 1,
        endLine: 2,
        endColumn: 101,
        suggestions: [
          {
            messageId: 'setIdle',
            output: `import genericPool from 'generic-pool';\ngenericPool.createPool(factory, { max: 10, idleTimeoutMillis: 30000, evictionRunIntervalMillis: 1000 });`,
          },
        ],
      },
    ],
  },
  {
    name: 'generic-pool Pool class: the options are the fifth argument',
    code: `import { Pool, DefaultEvictor, Deque, PriorityQueue } from 'generic-pool';\nnew Pool(DefaultEvictor, Deque, PriorityQueue, factory, { max: 4 });`,
    output: null,
    errors: [
      {
        messageId: 'inert',
        line: 2,
        column: 1,
        endLine: 2,
        endColumn: 68,
        data: { ...genericPool, subject: 'generic-pool new Pool()', condition: genericPoolInert, fix: 'evictionRunIntervalMillis: 1000', note: '' },
        suggestions: [
          {
            messageId: 'setIdle',
            output: `import { Pool, DefaultEvictor, Deque, PriorityQueue } from 'generic-pool';\nnew Pool(DefaultEvictor, Deque, PriorityQueue, factory, { max: 4, evictionRunIntervalMillis: 1000 });`,
          },
        ],
      },
    ],
  },
  {
    name: 'oracledb poolTimeout: 0',
    code: `import oracledb from 'oracledb';\nconst pool = await oracledb.createPool({ user: 'app', poolTimeout: 0 });`,
    output: null,
    errors: [
      {
        messageId: 'neverValue',
        line: 2,
        column: 20,
        endLine: 2,
        endColumn: 72,
        data: { subject: 'oracledb oracledb.createPool()', library: 'oracledb', option: 'poolTimeout', value: '0', fix: 'poolTimeout: 60' },
        suggestions: [
          { messageId: 'setIdle', output: `import oracledb from 'oracledb';\nconst pool = await oracledb.createPool({ user: 'app', poolTimeout: 60 });` },
        ],
      },
    ],
  },
  {
    name: 'https.Agent with keepAlive and no timeout',
    code: `import https from 'node:https';\nexport const agent = new https.Agent({ keepAlive: true });`,
    output: null,
    errors: [
      {
        messageId: 'missing',
        line: 2,
        column: 22,
        endLine: 2,
        endColumn: 58,
        data: { ...httpAgent, option: 'timeout', fix: 'timeout: 5000', note: '' },
        suggestions: [
          {
            messageId: 'setIdle',
            data: { assignments: 'timeout: 5000' },
            output: `import https from 'node:https';\nexport const agent = new https.Agent({ keepAlive: true, timeout: 5000 });`,
          },
        ],
      },
    ],
  },
  {
    name: 'http Agent with keepAlive and timeout: 0 (destructured require)',
    code: `const { Agent } = require('http');\nnew Agent({ keepAlive: true, timeout: 0 });`,
    output: null,
    errors: [
      {
        messageId: 'neverValue',
        line: 2,
        column: 1,
        endLine: 2,
        endColumn: 43,
        data: { ...httpAgent, option: 'timeout', value: '0', fix: 'timeout: 5000' },
        suggestions: [{ messageId: 'setIdle', output: `const { Agent } = require('http');\nnew Agent({ keepAlive: true, timeout: 5000 });` }],
      },
    ],
  },
  {
    name: 'requireExplicit: pg default is written by the autofix',
    code: `import { Pool } from 'pg';\nconst pool = new Pool();`,
    options: explicit,
    output: `import { Pool } from 'pg';\nconst pool = new Pool({ idleTimeoutMillis: 10000 });`,
    errors: [
      {
        messageId: 'implicitDefault',
        line: 2,
        column: 14,
        endLine: 2,
        endColumn: 24,
        data: { ...pgPool, option: 'idleTimeoutMillis', default: '10000 ms', value: '10000', note: '' },
        suggestions: null,
      },
    ],
  },
  {
    name: 'requireExplicit: sequelize v7 creates the nested pool object',
    code: `import { Sequelize } from '@sequelize/core';\nnew Sequelize({ dialect: 'postgres' });`,
    options: explicit,
    output: `import { Sequelize } from '@sequelize/core';\nnew Sequelize({ dialect: 'postgres', pool: { idle: 10000 } });`,
    errors: [
      {
        messageId: 'implicitDefault',
        line: 2,
        column: 1,
        endLine: 2,
        endColumn: 39,
        data: { subject: 'sequelize new Sequelize()', library: 'sequelize', option: 'pool.idle', default: '10000 ms', value: '10000', note: '' },
        suggestions: null,
      },
    ],
  },
  {
    name: 'requireExplicit: oracledb (seconds)',
    code: `import oracledb from 'oracledb';\noracledb.createPool({ user: 'app' });`,
    options: explicit,
    output: `import oracledb from 'oracledb';\noracledb.createPool({ user: 'app', poolTimeout: 60 });`,
    errors: [
      {
        messageId: 'implicitDefault',
        line: 2,
        column: 1,
        endLine: 2,
        endColumn: 37,
        data: { subject: 'oracledb oracledb.createPool()', library: 'oracledb', option: 'poolTimeout', default: '60 s', value: '60', note: '' },
        suggestions: null,
      },
    ],
  },
  {
    name: 'requireExplicit: mssql inserts into the existing pool object',
    code: `import sql from 'mssql';\nconst pool = new sql.ConnectionPool({ server: 'db', pool: { max: 10 } });`,
    options: explicit,
    output: `import sql from 'mssql';\nconst pool = new sql.ConnectionPool({ server: 'db', pool: { max: 10, idleTimeoutMillis: 30000 } });`,
    errors: [
      {
        messageId: 'implicitDefault',
        line: 2,
        column: 14,
        endLine: 2,
        endColumn: 73,
        data: {
          subject: 'mssql new ConnectionPool()',
          library: 'mssql',
          option: 'pool.idleTimeoutMillis',
          default: '30000 ms',
          value: '30000',
          note: '',
        },
        suggestions: null,
      },
    ],
  },
  {
    name: 'requireExplicit: knex with pool.min: 0',
    code: `import knex from 'knex';\nknex({ client: 'pg', pool: { min: 0 } });`,
    options: explicit,
    output: `import knex from 'knex';\nknex({ client: 'pg', pool: { min: 0, idleTimeoutMillis: 30000 } });`,
    errors: [{ messageId: 'implicitDefault', line: 2, column: 1, endLine: 2, endColumn: 41, suggestions: null }],
  },
  {
    name: 'requireExplicit: the knex suggestion also writes the idle default, so nothing is left to report',
    code: `import knex from 'knex';\nknex({ client: 'pg' });`,
    options: explicit,
    output: null,
    errors: [
      {
        messageId: 'inert',
        line: 2,
        column: 1,
        endLine: 2,
        endColumn: 23,
        data: { ...knexPool, condition: knexInert, fix: 'pool.min: 0, pool.idleTimeoutMillis: 30000', note: '' },
        suggestions: [
          {
            messageId: 'setIdle',
            output: `import knex from 'knex';\nknex({ client: 'pg', pool: { min: 0, idleTimeoutMillis: 30000 } });`,
          },
        ],
      },
    ],
  },
  {
    name: 'requireExplicit: mysql2 with an active reaper gets idleTimeout written',
    code: `import mysql from 'mysql2';\nmysql.createPool({ connectionLimit: 10, maxIdle: 5 });`,
    options: explicit,
    output: `import mysql from 'mysql2';\nmysql.createPool({ connectionLimit: 10, maxIdle: 5, idleTimeout: 60000 });`,
    errors: [{ messageId: 'implicitDefault', line: 2, column: 1, endLine: 2, endColumn: 54, suggestions: null }],
  },
  {
    name: 'requireExplicit: generic-pool with eviction runs gets idleTimeoutMillis written',
    code: `import genericPool from 'generic-pool';\ngenericPool.createPool(factory, { evictionRunIntervalMillis: 1000 });`,
    options: explicit,
    output: `import genericPool from 'generic-pool';\ngenericPool.createPool(factory, { evictionRunIntervalMillis: 1000, idleTimeoutMillis: 30000 });`,
    errors: [{ messageId: 'implicitDefault', line: 2, column: 1, endLine: 2, endColumn: 69, suggestions: null }],
  },
];

new RuleTester().run('require-idle-timeout', rule, { valid, invalid });

describeFixOutputs('require-idle-timeout', rule, invalid);
