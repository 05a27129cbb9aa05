/**
 * What the editors must show for the fixture workspace (test/e2e/fixtures/workspace), shared by the VS Code suite,
 * the UI test and the Neovim test: one fixture, one expected answer.
 */

export const HOIST_TITLE = 'Create it once, lazily, in a module-level singleton (`redis, getRedis`).';

/** src/no-client-per-request.ts after the preferred quick fix (the lazy-singleton hoist). */
export const HOISTED_TEXT = `import express from 'express';
import Redis from 'ioredis';

let redis: Redis | undefined;
function getRedis() {
  return (redis ??= new Redis({ host: 'cache' }));
}

const app = express();

app.get('/users/:id', async (req, res) => {
  const redis = getRedis();
  res.json(await redis.get(\`user:\${req.params.id}\`));
});
`;
