// PoolGuard's impact benchmark service (bench/impact). per-request.mjs is the anti-pattern, written by hand: a Redis
// and a PostgreSQL client built, connected and closed on every request. fixed.mjs is generated from it by PoolGuard's
// own fix-all (bench/impact/fix.ts): never edit it by hand. Run by node directly; configured by the environment:
// PORT, REDIS_HOST, REDIS_PORT, PG_HOST, PG_PORT, PG_USER, PG_DATABASE.
import express from 'express';
import Redis from 'ioredis';
import pg from 'pg';

const redisOptions = {
  host: process.env.REDIS_HOST ?? '127.0.0.1',
  port: Number(process.env.REDIS_PORT ?? 6379),
};
const pgOptions = {
  host: process.env.PG_HOST ?? '127.0.0.1',
  port: Number(process.env.PG_PORT ?? 5432),
  user: process.env.PG_USER ?? 'postgres',
  database: process.env.PG_DATABASE ?? 'postgres',
};

const app = express();

app.get('/user/:id', async (req, res) => {
  const redis = new Redis(redisOptions);
  const client = new pg.Client(pgOptions);
  await client.connect();
  try {
    const id = Number(req.params.id);
    const visits = await redis.get(`visits:${id}`);
    const { rows } = await client.query('select id, name, email from users where id = $1', [id]);
    if (rows.length === 0) {
      res.status(404).json({ error: 'not found' });
      return;
    }
    res.json({ ...rows[0], visits: Number(visits ?? 0) });
  } finally {
    await client.end();
    await redis.quit();
  }
});

app.get('/health', (req, res) => {
  res.json({ ok: true });
});

const server = app.listen(Number(process.env.PORT ?? 3000), '127.0.0.1', () => {
  console.log(`listening on ${server.address().port}`);
});
