/**
 * Acquire / release APIs of pooled clients (rule 5 `release-pooled-client`). Facts: shared/knowledge/drivers.md §6.
 * A client checked out of a pool must go back on every path, or the pool fills up and later acquires wait forever
 * (pg: `connectionTimeoutMillis` defaults to none; mysql2: no acquire timeout; generic-pool: `max` 1 by default).
 * Adding a library means adding a record here; the rule reads nothing else.
 */
import type { AcquireApi, ModuleMatcher } from './types';

const mods = (...names: string[]): ModuleMatcher[] => names.map((name) => ({ name }));

/** pg: `done` of the callback is `client.release`; `release(true)` / `release(err)` destroys the client instead. */
const PG = {
  library: 'pg',
  display: 'pool.connect()',
  method: 'connect',
  promise: true,
  callback: { errorParam: 0, clientParam: 1, releaseParam: 2 },
  clientRelease: ['release'],
  poolRelease: [],
  suggestOn: 'client',
  // A LISTEN client is held on purpose for the life of the process and listens with `client.on('notification')`.
  holdMethods: ['on', 'once', 'addListener'],
} as const;

/** mysql2 pools (callback and promise APIs, and the `pool.promise()` view of a callback pool). */
const MYSQL2 = {
  library: 'mysql2',
  display: 'pool.getConnection()',
  modules: mods('mysql2', 'mysql2/promise'),
  method: 'getConnection',
  clientRelease: ['release', 'destroy'],
  // ‡ `pool.releaseConnection(conn)` (drivers.md §6).
  poolRelease: ['releaseConnection'],
  suggestOn: 'client',
} as const;

export const acquireApis: readonly AcquireApi[] = [
  { ...PG, id: 'pg.Pool.connect', modules: mods('pg'), callees: [['Pool', '#new', 'connect'], ['native', 'Pool', '#new', 'connect']], byNameOnly: true },
  { ...PG, id: 'pg-pool.Pool.connect', library: 'pg-pool', modules: mods('pg-pool'), callees: [['#new', 'connect']] },
  {
    ...MYSQL2,
    id: 'mysql2.getConnection',
    // `mysql2` createPool is a callback pool; `mysql2/promise` createPool and `pool.promise()` resolve to the client.
    callees: [['createPool', '#call', 'getConnection'], ['createPool', '#call', 'promise', '#call', 'getConnection']],
    promise: true,
    callback: { errorParam: 0, clientParam: 1 },
    byNameOnly: true,
  },
  {
    id: 'mysql.getConnection',
    library: 'mysql',
    display: 'pool.getConnection()',
    modules: mods('mysql'),
    callees: [['createPool', '#call', 'getConnection']],
    method: 'getConnection',
    // mysqljs has no promise API: only `pool.getConnection((err, conn) => …)`.
    promise: false,
    callback: { errorParam: 0, clientParam: 1 },
    clientRelease: ['release', 'destroy'],
    poolRelease: [],
    suggestOn: 'client',
  },
  {
    id: 'generic-pool.acquire',
    library: 'generic-pool',
    display: 'pool.acquire()',
    modules: mods('generic-pool'),
    callees: [['createPool', '#call', 'acquire'], ['Pool', '#new', 'acquire']],
    method: 'acquire',
    byNameOnly: true,
    promise: true,
    // The resource has no methods of its own: `pool.release(r)` returns it, `pool.destroy(r)` discards it.
    clientRelease: [],
    poolRelease: ['release', 'destroy'],
    suggestOn: 'pool',
  },
  {
    id: 'oracledb.getConnection',
    library: 'oracledb',
    display: 'getConnection()',
    modules: mods('oracledb'),
    callees: [
      // The default pool, or `{ poolAlias }` / a pool alias string.
      ['getConnection'],
      ['createPool', '#call', 'getConnection'],
      ['getPool', '#call', 'getConnection'],
    ],
    method: 'getConnection',
    promise: true,
    // `getConnection({ user, password, connectString })` opens a standalone connection: a rule 1 construction.
    notWhen: { arg: 0, anyOf: [{ objectWithAnyKey: ['connectString', 'connectionString', 'user'] }] },
    // `close()` returns a pooled connection to its pool; `close({ drop: true })` discards it.
    clientRelease: ['close'],
    poolRelease: [],
    suggestOn: 'client',
    awaitRelease: true,
  },
];
