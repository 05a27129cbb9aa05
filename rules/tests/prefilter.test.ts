/** The prefilter is sound: any text with a finding passes it; texts without a catalogue import do not. */
import assert from 'node:assert/strict';

import { mayContainConstruction } from '../src/prefilter';
import { invalid } from './cases/no-client-per-request';

describe('prefilter', () => {
  it('passes every invalid case of no-client-per-request', () => {
    for (const testCase of invalid) assert.ok(mayContainConstruction(testCase.code), testCase.name);
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
