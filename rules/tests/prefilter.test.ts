/** The prefilter is sound: any text with a finding passes it; texts without a catalogue import do not. */
import assert from 'node:assert/strict';

import { mayContainConstruction } from '../src/prefilter';
import { invalid } from './cases/no-client-per-request';

describe('prefilter', () => {
  it('passes every invalid case of no-client-per-request', () => {
    for (const testCase of invalid) {
      const factories = testCase.options?.[0]?.clientFactories ?? [];
      assert.ok(mayContainConstruction(testCase.code, factories), testCase.name);
    }
  });

  it('passes each import form of a catalogue module', () => {
    for (const text of [
      "import { Pool } from 'pg';",
      'const { Pool } = require("pg");',
      'import pg = require(`pg`);',
      "const m = await import('mysql2/promise');",
      "import { S3Client } from '@aws-sdk/client-s3';",
      "import { PrismaClient } from '../generated/prisma';",
    ]) {
      assert.ok(mayContainConstruction(text), text);
    }
  });

  it('passes a text that only calls a declared factory', () => {
    const text = "import { createDb } from './db';\nexport const handler = async () => createDb();";
    assert.equal(mayContainConstruction(text), false);
    assert.ok(mayContainConstruction(text, [{ module: './db', name: 'createDb', kind: 'pool' }]));
  });

  it('rejects texts that import nothing the catalogue knows', () => {
    for (const text of [
      "import express from 'express';\napp.get('/', (req, res) => res.send('ok'));",
      "import { upgrade } from './pg-helpers';\nconst pgp = 1;",
      '',
    ]) {
      assert.equal(mayContainConstruction(text), false, text);
    }
  });
});
