/**
 * Arbitraries for `require-pool-limit` (spec §3.2): a pool construction of every knowledge-base record that has a
 * `limit`, with its limit option (and the legacy aliases and the other bounding options the record names) absent,
 * `0`, `null`, `Infinity`, `undefined`, positive, negative, a same-file `const`, or non-literal; the options object
 * inline, a same-file `const`, spread from one, not passed at all, or unknown (a call result); for libraries that read
 * a connection string's query, a literal connection string that may carry the limit too.
 *
 * The expectation is computed from the knowledge-base record's data alone (`limit.option`, `aliases`,
 * `boundedAlsoBy`, `default`, `unlimitedValues`, `exemptWhen`, `args`), following the meaning types.ts gives them —
 * never by calling the rule's code.
 */
import fc from 'fast-check';
import { constructions } from 'eslint-plugin-poolguard/knowledge';
import type { Construction, LimitSpec, OptionPath } from 'eslint-plugin-poolguard/knowledge';

import { numbered } from './handler-files';

interface PoolTemplate {
  readonly id: string;
  readonly imports: string;
  /** The call up to the arguments, e.g. `new Pool` or `mysql.createPool`. */
  readonly callee: string;
  /** Arguments before the options object (their count is the record's options index). */
  readonly fillers: readonly string[];
  /** Other options written beside the limit (noise, and knex's `client`). */
  readonly otherOptions?: readonly string[];
  /** The first filler is a connection string whose query the library reads (mongodb). */
  readonly uriFiller?: { readonly base: string };
  /** The options slot itself may be a connection string (mysql2 `createPool(uri)`). */
  readonly uriInSlot?: { readonly base: string };
  /** Sequelize: the options index depends on the argument count. */
  readonly arities?: readonly (readonly string[])[];
}

export const POOL_TEMPLATES: readonly PoolTemplate[] = [
  { id: 'pg.Pool', imports: "import { Pool } from 'pg';", callee: 'new Pool', fillers: [], otherOptions: ["host: 'db'"] },
  { id: 'pg-pool.Pool', imports: "import PgPool from 'pg-pool';", callee: 'new PgPool', fillers: [] },
  { id: 'mysql2.createPool', imports: "import mysql from 'mysql2';", callee: 'mysql.createPool', fillers: [], otherOptions: ["host: 'db'"], uriInSlot: { base: 'mysql://user@db:3306/app' } },
  { id: 'mysql.createPool', imports: "import mysql from 'mysql';", callee: 'mysql.createPool', fillers: [], otherOptions: ["host: 'db'"] },
  { id: 'mongodb.MongoClient', imports: "import { MongoClient } from 'mongodb';", callee: 'new MongoClient', fillers: ['URI'], uriFiller: { base: 'mongodb://db:27017/app' } },
  { id: 'mongodb.MongoClient.connect', imports: "import { MongoClient } from 'mongodb';", callee: 'MongoClient.connect', fillers: ['URI'], uriFiller: { base: 'mongodb://db:27017/app' } },
  { id: 'mongoose.createConnection', imports: "import mongoose from 'mongoose';", callee: 'mongoose.createConnection', fillers: ['URI'], uriFiller: { base: 'mongodb://db/app' } },
  { id: 'redis.createClientPool', imports: "import { createClientPool } from 'redis';", callee: 'createClientPool', fillers: ["{ url: 'redis://cache:6379' }"] },
  { id: 'redis.client.createPool', imports: "import { createClient } from 'redis';", callee: 'createClient().createPool', fillers: [] },
  { id: 'undici.Pool', imports: "import { Pool } from 'undici';", callee: 'new Pool', fillers: ["'http://api.internal'"], otherOptions: ['pipelining: 1'] },
  { id: 'undici.Agent', imports: "import { Agent } from 'undici';", callee: 'new Agent', fillers: [], otherOptions: ['pipelining: 1'] },
  { id: 'http.Agent', imports: "import http from 'node:http';", callee: 'new http.Agent', fillers: [], otherOptions: ['keepAlive: true'] },
  { id: 'aws-sdk.Client', imports: "import { S3Client } from '@aws-sdk/client-s3';", callee: 'new S3Client', fillers: [], otherOptions: ["region: 'eu-west-1'"] },
  { id: 'knex', imports: "import knex from 'knex';", callee: 'knex', fillers: [], otherOptions: [] },
  {
    id: 'sequelize.Sequelize',
    imports: "import { Sequelize } from 'sequelize';",
    callee: 'new Sequelize',
    fillers: [],
    arities: [[], ["'postgres://db/app'"], ["'app'", "'user'", "'secret'"]],
  },
  { id: 'typeorm.DataSource', imports: "import { DataSource } from 'typeorm';", callee: 'new DataSource', fillers: [], otherOptions: ["type: 'postgres'"] },
  { id: 'elasticsearch.Client', imports: "import { Client } from '@elastic/elasticsearch';", callee: 'new Client', fillers: [], otherOptions: ["node: 'http://es:9200'"] },
  { id: 'generic-pool.createPool', imports: "import genericPool from 'generic-pool';", callee: 'genericPool.createPool', fillers: ['factory'] },
  { id: 'generic-pool.Pool', imports: "import genericPool from 'generic-pool';", callee: 'new genericPool.Pool', fillers: ['Evictor', 'Deque', 'PriorityQueue', 'factory'] },
  { id: 'mssql.ConnectionPool', imports: "import sql from 'mssql';", callee: 'new sql.ConnectionPool', fillers: [], otherOptions: ["server: 'db'"] },
  { id: 'oracledb.createPool', imports: "import oracledb from 'oracledb';", callee: 'oracledb.createPool', fillers: [], otherOptions: ["user: 'app'"] },
];

export function recordOf(id: string): Construction & { limit: LimitSpec } {
  const record = constructions.find((construction) => construction.id === id);
  if (!record?.limit) throw new Error(`no knowledge-base construction with a limit: ${id}`);
  return record as Construction & { limit: LimitSpec };
}

/** A generated value of one option. */
export type LimitValue =
  | { readonly kind: 'absent' }
  /** Written as a literal (or a same-file `const` bound to one): the library sees `value`. */
  | { readonly kind: 'literal'; readonly value: number | null | undefined; readonly viaConst: boolean }
  /** Computed at run time: unknown. */
  | { readonly kind: 'nonLiteral' };

const literal = (value: number | null | undefined, viaConst = false): LimitValue => ({ kind: 'literal', value, viaConst });

/** 0 / null / Infinity / undefined / positive / negative / a const / non-literal / absent. */
export const limitValueArbitrary: fc.Arbitrary<LimitValue> = fc.oneof(
  { arbitrary: fc.constant<LimitValue>({ kind: 'absent' }), weight: 4 },
  { arbitrary: fc.constantFrom<LimitValue>(literal(0), literal(null), literal(Infinity), literal(undefined)), weight: 4 },
  { arbitrary: fc.integer({ min: 1, max: 500 }).map((value) => literal(value)), weight: 1 },
  { arbitrary: fc.integer({ min: -100, max: -1 }).map((value) => literal(value)), weight: 1 },
  { arbitrary: fc.constantFrom<number | null>(0, 5, Infinity, null).map((value) => literal(value, true)), weight: 1 },
  { arbitrary: fc.constant<LimitValue>({ kind: 'nonLiteral' }), weight: 1 },
);

export type Delivery = 'inline' | 'const' | 'spread' | 'unknown';

export interface PoolChoices {
  readonly template: number;
  /** One value per option the record names: `[option, ...aliases, ...boundedAlsoBy]`. */
  readonly values: readonly LimitValue[];
  readonly delivery: Delivery;
  /** A connection string parameter of the limit (mongodb, mysql2), or none. */
  readonly uriValue: number | null;
  /** mysql2: the options slot is the connection string. */
  readonly uriInSlot: boolean;
  /** Sequelize's argument form. */
  readonly arity: number;
  /** knex's `client` (the requireExplicit exemption for SQLite). */
  readonly knexClient: 'pg' | 'sqlite3' | 'nonLiteral';
  readonly requireExplicit: boolean;
}

export interface PoolFile {
  readonly choices: PoolChoices;
  readonly summary: string;
  readonly text: string;
  readonly line: number;
  readonly column: number;
  /** Whether the knowledge base says the effective limit is unbounded (or, with requireExplicit, unstated). */
  readonly expectFinding: boolean;
  readonly why: string;
}

function valueText(value: number | null | undefined): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (value === Infinity) return 'Infinity';
  return String(value);
}

/** Paths the record names, in the order the library reads them. */
function limitPaths(limit: LimitSpec): { paths: OptionPath[]; bounding: number } {
  const paths = [limit.option, ...(limit.aliases ?? [])];
  return { paths: [...paths, ...(limit.boundedAlsoBy ?? [])], bounding: paths.length };
}

type Tree = Map<string, Tree | string>;

function setPath(tree: Tree, path: OptionPath, text: string): void {
  const [head, ...rest] = path as [string, ...string[]];
  if (rest.length === 0) {
    tree.set(head, text);
    return;
  }
  let child = tree.get(head);
  if (!(child instanceof Map)) {
    child = new Map();
    tree.set(head, child);
  }
  setPath(child, rest, text);
}

function treeText(tree: Tree): string {
  const parts = [...tree].map(([key, value]) => `${key}: ${value instanceof Map ? treeText(value) : value}`);
  return parts.length === 0 ? '{}' : `{ ${parts.join(', ')} }`;
}

const MARK = '\u0001';

/** The file and the expectation for `choices`. */
export function buildPoolFile(choices: PoolChoices): PoolFile {
  const template = POOL_TEMPLATES[choices.template % POOL_TEMPLATES.length] as PoolTemplate;
  const record = recordOf(template.id);
  const limit = record.limit;
  const { paths, bounding } = limitPaths(limit);
  const values = paths.map((_, index) => choices.values[index] ?? ({ kind: 'absent' } as LimitValue));

  // ---- the options object ----
  const moduleLines: string[] = [];
  const tree: Tree = new Map();
  for (const option of template.otherOptions ?? []) tree.set(option.split(':')[0] as string, option.slice(option.indexOf(':') + 1).trim());
  const knexClient = template.id === 'knex' ? choices.knexClient : null;
  if (knexClient !== null) tree.set('client', knexClient === 'nonLiteral' ? 'process.env.DB_CLIENT' : `'${knexClient}'`);
  values.forEach((value, index) => {
    if (value.kind === 'absent') return;
    let text: string;
    if (value.kind === 'nonLiteral') text = 'Number(process.env.POOL_LIMIT)';
    else if (value.viaConst) {
      text = `LIMIT_${index}`;
      moduleLines.push(`const ${text} = ${valueText(value.value)};`);
    } else text = valueText(value.value);
    setPath(tree, paths[index] as OptionPath, text);
  });
  const anyLimitWritten = values.some((value) => value.kind !== 'absent');
  const uriInSlot = template.uriInSlot !== undefined && choices.uriInSlot;
  let delivery: Delivery | 'string' | 'none' = choices.delivery;
  let optionsText: string | null;
  if (uriInSlot) {
    // mysql2 createPool(uri): the connection string is the whole configuration.
    delivery = 'string';
    optionsText = `'${template.uriInSlot?.base ?? ''}${choices.uriValue === null ? '' : `?${limit.option.join('.')}=${choices.uriValue}`}'`;
  } else if (delivery === 'unknown') {
    optionsText = 'loadPoolOptions()';
  } else if (tree.size === 0 && !anyLimitWritten) {
    delivery = 'none';
    optionsText = null;
  } else if (delivery === 'const') {
    moduleLines.push(`const poolOptions = ${treeText(tree)};`);
    optionsText = 'poolOptions';
  } else if (delivery === 'spread') {
    // The limit options come from a spread const; the other options are written inline after it.
    const base: Tree = new Map([...tree].filter(([key]) => paths.some((path) => path[0] === key)));
    const rest: Tree = new Map([...tree].filter(([key]) => !base.has(key)));
    moduleLines.push(`const baseOptions = ${treeText(base)};`);
    optionsText = `{ ...baseOptions${rest.size > 0 ? `, ${treeText(rest).slice(2, -2)}` : ''} }`;
  } else {
    optionsText = treeText(tree);
  }

  // ---- arguments ----
  const arity = template.arities ? (template.arities[choices.arity % template.arities.length] as readonly string[]) : template.fillers;
  const uriText =
    template.uriFiller === undefined ? null : `'${template.uriFiller.base}${choices.uriValue === null ? '' : `?${limit.option.join('.')}=${choices.uriValue}`}'`;
  const fillers = arity.map((filler) => (filler === 'URI' ? (uriText ?? "'uri'") : filler));
  // Sequelize's one-argument form takes the options object alone; without options it needs its URI.
  const args = optionsText === null ? (template.arities && fillers.length === 0 ? ["'postgres://db/app'"] : fillers) : [...fillers, optionsText];
  const call = `${MARK}${template.callee}(${args.join(', ')})`;
  const lines = [template.imports, ...moduleLines, `export const pool = ${call};`];
  const marked = `${lines.join('\n')}\n`;
  const offset = marked.indexOf(MARK);
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const before = text.slice(0, offset);

  // ---- the expectation, from the record's data ----
  const optionsIndex = optionsIndexOf(record, args.length);
  const verdict = expectation({
    record,
    paths,
    bounding,
    values,
    delivery,
    optionsPassed: optionsText !== null && !uriInSlot && optionsIndex === fillers.length,
    uriValue: choices.uriValue,
    uriInSlot,
    hasUriFiller: template.uriFiller !== undefined,
    knexClient,
    requireExplicit: choices.requireExplicit,
  });
  const summary = [
    template.id,
    `delivery=${delivery}`,
    `values=[${values.map((value, index) => `${(paths[index] as OptionPath).join('.')}=${value.kind === 'literal' ? `${valueText(value.value)}${value.viaConst ? ' (const)' : ''}` : value.kind}`).join(', ')}]`,
    choices.uriValue !== null && (template.uriFiller || uriInSlot) ? `uri=${choices.uriValue}` : '',
    knexClient !== null ? `client=${knexClient}` : '',
    template.arities ? `arity=${args.length}` : '',
    `requireExplicit=${choices.requireExplicit}`,
  ]
    .filter(Boolean)
    .join(' ');
  return {
    choices,
    summary,
    text,
    line: before.split('\n').length,
    column: offset - (before.lastIndexOf('\n') + 1) + 1,
    expectFinding: verdict.finding,
    why: verdict.why,
  };
}

/** The options index the record's `args` layout gives for this argument count. */
function optionsIndexOf(record: Construction, argumentCount: number): number | null {
  const options = record.args?.options;
  if (options === undefined) return null;
  return typeof options === 'number' ? options : (options.byArity[argumentCount] ?? null);
}

interface ExpectationInput {
  readonly record: Construction & { limit: LimitSpec };
  readonly paths: readonly OptionPath[];
  /** How many of `paths` are the option and its aliases (the rest bound the pool as a whole). */
  readonly bounding: number;
  readonly values: readonly LimitValue[];
  readonly delivery: Delivery | 'string' | 'none';
  /** The options object sits where the record's layout says. */
  readonly optionsPassed: boolean;
  readonly uriValue: number | null;
  readonly uriInSlot: boolean;
  readonly hasUriFiller: boolean;
  readonly knexClient: 'pg' | 'sqlite3' | 'nonLiteral' | null;
  readonly requireExplicit: boolean;
}

type Read = { state: 'absent' } | { state: 'unknown' } | { state: 'value'; value: unknown };

/**
 * types.ts: `unlimitedValues` are "written values the library reads as no limit"; `aliases` are read "in the order
 * it reads them after `option`"; a written `boundedAlsoBy` value outside `unlimitedValues` "makes the pool bounded
 * even when `option` is unset"; `default: 'unlimited'` means no bound when nothing is written; `exemptWhen` drops the
 * requireExplicit question. Spec §3.2 / rule doc: options that cannot be read are unknown (no finding); an explicit
 * `undefined` is "not set", as in the libraries; a literal connection string's query parameters are options
 * (`uriParamsAreOptions`), an object value wins over them.
 */
function expectation(input: ExpectationInput): { finding: boolean; why: string } {
  const { record, paths, values } = input;
  const limit = record.limit;
  if (input.delivery === 'unknown') return { finding: false, why: 'options unknown' };
  const uriParams = record.args?.uriParamsAreOptions === true && (input.uriInSlot || input.hasUriFiller);
  const read = (index: number): Read => {
    const value = input.optionsPassed ? values[index] : undefined;
    if (value?.kind === 'nonLiteral') return { state: 'unknown' };
    if (value?.kind === 'literal' && value.value !== undefined) return { state: 'value', value: value.value };
    const path = paths[index] as OptionPath;
    // The generator writes the connection string parameter under the limit option's own name.
    if (uriParams && input.uriValue !== null && path === limit.option) return { state: 'value', value: input.uriValue };
    return { state: 'absent' };
  };
  const unlimited = (value: unknown): boolean => (limit.unlimitedValues as readonly unknown[]).includes(value);
  for (let index = 0; index < input.bounding; index++) {
    const found = read(index);
    if (found.state === 'unknown') return { finding: false, why: `${(paths[index] as OptionPath).join('.')} unknown` };
    if (found.state === 'value') {
      return unlimited(found.value)
        ? { finding: true, why: `${(paths[index] as OptionPath).join('.')}=${String(found.value)} is unlimited` }
        : { finding: false, why: `${(paths[index] as OptionPath).join('.')}=${String(found.value)} bounds it` };
    }
  }
  for (let index = input.bounding; index < paths.length; index++) {
    const found = read(index);
    if (found.state === 'unknown') return { finding: false, why: `${(paths[index] as OptionPath).join('.')} unknown` };
    if (found.state === 'value' && !unlimited(found.value)) return { finding: false, why: `${(paths[index] as OptionPath).join('.')} bounds it` };
  }
  if (limit.default === 'unlimited') return { finding: true, why: 'no limit written and the default is unlimited' };
  if (!input.requireExplicit) return { finding: false, why: `bounded default ${limit.default}` };
  if (limit.exemptWhen && input.knexClient !== null) {
    if (input.knexClient === 'nonLiteral') return { finding: false, why: 'exemption unknown' };
    if (limit.exemptWhen.in.includes(input.knexClient)) return { finding: false, why: `exempt (${input.knexClient})` };
  }
  return { finding: true, why: `requireExplicit: relies on the default ${limit.default}` };
}

export const poolChoicesArbitrary: fc.Arbitrary<PoolChoices> = fc.record({
  template: fc.nat({ max: POOL_TEMPLATES.length - 1 }),
  values: fc.array(limitValueArbitrary, { minLength: 3, maxLength: 3 }),
  delivery: fc.oneof(
    { arbitrary: fc.constant<Delivery>('inline'), weight: 4 },
    { arbitrary: fc.constantFrom<Delivery>('const', 'spread'), weight: 2 },
    { arbitrary: fc.constant<Delivery>('unknown'), weight: 1 },
  ),
  uriValue: fc.oneof({ arbitrary: fc.constant(null), weight: 2 }, { arbitrary: fc.constantFrom(0, 5, 100), weight: 1 }),
  uriInSlot: fc.boolean(),
  arity: fc.nat({ max: 2 }),
  knexClient: fc.constantFrom<'pg' | 'sqlite3' | 'nonLiteral'>('pg', 'sqlite3', 'nonLiteral'),
  requireExplicit: fc.oneof({ arbitrary: fc.constant(false), weight: 3 }, { arbitrary: fc.constant(true), weight: 1 }),
});

export const poolFileArbitrary: fc.Arbitrary<PoolFile> = poolChoicesArbitrary.map((choices) => {
  const file = buildPoolFile(choices);
  return Object.assign(file, { [fc.toStringMethod]: () => file.summary });
});

export function describePoolFile(file: PoolFile): string {
  return `${file.summary}\nexpected: ${file.expectFinding ? 'a finding' : 'no finding'} at ${file.line}:${file.column} (${file.why})\n${numbered(file.text)}`;
}
