/**
 * What the servers and the kernel see during a run: connections open (polled), connections accepted (server
 * counters), sockets left in TIME_WAIT (`ss`), and CPU time (/proc/<pid>/stat).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';

import Redis from 'ioredis';
import { Client } from 'pg';

import { HOST, sleep } from './databases';

const CLOCK_TICKS = ((): number => {
  const result = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  const ticks = Number(result.stdout.trim());
  return Number.isFinite(ticks) && ticks > 0 ? ticks : 100;
})();

interface ProcStat {
  readonly ppid: number;
  /** utime + stime, ticks. */
  readonly own: number;
  /** cutime + cstime: children it has waited for, ticks. */
  readonly children: number;
}

function readStat(pid: number): ProcStat | undefined {
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command may contain spaces and parentheses: the fields start after the last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state): ppid 4, utime 14, stime 15, cutime 16, cstime 17.
  return { ppid: Number(fields[1]), own: Number(fields[11]) + Number(fields[12]), children: Number(fields[13]) + Number(fields[14]) };
}

/** User + system CPU seconds of one process (all its threads). */
export function processCpuSeconds(pid: number): number {
  const stat = readStat(pid);
  if (!stat) throw new Error(`process ${pid} is gone`);
  return stat.own / CLOCK_TICKS;
}

/**
 * CPU seconds of a process and all its children, alive or exited: its own time, the time of the children it has
 * reaped (cutime/cstime), and the time of the children still running. For the postmaster this counts every backend,
 * including the short-lived ones of the per-request variant.
 */
export function processTreeCpuSeconds(pid: number): number {
  const root = readStat(pid);
  if (!root) throw new Error(`process ${pid} is gone`);
  let ticks = root.own + root.children;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === pid) continue;
    const stat = readStat(Number(entry));
    if (stat?.ppid === pid) ticks += stat.own + stat.children;
  }
  return ticks / CLOCK_TICKS;
}

export interface TimeWaitCount {
  /** All TIME_WAIT sockets to or from the port, whatever their age. */
  readonly total: number;
  /** Those that entered TIME_WAIT since `since` (their 60 s timer says so). */
  readonly fresh: number;
  /** Fresh ones held by the client side (the service closed first) and by the server side (the server closed first). */
  readonly freshClientSide: number;
  readonly freshServerSide: number;
}

/** Linux keeps a socket in TIME_WAIT for TCP_TIMEWAIT_LEN = 60 s; `ss -o` shows the time left. */
const TIME_WAIT_SECONDS = 60;

function parseTimer(text: string): number | undefined {
  const match = /timer:\(timewait,(?:(\d+)min)?(?:(\d+)sec)?(?:(\d+)ms)?/.exec(text);
  if (!match) return undefined;
  return Number(match[1] ?? 0) * 60 + Number(match[2] ?? 0) + Number(match[3] ?? 0) / 1000;
}

/**
 * TIME_WAIT sockets per server port, right now (`ss -Htano state time-wait`). A socket is counted as fresh when its
 * remaining timer shows it entered TIME_WAIT after `sinceMs` (1 s of slack for the timer's rounding), so sockets left
 * by an earlier round are not counted again.
 */
export function timeWaitSockets(ss: string, ports: readonly number[], sinceMs: number): Map<number, TimeWaitCount> {
  const result = spawnSync(ss, ['-Htano', 'state', 'time-wait'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`ss failed: ${result.stderr}`);
  const elapsed = (Date.now() - sinceMs) / 1000;
  const counts = new Map(ports.map((port) => [port, { total: 0, fresh: 0, freshClientSide: 0, freshServerSide: 0 }]));
  for (const line of result.stdout.split('\n')) {
    // Recv-Q Send-Q Local:Port Peer:Port timer:(…)
    const columns = line.trim().split(/\s+/);
    if (columns.length < 4) continue;
    const localPort = Number(columns[2]!.slice(columns[2]!.lastIndexOf(':') + 1));
    const peerPort = Number(columns[3]!.slice(columns[3]!.lastIndexOf(':') + 1));
    const left = parseTimer(line);
    const fresh = left !== undefined && left >= TIME_WAIT_SECONDS - elapsed - 1;
    for (const [port, count] of counts) {
      if (localPort !== port && peerPort !== port) continue;
      count.total++;
      if (!fresh) continue;
      count.fresh++;
      if (localPort === port) count.freshServerSide++;
      else count.freshClientSide++;
    }
  }
  return counts;
}

export interface ServerCounters {
  /** Redis INFO clients: connected_clients, less the monitor's own connection. */
  readonly redisConnected: number;
  /** Redis INFO stats: total_connections_received (includes the monitor's). */
  readonly redisAccepted: number;
  /** pg_stat_activity client backends, less the monitor's own. */
  readonly pgConnected: number;
  /** sum of pg_stat_database.sessions: sessions established, as flushed by the backends (at the latest when they exit). */
  readonly pgSessions: number;
}

export interface PeakConnections {
  readonly redis: number;
  readonly pg: number;
  readonly samples: number;
}

function infoField(info: string, field: string): number {
  const match = new RegExp(`^${field}:(\\d+)`, 'm').exec(info);
  if (!match) throw new Error(`Redis INFO has no ${field}`);
  return Number(match[1]);
}

/** One Redis and one PostgreSQL connection of our own, open for the whole benchmark, that read the servers' counters. */
export class ServerMonitor {
  private constructor(
    private readonly redis: Redis,
    private readonly pg: Client,
  ) {}

  static async open(redisPort: number, pgPort: number): Promise<ServerMonitor> {
    const redis = new Redis({ host: HOST, port: redisPort, lazyConnect: true, connectionName: 'poolguard-bench-monitor' });
    await redis.connect();
    const pg = new Client({ host: HOST, port: pgPort, user: 'postgres', database: 'postgres', application_name: 'poolguard-bench-monitor' });
    await pg.connect();
    // When the run is interrupted the servers may stop before these connections close: not a crash of the benchmark.
    const ignore = (): void => undefined;
    redis.on('error', ignore);
    pg.on('error', ignore);
    return new ServerMonitor(redis, pg);
  }

  async counters(): Promise<ServerCounters> {
    const [info, activity] = await Promise.all([
      this.redis.info(),
      this.pg.query<{ connected: string; sessions: string }>(
        `select (select count(*) from pg_stat_activity where backend_type = 'client backend' and pid <> pg_backend_pid()) as connected,
                (select coalesce(sum(sessions), 0) from pg_stat_database) as sessions`,
      ),
    ]);
    return {
      redisConnected: infoField(info, 'connected_clients') - 1,
      redisAccepted: infoField(info, 'total_connections_received'),
      pgConnected: Number(activity.rows[0]!.connected),
      pgSessions: Number(activity.rows[0]!.sessions),
    };
  }

  /** Polls the open connections every `intervalMs` until `stop()` resolves the peak. */
  poll(intervalMs: number): { stop: () => Promise<PeakConnections> } {
    let running = true;
    let peakRedis = 0;
    let peakPg = 0;
    let samples = 0;
    // Never rejects (an unhandled rejection would end the process): a failure is kept for stop() to throw.
    let failure: unknown;
    const loop = (async () => {
      try {
        while (running) {
          const started = Date.now();
          const counters = await this.counters();
          peakRedis = Math.max(peakRedis, counters.redisConnected);
          peakPg = Math.max(peakPg, counters.pgConnected);
          samples++;
          await sleep(Math.max(0, intervalMs - (Date.now() - started)));
        }
      } catch (error) {
        failure = error;
      }
    })();
    return {
      stop: async () => {
        running = false;
        await loop;
        if (failure !== undefined) throw failure;
        return { redis: peakRedis, pg: peakPg, samples };
      },
    };
  }

  /** Waits (at most `timeoutMs`) until no client but ours is connected: the per-request connections are all closed. */
  async waitForIdle(timeoutMs: number, expected: { redis: number; pg: number }): Promise<ServerCounters> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const counters = await this.counters();
      if ((counters.redisConnected <= expected.redis && counters.pgConnected <= expected.pg) || Date.now() > deadline) return counters;
      await sleep(100);
    }
  }

  async close(): Promise<void> {
    this.redis.disconnect();
    await this.pg.end();
  }
}
