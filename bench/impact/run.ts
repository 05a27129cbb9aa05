/**
 * `npm run bench:impact`: proof that PoolGuard's fix matters, on a real service with real Redis and PostgreSQL.
 *
 * 1. Lint variants/per-request.mjs (a client of each per request) and produce the fixed service with PoolGuard's own
 *    fix-all; check that it lints clean and parses.
 * 2. Install redis-server / postgresql from Debian when missing; start both on 127.0.0.1 on free non-default ports
 *    with their files under bench/.work/impact; seed them.
 * 3. Run the variants interleaved (per-request, fixed, fixed, per-request, …) under the same autocannon load while
 *    watching the servers' connections, TIME_WAIT sockets and CPU.
 * 4. Write impact/results.json, impact/results.svg and the impact section of bench/README.md.
 *
 * Every process it starts is stopped by pid / process group, also on failure and on SIGINT / SIGTERM.
 * Settings (environment): IMPACT_CONNECTIONS (32), IMPACT_DURATION (10 s), IMPACT_WARMUP (2 s), IMPACT_ROUNDS (2).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { benchRoot, repositoryRoot, workDirectory } from '../common/paths';
import { replaceResultsSection } from '../common/readme-section';
import { renderChart } from './chart';
import { USER_COUNT, seed, sleep, startPostgres, startRedis } from './databases';
import { produceFixedVariant } from './fix';
import { ensureTools } from './install';
import { measureVariant, type RunMeasurement, type VariantName } from './measure';
import { ServerMonitor } from './metrics';
import { installSignalHandlers, leftoverProcesses, stopAll, stopProcess } from './processes';
import { VARIANTS, chartPanels, markdown, summarise } from './report';

const impactRoot = path.join(benchRoot, 'impact');
const impactWork = path.join(workDirectory, 'impact');

function setting(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, not ${raw}`);
  return value;
}

const log = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

function packageVersion(name: string): string {
  const file = require.resolve(`${name}/package.json`, { paths: [benchRoot, repositoryRoot] });
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
}

/** per-request, fixed, then fixed, per-request, …: each variant goes first as often as the other (ABBA). */
function schedule(rounds: number): { variant: VariantName; round: number }[] {
  const order: { variant: VariantName; round: number }[] = [];
  for (let round = 1; round <= rounds; round++) {
    const variants = round % 2 === 1 ? VARIANTS : [...VARIANTS].reverse();
    for (const variant of variants) order.push({ variant, round });
  }
  return order;
}

async function main(): Promise<void> {
  const started = Date.now();
  const loadAverageAtStart = os.loadavg()[0]!;
  installSignalHandlers();
  const load = {
    connections: setting('IMPACT_CONNECTIONS', 32),
    durationSeconds: setting('IMPACT_DURATION', 10),
    warmupSeconds: setting('IMPACT_WARMUP', 2),
  };
  const rounds = setting('IMPACT_ROUNDS', 2);
  const maxConnections = 200;
  fs.mkdirSync(impactWork, { recursive: true });
  const logDirectory = path.join(impactWork, 'logs');
  fs.rmSync(logDirectory, { recursive: true, force: true });
  fs.mkdirSync(logDirectory, { recursive: true });

  log('PoolGuard on the anti-pattern, and its fix-all:');
  const variantsDirectory = path.join(impactRoot, 'variants');
  const perRequestFile = path.join(variantsDirectory, 'per-request.mjs');
  const fixedFile = path.join(impactWork, 'fixed.mjs');
  const fix = produceFixedVariant(perRequestFile, fixedFile, path.join(variantsDirectory, 'fixed.mjs'));
  for (const finding of fix.findings) log(`  line ${finding.line}:${finding.column} ${finding.ruleId} → ${finding.fix?.title ?? 'no quick fix'}`);
  log(`  fixed service: ${path.relative(repositoryRoot, fixedFile)}, lints clean for no-client-per-request, parses`);
  if (fix.remaining.length > 0) for (const finding of fix.remaining) log(`  still reported on the fixed file: ${finding.line}:${finding.column} ${finding.ruleId}`);
  if (!fix.committedCopyWasCurrent) {
    log('  NOTE: bench/impact/variants/fixed.mjs was not what the fix produces now; it has been regenerated (commit it)');
  }

  const tools = ensureTools(log);
  const redis = await startRedis(tools, path.join(impactWork, 'redis'), 6390);
  log(`Redis ${redis.version} on 127.0.0.1:${redis.port} (pid ${redis.process.pid})`);
  const postgres = await startPostgres(tools, impactWork, 5433, maxConnections);
  log(`PostgreSQL ${postgres.version} on 127.0.0.1:${postgres.port} (pid ${postgres.process.pid}, max_connections ${postgres.maxConnections})`);
  await seed(redis.port, postgres.port);
  log(`seeded ${USER_COUNT} users and visit counters`);

  const monitor = await ServerMonitor.open(redis.port, postgres.port);
  const runs: RunMeasurement[] = [];
  try {
    const environment = {
      ss: tools.ss,
      redis: { port: redis.port, pid: redis.process.pid },
      pg: { port: postgres.port, pid: postgres.process.pid },
      monitor,
      logDirectory,
      load,
    };
    const files: Record<VariantName, string> = { 'per-request': perRequestFile, fixed: fixedFile };
    const order = schedule(rounds);
    log(`load: ${load.connections} connections × ${load.durationSeconds} s (after ${load.warmupSeconds} s warm-up), ${order.length} runs`);
    for (const [index, { variant, round }] of order.entries()) {
      runs.push(await measureVariant(variant, files[variant], round, index + 1, environment, log));
      await sleep(500);
    }
  } finally {
    await monitor.close();
  }
  await stopProcess(redis.process);
  await stopProcess(postgres.process);

  const summary = summarise(runs);
  const cpus = os.cpus();
  const runtimeSeconds = (Date.now() - started) / 1000;
  const context = {
    machine: {
      cpus: cpus.length,
      cpuModel: cpus[0]?.model.trim() ?? 'unknown',
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      kernel: os.release(),
      node: process.version,
      redis: redis.version,
      postgres: postgres.version,
      date: new Date().toISOString().slice(0, 10),
      loadAverage: { start: loadAverageAtStart, end: os.loadavg()[0]! },
    },
    settings: {
      ...load,
      rounds,
      order: schedule(rounds).map(({ variant }) => variant),
      pgMaxConnections: postgres.maxConnections,
      redisMaxClients: redis.maxClients,
      users: USER_COUNT,
    },
    fix,
    runs,
    summary,
    runtimeSeconds,
    versions: { autocannon: packageVersion('autocannon'), express: packageVersion('express'), ioredis: packageVersion('ioredis'), pg: packageVersion('pg') },
  };

  const json = {
    ...context,
    fix: { findings: fix.findings, remaining: fix.remaining, diff: fix.diff, committedCopyWasCurrent: fix.committedCopyWasCurrent },
    runs: runs.map((run) => ({ ...run, logFile: path.relative(repositoryRoot, run.logFile) })),
  };
  fs.writeFileSync(path.join(impactRoot, 'results.json'), `${JSON.stringify(json, null, 2)}\n`);
  const svg = await renderChart(chartPanels(summary), {
    title: 'PoolGuard on a real service: a Redis and a PostgreSQL client per request vs. after its fix',
    subtitle: `autocannon ${load.connections} connections × ${load.durationSeconds} s, median of ${rounds} rounds (dots: each round) · ` +
      `${cpus.length} × ${context.machine.cpuModel} · Node ${process.version} · Redis ${redis.version} · PostgreSQL ${postgres.version} · ${context.machine.date}`,
    variants: VARIANTS,
    colors: ['#d6604d', '#4393c3'],
    columns: 3,
  });
  fs.writeFileSync(path.join(impactRoot, 'results.svg'), svg);
  replaceResultsSection('impact', markdown(context));
  log(`wrote bench/impact/results.json, bench/impact/results.svg and the impact section of bench/README.md (${runtimeSeconds.toFixed(0)} s)`);
}

main()
  .catch((error: unknown) => {
    process.stderr.write(`bench:impact failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  })
  .finally(async () => {
    await stopAll();
    const left = leftoverProcesses();
    if (left.length > 0) {
      process.stderr.write(`processes still running after the benchmark:\n${left.map((line) => `  ${line}`).join('\n')}\n`);
      process.exitCode = 1;
    } else {
      log('every process the benchmark started has stopped');
    }
  });
