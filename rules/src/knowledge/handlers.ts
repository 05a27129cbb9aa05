/**
 * Framework knowledge for handler detection (spec §3.1): which registrations run a function once per request,
 * invocation, message or tick. Data only; `util/handlers.ts` reads it.
 */

/** Router methods whose function arguments run per request when the first argument is a path (Express, Koa, Hono, Fastify). */
export const ROUTE_METHODS: ReadonlySet<string> = new Set([
  'get', 'post', 'put', 'patch', 'delete', 'del', 'head', 'options', 'all', 'any', 'search', 'purge',
]);

/** Methods whose every function argument is middleware (Express/Connect/Koa/Hono `use`, tRPC middleware). */
export const MIDDLEWARE_METHODS: ReadonlySet<string> = new Set(['use']);

/** Object-literal keys that hold per-request functions in route definitions (Fastify `route`, Azure `app.http`). */
export const ROUTE_OBJECT_KEYS: ReadonlySet<string> = new Set([
  'handler', 'preHandler', 'onRequest', 'preValidation', 'preParsing', 'preSerialization', 'onSend', 'onResponse',
]);

/** Methods taking a route-definition object (Fastify / Hapi `route`). */
export const ROUTE_OBJECT_METHODS: ReadonlySet<string> = new Set(['route']);

/** Fastify hooks that run per request (`addHook(name, fn)`); onReady/onClose/onRoute run once. */
export const PER_REQUEST_HOOKS: ReadonlySet<string> = new Set([
  'onRequest', 'preParsing', 'preValidation', 'preHandler', 'preSerialization', 'onSend', 'onResponse', 'onError',
  'onTimeout', 'onRequestAbort',
]);

/** Events whose listeners run per request / connection / message (`server.on('request')`, WebSocket). */
export const PER_REQUEST_EVENTS: ReadonlySet<string> = new Set(['request', 'connection', 'message', 'upgrade', 'stream']);
export const LISTENER_METHODS: ReadonlySet<string> = new Set(['on', 'once', 'addListener', 'prependListener']);

/** Azure Functions v4 triggers: `app.http(name, { handler })` and friends. */
export const AZURE_TRIGGERS: ReadonlySet<string> = new Set([
  'http', 'get', 'post', 'put', 'patch', 'deleteRequest', 'timer', 'storageBlob', 'storageQueue', 'serviceBusQueue',
  'serviceBusTopic', 'eventHub', 'eventGrid', 'cosmosDB', 'generic',
]);

/** Google Cloud Functions framework: `functions.http(name, fn)`, `functions.cloudEvent(name, fn)`. */
export const GCF_REGISTRATIONS: ReadonlySet<string> = new Set(['http', 'cloudEvent']);

/** Firebase triggers whose function argument runs per invocation. */
export const FIREBASE_TRIGGERS: ReadonlySet<string> = new Set([
  'onRequest', 'onCall', 'onDocumentCreated', 'onDocumentUpdated', 'onDocumentDeleted', 'onDocumentWritten',
  'onMessagePublished', 'onObjectFinalized', 'onTaskDispatched', 'onValueCreated', 'onValueWritten', 'onSchedule',
]);

/** tRPC procedure resolvers: `publicProcedure.input(x).query(fn)`. */
export const TRPC_RESOLVERS: ReadonlySet<string> = new Set(['query', 'mutation', 'subscription']);

/** Queue consumers: amqplib `channel.consume(queue, fn)`; kafkajs `consumer.run({ eachMessage })`. */
export const CONSUME_METHODS: ReadonlySet<string> = new Set(['consume']);
export const RUN_OBJECT_KEYS: ReadonlySet<string> = new Set(['eachMessage', 'eachBatch']);
/** sqs-consumer `Consumer.create({ handleMessage })`. */
export const CONSUMER_OBJECT_KEYS: ReadonlySet<string> = new Set(['handleMessage', 'handleMessageBatch']);

/** Constructors whose function argument is a job processor: BullMQ `new Worker(name, processor)`. */
export const PROCESSOR_CONSTRUCTORS: readonly { module: string; path: readonly string[]; argument: number }[] = [
  { module: 'bullmq', path: ['Worker'], argument: 1 },
];

/** Node servers whose callback runs per request / connection. */
export const SERVER_FACTORIES: readonly { modules: readonly string[]; names: readonly string[] }[] = [
  {
    modules: ['http', 'https', 'http2', 'net', 'node:http', 'node:https', 'node:http2', 'node:net'],
    names: ['createServer', 'createSecureServer'],
  },
];

/** Timers that re-run their callback: each tick is an invocation. */
export const INTERVAL_FUNCTIONS: ReadonlySet<string> = new Set(['setInterval']);
/** node-cron `cron.schedule(expr, fn)`. */
export const SCHEDULE_METHODS: ReadonlySet<string> = new Set(['schedule']);

/** NestJS / GraphQL / microservice decorators that make a method a handler. */
export const HANDLER_DECORATORS: ReadonlySet<string> = new Set([
  'Get', 'Post', 'Put', 'Patch', 'Delete', 'Head', 'Options', 'All', 'Search',
  'Query', 'Mutation', 'Subscription', 'ResolveField', 'ResolveProperty',
  'MessagePattern', 'EventPattern', 'SubscribeMessage', 'GrpcMethod', 'Cron', 'Interval', 'Process', 'OnEvent',
]);

/** GraphQL resolver-map root keys: an object with one of these is a resolver map. */
export const GRAPHQL_ROOT_TYPES: ReadonlySet<string> = new Set(['Query', 'Mutation', 'Subscription']);

/** Module-syntax servers: `export default { fetch }` (Workers, Bun, Deno). */
export const FETCH_EXPORT_KEYS: ReadonlySet<string> = new Set(['fetch']);

/** AWS Lambda's conventional export name. */
export const LAMBDA_EXPORTS: ReadonlySet<string> = new Set(['handler']);

/** Next.js App Router route-handler exports (`app/**\/route.*`). */
export const NEXT_ROUTE_EXPORTS: ReadonlySet<string> = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);
export const NEXT_APP_ROUTE_FILE = /(?:^|[\\/])app[\\/](?:.*[\\/])?route\.[cm]?[jt]sx?$/;
/** Next.js Pages Router: API routes (default export) and per-request data functions. */
export const NEXT_PAGES_API_FILE = /(?:^|[\\/])pages[\\/]api[\\/]/;
export const NEXT_PAGES_FILE = /(?:^|[\\/])pages[\\/]/;
export const NEXT_PER_REQUEST_PAGE_EXPORTS: ReadonlySet<string> = new Set(['getServerSideProps']);

/** Edge / Workers module signals (spec §3.1): per-request clients are required there. */
export const EDGE_RUNTIME_VALUES: ReadonlySet<string> = new Set(['edge', 'experimental-edge']);
