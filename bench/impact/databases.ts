/**
 * A throw-away Redis and PostgreSQL on 127.0.0.1, on non-default ports, with their files under bench/.work/impact,
 * started as children of this run (so stopped by it), and seeded with the data the service reads.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

import Redis from 'ioredis';
import { Client } from 'pg';

import type { Tools } from './install';
import { startProcess, type ManagedProcess } from './processes';

export const HOST = '127.0.0.1';
export const USER_COUNT = 1000;

export interface RedisServer {
  readonly process: ManagedProcess;
  readonly port: number;
  readonly version: string;
  readonly maxClients: number;
}

export interface PostgresServer {
  readonly process: ManagedProcess;
  readonly port: number;
  readonly version: string;
  readonly maxConnections: number;
  readonly dataDirectory: string;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, HOST, () => server.close(() => resolve(true)));
  });
}

/** `preferred` when nothing listens there, else the next free port above it. */
export async function freePort(preferred: number): Promise<number> {
  for (let port = preferred; port < preferred + 200; port++) if (await portIsFree(port)) return port;
  throw new Error(`no free port in ${preferred}…${preferred + 199}`);
}

async function waitUntil(what: string, target: ManagedProcess, timeoutMs: number, ready: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (target.exitCode !== undefined) throw new Error(`${what} exited (code ${target.exitCode}) before it was ready: see ${target.logFile}`);
    if (await ready()) return;
    if (Date.now() > deadline) throw new Error(`${what} not ready after ${timeoutMs} ms: see ${target.logFile}`);
    await sleep(100);
  }
}

export async function startRedis(tools: Tools, directory: string, preferredPort: number): Promise<RedisServer> {
  fs.rmSync(directory, { recursive: true, force: true });
  fs.mkdirSync(directory, { recursive: true });
  const port = await freePort(preferredPort);
  const logFile = path.join(directory, 'redis.log');
  const args = ['--port', String(port), '--bind', HOST, '--save', '', '--appendonly', 'no', '--dir', directory, '--daemonize', 'no', '--logfile', logFile];
  const server = startProcess('redis-server', tools.redisServer, args, { logFile: path.join(directory, 'redis.stdout.log'), stopSignal: 'SIGTERM', signalGroup: false });
  await waitUntil('redis-server', server, 15_000, () => {
    const ping = spawnSync(tools.redisCli, ['-h', HOST, '-p', String(port), 'ping'], { encoding: 'utf8' });
    return ping.stdout.trim() === 'PONG';
  });
  const redis = new Redis({ host: HOST, port, lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    const info = await redis.info('server');
    const maxClients = (await redis.config('GET', 'maxclients')) as string[];
    return { process: server, port, version: /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown', maxClients: Number(maxClients[1]) };
  } finally {
    redis.disconnect();
  }
}

function postgresUser(): { uid: number; gid: number } {
  const id = (flag: string): number => {
    const result = spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error('running as root, but there is no `postgres` user to run PostgreSQL as (install the postgresql package)');
    return Number(result.stdout.trim());
  };
  return { uid: id('-u'), gid: id('-g') };
}

/**
 * PostgreSQL refuses to run as root: as root, its directory belongs to `postgres` and every binary runs through
 * `setpriv` (which execs, so the child's pid is the postmaster's).
 */
export async function startPostgres(tools: Tools, workDirectory: string, preferredPort: number, maxConnections: number): Promise<PostgresServer> {
  const asPostgres = (binary: string, args: string[]): [string, string[]] =>
    tools.setpriv ? [tools.setpriv, ['--reuid=postgres', '--regid=postgres', '--init-groups', binary, ...args]] : [binary, args];
  let directory = path.join(workDirectory, 'pg');
  fs.rmSync(directory, { recursive: true, force: true });
  fs.mkdirSync(directory, { recursive: true });
  if (tools.setpriv) {
    const { uid, gid } = postgresUser();
    fs.chownSync(directory, uid, gid);
    // The postgres user must reach the directory; a private checkout (mode 700 somewhere above) cannot, /tmp can.
    const [command, args] = asPostgres('/bin/sh', ['-c', `test -w "${directory}"`]);
    if (spawnSync(command, args).status !== 0) {
      fs.rmSync(directory, { recursive: true, force: true });
      directory = fs.mkdtempSync(path.join(os.tmpdir(), 'poolguard-impact-pg-'));
      fs.chownSync(directory, uid, gid);
    }
  }
  const dataDirectory = path.join(directory, 'data');
  const logFile = path.join(workDirectory, 'postgres.log');
  fs.writeFileSync(logFile, '');
  const [initCommand, initArgs] = asPostgres(path.join(tools.pgBin, 'initdb'), [
    '-D', dataDirectory, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync',
  ]);
  const init = spawnSync(initCommand, initArgs, { encoding: 'utf8' });
  fs.appendFileSync(logFile, `${init.stdout}${init.stderr}`);
  if (init.status !== 0) throw new Error(`initdb failed (${init.status}): see ${logFile}\n${init.stderr}`);

  const port = await freePort(preferredPort);
  const [command, args] = asPostgres(path.join(tools.pgBin, 'postgres'), [
    '-D', dataDirectory, '-h', HOST, '-p', String(port), '-k', directory,
    '-c', `max_connections=${maxConnections}`,
    '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off',
    '-c', 'autovacuum=off', // no background worker CPU in the measurements
  ]);
  const server = startProcess('postgres', command, args, { logFile, stopSignal: 'SIGINT', signalGroup: false });
  await waitUntil('postgres', server, 30_000, () => spawnSync(path.join(tools.pgBin, 'pg_isready'), ['-q', '-h', HOST, '-p', String(port)]).status === 0);
  const client = new Client({ host: HOST, port, user: 'postgres', database: 'postgres' });
  await client.connect();
  try {
    const version = (await client.query<{ server_version: string }>('show server_version')).rows[0]!.server_version;
    const max = (await client.query<{ max_connections: string }>('show max_connections')).rows[0]!.max_connections;
    return { process: server, port, version: version.split(' ')[0]!, maxConnections: Number(max), dataDirectory };
  } finally {
    await client.end();
  }
}

/** `users` with USER_COUNT rows in PostgreSQL, `visits:<id>` counters in Redis. */
export async function seed(redisPort: number, pgPort: number): Promise<void> {
  const client = new Client({ host: HOST, port: pgPort, user: 'postgres', database: 'postgres' });
  await client.connect();
  try {
    await client.query('create table users (id integer primary key, name text not null, email text not null)');
    await client.query(
      `insert into users select g, 'User ' || g, 'user' || g || '@example.com' from generate_series(1, ${USER_COUNT}) as g`,
    );
    await client.query('analyze users');
  } finally {
    await client.end();
  }
  const redis = new Redis({ host: HOST, port: redisPort, lazyConnect: true });
  try {
    await redis.connect();
    const pairs: string[] = [];
    for (let id = 1; id <= USER_COUNT; id++) pairs.push(`visits:${id}`, String((id * 7919) % 1000));
    await redis.mset(...pairs);
  } finally {
    redis.disconnect();
  }
}
