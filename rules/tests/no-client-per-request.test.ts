import { RuleTester } from '@typescript-eslint/rule-tester';

import rule from '../src/rules/no-client-per-request';
import { invalid, valid } from './cases/no-client-per-request';
import { describeFixOutputs } from './util/fix-outputs';

const ruleTester = new RuleTester({
  languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
});

ruleTester.run('no-client-per-request', rule, { valid, invalid });

describeFixOutputs('no-client-per-request', rule, invalid);

// `clientFactories` shared by all rules through ESLint settings (the language server passes its setting this way).
ruleTester.run('no-client-per-request: clientFactories from settings', rule, {
  valid: [
    {
      code: "import { createDb } from './db';\nexport const handler = async () => createDb();",
      filename: 'src/handler.ts',
      settings: { poolguard: { clientFactories: [{ module: './other', name: 'createDb', kind: 'pool' }] } },
    },
  ],
  invalid: [
    {
      code: "import { createDb } from './db';\nexport const handler = async () => createDb();",
      filename: 'src/handler.ts',
      settings: { poolguard: { clientFactories: [{ module: './db', name: 'createDb', kind: 'pool' }] } },
      errors: [
        {
          messageId: 'perRequest',
          line: 2,
          column: 36,
          endLine: 2,
          endColumn: 46,
          suggestions: [
            {
              messageId: 'hoistToSingleton',
              data: { names: 'db, getDb' },
              output:
                "import { createDb } from './db';\n\nlet db: ReturnType<typeof createDb> | undefined;\nfunction getDb() {\n  return (db ??= createDb());\n}\nexport const handler = async () => getDb();",
            },
            {
              messageId: 'hoistToGlobalThis',
              data: { names: 'db, getDb, globalForDb' },
              output:
                "import { createDb } from './db';\n\nconst globalForDb = globalThis as unknown as { db?: ReturnType<typeof createDb> };\nfunction getDb() {\n  return (globalForDb.db ??= createDb());\n}\nexport const handler = async () => getDb();",
            },
          ],
        },
      ],
    },
  ],
});

// CommonJS scope (`.cjs`, sourceType commonjs): `exports`, `module` and `require` are provided variables there.
// (The tester's option type omits ESLint's `sourceType`, which it passes through at run time.)
const commonJs = { sourceType: 'commonjs' } as unknown as { parserOptions: Record<string, never> };
ruleTester.run('no-client-per-request: CommonJS scope', rule, {
  valid: [],
  invalid: [
    {
      code: "const { Client } = require('pg');\nexports.handler = async () => {\n  const client = new Client();\n  return client;\n};",
      filename: 'src/lambda.cjs',
      languageOptions: commonJs,
      errors: [
        {
          messageId: 'perRequest',
          line: 3,
          column: 18,
          endLine: 3,
          endColumn: 30,
          suggestions: [
            {
              messageId: 'hoistToModule',
              data: { names: 'client' },
              output: "const { Client } = require('pg');\n\nconst client = new Client();\nexports.handler = async () => {\n  return client;\n};",
            },
            {
              messageId: 'hoistToGlobalThis',
              data: { names: 'client' },
              output:
                "const { Client } = require('pg');\n\n// Cached on globalThis so that module re-evaluation (dev servers, hot reload) reuses it.\nconst client = (globalThis.client ??= new Client());\nexports.handler = async () => {\n  return client;\n};",
            },
          ],
        },
      ],
    },
    {
      code: "const Redis = require('ioredis');\nmodule.exports = { handler: async () => new Redis().get('k') };",
      filename: 'src/lambda.cjs',
      languageOptions: commonJs,
      errors: [{ messageId: 'perRequest', line: 2, column: 41, endLine: 2, endColumn: 52, suggestions: [
        {
          messageId: 'hoistToSingleton',
          data: { names: 'redis, getRedis' },
          output: "const Redis = require('ioredis');\n\nlet redis;\nfunction getRedis() {\n  return (redis ??= new Redis());\n}\nmodule.exports = { handler: async () => getRedis().get('k') };",
        },
        {
          messageId: 'hoistToGlobalThis',
          data: { names: 'redis, getRedis' },
          output: "const Redis = require('ioredis');\n\n// Cached on globalThis so that module re-evaluation (dev servers, hot reload) reuses it.\nfunction getRedis() {\n  return (globalThis.redis ??= new Redis());\n}\nmodule.exports = { handler: async () => getRedis().get('k') };",
        },
      ] }],
    },
  ],
});
