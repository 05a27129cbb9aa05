import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import { RuleTester } from '@typescript-eslint/rule-tester';

import type { MessageIds, Options } from '../src/rules/require-pool-limit';
import rule from '../src/rules/require-pool-limit';
import { describeFixOutputs } from './util/fix-outputs';

const explicit: Options = [{ requireExplicit: true }];

/** Message data shared by a library's findings. */
const undiciAgent = { subject: 'undici new Agent()', library: 'undici', unit: 'connections per origin', suggested: '10' };
const undiciPool = { ...undiciAgent, subject: 'undici new Pool()' };
const httpAgent = { subject: 'node:http new Agent()', library: 'node:http', unit: 'sockets per host', suggested: '10' };
const mysql2Pool = { subject: 'mysql2 createPool()', library: 'mysql2', unit: 'connections', suggested: '10' };
const mongoClient = { subject: 'mongodb new MongoClient()', library: 'mongodb', unit: 'connections per server', suggested: '100' };
const pgPool = { subject: 'pg new Pool()', library: 'pg', unit: 'connections', suggested: '10' };
const opaqueNote = (option: string): string =>
  ` The connection string is not a literal, so it is assumed not to set ${option}; if it does, ` +
  `move ${option} into the options object or add // eslint-disable-next-line poolguard/require-pool-limit.`;

const valid: ValidTestCase<Options>[] = [
  // Bounded defaults are fine without requireExplicit (false-positives A8).
  { name: 'pg Pool default (10)', code: `import { Pool } from 'pg';\nconst pool = new Pool();` },
  { name: 'pg max: 0 falls back to 10', code: `import { Pool } from 'pg';\nnew Pool({ max: 0 });` },
  { name: 'pg max: null falls back to 10', code: `import { Pool } from 'pg';\nnew Pool({ max: null });` },
  { name: 'mysql2 default (10)', code: `import mysql from 'mysql2/promise';\nmysql.createPool({ host: 'db' });` },
  { name: 'mysql2 explicit limit', code: `import mysql from 'mysql2';\nmysql.createPool({ connectionLimit: 5 });` },
  { name: 'knex default (10)', code: `import knex from 'knex';\nknex({ client: 'pg' });` },
  { name: 'sequelize default (5)', code: `import { Sequelize } from 'sequelize';\nnew Sequelize('postgres://db/app');` },
  { name: 'mongodb default (100 per server)', code: `import { MongoClient } from 'mongodb';\nnew MongoClient('mongodb://db/app');` },
  {
    name: 'mongodb maxPoolSize in a literal connection string',
    code: `import { MongoClient } from 'mongodb';\nnew MongoClient('mongodb://db/app?maxPoolSize=50');`,
  },
  { name: 'mongodb explicit maxPoolSize', code: `import { MongoClient } from 'mongodb';\nnew MongoClient(uri, { maxPoolSize: 20 });` },
  { name: 'generic-pool max: 0 is clamped to 1', code: `import genericPool from 'generic-pool';\ngenericPool.createPool(factory, { max: 0 });` },
  { name: 'redis client pool default (100)', code: `import { createClientPool } from 'redis';\ncreateClientPool();` },
  { name: 'AWS SDK client default (50 sockets)', code: `import { S3Client } from '@aws-sdk/client-s3';\nnew S3Client({});` },
  { name: 'undici Pool with connections', code: `import { Pool } from 'undici';\nnew Pool('http://api', { connections: 10 });` },
  {
    name: 'undici connections from a same-file const',
    code: `import { Agent } from 'undici';
const CONNECTIONS = 32;
new Agent({ connections: CONNECTIONS });`,
  },
  { name: 'http Agent with maxSockets', code: `import http from 'node:http';\nnew http.Agent({ keepAlive: true, maxSockets: 50 });` },
  { name: 'http Agent bounded by maxTotalSockets', code: `import http from 'http';\nnew http.Agent({ maxTotalSockets: 100 });` },
  // Single connections have no pool to limit.
  { name: 'undici Client', code: `import { Client } from 'undici';\nnew Client('http://api');` },
  { name: 'pg Client', code: `import { Client } from 'pg';\nnew Client();` },
  // Options the rule cannot read are unknown: no finding.
  {
    name: 'options from a function parameter',
    code: `import { Agent } from 'undici';
export function makeAgent(options: object) {
  return new Agent(options);
}`,
  },
  { name: 'options from a call result', code: `import { Agent } from 'undici';\nnew Agent(loadAgentOptions());` },
  { name: 'an unknown spread', code: `import { Agent } from 'undici';\nnew Agent({ ...loadAgentOptions(), pipelining: 1 });` },
  { name: 'a spread argument', code: `import { Pool } from 'undici';\nnew Pool(...poolArguments);` },
  { name: 'a non-static value', code: `import { Agent } from 'undici';\nnew Agent({ connections: Number(process.env.CONNECTIONS) });` },
  { name: 'a non-literal nested object', code: `import knex from 'knex';\nknex({ client: 'pg', pool: poolConfig });` },
  // Not the library's export.
  {
    name: 'a shadowed local Agent class',
    code: `import { Agent } from 'undici';
export function local() {
  class Agent {}
  return new Agent();
}
void Agent;`,
  },
  { name: 'no import at all', code: `new Agent();` },
  {
    name: 'a type-only import',
    code: `import type { Agent } from 'undici';
declare const A: typeof Agent;
new A();`,
  },
  // requireExplicit: written limits, and knex on SQLite (default 1, not 10).
  { name: 'requireExplicit: pg max written', code: `import { Pool } from 'pg';\nnew Pool({ max: 20 });`, options: explicit },
  { name: 'requireExplicit: pg legacy poolSize written', code: `import { Pool } from 'pg';\nnew Pool({ poolSize: 20 });`, options: explicit },
  {
    name: 'requireExplicit: knex on SQLite',
    code: `import knex from 'knex';\nknex({ client: 'sqlite3', connection: { filename: './app.db' } });`,
    options: explicit,
  },
  { name: 'requireExplicit: knex with an unknown client', code: `import knex from 'knex';\nknex({ client: process.env.DB_CLIENT });`, options: explicit },
  {
    name: 'requireExplicit: mongodb limit in a literal connection string',
    code: `import { MongoClient } from 'mongodb';\nnew MongoClient('mongodb://db/app?maxPoolSize=10');`,
    options: explicit,
  },
  {
    name: 'requireExplicit: AWS client with its own handler',
    code: `import { S3Client } from '@aws-sdk/client-s3';\nnew S3Client({ requestHandler: handler });`,
    options: explicit,
  },
];

const invalid: InvalidTestCase<MessageIds, Options>[] = [
  {
    name: 'undici Agent without connections (ESM named import)',
    code: `import { Agent } from 'undici';\nconst agent = new Agent();`,
    output: null,
    errors: [
      {
        messageId: 'unboundedDefault',
        line: 2,
        column: 15,
        endLine: 2,
        endColumn: 26,
        data: { ...undiciAgent, option: 'connections' },
        suggestions: [
          {
            messageId: 'setLimit',
            data: { assignment: 'connections: 10' },
            output: `import { Agent } from 'undici';\nconst agent = new Agent({ connections: 10 });`,
          },
        ],
      },
    ],
  },
  {
    name: 'new Agent without parentheses',
    code: `import { Agent } from 'undici';\nnew Agent;`,
    output: null,
    errors: [
      {
        messageId: 'unboundedDefault',
        line: 2,
        column: 1,
        endLine: 2,
        endColumn: 10,
        suggestions: [{ messageId: 'setLimit', output: `import { Agent } from 'undici';\nnew Agent({ connections: 10 });` }],
      },
    ],
  },
  {
    name: 'undici Pool with only an origin (namespace import)',
    code: `import * as undici from 'undici';\nconst pool = new undici.Pool('http://localhost:3000');`,
    output: null,
    errors: [
      {
        messageId: 'unboundedDefault',
        line: 2,
        column: 14,
        endLine: 2,
        endColumn: 54,
        data: { ...undiciPool, option: 'connections' },
        suggestions: [
          {
            messageId: 'setLimit',
            output: `import * as undici from 'undici';\nconst pool = new undici.Pool('http://localhost:3000', { connections: 10 });`,
          },
        ],
      },
    ],
  },
  {
    name: 'undici connections: 0 (destructured require)',
    code: `const { Pool } = require('undici');\nnew Pool(origin, { connections: 0 });`,
    output: null,
    errors: [
      {
        messageId: 'unboundedValue',
        line: 2,
        column: 1,
        endLine: 2,
        endColumn: 37,
        data: { ...undiciPool, option: 'connections', value: '0' },
        suggestions: [
          {
            messageId: 'setLimit',
            data: { assignment: 'connections: 10' },
            output: `const { Pool } = require('undici');\nnew Pool(origin, { connections: 10 });`,
          },
        ],
      },
    ],
  },
  {
    name: 'undici connections: null (import x = require())',
    code: `import undici = require('undici');\nnew undici.Agent({ connections: null });`,
    output: null,
    errors: [
      {
        messageId: 'unboundedValue',
        line: 2,
        column: 1,
        endLine: 2,
        endColumn: 40,
        data: { ...undiciAgent, option: 'connections', value: 'null' },
        suggestions: [{ messageId: 'setLimit', output: `import undici = require('undici');\nnew undici.Agent({ connections: 10 });` }],
      },
    ],
  },
  {
    name: 'http.Agent without maxSockets (default import)',
    code: `import http from 'http';\nexport const agent = new http.Agent({ keepAlive: true });`,
    output: null,
    errors: [
      {
        messageId: 'unboundedDefault',
        line: 2,
        column: 22,
        endLine: 2,
        endColumn: 57,
        data: { ...httpAgent, option: 'maxSockets' },
        suggestions: [
          {
            messageId: 'setLimit',
            data: { assignment: 'maxSockets: 10' },
            output: `import http from 'http';\nexport const agent = new http.Agent({ keepAlive: true, maxSockets: 10 });`,
          },
        ],
      },
    ],
  },
  {
    name: 'https.Agent maxSockets: Infinity (require)',
    code: `const https = require('node:https');\nnew https.Agent({ maxSockets: Infinity });`,
    output: null,
    errors: [
      {
        messageId: 'unboundedValue',
        line: 2,
        column: 1,
        endLine: 2,
        endColumn: 42,
        data: { ...httpAgent, option: 'maxSockets', value: 'Infinity' },
        suggestions: [{ messageId: 'setLimit', output: `const https = require('node:https');\nnew https.Agent({ maxSockets: 10 });` }],
      },
    ],
  },
  {
    name: 'http Agent maxSockets: 0 (destructured require)',
    code: `const { Agent } = require('http');\nnew Agent({ maxSockets: 0 });`,
    output: null,
    errors: [
      {
        messageId: 'unboundedValue',
        line: 2,
        column: 1,
        endLine: 2,
        endColumn: 29,
        data: { ...httpAgent, option: 'maxSockets', value: '0' },
        suggestions: [{ messageId: 'setLimit', output: `const { Agent } = require('http');\nnew Agent({ maxSockets: 10 });` }],
      },
    ],
  },
  {
    name: 'mysql2 connectionLimit: 0 (ESM default import of mysql2/promise)',
    code: `import mysql from 'mysql2/promise';\nconst pool = mysql.createPool({ host: 'db', connectionLimit: 0 });`,
    output: null,
    errors: [
      {
        messageId: 'unboundedValue',
        line: 2,
        column: 14,
        endLine: 2,
        endColumn: 66,
        data: { ...mysql2Pool, option: 'connectionLimit', value: '0' },
        suggestions: [
          {
            messageId: 'setLimit',
            data: { assignment: 'connectionLimit: 10' },
            output: `import mysql from 'mysql2/promise';\nconst pool = mysql.createPool({ host: 'db', connectionLimit: 10 });`,
          },
        ],
      },
    ],
  },
  {
    name: 'mysql2 connectionLimit: null (named import)',
    code: `import { createPool } from 'mysql2';\ncreatePool({ connectionLimit: null });`,
    output: null,
    errors: [
      {
        messageId: 'unboundedValue',
        line: 2,
        column: 1,
        endLine: 2,
        endColumn: 38,
        data: { ...mysql2Pool, option: 'connectionLimit', value: 'null' },
        suggestions: [{ messageId: 'setLimit', output: `import { createPool } from 'mysql2';\ncreatePool({ connectionLimit: 10 });` }],
      },
    ],
  },
  {
    name: 'mysql (mysqljs) connectionLimit: 0',
    code: `const mysql = require('mysql');\nmysql.createPool({ connectionLimit: 0 });`,
    output: null,
    errors: [
      {
        messageId: 'unboundedValue',
        line: 2,
        column: 1,
        endLine: 2,
        endColumn: 41,
        data: { subject: 'mysql createPool()', library: 'mysql', unit: 'connections', suggested: '10', option: 'connectionLimit', value: '0' },
        suggestions: [{ messageId: 'setLimit', output: `const mysql = require('mysql');\nmysql.createPool({ connectionLimit: 10 });` }],
      },
    ],
  },
  {
    name: 'mongodb maxPoolSize: 0 in the options',
    code: `import { MongoClient } from 'mongodb';\nconst client = new MongoClient(process.env.MONGO_URL!, { maxPoolSize: 0 });`,
    output: null,
    errors: [
      {
        messageId: 'unboundedValue',
        line: 2,
        column: 16,
        endLine: 2,
        endColumn: 75,
        data: { ...mongoClient, option: 'maxPoolSize', value: '0' },
        suggestions: [
          {
            messageId: 'setLimit',
            data: { assignment: 'maxPoolSize: 100' },
            output: `import { MongoClient } from 'mongodb';\nconst client = new MongoClient(process.env.MONGO_URL!, { maxPoolSize: 100 });`,
          },
        ],
      },
    ],
  },
  {
    name: 'mongodb maxPoolSize=0 in a literal connection string: no fix',
    code: `import { MongoClient } from 'mongodb';\nnew MongoClient('mongodb://db:27017/app?maxPoolSize=0');`,
    output: null,
    errors: [
      {
        messageId: 'unboundedUriValue',
        line: 2,
        column: 1,
        endLine: 2,
        endColumn: 56,
        data: { ...mongoClient, option: 'maxPoolSize', value: '0' },
        suggestions: null,
      },
    ],
  },
  {
    name: 'mongodb maxPoolSize=0 in a template connection string',
    code: `import { MongoClient } from 'mongodb';
const host = process.env.DB_HOST;
new MongoClient(\`mongodb://\${host}/app?maxPoolSize=0\`);`,
    output: null,
    errors: [{ messageId: 'unboundedUriValue', line: 3, column: 1, endLine: 3, endColumn: 55, suggestions: null }],
  },
  {
    name: 'mongoose.createConnection maxPoolSize: 0',
    code: `import mongoose from 'mongoose';\nconst conn = mongoose.createConnection(uri, { maxPoolSize: 0 });`,
    output: null,
    errors: [
      {
        messageId: 'unboundedValue',
        line: 2,
        column: 14,
        endLine: 2,
        endColumn: 64,
        data: { ...mongoClient, subject: 'mongoose mongoose.createConnection()', library: 'mongoose', option: 'maxPoolSize', value: '0' },
        suggestions: [
          { messageId: 'setLimit', output: `import mongoose from 'mongoose';\nconst conn = mongoose.createConnection(uri, { maxPoolSize: 100 });` },
        ],
      },
    ],
  },
  {
    name: 'pg max: Infinity (const { Pool } = pg)',
    code: `import pg from 'pg';
const { Pool } = pg;
const pool = new Pool({ max: Infinity });`,
    output: null,
    errors: [
      {
        messageId: 'unboundedValue',
        line: 3,
        column: 14,
        endLine: 3,
        endColumn: 41,
        data: { ...pgPool, option: 'max', value: 'Infinity' },
        suggestions: [{ messageId: 'setLimit', output: `import pg from 'pg';
const { Pool } = pg;
const pool = new Pool({ max: 10 });` }],
      },
    ],
  },
  {
    name: 'pg legacy alias poolSize: Infinity',
    code: `import { Pool } from 'pg';\nnew Pool({ poolSize: Infinity });`,
    output: null,
    errors: [
      {
        messageId: 'unboundedValue',
        line: 2,
        column: 1,
        endLine: 2,
        endColumn: 33,
        data: { ...pgPool, option: 'poolSize', value: 'Infinity' },
        suggestions: [{ messageId: 'setLimit', data: { assignment: 'poolSize: 10' }, output: `import { Pool } from 'pg';\nnew Pool({ poolSize: 10 });` }],
      },
    ],
  },
  {
    name: 'options in a same-file const used once: the declaration is edited',
    code: `import { Pool } from 'undici';
const options = { connections: 0, pipelining: 1 };
export const pool = new Pool('http://api', options);`,
    output: null,
    errors: [
      {
        messageId: 'unboundedValue',
        line: 3,
        column: 21,
        endLine: 3,
        endColumn: 52,
        suggestions: [
          {
            messageId: 'setLimit',
            output: `import { Pool } from 'undici';
const options = { connections: 10, pipelining: 1 };
export const pool = new Pool('http://api', options);`,
          },
        ],
      },
    ],
  },
  {
    name: 'a value through a spread: overridden after it',
    code: `import { Pool } from 'undici';
const base = { connections: 0 };
new Pool('http://api', { ...base, pipelining: 1 });`,
    output: null,
    errors: [
      {
        messageId: 'unboundedValue',
        line: 3,
        column: 1,
        endLine: 3,
        endColumn: 51,
        suggestions: [
          {
            messageId: 'setLimit',
            output: `import { Pool } from 'undici';
const base = { connections: 0 };
new Pool('http://api', { ...base, pipelining: 1, connections: 10 });`,
          },
        ],
      },
    ],
  },
  {
    name: 'a const shared by two pools: each call is overridden at the call site',
    code: `import mysql from 'mysql2';
const config = { host: 'db', connectionLimit: 0 };
export const primary = mysql.createPool(config);
export const replica = mysql.createPool(config);`,
    output: null,
    errors: [
      {
        messageId: 'unboundedValue',
        line: 3,
        column: 24,
        endLine: 3,
        endColumn: 48,
        suggestions: [
          {
            messageId: 'setLimit',
            output: `import mysql from 'mysql2';
const config = { host: 'db', connectionLimit: 0 };
export const primary = mysql.createPool({ ...config, connectionLimit: 10 });
export const replica = mysql.createPool(config);`,
          },
        ],
      },
      {
        messageId: 'unboundedValue',
        line: 4,
        column: 24,
        endLine: 4,
        endColumn: 48,
        suggestions: [
          {
            messageId: 'setLimit',
            output: `import mysql from 'mysql2';
const config = { host: 'db', connectionLimit: 0 };
export const primary = mysql.createPool(config);
export const replica = mysql.createPool({ ...config, connectionLimit: 10 });`,
          },
        ],
      },
    ],
  },
  {
    name: 'explicit connections: undefined reads as not set',
    code: `import { Agent } from 'undici';\nnew Agent({ connections: undefined });`,
    output: null,
    errors: [
      {
        messageId: 'unboundedDefault',
        line: 2,
        column: 1,
        endLine: 2,
        endColumn: 38,
        suggestions: [{ messageId: 'setLimit', output: `import { Agent } from 'undici';\nnew Agent({ connections: 10 });` }],
      },
    ],
  },
  {
    name: 'an explicit undefined options argument is replaced',
    code: `import { Agent } from 'undici';\nnew Agent(undefined);`,
    output: null,
    errors: [
      {
        messageId: 'unboundedDefault',
        line: 2,
        column: 1,
        endLine: 2,
        endColumn: 21,
        suggestions: [{ messageId: 'setLimit', output: `import { Agent } from 'undici';\nnew Agent({ connections: 10 });` }],
      },
    ],
  },
  {
    name: 'multi-line object with a trailing comma and a comment',
    code: `import { Agent } from 'undici';
const agent = new Agent({
  keepAliveTimeout: 10_000,
  pipelining: 1, // HTTP/1.1
});`,
    output: null,
    errors: [
      {
        messageId: 'unboundedDefault',
        line: 2,
        column: 15,
        endLine: 5,
        endColumn: 3,
        suggestions: [
          {
            messageId: 'setLimit',
            output: `import { Agent } from 'undici';
const agent = new Agent({
  keepAliveTimeout: 10_000,
  pipelining: 1, // HTTP/1.1
  connections: 10,
});`,
          },
        ],
      },
    ],
  },
  {
    name: 'multi-line object without a trailing comma',
    code: `import http from 'node:http';
const agent = new http.Agent({
    keepAlive: true
});`,
    output: null,
    errors: [
      {
        messageId: 'unboundedDefault',
        line: 2,
        column: 15,
        endLine: 4,
        endColumn: 3,
        suggestions: [
          {
            messageId: 'setLimit',
            output: `import http from 'node:http';
const agent = new http.Agent({
    keepAlive: true,
    maxSockets: 10
});`,
          },
        ],
      },
    ],
  },
  {
    name: 'an `as const` options object',
    code: `import { Agent } from 'undici';\nnew Agent({ pipelining: 1 } as const);`,
    output: null,
    errors: [
      {
        messageId: 'unboundedDefault',
        line: 2,
        column: 1,
        endLine: 2,
        endColumn: 38,
        suggestions: [{ messageId: 'setLimit', output: `import { Agent } from 'undici';\nnew Agent({ pipelining: 1, connections: 10 } as const);` }],
      },
    ],
  },
  {
    name: 'an empty `satisfies` const',
    code: `import { Agent } from 'undici';
const options = {} satisfies object;
new Agent(options);`,
    output: null,
    errors: [
      {
        messageId: 'unboundedDefault',
        line: 3,
        column: 1,
        endLine: 3,
        endColumn: 19,
        suggestions: [
          {
            messageId: 'setLimit',
            output: `import { Agent } from 'undici';
const options = { connections: 10 } satisfies object;
new Agent(options);`,
          },
        ],
      },
    ],
  },
  {
    name: 'a trailing comma in the arguments',
    code: `import { Pool } from 'undici';\nnew Pool('http://api',);`,
    output: null,
    errors: [
      {
        messageId: 'unboundedDefault',
        line: 2,
        column: 1,
        endLine: 2,
        endColumn: 24,
        suggestions: [{ messageId: 'setLimit', output: `import { Pool } from 'undici';\nnew Pool('http://api', { connections: 10 },);` }],
      },
    ],
  },
  {
    name: 'multi-line arguments',
    code: `import { Pool } from 'undici';
new Pool(
  'http://api',
);`,
    output: null,
    errors: [
      {
        messageId: 'unboundedDefault',
        line: 2,
        column: 1,
        endLine: 4,
        endColumn: 2,
        suggestions: [
          { messageId: 'setLimit', output: `import { Pool } from 'undici';
new Pool(
  'http://api',
  { connections: 10 },
);` },
        ],
      },
    ],
  },
  {
    name: 'a parenthesized last argument',
    code: `import { Pool } from 'undici';\nnew Pool(('http://api'));`,
    output: null,
    errors: [
      {
        messageId: 'unboundedDefault',
        line: 2,
        column: 1,
        endLine: 2,
        endColumn: 25,
        suggestions: [{ messageId: 'setLimit', output: `import { Pool } from 'undici';\nnew Pool(('http://api'), { connections: 10 });` }],
      },
    ],
  },
  {
    name: 'an empty object with a comment',
    code: `import { Agent } from 'undici';\nnew Agent({ /* defaults */ });`,
    output: null,
    errors: [
      {
        messageId: 'unboundedDefault',
        line: 2,
        column: 1,
        endLine: 2,
        endColumn: 30,
        suggestions: [{ messageId: 'setLimit', output: `import { Agent } from 'undici';\nnew Agent({ connections: 10, /* defaults */ });` }],
      },
    ],
  },
  {
    name: 'a trailing line comment without a trailing comma stays on its line',
    code: `import http from 'node:http';
const agent = new http.Agent({
  keepAlive: true // reuse sockets
});`,
    output: null,
    errors: [
      {
        messageId: 'unboundedDefault',
        line: 2,
        column: 15,
        endLine: 4,
        endColumn: 3,
        suggestions: [
          {
            messageId: 'setLimit',
            output: `import http from 'node:http';
const agent = new http.Agent({
  keepAlive: true, // reuse sockets
  maxSockets: 10
});`,
          },
        ],
      },
    ],
  },
  {
    name: 'a shorthand property is rewritten whole',
    code: `import { Pool } from 'pg';
const max = Infinity;
new Pool({ max });`,
    output: null,
    errors: [
      {
        messageId: 'unboundedValue',
        line: 3,
        column: 1,
        endLine: 3,
        endColumn: 18,
        data: { ...pgPool, option: 'max', value: 'Infinity' },
        suggestions: [
          {
            messageId: 'setLimit',
            output: `import { Pool } from 'pg';
const max = Infinity;
new Pool({ max: 10 });`,
          },
        ],
      },
    ],
  },
  {
    name: 'requireExplicit: knex pool: undefined is replaced by the pool object',
    code: `import knex from 'knex';\nknex({ client: 'pg', pool: undefined });`,
    options: explicit,
    output: `import knex from 'knex';\nknex({ client: 'pg', pool: { max: 10 } });`,
    errors: [{ messageId: 'implicitDefault', line: 2, column: 1, endLine: 2, endColumn: 40, suggestions: null }],
  },
  {
    name: 'requireExplicit: an unbounded pool still gets a suggestion, not a fix',
    code: `import { Agent } from 'undici';\nnew Agent();`,
    options: explicit,
    output: null,
    errors: [
      {
        messageId: 'unboundedDefault',
        line: 2,
        column: 1,
        endLine: 2,
        endColumn: 12,
        suggestions: [{ messageId: 'setLimit', output: `import { Agent } from 'undici';\nnew Agent({ connections: 10 });` }],
      },
    ],
  },
  {
    name: 'requireExplicit: pg default is written by the autofix',
    code: `import { Pool } from 'pg';\nconst pool = new Pool();`,
    options: explicit,
    output: `import { Pool } from 'pg';\nconst pool = new Pool({ max: 10 });`,
    errors: [
      {
        messageId: 'implicitDefault',
        line: 2,
        column: 14,
        endLine: 2,
        endColumn: 24,
        data: { ...pgPool, option: 'max', limit: '10 connections', value: '10', note: '' },
        suggestions: null,
      },
    ],
  },
  {
    name: 'requireExplicit: pg-pool with a shorthand property',
    code: `import Pool from 'pg-pool';
const connectionString = process.env.DATABASE_URL;
const pool = new Pool({ connectionString });`,
    options: explicit,
    output: `import Pool from 'pg-pool';
const connectionString = process.env.DATABASE_URL;
const pool = new Pool({ connectionString, max: 10 });`,
    errors: [
      {
        messageId: 'implicitDefault',
        line: 3,
        column: 14,
        endLine: 3,
        endColumn: 44,
        data: { ...pgPool, subject: 'pg-pool new Pool()', library: 'pg-pool', option: 'max', limit: '10 connections', value: '10', note: '' },
        suggestions: null,
      },
    ],
  },
  {
    name: 'requireExplicit: pg max: undefined is replaced',
    code: `import { Pool } from 'pg';\nnew Pool({ max: undefined });`,
    options: explicit,
    output: `import { Pool } from 'pg';\nnew Pool({ max: 10 });`,
    errors: [{ messageId: 'implicitDefault', line: 2, column: 1, endLine: 2, endColumn: 29, suggestions: null }],
  },
  {
    name: 'requireExplicit: knex creates the nested pool object',
    code: `import knex from 'knex';\nconst db = knex({ client: 'pg', connection: process.env.DATABASE_URL });`,
    options: explicit,
    output: `import knex from 'knex';\nconst db = knex({ client: 'pg', connection: process.env.DATABASE_URL, pool: { max: 10 } });`,
    errors: [
      {
        messageId: 'implicitDefault',
        line: 2,
        column: 12,
        endLine: 2,
        endColumn: 72,
        data: { subject: 'knex knex()', library: 'knex', unit: 'connections', suggested: '10', option: 'pool.max', limit: '10 connections', value: '10', note: '' },
        suggestions: null,
      },
    ],
  },
  {
    name: 'requireExplicit: knex inserts into the existing pool object',
    code: `import { knex } from 'knex';\nknex({ client: 'mysql2', pool: { min: 0 } });`,
    options: explicit,
    output: `import { knex } from 'knex';\nknex({ client: 'mysql2', pool: { min: 0, max: 10 } });`,
    errors: [{ messageId: 'implicitDefault', line: 2, column: 1, endLine: 2, endColumn: 45, suggestions: null }],
  },
  {
    name: 'requireExplicit: Sequelize(db, user, password) gets an options argument',
    code: `const { Sequelize } = require('sequelize');\nconst sequelize = new Sequelize('app', 'user', 'secret');`,
    options: explicit,
    output: `const { Sequelize } = require('sequelize');\nconst sequelize = new Sequelize('app', 'user', 'secret', { pool: { max: 5 } });`,
    errors: [
      {
        messageId: 'implicitDefault',
        line: 2,
        column: 19,
        endLine: 2,
        endColumn: 57,
        data: {
          subject: 'sequelize new Sequelize()',
          library: 'sequelize',
          unit: 'connections',
          suggested: '5',
          option: 'pool.max',
          limit: '5 connections',
          value: '5',
          note: '',
        },
        suggestions: null,
      },
    ],
  },
  {
    name: 'requireExplicit: Sequelize(uri) gets an options argument after the connection string',
    code: `import Sequelize from 'sequelize';\nnew Sequelize('postgres://db/app');`,
    options: explicit,
    output: `import Sequelize from 'sequelize';\nnew Sequelize('postgres://db/app', { pool: { max: 5 } });`,
    errors: [{ messageId: 'implicitDefault', line: 2, column: 1, endLine: 2, endColumn: 35, suggestions: null }],
  },
  {
    name: 'requireExplicit: a non-literal mongodb connection string makes it a suggestion',
    code: `import { MongoClient } from 'mongodb';\nnew MongoClient(process.env.MONGO_URL!);`,
    options: explicit,
    output: null,
    errors: [
      {
        messageId: 'implicitDefault',
        line: 2,
        column: 1,
        endLine: 2,
        endColumn: 40,
        data: { ...mongoClient, option: 'maxPoolSize', limit: '100 connections per server', value: '100', note: opaqueNote('maxPoolSize') },
        suggestions: [
          {
            messageId: 'setLimit',
            output: `import { MongoClient } from 'mongodb';\nnew MongoClient(process.env.MONGO_URL!, { maxPoolSize: 100 });`,
          },
        ],
      },
    ],
  },
  {
    name: 'requireExplicit: typeorm default depends on the driver, so a suggestion',
    code: `import { DataSource } from 'typeorm';\nexport const dataSource = new DataSource({ type: 'postgres', url: process.env.DATABASE_URL });`,
    options: explicit,
    output: null,
    errors: [
      {
        messageId: 'implicitDefault',
        line: 2,
        column: 27,
        endLine: 2,
        endColumn: 94,
        data: {
          subject: 'typeorm new DataSource()',
          library: 'typeorm',
          unit: 'connections',
          suggested: '10',
          option: 'poolSize',
          limit: "the driver's (10 connections for pg and mysql2, 4 for oracledb)",
          value: '10',
          note: '',
        },
        suggestions: [
          {
            messageId: 'setLimit',
            output: `import { DataSource } from 'typeorm';\nexport const dataSource = new DataSource({ type: 'postgres', url: process.env.DATABASE_URL, poolSize: 10 });`,
          },
        ],
      },
    ],
  },
  {
    name: 'requireExplicit: AWS SDK shorthand is version-dependent, so a suggestion',
    code: `import { S3Client } from '@aws-sdk/client-s3';\nconst s3 = new S3Client({ region: 'eu-west-1' });`,
    options: explicit,
    output: null,
    errors: [
      {
        messageId: 'implicitDefault',
        line: 2,
        column: 12,
        endLine: 2,
        endColumn: 49,
        data: {
          subject: 'AWS SDK v3 new *Client()',
          library: 'AWS SDK v3',
          unit: 'sockets',
          suggested: '50',
          option: 'requestHandler.httpsAgent.maxSockets',
          limit: '50 sockets',
          value: '50',
          note: ' Note: the requestHandler object shorthand needs @aws-sdk 3.521.0 or later.',
        },
        suggestions: [
          {
            messageId: 'setLimit',
            data: { assignment: 'requestHandler.httpsAgent.maxSockets: 50' },
            output: `import { S3Client } from '@aws-sdk/client-s3';\nconst s3 = new S3Client({ region: 'eu-west-1', requestHandler: { httpsAgent: { maxSockets: 50 } } });`,
          },
        ],
      },
    ],
  },
  {
    name: 'requireExplicit: mysql2 with only a connection string: no fix (connection strings are not rewritten)',
    code: `import mysql from 'mysql2';\nmysql.createPool('mysql://app@db/app');`,
    options: explicit,
    output: null,
    errors: [
      {
        messageId: 'implicitDefault',
        line: 2,
        column: 1,
        endLine: 2,
        endColumn: 39,
        data: { ...mysql2Pool, option: 'connectionLimit', limit: '10 connections', value: '10', note: '' },
        suggestions: null,
      },
    ],
  },
  {
    name: 'requireExplicit: generic-pool gets an options argument',
    code: `import genericPool from 'generic-pool';\ngenericPool.createPool(factory);`,
    options: explicit,
    output: `import genericPool from 'generic-pool';\ngenericPool.createPool(factory, { max: 1 });`,
    errors: [
      {
        messageId: 'implicitDefault',
        line: 2,
        column: 1,
        endLine: 2,
        endColumn: 32,
        data: {
          subject: 'generic-pool createPool()',
          library: 'generic-pool',
          unit: 'resources',
          suggested: '10',
          option: 'max',
          limit: '1 resource',
          value: '1',
          note: '',
        },
        suggestions: null,
      },
    ],
  },
  {
    name: 'requireExplicit: oracledb',
    code: `import oracledb from 'oracledb';\nconst pool = oracledb.createPool({ user: 'app' });`,
    options: explicit,
    output: `import oracledb from 'oracledb';\nconst pool = oracledb.createPool({ user: 'app', poolMax: 4 });`,
    errors: [{ messageId: 'implicitDefault', line: 2, column: 14, endLine: 2, endColumn: 50, suggestions: null }],
  },
  {
    name: 'requireExplicit: redis createClientPool() without client options',
    code: `import { createClientPool } from 'redis';\ncreateClientPool();`,
    options: explicit,
    output: `import { createClientPool } from 'redis';\ncreateClientPool(undefined, { maximum: 100 });`,
    errors: [{ messageId: 'implicitDefault', line: 2, column: 1, endLine: 2, endColumn: 19, suggestions: null }],
  },
  {
    name: 'requireExplicit: redis client.createPool() takes the pool options first',
    code: `import { createClient } from 'redis';
const client = createClient({ url: 'redis://cache' });
client.createPool();`,
    options: explicit,
    output: `import { createClient } from 'redis';
const client = createClient({ url: 'redis://cache' });
client.createPool({ maximum: 100 });`,
    errors: [{ messageId: 'implicitDefault', line: 3, column: 1, endLine: 3, endColumn: 20, suggestions: null }],
  },
  {
    name: 'requireExplicit: Elasticsearch creates the nested agent object',
    code: `import { Client } from '@elastic/elasticsearch';\nnew Client({ node: 'http://es:9200' });`,
    options: explicit,
    output: `import { Client } from '@elastic/elasticsearch';\nnew Client({ node: 'http://es:9200', agent: { connections: 256 } });`,
    errors: [{ messageId: 'implicitDefault', line: 2, column: 1, endLine: 2, endColumn: 39, suggestions: null }],
  },
];

new RuleTester().run('require-pool-limit', rule, { valid, invalid });

describeFixOutputs('require-pool-limit', rule, invalid);
