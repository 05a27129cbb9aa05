/**
 * Shapes of the driver knowledge base. Rules never name a library: they read these records.
 * Facts come from `shared/knowledge/drivers.md`; each record cites the library behaviour it encodes.
 */

/** A property path inside an options object, e.g. `['pool', 'max']`. */
export type OptionPath = readonly string[];

/**
 * A path from a module's export to a callee. Plain names are property accesses; `#new` and `#call`
 * step through "the instance built by `new`" and "the result of calling", so
 * `['Kafka', '#new', 'producer']` is `new Kafka(...).producer`. A leading `default` is dropped when
 * resolving (ESM default import of a CommonJS module is the module object).
 */
export type ExportPath = readonly string[];

export type ModuleMatcher =
  | { readonly name: string }
  /** Any module whose specifier starts with this prefix, e.g. `@aws-sdk/client-`. */
  | { readonly prefix: string }
  /** Any module at all (Prisma's generated client can live at any path). */
  | { readonly any: true };

export type CalleeMatcher =
  | { readonly path: ExportPath }
  /** One export whose name matches, e.g. `S3Client` for `/Client$/`. */
  | { readonly exportPattern: string }
  /** The aggregated AWS class named after the module's service: `S3` in `@aws-sdk/client-s3`. */
  | { readonly serviceNameOfPrefix: string };

/** A value an operand can take when the option is not written. */
export type Operand =
  | { readonly value: number | boolean | string }
  | { readonly option: OptionPath; readonly default: Operand };

export interface Comparison {
  readonly left: Operand;
  readonly op: '<' | '>' | '===' | '!==';
  readonly right: Operand;
}

/** Where the options object and the connection string sit among the arguments. */
export interface ArgumentLayout {
  /** Index of the options object, or per argument count (Sequelize takes 1, 2 or 4 arguments). */
  readonly options?: number | { readonly byArity: Readonly<Record<number, number>> };
  /** Index of a connection string whose query parameters are read as top-level options. */
  readonly uri?: number;
  /** The connection string's query keys are options of the same name (mongodb, mysql2). */
  readonly uriParamsAreOptions?: boolean;
}

export type ArgShape =
  /** A string literal, template literal, `process.env.X`, or a const bound to one. */
  | 'string'
  | { readonly objectWithAnyKey: readonly string[] };

export interface ArgCondition {
  readonly arg: number;
  readonly anyOf: readonly ArgShape[];
}

export type IoTiming = 'lazy' | 'eager' | 'async';
export type HoistStyle = 'verbatim' | 'singleton';
export type ObjectKind = 'pool' | 'single connection' | 'cluster client' | 'socket pool' | 'client';

/** The option's question does not arise for these values of another option (knex on SQLite keeps one file handle). */
export interface Exemption {
  readonly option: OptionPath;
  readonly in: readonly string[];
}

export interface LimitSpec {
  readonly option: OptionPath;
  /** Legacy names the library still reads (pg `poolSize`), in the order it reads them after `option`. */
  readonly aliases?: readonly OptionPath[];
  /**
   * Other options that also bound the pool as a whole (`http.Agent` `maxTotalSockets`): a written value outside
   * `unlimitedValues` makes the pool bounded even when `option` is unset.
   */
  readonly boundedAlsoBy?: readonly OptionPath[];
  /** The bound the library applies when the option is not written; `unlimited` when there is none. */
  readonly default: number | 'unlimited';
  /** How the default reads in a message when it is not a plain number (`CPUs×2+1`). */
  readonly defaultText?: string;
  /** Written values the library reads as "no limit". */
  readonly unlimitedValues: readonly (number | null)[];
  /** What the limit counts, for messages. */
  readonly unit: string;
  /** The value the quick-fix inserts: the library default, or 10 where the library has none. */
  readonly suggested: number;
  /** The default differs here (knex on SQLite: 1), so no `requireExplicit` finding or fix. */
  readonly exemptWhen?: Exemption;
  /**
   * Writing the option is not behaviour-neutral on every version of the library (AWS SDK: the `requestHandler`
   * shorthand needs 3.521.0). Writing the default is then a suggestion, never an autofix; the text goes in the message.
   */
  readonly writeCaveat?: string;
}

/**
 * A suggested value computed from another option: `of + plus` (mysql2 `maxIdle` = `connectionLimit - 1`). No value
 * is suggested when the operand is unknown or the result is negative.
 */
export interface DerivedValue {
  readonly of: Operand;
  readonly plus: number;
}

export interface IdleSpec {
  /** The option that closes idle connections; absent when the library has none (mysqljs). */
  readonly option?: OptionPath;
  readonly default: number | 'never';
  readonly unit: 'ms' | 's';
  /** Written values the library reads as "never close". */
  readonly neverValues: readonly number[];
  /** The idle option only acts when this holds (mysql2 `maxIdle < connectionLimit`). */
  readonly activeWhen?: Comparison;
  /** Text naming the condition above, for the message. */
  readonly activeWhenText?: string;
  /** Idle connections exist only when this holds (`http.Agent` keeps sockets only with `keepAlive`). */
  readonly appliesWhen?: Comparison;
  /** Idle handling is irrelevant when this holds (knex on SQLite keeps one file handle). */
  readonly exemptWhen?: Exemption;
  /** Options the quick-fix writes. */
  readonly suggestion: readonly { readonly option: OptionPath; readonly value: number | boolean | DerivedValue }[];
  /** Extra advice for the message when there is no option to set. */
  readonly note?: string;
}

export interface Construction {
  /** Stable id used in tests and messages' data, e.g. `pg.Pool`. */
  readonly id: string;
  /** The library as users know it (the npm name). */
  readonly library: string;
  /** How the construction reads in a message, e.g. `new Pool()`. */
  readonly display: string;
  readonly modules: readonly ModuleMatcher[];
  readonly callees: readonly CalleeMatcher[];
  readonly call: 'new' | 'call' | 'either';
  readonly object: ObjectKind;
  readonly io: IoTiming;
  /** I/O timing changes with an option (ioredis `lazyConnect: true` makes it lazy). */
  readonly ioWhen?: { readonly when: Comparison; readonly io: IoTiming };
  readonly hoist: HoistStyle;
  /** Per-request construction is expected and safe (idempotent global connects): rules 1 and 4 skip it. */
  readonly perRequestSafe?: boolean;
  /** The call is a construction only when its arguments look like this (drizzle with a URL). */
  readonly onlyWhen?: ArgCondition;
  /** Methods that must run once before use; a hoist must cache the connected object. */
  readonly connectMethods?: readonly string[];
  /** Methods that close the object; a hoist removes them from the handler. */
  readonly closeMethods: readonly string[];
  /** Extra sentence for rule 1's message (pg `Client`: use a Pool). */
  readonly perRequestAdvice?: string;
  readonly args?: ArgumentLayout;
  readonly limit?: LimitSpec;
  readonly idle?: IdleSpec;
}

/** A call that wraps an existing client cheaply; hoisting may carry it along with the construction inside. */
export interface Wrapper {
  readonly library: string;
  readonly modules: readonly ModuleMatcher[];
  readonly callees: readonly CalleeMatcher[];
}

/**
 * A factory of the user's own code base that builds a client or pool (spec §3: `clientFactories`, also a language
 * server setting). With `module`, only that module's export counts; without, any callee of that name.
 */
export interface UserFactory {
  readonly module?: string;
  readonly name: string;
  readonly kind: 'pool' | 'client';
}

/**
 * A way to check a client out of a pool (rule 5 `release-pooled-client`, drivers.md §6). The acquire call's callee
 * must resolve to `modules` + one of `callees` (a pool instance path followed by the method), e.g.
 * `['Pool', '#new', 'connect']` for `new Pool().connect`.
 */
export interface AcquireApi {
  /** Stable id, e.g. `pg.Pool.connect`. */
  readonly id: string;
  /** The library as users know it (the npm name), for messages. */
  readonly library: string;
  /** How the acquire reads in a message, e.g. `pool.connect()`. */
  readonly display: string;
  readonly modules: readonly ModuleMatcher[];
  /** Resolved export paths of the acquire callee (leading `default` dropped). */
  readonly callees: readonly ExportPath[];
  /** The method name, for receivers that cannot be resolved (see `byNameOnly`). */
  readonly method: string;
  /**
   * The method may be matched by name alone when the receiver is unknown (a parameter, `this.pool`): only when the
   * file imports one of `modules` and the receiver's name ends in `pool` (case-insensitive). Precision first: a pg
   * `Client` also has `connect()`, mssql pools `connect()` themselves, mutexes `acquire()`.
   */
  readonly byNameOnly?: boolean;
  /** `await pool.x()` resolves to the client. */
  readonly promise: boolean;
  /** The callback form `pool.x((err, client, release) => …)`: parameter positions in the callback. */
  readonly callback?: { readonly errorParam: number; readonly clientParam: number; readonly releaseParam?: number };
  /** The call is not an acquire when its arguments look like this (oracledb standalone `getConnection({ user, … })`). */
  readonly notWhen?: ArgCondition;
  /** Methods of the client that return it to the pool or destroy it. The first is the one the suggestion writes. */
  readonly clientRelease: readonly string[];
  /** Methods of the pool that take the client as their first argument and return or destroy it. */
  readonly poolRelease: readonly string[];
  /** Whether the suggested release is written as the pool's method (`pool.release(r)`) rather than the client's. */
  readonly suggestOn: 'client' | 'pool';
  /** The suggested release returns a promise that should be awaited (oracledb `await conn.close()`). */
  readonly awaitRelease?: boolean;
  /**
   * Client methods that show the client is deliberately held for a long time (pg LISTEN clients register
   * `client.on('notification', …)`): the rule then stays silent.
   */
  readonly holdMethods?: readonly string[];
}
