/**
 * The profiled text: a deterministic ~5,000-line Express service with a module-level pg pool, typed rows and many
 * async handlers (the shape of `big.ts` in knowledge/performance.md), one of which builds an ioredis client per request.
 */
import * as path from 'node:path';

import { workDirectory } from '../common/paths';

export interface Subject {
  readonly text: string;
  readonly fileName: string;
  readonly lines: number;
}

/** The same service importing its pool and client from the project's own modules: no catalogue import at all. */
export function bigPlainFile(handlers = 550): Subject {
  const subject = bigDriverFile(handlers, ['./db', './cache']);
  return { ...subject, fileName: subject.fileName.replace(/big\.ts$/u, 'big-plain.ts') };
}

export function bigDriverFile(handlers = 550, [pgModule, redisModule] = ['pg', 'ioredis']): Subject {
  const parts = [
    "import express from 'express';",
    `import { Pool } from '${pgModule}';`,
    `import Redis from '${redisModule}';`,
    '',
    'const app = express();',
    "const pool = new Pool({ max: 10, idleTimeoutMillis: 30_000 });",
    '',
  ];
  for (let index = 0; index < handlers; index++) {
    parts.push(
      `interface Row${index} { id: number; name: string; tags: string[] }`,
      `app.get('/items/${index}/:id', async (req, res) => {`,
      '  try {',
      `    const { rows } = await pool.query<Row${index}>('select * from t${index} where id = $1', [req.params.id]);`,
      `    if (rows.length === 0) return res.status(404).json({ error: \`not found ${index}\` });`,
      '    res.json(rows.map((row) => ({ ...row, tags: row.tags.filter(Boolean) })));',
      '  } catch (error) {',
      '    res.status(500).json({ error: String(error) });',
      '  }',
      '});',
    );
  }
  parts.push("app.get('/cache/:key', async (req, res) => {", "  const redis = new Redis({ host: 'cache' });", '  res.json(await redis.get(req.params.key));', '});', '');
  const text = parts.join('\n');
  return { text, fileName: path.join(workDirectory, 'profile', 'big.ts'), lines: parts.length };
}
