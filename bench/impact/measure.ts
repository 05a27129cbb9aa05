/** One measured run of one variant: start it, warm it up, load it while watching the servers, stop it. */
import * as path from 'node:path';

import { sleep } from './databases';
import { runLoad, type LoadResult, type LoadSettings } from './load';
import { processCpuSeconds, processTreeCpuSeconds, timeWaitSockets, type PeakConnections, type ServerMonitor, type TimeWaitCount } from './metrics';
import { stopProcess } from './processes';
import { problemLines, startService } from './service';

export type VariantName = 'per-request' | 'fixed';

export interface Environment {
  readonly ss: string;
  readonly redis: { readonly port: number; readonly pid: number };
  readonly pg: { readonly port: number; readonly pid: number };
  readonly monitor: ServerMonitor;
  readonly logDirectory: string;
  readonly load: LoadSettings;
}

export interface RunMeasurement {
  readonly variant: VariantName;
  readonly round: number;
  /** Position in the whole sequence of runs (1-based). */
  readonly order: number;
  readonly warmup: { readonly requests: number; readonly errors: number; readonly non2xx: number };
  readonly load: LoadResult;
  /** Highest number of service connections open on each server, polled every ~100 ms during the load. */
  readonly peakConnections: PeakConnections;
  /** Connections the servers accepted during the load: Redis total_connections_received, PostgreSQL sessions. */
  readonly newConnections: { readonly redis: number; readonly pg: number };
  /** TIME_WAIT sockets on each server port, counted right after the load ends; `fresh` = entered TIME_WAIT during this run. */
  readonly timeWait: { readonly redis: TimeWaitCount; readonly pg: TimeWaitCount; readonly measuredMsAfterLoad: number };
  /** CPU seconds (user + system) during the load: the service process, redis-server, the postmaster with all its backends. */
  readonly cpuSeconds: { readonly app: number; readonly redis: number; readonly pg: number };
  /** Warnings and errors the service printed. */
  readonly serviceProblems: readonly string[];
  readonly logFile: string;
}

interface CpuSnapshot {
  readonly app: number;
  readonly redis: number;
  readonly pg: number;
}

function cpuSnapshot(appPid: number, environment: Environment): CpuSnapshot {
  return {
    app: processCpuSeconds(appPid),
    redis: processCpuSeconds(environment.redis.pid),
    pg: processTreeCpuSeconds(environment.pg.pid),
  };
}

const round3 = (value: number): number => Math.round(value * 1000) / 1000;

export async function measureVariant(
  variant: VariantName,
  file: string,
  round: number,
  order: number,
  environment: Environment,
  log: (line: string) => void,
): Promise<RunMeasurement> {
  const { connections, durationSeconds, warmupSeconds } = environment.load;
  const logFile = path.join(environment.logDirectory, `${order}-${variant}.log`);
  const service = await startService(variant, file, { redisPort: environment.redis.port, pgPort: environment.pg.port }, logFile);
  // Connections the service keeps open between requests: none per request, one to each server once fixed.
  const idle = variant === 'fixed' ? { redis: 1, pg: 1 } : { redis: 0, pg: 0 };
  let measurement: RunMeasurement;
  try {
    const warmup = await runLoad(service.url, connections, warmupSeconds);
    await environment.monitor.waitForIdle(5000, idle);
    await sleep(1000); // backends flush their session counts at the latest 1 s after going idle, or when they exit
    const before = await environment.monitor.counters();
    const cpuBefore = cpuSnapshot(service.process.pid, environment);

    const loadStarted = Date.now();
    const poller = environment.monitor.poll(100);
    const load = await runLoad(service.url, connections, durationSeconds);
    const peakConnections = await poller.stop();
    const cpuAfter = cpuSnapshot(service.process.pid, environment);
    const loadEnded = Date.now();
    const timeWait = timeWaitSockets(environment.ss, [environment.redis.port, environment.pg.port], loadStarted);
    const measuredMsAfterLoad = Date.now() - loadEnded;

    await environment.monitor.waitForIdle(10_000, idle);
    await sleep(300); // an exiting backend may leave pg_stat_activity a moment before its stats are flushed
    const after = await environment.monitor.counters();
    measurement = {
      variant,
      round,
      order,
      warmup: { requests: warmup.requests, errors: warmup.errors, non2xx: warmup.non2xx },
      load,
      peakConnections,
      newConnections: { redis: after.redisAccepted - before.redisAccepted, pg: after.pgSessions - before.pgSessions },
      timeWait: { redis: timeWait.get(environment.redis.port)!, pg: timeWait.get(environment.pg.port)!, measuredMsAfterLoad },
      cpuSeconds: {
        app: round3(cpuAfter.app - cpuBefore.app),
        redis: round3(cpuAfter.redis - cpuBefore.redis),
        pg: round3(cpuAfter.pg - cpuBefore.pg),
      },
      serviceProblems: [],
      logFile,
    };
    log(
      `  ${variant.padEnd(11)} round ${round}: ${load.requestsPerSecond.toFixed(0)} req/s, p50 ${load.latencyMs.p50} ms, p99 ${load.latencyMs.p99} ms, ` +
        `errors ${load.errors}, non-2xx ${load.non2xx}, peak conns Redis ${peakConnections.redis} / PG ${peakConnections.pg}, ` +
        `new conns Redis ${measurement.newConnections.redis} / PG ${measurement.newConnections.pg}, ` +
        `TIME_WAIT Redis ${measurement.timeWait.redis.fresh} / PG ${measurement.timeWait.pg.fresh}, ` +
        `CPU app ${measurement.cpuSeconds.app} s, Redis ${measurement.cpuSeconds.redis} s, PG ${measurement.cpuSeconds.pg} s`,
    );
  } finally {
    await stopProcess(service.process);
  }
  // Read once the service has stopped, so its output is complete.
  return { ...measurement, serviceProblems: problemLines(logFile) };
}
