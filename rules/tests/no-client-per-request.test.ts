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
