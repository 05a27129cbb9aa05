/** The related-location side channel for in-process hosts (the language server). */
import assert from 'node:assert/strict';

import * as parser from '@typescript-eslint/parser';
import { Linter } from 'eslint';

import plugin = require('../src/index');
import type { FindingKey, RelatedLocation } from '../src/util/related';

const code = `import express from 'express';
import Redis from 'ioredis';
const app = express();
app.get('/users', async (req, res) => {
  const redis = new Redis();
  res.json(await redis.get('users'));
});`;

describe('related locations', () => {
  it('records the handler of a per-request construction in a sink passed through settings', () => {
    const recorded: [FindingKey, RelatedLocation][] = [];
    const linter = new Linter({ configType: 'flat' });
    const messages = linter.verify(
      code,
      [
        {
          files: ['**/*.ts'],
          languageOptions: { parser },
          plugins: { poolguard: plugin as unknown as NonNullable<Linter.Config['plugins']>[string] },
          rules: { 'poolguard/no-client-per-request': 'error' },
          settings: { poolguard: { related: { add: (finding: FindingKey, related: RelatedLocation) => recorded.push([finding, related]) } } },
        },
      ],
      'app.ts',
    );
    assert.equal(messages.length, 1);
    assert.deepEqual(recorded, [
      [
        { ruleId: 'poolguard/no-client-per-request', line: messages[0].line, column: messages[0].column },
        { line: 4, column: 19, endLine: 7, endColumn: 2, message: 'The route handler GET /users runs this construction on every request.' },
      ],
    ]);
  });
});
