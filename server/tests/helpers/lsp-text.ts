/** Text helpers for LSP tests: expected ranges computed from the text, never typed by hand. */
import type { Range } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';

import { rules } from '../../src/engine';

/** The LSP range of the `occurrence`-th (0-based) `needle` in `text`. */
export function rangeOf(text: string, needle: string, occurrence = 0): Range {
  let index = -1;
  for (let seen = 0; seen <= occurrence; seen++) {
    index = text.indexOf(needle, index + 1);
    if (index === -1) throw new Error(`'${needle}' (#${occurrence}) not in the text`);
  }
  const document = TextDocument.create('file:///x', 'typescript', 0, text);
  return { start: document.positionAt(index), end: document.positionAt(index + needle.length) };
}

/** The docs URL the engine gives a rule (`meta.docs.url`). */
export function docsUrl(ruleId: string): string {
  const url = rules.find((rule) => rule.id === ruleId)?.url;
  if (url === undefined) throw new Error(`no docs url for ${ruleId}`);
  return url;
}

export const PER_REQUEST = 'poolguard/no-client-per-request';
export const POOL_LIMIT = 'poolguard/require-pool-limit';
export const IDLE_TIMEOUT = 'poolguard/require-idle-timeout';

/** Several findings of every rule in one Express file (the fix-all input). */
export const MULTI_SOURCE = `import express from 'express';
import Redis from 'ioredis';
import { Pool } from 'pg';
import { Agent } from 'undici';
import mysql from 'mysql2';

const app = express();
export const agent = new Agent();
export const mpool = mysql.createPool({ host: 'db' });

app.get('/a', async (req, res) => {
  const redis = new Redis();
  res.send(await redis.get('a'));
});

app.get('/b', async (req, res) => {
  const pool = new Pool();
  res.json((await pool.query('select 1')).rows);
});
`;

/** A diagnostic's message; PoolGuard sends plain strings (LSP 3.18 also allows markup). */
export function messageOf(diagnostic: { message: string | { value: string } } | undefined): string {
  if (diagnostic === undefined) return '';
  return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}
