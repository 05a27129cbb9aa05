/**
 * Grammar-like arbitraries for request-handler files (spec §3.1, knowledge/false-positives.md Part A).
 *
 * A generated file is a product of independent choices — framework × library × import style × placement × nesting
 * (plus language, edge signal, variable name, connect/close) — and the builder knows from those choices alone
 * whether it placed a per-request construction, and where (line/column of the `new X()` / factory call). Choices
 * are drawn independently and invalid combinations are normalised deterministically (a `.cjs` file cannot `import`,
 * NestJS needs TypeScript, …), so fast-check shrinks each choice on its own towards the first, simplest value.
 *
 * Library facts (which constructions exist, their connect and close methods, which are per-request safe) are read
 * from the knowledge base (`eslint-plugin-poolguard/knowledge`), never from the rule.
 */
import fc from 'fast-check';
import { constructions } from 'eslint-plugin-poolguard/knowledge';
import type { Construction } from 'eslint-plugin-poolguard/knowledge';

export type Lang = 'ts' | 'js' | 'cjs';

// ---------------------------------------------------------------------------------------------------------------
// Libraries
// ---------------------------------------------------------------------------------------------------------------

export interface LibrarySpec {
  /** Knowledge-base construction id; `null` for a call that is not a construction at all (`new Kafka()`). */
  readonly kbId: string | null;
  /** A label for counterexamples. */
  readonly label: string;
  readonly module: string;
  /** Export path of the callee: `['Pool']`, `['MongoClient', 'connect']`. */
  readonly exportPath: readonly string[];
  /** The default export is the callee itself (ioredis `Redis`, knex `knex`); otherwise it is the module object. */
  readonly defaultIsCallee?: boolean;
  /** Local name of a module-object binding (`pg`, `mysql`). */
  readonly local: string;
  readonly call: 'new' | 'call';
  /** The construction returns a promise of the client (`await amqp.connect()`). */
  readonly awaited?: boolean;
  readonly args: string;
  /** The construction is a method of an instance built at module scope: kafkajs `kafka.producer()`, `redis.duplicate()`. */
  readonly instanceOf?: { readonly name: string; readonly create: 'new' | 'call'; readonly args: string; readonly method: string };
  /** The construction sits inside another call: `DynamoDBDocumentClient.from(new DynamoDBClient())` (A5, still a finding). */
  readonly around?: { readonly before: string; readonly after: string };
  /** The declared value is not the client itself (a fetch response): no connect / close calls on it. */
  readonly noLifecycle?: boolean;
  /** Extra module-level lines the construction reads (a shared client for a wrapper). */
  readonly extraImports?: { readonly esm: string; readonly cjs: string };
  readonly extraSetup?: readonly string[];
}

/** Constructions that are findings when built per request. */
export const LIBRARIES: readonly LibrarySpec[] = [
  { kbId: 'pg.Pool', label: 'pg Pool', module: 'pg', exportPath: ['Pool'], local: 'pg', call: 'new', args: '{ max: 5 }' },
  { kbId: 'pg.Client', label: 'pg Client', module: 'pg', exportPath: ['Client'], local: 'pg', call: 'new', args: '{ connectionString: process.env.DATABASE_URL }' },
  { kbId: 'mysql2.createPool', label: 'mysql2 createPool', module: 'mysql2', exportPath: ['createPool'], local: 'mysql', call: 'call', args: "{ host: 'db', connectionLimit: 5, maxIdle: 2 }" },
  { kbId: 'mysql2.createConnection', label: 'mysql2 createConnection', module: 'mysql2', exportPath: ['createConnection'], local: 'mysql', call: 'call', args: "{ host: 'db' }" },
  {
    kbId: 'mysql2/promise.createConnection',
    label: 'mysql2/promise createConnection',
    module: 'mysql2/promise',
    exportPath: ['createConnection'],
    local: 'mysql',
    call: 'call',
    awaited: true,
    args: "{ host: 'db' }",
  },
  { kbId: 'ioredis.Redis', label: 'ioredis Redis', module: 'ioredis', exportPath: ['Redis'], defaultIsCallee: true, local: 'Redis', call: 'new', args: "{ host: 'cache' }" },
  { kbId: 'redis.createClient', label: 'node-redis createClient', module: 'redis', exportPath: ['createClient'], local: 'redis', call: 'call', args: "{ url: 'redis://cache:6379' }" },
  { kbId: 'mongodb.MongoClient', label: 'mongodb MongoClient', module: 'mongodb', exportPath: ['MongoClient'], local: 'mongodb', call: 'new', args: "'mongodb://db:27017/app', { maxIdleTimeMS: 60000 }" },
  {
    kbId: 'mongodb.MongoClient.connect',
    label: 'mongodb MongoClient.connect',
    module: 'mongodb',
    exportPath: ['MongoClient', 'connect'],
    local: 'mongodb',
    call: 'call',
    awaited: true,
    args: "'mongodb://db:27017/app', { maxIdleTimeMS: 60000 }",
  },
  { kbId: 'undici.Pool', label: 'undici Pool', module: 'undici', exportPath: ['Pool'], local: 'undici', call: 'new', args: "'http://api.internal', { connections: 10 }" },
  { kbId: 'undici.Agent', label: 'undici Agent', module: 'undici', exportPath: ['Agent'], local: 'undici', call: 'new', args: '{ connections: 10 }' },
  { kbId: 'http.Agent', label: 'https Agent', module: 'node:https', exportPath: ['Agent'], local: 'https', call: 'new', args: '{ keepAlive: true, maxSockets: 10, timeout: 5000 }' },
  { kbId: 'aws-sdk.Client', label: 'AWS S3Client', module: '@aws-sdk/client-s3', exportPath: ['S3Client'], local: 's3sdk', call: 'new', args: "{ region: 'eu-west-1' }" },
  { kbId: 'prisma.PrismaClient', label: 'PrismaClient', module: '@prisma/client', exportPath: ['PrismaClient'], local: 'prismaPkg', call: 'new', args: '' },
  { kbId: 'knex', label: 'knex', module: 'knex', exportPath: ['knex'], defaultIsCallee: true, local: 'knex', call: 'call', args: "{ client: 'pg', pool: { min: 0, max: 5 } }" },
  { kbId: 'mongoose.createConnection', label: 'mongoose createConnection', module: 'mongoose', exportPath: ['createConnection'], local: 'mongoose', call: 'call', args: "'mongodb://db/app', { maxIdleTimeMS: 60000 }" },
  { kbId: 'amqplib.connect', label: 'amqplib connect', module: 'amqplib', exportPath: ['connect'], local: 'amqp', call: 'call', awaited: true, args: "'amqp://mq'" },
  { kbId: 'sequelize.Sequelize', label: 'Sequelize', module: 'sequelize', exportPath: ['Sequelize'], local: 'sequelizePkg', call: 'new', args: "'postgres://db/app'" },
  {
    kbId: 'kafkajs.client',
    label: 'kafkajs producer',
    module: 'kafkajs',
    exportPath: ['Kafka'],
    local: 'kafkajs',
    call: 'call',
    args: '',
    instanceOf: { name: 'kafka', create: 'new', args: "{ clientId: 'app', brokers: ['kafka:9092'] }", method: 'producer' },
  },
  {
    kbId: 'ioredis.duplicate',
    label: 'ioredis duplicate()',
    module: 'ioredis',
    exportPath: ['Redis'],
    defaultIsCallee: true,
    local: 'Redis',
    call: 'call',
    args: '',
    instanceOf: { name: 'baseRedis', create: 'new', args: '', method: 'duplicate' },
  },
  {
    kbId: 'redis.createClient',
    label: 'node-redis createClient().duplicate()',
    module: 'redis',
    exportPath: ['createClient'],
    local: 'redis',
    call: 'call',
    args: '',
    instanceOf: { name: 'baseClient', create: 'call', args: '', method: 'duplicate' },
  },
  {
    kbId: 'aws-sdk.Client',
    label: 'DynamoDBDocumentClient.from(new DynamoDBClient()) (A5: the inner new)',
    module: '@aws-sdk/client-dynamodb',
    exportPath: ['DynamoDBClient'],
    local: 'dynamoSdk',
    call: 'new',
    args: '{}',
    around: { before: 'DynamoDBDocumentClient.from(', after: ')' },
    extraImports: {
      esm: "import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';",
      cjs: "const { DynamoDBDocumentClient } = require('@aws-sdk/lib-dynamodb');",
    },
  },
  {
    kbId: 'undici.Agent',
    label: 'fetch with a per-call undici Agent (A11)',
    module: 'undici',
    exportPath: ['Agent'],
    local: 'undici',
    call: 'new',
    args: '{ connections: 10 }',
    around: { before: "fetch('http://api.internal', { dispatcher: ", after: ' })' },
    awaited: true,
    noLifecycle: true,
  },
  { kbId: 'drizzle', label: 'drizzle(url)', module: 'drizzle-orm/node-postgres', exportPath: ['drizzle'], local: 'drizzlePg', call: 'call', args: 'process.env.DATABASE_URL' },
];

/** Calls that look like constructions but are documented-correct per request (false-positives.md A5, A6). */
export const SAFE_LIBRARIES: readonly LibrarySpec[] = [
  // A6: idempotent global connect (perRequestSafe in the knowledge base).
  { kbId: 'mongoose.connect', label: 'mongoose.connect (idempotent)', module: 'mongoose', exportPath: ['connect'], local: 'mongoose', call: 'call', awaited: true, args: 'process.env.MONGO_URL' },
  // `new Kafka()` opens nothing: not in the catalogue.
  { kbId: null, label: 'new Kafka() (opens nothing)', module: 'kafkajs', exportPath: ['Kafka'], local: 'kafkajs', call: 'new', args: "{ clientId: 'app', brokers: ['kafka:9092'] }" },
  // A5: a cheap wrapper over a shared module-level client.
  {
    kbId: null,
    label: 'DynamoDBDocumentClient.from(shared) (wrapper)',
    module: '@aws-sdk/lib-dynamodb',
    exportPath: ['DynamoDBDocumentClient', 'from'],
    local: 'libDynamo',
    call: 'call',
    args: 'ddb',
    extraImports: {
      esm: "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';",
      cjs: "const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');",
    },
    extraSetup: ['const ddb = new DynamoDBClient({});'],
  },
  // A5: drizzle over a shared pool.
  {
    kbId: null,
    label: 'drizzle(sharedPool) (wrapper)',
    module: 'drizzle-orm/node-postgres',
    exportPath: ['drizzle'],
    local: 'drizzlePg',
    call: 'call',
    args: 'sharedPool',
    extraImports: { esm: "import { Pool } from 'pg';", cjs: "const { Pool } = require('pg');" },
    extraSetup: ['const sharedPool = new Pool({ max: 5 });'],
  },
];

export function kbConstruction(id: string): Construction {
  const found = constructions.find((construction) => construction.id === id);
  if (!found) throw new Error(`the knowledge base has no construction ${id}`);
  return found;
}

/** Whether the knowledge base says the library's construction is a per-request finding at all. */
export function isPerRequestConstruction(library: LibrarySpec): boolean {
  return library.kbId !== null && kbConstruction(library.kbId).perRequestSafe !== true;
}

// ---------------------------------------------------------------------------------------------------------------
// Import styles
// ---------------------------------------------------------------------------------------------------------------

export const IMPORT_STYLES = [
  'named', // import { Pool } from 'pg'
  'default', // import pg from 'pg'; pg.Pool   (ioredis/knex: the default is the callee)
  'namespace', // import * as pg from 'pg'; pg.Pool
  'require', // const pg = require('pg'); pg.Pool
  'requireDestructured', // const { Pool } = require('pg')
  'namedAlias', // import { Pool as PgPool } from 'pg'
  'requireDestructuredAlias', // const { Pool: PgPool } = require('pg')
  'importEquals', // import pg = require('pg')   (TypeScript)
  'constAlias', // import { Pool } from 'pg'; const MyPool = Pool;
  'constDestructure', // import pg from 'pg'; const { Pool } = pg;
  'inlineRequire', // new (require('pg').Pool)()
] as const;
export type ImportStyle = (typeof IMPORT_STYLES)[number];

const ESM_ONLY_STYLES: Partial<Record<ImportStyle, ImportStyle>> = {
  named: 'requireDestructured',
  default: 'require',
  namespace: 'require',
  namedAlias: 'requireDestructuredAlias',
  importEquals: 'require',
};

export function effectiveImportStyle(style: ImportStyle, lang: Lang): ImportStyle {
  if (lang === 'cjs') return ESM_ONLY_STYLES[style] ?? style;
  if (lang === 'js' && style === 'importEquals') return 'namespace';
  return style;
}

interface ImportedCallee {
  readonly lines: string[];
  /** The callee as written (`pg.Pool`, `PgPool`, `(require('pg').Pool)`). */
  readonly callee: string;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Binds `exportPath[0]` (or the module) under `style` and returns the callee text for the whole path. In `.cjs`
 * files (and for the `const` forms there) the bindings come from `require`.
 */
function importCallee(library: Pick<LibrarySpec, 'module' | 'exportPath' | 'defaultIsCallee' | 'local'>, style: ImportStyle, lang: Lang): ImportedCallee {
  const m = `'${library.module}'`;
  const [first, ...rest] = library.exportPath as [string, ...string[]];
  const tail = rest.map((part) => `.${part}`).join('');
  const alias = `My${capitalize(first)}`;
  const esm = lang !== 'cjs';
  switch (style) {
    case 'named':
      return { lines: [`import { ${first} } from ${m};`], callee: `${first}${tail}` };
    case 'namedAlias':
      return { lines: [`import { ${first} as ${alias} } from ${m};`], callee: `${alias}${tail}` };
    case 'default':
      if (library.defaultIsCallee && rest.length === 0) return { lines: [`import ${library.local} from ${m};`], callee: library.local };
      return { lines: [`import ${library.local} from ${m};`], callee: `${library.local}.${library.exportPath.join('.')}` };
    case 'namespace':
      return { lines: [`import * as ${library.local} from ${m};`], callee: `${library.local}.${library.exportPath.join('.')}` };
    case 'importEquals':
      return { lines: [`import ${library.local} = require(${m});`], callee: `${library.local}.${library.exportPath.join('.')}` };
    case 'require':
      if (library.defaultIsCallee && rest.length === 0) return { lines: [`const ${library.local} = require(${m});`], callee: library.local };
      return { lines: [`const ${library.local} = require(${m});`], callee: `${library.local}.${library.exportPath.join('.')}` };
    case 'requireDestructured':
      return { lines: [`const { ${first} } = require(${m});`], callee: `${first}${tail}` };
    case 'requireDestructuredAlias':
      return { lines: [`const { ${first}: ${alias} } = require(${m});`], callee: `${alias}${tail}` };
    case 'constAlias': {
      const binding = esm ? `import { ${first} } from ${m};` : `const { ${first} } = require(${m});`;
      return { lines: [binding, `const ${alias} = ${first};`], callee: `${alias}${tail}` };
    }
    case 'constDestructure': {
      // A module-object name of its own: ioredis' `Redis` must not be declared twice.
      const moduleObject = `${library.local.toLowerCase()}Module`;
      const binding = esm ? `import ${moduleObject} from ${m};` : `const ${moduleObject} = require(${m});`;
      return { lines: [binding, `const { ${first} } = ${moduleObject};`], callee: `${first}${tail}` };
    }
    case 'inlineRequire':
      if (library.defaultIsCallee && rest.length === 0) return { lines: [], callee: `(require(${m}))` };
      return { lines: [], callee: `(require(${m}).${library.exportPath.join('.')})` };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Frameworks
// ---------------------------------------------------------------------------------------------------------------

/** A framework that also takes a named module-level handler function (`app.get('/x', handleItems)`). */
interface ByReference {
  readonly params: (lang: Lang) => string;
  /** Lines after the body inside the handler (the response). */
  readonly tail: readonly string[];
  readonly register: (ref: string) => string[];
  /** A wrapper the framework's users pass the handler through (`asyncHandler(fn)`, `middy(fn)`). */
  readonly wrapper?: { readonly name: string; readonly esm: string; readonly cjs: string };
}

interface FrameworkSpec {
  readonly id: string;
  readonly esmOnly?: boolean;
  readonly tsOnly?: boolean;
  readonly nest?: boolean;
  /** Edge / Workers module: per-request construction is required, never a finding (A4). */
  readonly edgeModule?: boolean;
  readonly filename: (lang: Lang) => string;
  readonly imports: (lang: Lang) => string[];
  readonly setup: string[];
  /** The registration with an inline handler around `body` (`classMembers`: NestJS only). */
  readonly wrap: (body: string[], lang: Lang, classMembers: string[]) => string[];
  readonly byReference?: ByReference;
  /** The receiver of a `listen(port, callback)` whose callback runs once at start-up (A1). */
  readonly listen?: string;
}

const ext = (lang: Lang): string => (lang === 'cjs' ? 'cjs' : lang);
const ind = (lines: readonly string[], spaces: number): string[] => lines.map((line) => (line === '' ? line : ' '.repeat(spaces) + line));
const esmOr = (lang: Lang, esm: string, cjs: string): string[] => [lang === 'cjs' ? cjs : esm];
const ASYNC_HANDLER = {
  name: 'asyncHandler',
  esm: "import asyncHandler from 'express-async-handler';",
  cjs: "const asyncHandler = require('express-async-handler');",
};
const MIDDY = { name: 'middy', esm: "import middy from '@middy/core';", cjs: "const middy = require('@middy/core');" };
const expressImport = (lang: Lang): string[] => esmOr(lang, "import express from 'express';", "const express = require('express');");
const reqRes = (): string => '(req, res)';

export const FRAMEWORKS: readonly FrameworkSpec[] = [
  {
    id: 'express app.get',
    filename: (lang) => `src/app.${ext(lang)}`,
    imports: expressImport,
    setup: ['const app = express();'],
    wrap: (body) => ["app.get('/items', async (req, res) => {", ...ind(body, 2), '  res.json({ ok: true });', '});'],
    byReference: { params: reqRes, tail: ['res.json({ ok: true });'], register: (ref) => [`app.get('/items', ${ref});`], wrapper: ASYNC_HANDLER },
    listen: 'app',
  },
  {
    id: 'express Router post (function expression)',
    filename: (lang) => `src/routes.${ext(lang)}`,
    imports: expressImport,
    setup: ['const router = express.Router();'],
    wrap: (body) => ["router.post('/items', async function (req, res) {", ...ind(body, 2), '  res.status(201).end();', '});'],
    byReference: { params: reqRes, tail: ['res.status(201).end();'], register: (ref) => [`router.post('/items', ${ref});`], wrapper: ASYNC_HANDLER },
  },
  {
    id: 'express app.route().get()',
    filename: (lang) => `src/app.${ext(lang)}`,
    imports: expressImport,
    setup: ['const app = express();'],
    wrap: (body) => ["app.route('/items').get(async (req, res) => {", ...ind(body, 2), '  res.json([]);', '});'],
    byReference: { params: reqRes, tail: ['res.json([]);'], register: (ref) => [`app.route('/items').get(${ref});`], wrapper: ASYNC_HANDLER },
    listen: 'app',
  },
  {
    id: 'express app.use middleware',
    filename: (lang) => `src/app.${ext(lang)}`,
    imports: expressImport,
    setup: ['const app = express();'],
    wrap: (body) => ['app.use(async (req, res, next) => {', ...ind(body, 2), '  next();', '});'],
    byReference: { params: () => '(req, res, next)', tail: ['next();'], register: (ref) => [`app.use(${ref});`], wrapper: ASYNC_HANDLER },
    listen: 'app',
  },
  {
    id: 'fastify shorthand',
    filename: (lang) => `src/server.${ext(lang)}`,
    imports: (lang) => esmOr(lang, "import Fastify from 'fastify';", "const Fastify = require('fastify');"),
    setup: ['const fastify = Fastify({ logger: true });'],
    wrap: (body) => ["fastify.get('/items', async (request, reply) => {", ...ind(body, 2), '  return { ok: true };', '});'],
    byReference: { params: () => '(request, reply)', tail: ['return { ok: true };'], register: (ref) => [`fastify.get('/items', ${ref});`] },
  },
  {
    id: 'fastify route({ handler })',
    filename: (lang) => `src/server.${ext(lang)}`,
    imports: (lang) => esmOr(lang, "import Fastify from 'fastify';", "const Fastify = require('fastify');"),
    setup: ['const fastify = Fastify();'],
    wrap: (body) => [
      'fastify.route({',
      "  method: 'GET',",
      "  url: '/items',",
      '  handler: async (request, reply) => {',
      ...ind(body, 4),
      '    return { ok: true };',
      '  },',
      '});',
    ],
    byReference: {
      params: () => '(request, reply)',
      tail: ['return { ok: true };'],
      register: (ref) => ['fastify.route({', "  method: 'GET',", "  url: '/items',", `  handler: ${ref},`, '});'],
    },
  },
  {
    id: 'koa app.use',
    filename: (lang) => `src/app.${ext(lang)}`,
    imports: (lang) => esmOr(lang, "import Koa from 'koa';", "const Koa = require('koa');"),
    setup: ['const app = new Koa();'],
    wrap: (body) => ['app.use(async (ctx) => {', ...ind(body, 2), "  ctx.body = 'ok';", '});'],
    byReference: { params: () => '(ctx)', tail: ["ctx.body = 'ok';"], register: (ref) => [`app.use(${ref});`] },
    listen: 'app',
  },
  {
    id: 'koa-router get',
    filename: (lang) => `src/router.${ext(lang)}`,
    imports: (lang) => esmOr(lang, "import Router from '@koa/router';", "const Router = require('@koa/router');"),
    setup: ['const router = new Router();'],
    wrap: (body) => ["router.get('/items', async (ctx) => {", ...ind(body, 2), '  ctx.body = [];', '});'],
    byReference: { params: () => '(ctx)', tail: ['ctx.body = [];'], register: (ref) => [`router.get('/items', ${ref});`] },
  },
  {
    id: 'hono app.get',
    filename: (lang) => `src/index.${ext(lang)}`,
    imports: (lang) => esmOr(lang, "import { Hono } from 'hono';", "const { Hono } = require('hono');"),
    setup: ['const app = new Hono();'],
    wrap: (body) => ["app.get('/items', async (c) => {", ...ind(body, 2), '  return c.json({ ok: true });', '});'],
    byReference: { params: () => '(c)', tail: ['return c.json({ ok: true });'], register: (ref) => [`app.get('/items', ${ref});`] },
  },
  {
    id: 'Next.js App Router GET',
    esmOnly: true,
    filename: (lang) => `app/api/items/route.${ext(lang)}`,
    imports: () => [],
    setup: [],
    wrap: (body, lang) => [`export async function GET(request${lang === 'ts' ? ': Request' : ''}) {`, ...ind(body, 2), '  return Response.json({ ok: true });', '}'],
    byReference: {
      params: (lang) => `(request${lang === 'ts' ? ': Request' : ''})`,
      tail: ['return Response.json({ ok: true });'],
      register: (ref) => (/^\w+$/u.test(ref) ? [`export { ${ref} as GET };`] : [`export const GET = ${ref};`]),
    },
  },
  {
    id: 'Next.js pages API default export',
    esmOnly: true,
    filename: (lang) => `pages/api/items.${ext(lang)}`,
    imports: () => [],
    setup: [],
    wrap: (body) => ['export default async function handler(req, res) {', ...ind(body, 2), '  res.status(200).json({ ok: true });', '}'],
    byReference: { params: reqRes, tail: ['res.status(200).json({ ok: true });'], register: (ref) => [`export default ${ref};`] },
  },
  {
    id: 'node:http createServer (default import)',
    filename: (lang) => `src/server.${ext(lang)}`,
    imports: (lang) => esmOr(lang, "import http from 'node:http';", "const http = require('node:http');"),
    setup: [],
    wrap: (body) => ['http.createServer(async (req, res) => {', ...ind(body, 2), "  res.end('ok');", '}).listen(3000);'],
    byReference: { params: reqRes, tail: ["res.end('ok');"], register: (ref) => [`http.createServer(${ref}).listen(3000);`] },
  },
  {
    id: 'http createServer (named import)',
    filename: (lang) => `src/server.${ext(lang)}`,
    imports: (lang) => esmOr(lang, "import { createServer } from 'http';", "const { createServer } = require('http');"),
    setup: [],
    wrap: (body) => ['const server = createServer(async (req, res) => {', ...ind(body, 2), "  res.end('ok');", '});', 'server.listen(3000);'],
    byReference: { params: reqRes, tail: ["res.end('ok');"], register: (ref) => [`const server = createServer(${ref});`, 'server.listen(3000);'] },
  },
  {
    id: 'Lambda export const handler',
    esmOnly: true,
    filename: (lang) => `src/handler.${ext(lang)}`,
    imports: () => [],
    setup: [],
    wrap: (body, lang) => [`export const handler = async (event${lang === 'ts' ? ': unknown' : ''}) => {`, ...ind(body, 2), '  return { statusCode: 200 };', '};'],
    byReference: {
      params: (lang) => `(event${lang === 'ts' ? ': unknown' : ''})`,
      tail: ['return { statusCode: 200 };'],
      register: (ref) => [`export const handler = ${ref};`],
      wrapper: MIDDY,
    },
  },
  {
    id: 'Lambda exports.handler',
    filename: (lang) => `src/handler.${ext(lang)}`,
    imports: () => [],
    setup: [],
    wrap: (body) => ['exports.handler = async (event) => {', ...ind(body, 2), '  return { statusCode: 200 };', '};'],
    byReference: { params: () => '(event)', tail: ['return { statusCode: 200 };'], register: (ref) => [`exports.handler = ${ref};`], wrapper: MIDDY },
  },
  {
    id: 'Lambda module.exports = { handler }',
    filename: (lang) => `src/handler.${ext(lang)}`,
    imports: () => [],
    setup: [],
    wrap: (body) => ['const handler = async function (event) {', ...ind(body, 2), '  return { statusCode: 200 };', '};', 'module.exports = { handler };'],
    byReference: { params: () => '(event)', tail: ['return { statusCode: 200 };'], register: (ref) => [`module.exports = { handler: ${ref} };`] },
  },
  {
    id: 'NestJS @Get controller method',
    tsOnly: true,
    nest: true,
    filename: () => 'src/items.controller.ts',
    imports: () => ["import { Controller, Get, Injectable } from '@nestjs/common';"],
    setup: [],
    wrap: (body, _lang, classMembers) => [
      "@Controller('items')",
      'export class ItemsController {',
      ...ind(classMembers, 2),
      '  @Get()',
      '  async findAll() {',
      ...ind(body, 4),
      '    return [];',
      '  }',
      '}',
    ],
  },
  {
    id: 'GraphQL resolver map',
    filename: (lang) => `src/resolvers.${ext(lang)}`,
    imports: () => [],
    setup: [],
    wrap: (body, lang) => [
      `${lang === 'cjs' ? '' : 'export '}const resolvers = {`,
      '  Query: {',
      '    items: async () => {',
      ...ind(body, 6),
      '      return [];',
      '    },',
      '  },',
      '};',
      ...(lang === 'cjs' ? ['module.exports = { resolvers };'] : []),
    ],
  },
  {
    id: 'setInterval callback',
    filename: (lang) => `src/poller.${ext(lang)}`,
    imports: () => [],
    setup: [],
    wrap: (body) => ['setInterval(async () => {', ...ind(body, 2), '}, 60000);'],
    byReference: { params: () => '()', tail: [], register: (ref) => [`setInterval(${ref}, 60000);`] },
  },
  {
    id: 'BullMQ Worker processor',
    filename: (lang) => `src/worker.${ext(lang)}`,
    imports: (lang) => esmOr(lang, "import { Worker } from 'bullmq';", "const { Worker } = require('bullmq');"),
    setup: [],
    wrap: (body) => ["new Worker('jobs', async (job) => {", ...ind(body, 2), '  return job.id;', '});'],
    byReference: { params: () => '(job)', tail: ['return job.id;'], register: (ref) => [`new Worker('jobs', ${ref});`] },
  },
  {
    id: 'Cloudflare Workers export default { fetch } (edge: exempt)',
    esmOnly: true,
    edgeModule: true,
    filename: (lang) => `src/worker.${ext(lang)}`,
    imports: () => [],
    setup: [],
    wrap: (body) => ['export default {', '  async fetch(request, env, ctx) {', ...ind(body, 4), "    return new Response('ok');", '  },', '};'],
  },
];

// ---------------------------------------------------------------------------------------------------------------
// Placement and nesting
// ---------------------------------------------------------------------------------------------------------------

export const PLACEMENTS = [
  'handler', // per request: built in the handler (or what it reaches)
  'moduleScope', // A1
  'lazyGetter', // A2: let x; function getX() { return (x ??= new X()); }
  'guardInHandler', // A2: module-level let, guarded assignment in the handler
  'globalThis', // A2/A3: globalThis.x ??= new X() / global.x || new X()
  'promiseCache', // A2: let p; const getDb = () => (p ??= open());
  'startup', // A1: main() / bootstrap() / IIFE / listen callback / onModuleInit, run once
  'keyedRegistry', // cache.set(key, new X()) on a module Map
  'localGuard', // trap (A2): the guarded variable is local to per-request code: still per request
  'assignedInTry', // per request: let x; try { x = new X(); … } finally { await x?.end(); }
  'memoized', // A1 (rule doc): const getX = memoize(() => new X()) runs the construction once
] as const;
export type Placement = (typeof PLACEMENTS)[number];

export const GUARD_FORMS = ['??=', 'if (!x)', '||=', 'if (x == null)', 'if (x === undefined)', 'x = x ?? …'] as const;
export type GuardForm = (typeof GUARD_FORMS)[number];
export const GETTER_FORMS = ['return (x ??= …)', 'if (x) return x', 'if (!x) x = …; return x'] as const;
export type GetterForm = (typeof GETTER_FORMS)[number];
export const GLOBAL_FORMS = ['globalThis ??=', 'global ||'] as const;
export const STARTUP_FORMS = ['main()', 'bootstrap()', 'IIFE', 'listen callback', 'onModuleInit'] as const;
export type StartupForm = (typeof STARTUP_FORMS)[number];

export const NESTINGS = [
  'direct', // in the handler body
  'callback', // in a callback nested in the handler
  'helperFunction', // in a same-file function declaration the handler calls
  'tryCatch', // in a try block of the handler
  'innerArrow', // in an arrow function defined and called inside the handler
  'helperArrow', // in a same-file const arrow function the handler calls
  'twoHops', // handler → outer() → inner()
  'thisMethod', // NestJS: a method of the same class called through this. (others: helperFunction)
  'injectedService', // NestJS: a method of a same-file service injected through the constructor (others: twoHops)
  'classConstructor', // the constructor of a same-file class the handler instantiates (code with await: helperFunction)
] as const;
export type Nesting = (typeof NESTINGS)[number];

/** How the handler function is given to the framework. */
export const HANDLER_FORMS = ['inline', 'reference', 'wrapped'] as const;
export type HandlerForm = (typeof HANDLER_FORMS)[number];

/** The declaration of a per-request construction (A11: `await using` is still per request). */
export const DECLARATIONS = ['const', 'let', 'var', 'await using'] as const;
export type Declaration = (typeof DECLARATIONS)[number];

export const EDGE_SIGNALS = ['none', "export const runtime = 'edge'", "export const config = { runtime: 'edge' }", "addEventListener('fetch')"] as const;
export type EdgeSignal = (typeof EDGE_SIGNALS)[number];

export const VARIABLE_NAMES = ['client', 'db', 'conn', 'store'] as const;

export interface FileChoices {
  readonly framework: number;
  readonly library: number;
  readonly safeLibrary: boolean;
  readonly lang: Lang;
  readonly importStyle: ImportStyle;
  readonly placement: Placement;
  readonly guardForm: GuardForm;
  readonly getterForm: GetterForm;
  readonly globalForm: (typeof GLOBAL_FORMS)[number];
  readonly startupForm: StartupForm;
  readonly nesting: Nesting;
  readonly handlerForm: HandlerForm;
  readonly declaration: Declaration;
  readonly edge: EdgeSignal;
  readonly name: (typeof VARIABLE_NAMES)[number];
  readonly connect: boolean;
  readonly close: boolean;
}

export interface Position {
  readonly line: number;
  readonly column: number;
}

export interface GeneratedFile {
  readonly choices: FileChoices;
  /** The choices after normalisation, in words (for counterexamples). */
  readonly summary: string;
  readonly filename: string;
  readonly lang: Lang;
  readonly text: string;
  /** Where the construction call starts (1-based, as ESLint reports). */
  readonly construction: Position;
  /** Whether the generator placed a per-request construction (then the finding is expected at `construction`). */
  readonly perRequest: boolean;
  /** Why not, when it did not. */
  readonly exemptBecause: string | null;
  /** The file's library record. */
  readonly library: LibrarySpec;
  /**
   * What the handler does with the object it builds: its variable (empty when the variable holds something else, a
   * fetch response), connect and close calls, `await using`.
   */
  readonly lifecycle: { readonly name: string; readonly connect?: string; readonly close?: string; readonly disposes: boolean };
}

/** Marks the construction's start in the text while building; removed from the final text. */
const MARK = '\u0001';

interface Pieces {
  moduleLines: string[];
  handlerLines: string[];
  classMembers: string[];
  /** The nesting actually used (a class constructor cannot await). */
  nestedAs?: Nesting;
}

/** Places `stmts` per `nesting`: into the handler, into module-level helpers, or into the NestJS class. */
function nest(stmts: string[], nesting: Nesting, pieces: Pieces): void {
  pieces.nestedAs = nesting;
  switch (nesting) {
    case 'direct':
      pieces.handlerLines.push(...stmts);
      return;
    case 'callback':
      pieces.handlerLines.push('await Promise.resolve().then(async () => {', ...ind(stmts, 2), '});');
      return;
    case 'tryCatch':
      pieces.handlerLines.push('try {', ...ind(stmts, 2), '} catch (error) {', '  console.error(error);', '}');
      return;
    case 'innerArrow':
      pieces.handlerLines.push('const run = async () => {', ...ind(stmts, 2), '};', 'await run();');
      return;
    case 'helperFunction':
      pieces.moduleLines.push('async function loadItems() {', ...ind(stmts, 2), '}');
      pieces.handlerLines.push('await loadItems();');
      return;
    case 'helperArrow':
      pieces.moduleLines.push('const loadItems = async () => {', ...ind(stmts, 2), '};');
      pieces.handlerLines.push('await loadItems();');
      return;
    case 'twoHops':
      pieces.moduleLines.push('async function innerStep() {', ...ind(stmts, 2), '}', 'async function outerStep() {', '  await innerStep();', '}');
      pieces.handlerLines.push('await outerStep();');
      return;
    case 'thisMethod':
      pieces.classMembers.push('private async loadItems() {', ...ind(stmts, 2), '}', '');
      pieces.handlerLines.push('await this.loadItems();');
      return;
    case 'classConstructor':
      if (stmts.some((stmt) => /\bawait\b/u.test(stmt))) {
        nest(stmts, 'helperFunction', pieces);
        return;
      }
      pieces.moduleLines.push('class ItemsRepository {', '  constructor() {', ...ind(stmts, 4), '  }', '}');
      pieces.handlerLines.push('console.log(new ItemsRepository());');
      return;
    case 'injectedService':
      pieces.moduleLines.push('@Injectable()', 'export class ItemsService {', '  async load() {', ...ind(stmts, 4), '  }', '}');
      pieces.classMembers.push('constructor(private readonly itemsService: ItemsService) {}', '');
      pieces.handlerLines.push('await this.itemsService.load();');
      return;
  }
}

function guardedAssignment(form: GuardForm, name: string, value: string): string[] {
  switch (form) {
    case '??=':
      return [`${name} ??= ${value};`];
    case '||=':
      return [`${name} ||= ${value};`];
    case 'if (!x)':
      return [`if (!${name}) ${name} = ${value};`];
    case 'if (x == null)':
      return [`if (${name} == null) {`, `  ${name} = ${value};`, '}'];
    case 'if (x === undefined)':
      return [`if (${name} === undefined) ${name} = ${value};`];
    case 'x = x ?? …':
      return [`${name} = ${name} ?? ${value};`];
  }
}

function getterBody(form: GetterForm, name: string, value: string): string[] {
  switch (form) {
    case 'return (x ??= …)':
      return [`return (${name} ??= ${value});`];
    case 'if (x) return x':
      return [`if (${name}) return ${name};`, `${name} = ${value};`, `return ${name};`];
    case 'if (!x) x = …; return x':
      return [`if (!${name}) {`, `  ${name} = ${value};`, '}', `return ${name};`];
  }
}

/** Builds the file for `choices`. Pure: the same choices always give the same text. */
export function buildFile(choices: FileChoices): GeneratedFile {
  const framework = FRAMEWORKS[choices.framework % FRAMEWORKS.length] as FrameworkSpec;
  const pool = choices.safeLibrary ? SAFE_LIBRARIES : LIBRARIES;
  const library = pool[choices.library % pool.length] as LibrarySpec;

  // ---- normalisation of combinations that cannot be written ----
  let lang = choices.lang;
  if (framework.tsOnly) lang = 'ts';
  if (framework.esmOnly && lang === 'cjs') lang = 'js';
  let edge: EdgeSignal = choices.edge;
  if (lang === 'cjs' && edge !== 'none') edge = "addEventListener('fetch')";
  const style = effectiveImportStyle(choices.importStyle, lang);
  let nesting: Nesting = choices.nesting;
  if (!framework.nest && nesting === 'thisMethod') nesting = 'helperFunction';
  if (!framework.nest && nesting === 'injectedService') nesting = 'twoHops';
  let handlerForm: HandlerForm = framework.byReference ? choices.handlerForm : 'inline';
  if (handlerForm === 'wrapped' && !framework.byReference?.wrapper) handlerForm = 'reference';
  let startupForm: StartupForm = choices.startupForm;
  if (startupForm === 'listen callback' && !framework.listen) startupForm = 'main()';
  if (startupForm === 'onModuleInit' && !framework.nest) startupForm = 'bootstrap()';
  const placement = choices.placement;
  const name = choices.name;
  const ts = lang === 'ts';
  // `await using` only for a construction declared by the handler itself.
  // (Not for a value that is not the client itself, such as a fetch response.)
  const declaration: Declaration = placement === 'handler' && !(library.noLifecycle && choices.declaration === 'await using') ? choices.declaration : 'const';
  const kb = library.kbId === null ? null : kbConstruction(library.kbId);
  // Connect and close only where the handler owns the object (a per-request placement).
  const perRequestPlacement = placement === 'handler' || placement === 'localGuard' || placement === 'assignedInTry';
  const ownsObject = perRequestPlacement && !library.noLifecycle;
  const connectMethod = ownsObject && choices.connect ? kb?.connectMethods?.[0] : undefined;
  const closeMethod = ownsObject && choices.close ? kb?.closeMethods[0] : undefined;

  // ---- the library's imports and the construction expression ----
  const imported = importCallee(library, style, lang);
  const importLines = [...imported.lines];
  if (library.extraImports) importLines.push(lang === 'cjs' ? library.extraImports.cjs : library.extraImports.esm);
  const librarySetup = [...(library.extraSetup ?? [])];
  let callee = imported.callee;
  if (library.instanceOf) {
    const { name: instance, create, args, method } = library.instanceOf;
    librarySetup.push(`const ${instance} = ${create === 'new' ? 'new ' : ''}${callee}(${args});`);
    callee = `${instance}.${method}`;
  }
  const call = `${MARK}${library.call === 'new' ? 'new ' : ''}${callee}(${library.args})`;
  const construct = library.around ? `${library.around.before}${call}${library.around.after}` : call;
  const awaitPrefix = library.awaited ? 'await ' : '';

  // ---- placement ----
  const pieces: Pieces = { moduleLines: [], handlerLines: [], classMembers: [] };
  const startupLines: string[] = [];
  const use = `console.log(${name});`;
  const anyType = ts ? ': any' : '';
  let placementLabel: string = placement;
  switch (placement) {
    case 'handler': {
      const stmts = [`${declaration} ${name} = ${awaitPrefix}${construct};`];
      if (connectMethod) stmts.push(`await ${name}.${connectMethod}();`);
      stmts.push(use);
      if (closeMethod) stmts.push(`await ${name}.${closeMethod}();`);
      nest(stmts, nesting, pieces);
      break;
    }
    case 'localGuard': {
      placementLabel = `localGuard ${choices.guardForm}`;
      const stmts = [`let ${name}${anyType};`, ...guardedAssignment(choices.guardForm, name, `${awaitPrefix}${construct}`)];
      if (connectMethod) stmts.push(`await ${name}.${connectMethod}();`);
      stmts.push(use);
      if (closeMethod) stmts.push(`await ${name}.${closeMethod}();`);
      nest(stmts, nesting, pieces);
      break;
    }
    case 'assignedInTry': {
      const stmts = [`let ${name}${anyType};`, 'try {', `  ${name} = ${awaitPrefix}${construct};`];
      if (connectMethod) stmts.push(`  await ${name}.${connectMethod}();`);
      stmts.push(`  ${use}`, '} finally {');
      if (closeMethod) stmts.push(`  await ${name}?.${closeMethod}();`);
      else stmts.push('  console.log(\'done\');');
      stmts.push('}');
      nest(stmts, nesting, pieces);
      break;
    }
    case 'moduleScope':
      pieces.moduleLines.push(`const ${name} = ${construct};`);
      nest([use], nesting, pieces);
      break;
    case 'lazyGetter': {
      placementLabel = `lazyGetter ${choices.getterForm}`;
      const getter = `get${capitalize(name)}`;
      pieces.moduleLines.push(`let ${name}${anyType};`, `function ${getter}() {`, ...ind(getterBody(choices.getterForm, name, construct), 2), '}');
      nest([`console.log(${awaitPrefix}${getter}());`], nesting, pieces);
      break;
    }
    case 'guardInHandler':
      placementLabel = `guardInHandler ${choices.guardForm}`;
      pieces.moduleLines.push(`let ${name}${anyType};`);
      nest([...guardedAssignment(choices.guardForm, name, `${awaitPrefix}${construct}`), use], nesting, pieces);
      break;
    case 'globalThis': {
      placementLabel = `globalThis ${choices.globalForm}`;
      const viaGlobalThis = choices.globalForm === 'globalThis ??=';
      const root = viaGlobalThis ? (ts ? '(globalThis as any)' : 'globalThis') : ts ? '(global as any)' : 'global';
      const cache = `${root}.__${name}`;
      const expression = viaGlobalThis ? `(${cache} ??= ${construct})` : `${cache} || ${construct}`;
      nest([`const ${name} = ${library.awaited ? `await (${expression})` : expression};`, use], nesting, pieces);
      break;
    }
    case 'promiseCache': {
      const opener = `open${capitalize(name)}`;
      const getter = `get${capitalize(name)}`;
      pieces.moduleLines.push(
        `let ${name}Promise${anyType};`,
        `async function ${opener}() {`,
        `  const created = ${awaitPrefix}${construct};`,
        '  return created;',
        '}',
        `const ${getter} = () => (${name}Promise ??= ${opener}());`,
      );
      nest([`const ${name} = await ${getter}();`, use], nesting, pieces);
      break;
    }
    case 'startup': {
      placementLabel = `startup ${startupForm}`;
      pieces.moduleLines.push(`let ${name}${anyType};`);
      const assign = `${name} = ${awaitPrefix}${construct};`;
      switch (startupForm) {
        case 'IIFE':
          pieces.moduleLines.push('(async () => {', `  ${assign}`, '})();');
          break;
        case 'listen callback':
          startupLines.push(`${framework.listen ?? 'app'}.listen(3000, async () => {`, `  ${assign}`, '});');
          break;
        case 'onModuleInit':
          pieces.classMembers.push('async onModuleInit() {', `  ${assign}`, '}', '');
          break;
        default: {
          const fn = startupForm === 'main()' ? 'main' : 'bootstrap';
          pieces.moduleLines.push(`async function ${fn}() {`, `  ${assign}`, '}', `${fn}();`);
        }
      }
      nest([use], nesting, pieces);
      break;
    }
    case 'memoized': {
      const getter = `get${capitalize(name)}`;
      importLines.push(lang === 'cjs' ? "const memoize = require('lodash/memoize');" : "import memoize from 'lodash/memoize';");
      pieces.moduleLines.push(`const ${getter} = memoize(() => ${construct});`);
      nest([`console.log(${awaitPrefix}${getter}());`], nesting, pieces);
      break;
    }
    case 'keyedRegistry':
      pieces.moduleLines.push(`const registry = new Map${ts ? '<string, any>' : ''}();`);
      nest(
        [`if (!registry.has('default')) registry.set('default', ${awaitPrefix}${construct});`, `const ${name} = registry.get('default');`, use],
        nesting,
        pieces,
      );
      break;
  }

  // ---- the handler: inline, or a named module-level function passed by reference (maybe through a wrapper) ----
  let registration: string[];
  const wrapperImport: string[] = [];
  if (handlerForm === 'inline' || !framework.byReference) {
    registration = framework.wrap(pieces.handlerLines, lang, pieces.classMembers);
  } else {
    const byReference = framework.byReference;
    pieces.moduleLines.push(`async function handleItems${byReference.params(lang)} {`, ...ind([...pieces.handlerLines, ...byReference.tail], 2), '}');
    let ref = 'handleItems';
    if (handlerForm === 'wrapped' && byReference.wrapper) {
      ref = `${byReference.wrapper.name}(handleItems)`;
      wrapperImport.push(lang === 'cjs' ? byReference.wrapper.cjs : byReference.wrapper.esm);
    }
    registration = byReference.register(ref);
  }

  const edgeLines: string[] = edge === 'none' ? [] : edge === "addEventListener('fetch')" ? ["addEventListener('fetch', () => {});"] : [`${edge};`];
  const lines = [
    ...framework.imports(lang),
    ...wrapperImport,
    ...importLines,
    ...edgeLines,
    ...librarySetup,
    ...framework.setup,
    ...pieces.moduleLines,
    ...registration,
    ...startupLines,
  ];
  const marked = `${lines.join('\n')}\n`;
  const offset = marked.indexOf(MARK);
  if (offset < 0 || marked.indexOf(MARK, offset + 1) >= 0) throw new Error('the generator must place exactly one construction');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;

  // ---- the expectation, from the choices alone (spec §3.1, false-positives.md Part A) ----
  let exemptBecause: string | null = null;
  if (!isPerRequestConstruction(library)) exemptBecause = 'not a per-request construction per the knowledge base (A5/A6)';
  else if (framework.edgeModule) exemptBecause = 'edge / Workers module (A4)';
  else if (edge !== 'none') exemptBecause = `edge signal ${edge} (A4)`;
  else if (!perRequestPlacement) exemptBecause = `placement ${placementLabel} (A1/A2/A3)`;

  const summary = [
    `framework=${framework.id}`,
    `handler=${handlerForm}`,
    `library=${library.label}`,
    `lang=${lang}`,
    `import=${style}`,
    `placement=${placementLabel}`,
    placement === 'handler' ? `declaration=${declaration}` : '',
    `nesting=${pieces.nestedAs ?? nesting}`,
    `edge=${edge}`,
    connectMethod ? `connect=${connectMethod}` : '',
    closeMethod ? `close=${closeMethod}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return {
    choices,
    summary,
    filename: framework.filename(lang),
    lang,
    text,
    construction: { line, column },
    perRequest: exemptBecause === null,
    exemptBecause,
    library,
    lifecycle: {
      name: library.noLifecycle ? '' : name,
      ...(connectMethod ? { connect: connectMethod } : {}),
      ...(closeMethod ? { close: closeMethod } : {}),
      disposes: declaration === 'await using',
    },
  };
}

/** Mostly per-request placements (the interesting case), but every exemption often enough. */
const placementArbitrary: fc.Arbitrary<Placement> = fc.oneof(
  { arbitrary: fc.constant<Placement>('handler'), weight: 6 },
  { arbitrary: fc.constantFrom<Placement>(...PLACEMENTS.filter((placement) => placement !== 'handler')), weight: 9 },
);

const edgeArbitrary: fc.Arbitrary<EdgeSignal> = fc.oneof(
  { arbitrary: fc.constant<EdgeSignal>('none'), weight: 8 },
  { arbitrary: fc.constantFrom<EdgeSignal>(...EDGE_SIGNALS.slice(1)), weight: 1 },
);

const declarationArbitrary: fc.Arbitrary<Declaration> = fc.oneof(
  { arbitrary: fc.constant<Declaration>('const'), weight: 6 },
  { arbitrary: fc.constantFrom<Declaration>(...DECLARATIONS.slice(1)), weight: 2 },
);

const choiceArbitraries = {
  framework: fc.nat({ max: FRAMEWORKS.length - 1 }),
  library: fc.nat({ max: Math.max(LIBRARIES.length, SAFE_LIBRARIES.length) - 1 }),
  safeLibrary: fc.oneof({ arbitrary: fc.constant(false), weight: 9 }, { arbitrary: fc.constant(true), weight: 1 }),
  lang: fc.constantFrom<Lang>('ts', 'js', 'cjs'),
  importStyle: fc.constantFrom(...IMPORT_STYLES),
  placement: placementArbitrary,
  guardForm: fc.constantFrom(...GUARD_FORMS),
  getterForm: fc.constantFrom(...GETTER_FORMS),
  globalForm: fc.constantFrom(...GLOBAL_FORMS),
  startupForm: fc.constantFrom(...STARTUP_FORMS),
  nesting: fc.constantFrom(...NESTINGS),
  handlerForm: fc.constantFrom(...HANDLER_FORMS),
  declaration: declarationArbitrary,
  edge: edgeArbitrary,
  name: fc.constantFrom(...VARIABLE_NAMES),
  connect: fc.boolean(),
  close: fc.boolean(),
};

type ChoiceArbitraries = { [K in keyof FileChoices]: fc.Arbitrary<FileChoices[K]> };

/** Files from every choice, or with some choices drawn from other arbitraries (e.g. only per-request placements). */
export function fileArbitrary(overrides: Partial<ChoiceArbitraries> = {}): fc.Arbitrary<GeneratedFile> {
  const arbitraries: ChoiceArbitraries = { ...choiceArbitraries, ...overrides };
  return fc.record(arbitraries).map((choices) => {
    const file = buildFile(choices);
    // A counterexample prints as its one-line summary (the assertion message has the whole file).
    return Object.assign(file, { [fc.toStringMethod]: () => file.summary });
  });
}

export const generatedFileArbitrary: fc.Arbitrary<GeneratedFile> = fileArbitrary();

/** The simplest choices (each arbitrary's first value): express, pg Pool, TypeScript, named import, in the handler. */
export const BASE_CHOICES: FileChoices = {
  framework: 0,
  library: 0,
  safeLibrary: false,
  lang: 'ts',
  importStyle: 'named',
  placement: 'handler',
  guardForm: '??=',
  getterForm: 'return (x ??= …)',
  globalForm: 'globalThis ??=',
  startupForm: 'main()',
  nesting: 'direct',
  handlerForm: 'inline',
  declaration: 'const',
  edge: 'none',
  name: 'client',
  connect: false,
  close: false,
};

/** A file from the base choices with some changed, the library named by its label (for pinned examples). */
export function exampleFile(library: string, changes: Partial<FileChoices> = {}): GeneratedFile {
  const index = LIBRARIES.findIndex((candidate) => candidate.label === library);
  if (index < 0) throw new Error(`no library ${library}`);
  const file = buildFile({ ...BASE_CHOICES, library: index, ...changes });
  return Object.assign(file, { [fc.toStringMethod]: () => file.summary });
}

/** Files that do contain a per-request construction (unless the framework is an edge module). */
export const perRequestFileArbitrary: fc.Arbitrary<GeneratedFile> = fileArbitrary({
  placement: fc.oneof(
    { arbitrary: fc.constant<Placement>('handler'), weight: 4 },
    { arbitrary: fc.constantFrom<Placement>('localGuard', 'assignedInTry'), weight: 2 },
  ),
  safeLibrary: fc.constant(false),
  edge: fc.constant<EdgeSignal>('none'),
});

/** The counterexample as a reader wants it: the choices and the numbered file. */
export function describeFile(file: GeneratedFile): string {
  return `${file.summary}\nfile ${file.filename}; construction at ${file.construction.line}:${file.construction.column}; ${
    file.perRequest ? 'per request' : `exempt: ${file.exemptBecause}`
  }\n${numbered(file.text)}`;
}

export function numbered(text: string): string {
  return text
    .split('\n')
    .map((line, index) => `${String(index + 1).padStart(3)} | ${line}`)
    .join('\n');
}
