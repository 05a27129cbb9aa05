/** Medians per variant, the Markdown section of bench/README.md, and the chart's panels. */
import type { ChartPanel } from './chart';
import type { Finding, FixedVariant } from './fix';
import type { RunMeasurement, VariantName } from './measure';

export const VARIANTS: readonly VariantName[] = ['per-request', 'fixed'];

export interface Metric {
  readonly key: string;
  readonly label: string;
  readonly better: 'higher' | 'lower';
  readonly digits: number;
  readonly get: (run: RunMeasurement) => number;
}

const totalCpu = (run: RunMeasurement): number => run.cpuSeconds.app + run.cpuSeconds.redis + run.cpuSeconds.pg;

export const SERVICE_METRICS: readonly Metric[] = [
  { key: 'requestsPerSecond', label: 'requests/s', better: 'higher', digits: 0, get: (run) => run.load.requestsPerSecond },
  { key: 'p50', label: 'p50 latency (ms)', better: 'lower', digits: 0, get: (run) => run.load.latencyMs.p50 },
  { key: 'p99', label: 'p99 latency (ms)', better: 'lower', digits: 0, get: (run) => run.load.latencyMs.p99 },
  { key: 'errors', label: 'errors + timeouts', better: 'lower', digits: 0, get: (run) => run.load.errors },
  { key: 'non2xx', label: 'non-2xx', better: 'lower', digits: 0, get: (run) => run.load.non2xx },
  { key: 'appCpu', label: 'service CPU (s)', better: 'lower', digits: 2, get: (run) => run.cpuSeconds.app },
  {
    key: 'cpuPerRequest',
    label: 'CPU per request, service + Redis + PG (ms)',
    better: 'lower',
    digits: 3,
    get: (run) => (run.load.requests > 0 ? (totalCpu(run) * 1000) / run.load.requests : 0),
  },
];

export const SERVER_METRICS: readonly Metric[] = [
  { key: 'peakRedis', label: 'peak Redis connections', better: 'lower', digits: 0, get: (run) => run.peakConnections.redis },
  { key: 'peakPg', label: 'peak PG connections', better: 'lower', digits: 0, get: (run) => run.peakConnections.pg },
  { key: 'newRedis', label: 'new Redis connections', better: 'lower', digits: 0, get: (run) => run.newConnections.redis },
  { key: 'newPg', label: 'new PG sessions', better: 'lower', digits: 0, get: (run) => run.newConnections.pg },
  { key: 'timeWaitRedis', label: 'TIME_WAIT on Redis port', better: 'lower', digits: 0, get: (run) => run.timeWait.redis.fresh },
  { key: 'timeWaitPg', label: 'TIME_WAIT on PG port', better: 'lower', digits: 0, get: (run) => run.timeWait.pg.fresh },
  { key: 'redisCpu', label: 'Redis CPU (s)', better: 'lower', digits: 2, get: (run) => run.cpuSeconds.redis },
  { key: 'pgCpu', label: 'PG CPU (s)', better: 'lower', digits: 2, get: (run) => run.cpuSeconds.pg },
];

export const ALL_METRICS = [...SERVICE_METRICS, ...SERVER_METRICS];

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export type Summary = Record<VariantName, Record<string, { median: number; rounds: number[] }>>;

export function summarise(runs: readonly RunMeasurement[]): Summary {
  const summary = {} as Summary;
  for (const variant of VARIANTS) {
    const mine = runs.filter((run) => run.variant === variant).sort((a, b) => a.round - b.round);
    summary[variant] = {};
    for (const metric of ALL_METRICS) {
      const rounds = mine.map(metric.get);
      summary[variant][metric.key] = { median: median(rounds), rounds };
    }
  }
  return summary;
}

function formatNumber(value: number, digits: number): string {
  if (!Number.isFinite(value)) return '—';
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** fixed / per-request, e.g. `5.3×` or `0.02×`; `—` when undefined. */
export function ratio(fixed: number, perRequest: number): string {
  if (perRequest === 0) return fixed === 0 ? '—' : '∞';
  const value = fixed / perRequest;
  if (value === 0) return '0×';
  return `${value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value >= 0.1 ? value.toFixed(2) : value.toPrecision(1)}×`;
}

function summaryTable(metrics: readonly Metric[], summary: Summary): string {
  const header = `| variant (median) | ${metrics.map((metric) => metric.label).join(' | ')} |`;
  const rule = `| --- | ${metrics.map(() => '---:').join(' | ')} |`;
  const rows = VARIANTS.map(
    (variant) => `| ${variant} | ${metrics.map((metric) => formatNumber(summary[variant][metric.key]!.median, metric.digits)).join(' | ')} |`,
  );
  const ratios = `| **fixed / per-request** | ${metrics
    .map((metric) => ratio(summary.fixed[metric.key]!.median, summary['per-request'][metric.key]!.median))
    .join(' | ')} |`;
  return [header, rule, ...rows, ratios].join('\n');
}

function roundsTable(runs: readonly RunMeasurement[]): string {
  const header = `| # | variant | round | ${ALL_METRICS.map((metric) => metric.label).join(' | ')} |`;
  const rule = `| ---: | --- | ---: | ${ALL_METRICS.map(() => '---:').join(' | ')} |`;
  const rows = [...runs]
    .sort((a, b) => a.order - b.order)
    .map((run) => `| ${run.order} | ${run.variant} | ${run.round} | ${ALL_METRICS.map((metric) => formatNumber(metric.get(run), metric.digits)).join(' | ')} |`);
  return [header, rule, ...rows].join('\n');
}

export interface ReportContext {
  readonly machine: {
    readonly cpus: number;
    readonly cpuModel: string;
    readonly memoryGiB: number;
    readonly kernel: string;
    readonly node: string;
    readonly redis: string;
    readonly postgres: string;
    readonly date: string;
    /** 1-minute load average when the benchmark started and ended (other work on the machine shows here). */
    readonly loadAverage: { readonly start: number; readonly end: number };
  };
  readonly settings: {
    readonly connections: number;
    readonly durationSeconds: number;
    readonly warmupSeconds: number;
    readonly rounds: number;
    readonly order: readonly string[];
    readonly pgMaxConnections: number;
    readonly redisMaxClients: number;
    readonly users: number;
  };
  readonly fix: FixedVariant;
  readonly runs: readonly RunMeasurement[];
  readonly summary: Summary;
  readonly runtimeSeconds: number;
  readonly versions: { readonly autocannon: string; readonly express: string; readonly ioredis: string; readonly pg: string };
}

function findingLine(finding: Finding): string {
  const fix = finding.fix ? ` → fix applied: *${finding.fix.title}* (\`${finding.fix.messageId ?? '?'}\`)` : ' (no quick fix)';
  return `- \`${finding.ruleId}\` at line ${finding.line}:${finding.column}: ${finding.message}${fix}`;
}

/** A code span that survives backticks in the text. */
function code(text: string): string {
  return text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``;
}

const PG_QUEUE_DEPRECATION = 'Calling client.query() when the client is already executing a query is deprecated';

function interpretation(context: ReportContext): string[] {
  const { summary, runs, settings } = context;
  const value = (variant: VariantName, key: string): number => summary[variant][key]!.median;
  const n = (variant: VariantName, key: string, digits = 0): string => formatNumber(value(variant, key), digits);
  const lines: string[] = [];
  const speedup = value('fixed', 'requestsPerSecond') / value('per-request', 'requestsPerSecond');
  lines.push(
    `- **Throughput and latency.** Under the same load (${settings.connections} connections, ${settings.durationSeconds} s) the fixed ` +
      `service served ${n('fixed', 'requestsPerSecond')} requests/s against ${n('per-request', 'requestsPerSecond')} (${speedup.toFixed(1)}×); ` +
      `p50 latency went from ${n('per-request', 'p50')} ms to ${n('fixed', 'p50')} ms and p99 from ${n('per-request', 'p99')} ms to ` +
      `${n('fixed', 'p99')} ms. Before it can answer, each per-request call pays two TCP handshakes, PostgreSQL's connection start-up ` +
      `(a forked backend, authentication, a cold catalog cache) and two closes; after the fix it pays a Redis GET and a SELECT.`,
  );
  lines.push(
    `- **Connections.** In ${settings.durationSeconds} s the per-request service made Redis accept ${n('per-request', 'newRedis')} connections ` +
      `and PostgreSQL start ${n('per-request', 'newPg')} sessions — one of each per request — with up to ${n('per-request', 'peakRedis')} ` +
      `and ${n('per-request', 'peakPg')} open at once. That can exceed the ${settings.connections} concurrent requests because a handler ` +
      `answers before its \`finally\` closes both clients, so the next request's connections open while the last ones are closing. It ` +
      `grows with the traffic until PostgreSQL's \`max_connections\` (${settings.pgMaxConnections} here) answers \`too many clients\`. ` +
      `After the fix the service holds ${n('fixed', 'peakRedis')} Redis and ${n('fixed', 'peakPg')} PostgreSQL connection whatever the ` +
      `load, opened once during the warm-up (${n('fixed', 'newRedis')} / ${n('fixed', 'newPg')} new ones during the measured run).`,
  );
  const perRequestRuns = runs.filter((run) => run.variant === 'per-request');
  const serverPercent = (side: 'redis' | 'pg'): number => {
    const fresh = perRequestRuns.reduce((sum, run) => sum + run.timeWait[side].fresh, 0);
    const server = perRequestRuns.reduce((sum, run) => sum + run.timeWait[side].freshServerSide, 0);
    return fresh > 0 ? Math.round((100 * server) / fresh) : 0;
  };
  const shares = `Redis side ${serverPercent('redis')}%, PostgreSQL side ${serverPercent('pg')}%`;
  lines.push(
    `- **TIME_WAIT.** Each closed connection leaves a socket in TIME_WAIT for 60 s on the side that closed first: after one ` +
      `${settings.durationSeconds} s run of the per-request service, ${n('per-request', 'timeWaitRedis')} on the Redis port and ` +
      `${n('per-request', 'timeWaitPg')} on the PostgreSQL port (counted right after the load ends), against ${n('fixed', 'timeWaitRedis')} ` +
      `and ${n('fixed', 'timeWaitPg')} after the fix. ` +
      (serverPercent('redis') > 50 && serverPercent('pg') > 50
        ? `Most are held by the servers, which close first on \`QUIT\` / \`Terminate\` (${shares}), so here they cost the database ` +
          `hosts kernel state rather than the service's ephemeral ports`
        : `Held by the servers: ${shares}; the rest hold the service's ephemeral ports`) +
      `; nothing failed because of them at this rate.`,
  );
  const pgPerRequest = (variant: VariantName): string =>
    formatNumber((value(variant, 'pgCpu') * 1000) / Math.max(1, value(variant, 'requestsPerSecond') * settings.durationSeconds), 2);
  lines.push(
    `- **CPU.** Service, Redis and PostgreSQL together spent ${n('per-request', 'cpuPerRequest', 2)} ms of CPU per request with the ` +
      `anti-pattern and ${n('fixed', 'cpuPerRequest', 2)} ms after the fix. Most of the difference is PostgreSQL: ` +
      `${n('per-request', 'pgCpu', 1)} s over a run for ${n('per-request', 'newPg')} short sessions (≈ ${pgPerRequest('per-request')} ms each, ` +
      `backend fork, start-up and exit) against ${n('fixed', 'pgCpu', 1)} s for ${formatNumber(value('fixed', 'requestsPerSecond') * settings.durationSeconds, 0)} ` +
      `queries on one session (≈ ${pgPerRequest('fixed')} ms each). The fixed service's own CPU is higher in total because it serves ` +
      `${speedup.toFixed(1)}× the requests.`,
  );
  const failed = runs.filter((run) => run.load.errors > 0 || run.load.non2xx > 0);
  lines.push(
    failed.length === 0
      ? `- **Errors.** None in either variant: at ${settings.connections} concurrent requests the anti-pattern is slow and expensive, not yet broken.`
      : `- **Errors.** ${failed.map((run) => `${run.variant} round ${run.round}: ${run.load.errors} errors, ${run.load.non2xx} non-2xx`).join('; ')}.`,
  );
  const problems = runs.filter((run) => run.serviceProblems.length > 0);
  const deprecation = problems.filter((run) => run.serviceProblems.some((line) => line.includes(PG_QUEUE_DEPRECATION)));
  if (deprecation.length > 0) {
    lines.push(
      `- **A warning from the fixed service.** The fix for a pg \`Client\` that the handler connects (\`hoistConnected\`) shares ` +
        `**one** connected \`Client\` across all requests, so concurrent requests queue their queries on it. It works (no errors above), ` +
        `but pg ${context.versions.pg} prints \`DeprecationWarning: ${PG_QUEUE_DEPRECATION} and will be removed in pg@9.0\` ` +
        `(${deprecation.length} of ${runs.filter((run) => run.variant === deprecation[0]!.variant).length} ${deprecation[0]!.variant} runs): ` +
        `the queueing this fixed service relies on under concurrent load is due to go in pg 9. The finding's message already recommends a \`Pool\`, ` +
        `which would also let queries run in parallel; this benchmark measures the fix as PoolGuard applies it.`,
    );
  }
  const others = [
    ...new Set(
      problems.flatMap((run) => run.serviceProblems.filter((line) => !line.includes(PG_QUEUE_DEPRECATION)).map((line) => `${run.variant}: ${line.replace(/\(node:\d+\)/, '(node)').trim()}`)),
    ),
  ];
  if (others.length > 0) {
    lines.push(`- **Other output of the services.** ${others.slice(0, 5).map(code).join('; ')}${others.length > 5 ? ` (+${others.length - 5} more)` : ''}`);
  }
  lines.push(
    `- **Caveats.** One machine with ${context.machine.cpus} CPUs runs the load generator, the service, Redis and PostgreSQL at once, so ` +
      `absolute numbers are low and noisy; the ratios are the point, and the ${settings.rounds} rounds of each variant (dots in the chart) ` +
      `show the spread${
        context.machine.loadAverage.start > context.machine.cpus
          ? ` (the machine was busy before this benchmark started: a load average of ${context.machine.loadAverage.start.toFixed(1)} on ` +
            `${context.machine.cpus} CPUs, so expect more noise than usual)`
          : ''
      }. Loopback hides network latency: with the database on another host every handshake costs extra round trips, ` +
      `which widens the gap. A \`Pool\` (the better fix for pg) is not measured.`,
  );
  return lines;
}

export function markdown(context: ReportContext): string {
  const { machine, settings, fix } = context;
  const kinds = fix.findings.filter((finding) => finding.fix).map((finding) => `${finding.fix!.title.replace(/\.$/, '')} (\`${finding.fix!.messageId}\`)`);
  return [
    `Measured on ${machine.date} by \`npm run bench:impact\` (total ${Math.round(context.runtimeSeconds)} s).`,
    '',
    `**Machine:** ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Linux ${machine.kernel}; Node ${machine.node}; ` +
      `Redis ${machine.redis}; PostgreSQL ${machine.postgres} (\`max_connections=${settings.pgMaxConnections}\`, fsync off, autovacuum off); ` +
      `Redis \`maxclients\` ${settings.redisMaxClients}; 1-minute load average ${machine.loadAverage.start.toFixed(1)} when it started ` +
      `(${machine.loadAverage.end.toFixed(1)} at the end, its own load included); express ${context.versions.express}, ioredis ${context.versions.ioredis}, pg ${context.versions.pg}, ` +
      `autocannon ${context.versions.autocannon}.`,
    '',
    `**Load:** autocannon, ${settings.connections} connections, ${settings.durationSeconds} s per run after a ${settings.warmupSeconds} s warm-up, ` +
      `\`GET /user/:id\` over ${settings.users} ids (the same pseudo-random sequence in every run); ${settings.rounds} rounds per variant, ` +
      `interleaved ${settings.order.join(' → ')}; the table shows medians, the chart's dots each round.`,
    '',
    `**The service** ([variants/per-request.mjs](impact/variants/per-request.mjs)): an Express app whose \`GET /user/:id\` builds an ioredis ` +
      `client and a pg \`Client\`, connects, does a GET and a SELECT, and closes both. PoolGuard reports:`,
    '',
    ...fix.findings.map(findingLine),
    '',
    `**The fixed service** ([variants/fixed.mjs](impact/variants/fixed.mjs)) is PoolGuard's own fix-all ("Fix all PoolGuard problems", ` +
      `the preferred quick fix of each finding) applied to that file by the benchmark, not edited by hand: ${kinds.join('; ')}; ` +
      `the handler's own \`quit()\` / \`end()\` are removed` +
      (/finally\s*\{\s*\}/.test(fix.fixedText)
        ? ` (leaving an empty \`finally {}\` behind: harmless, though the rule's docs say a \`finally\` left empty is removed — ` +
          `it is not when the \`try\` block declares \`const\`s, since unwrapping would change their scope)`
        : '') +
      `. The result lints clean and is what runs below.`,
    '',
    '<details><summary>The fix, as a diff</summary>',
    '',
    '```diff',
    fix.diff.trimEnd(),
    '```',
    '',
    '</details>',
    '',
    '### The service',
    '',
    summaryTable(SERVICE_METRICS, context.summary),
    '',
    '### The servers',
    '',
    summaryTable(SERVER_METRICS, context.summary),
    '',
    '![Per-request clients vs PoolGuard\'s fix: requests/s, p99 latency, connections, TIME_WAIT sockets, CPU per request](impact/results.svg)',
    '',
    '<details><summary>Every run</summary>',
    '',
    roundsTable(context.runs),
    '',
    '</details>',
    '',
    '**How it is measured.** Peak connections: Redis `INFO clients` and PostgreSQL `pg_stat_activity` client backends, polled every ' +
      '~100 ms during the load, less the benchmark\'s own monitoring connection. New connections: the change of Redis ' +
      '`total_connections_received` and of the sum of `pg_stat_database.sessions` over the load. TIME_WAIT: `ss -tan state time-wait` ' +
      'on each server port right after the load ends, counting only sockets whose 60 s timer shows they entered TIME_WAIT during that run ' +
      '(so earlier rounds are not counted again). CPU: user + system time from `/proc/<pid>/stat` during the load, for the service, ' +
      'redis-server, and the postmaster with every backend it forked (live or reaped). Raw numbers: [impact/results.json](impact/results.json).',
    '',
    '**Reading the numbers.**',
    '',
    ...interpretation(context),
    '',
    '**Reproduce:** `npm run bench:impact` (as root or with password-less sudo, it installs `redis-server` and `postgresql` from Debian ' +
      'when missing; it starts its own Redis and PostgreSQL on free ports near 6390 and 5433 under `bench/.work/impact`, and stops them).',
  ].join('\n');
}

export function chartPanels(summary: Summary): ChartPanel[] {
  const panel = (title: string, better: 'higher' | 'lower', format: string, get: (variant: VariantName) => { median: number; rounds: number[] }): ChartPanel => ({
    title,
    better,
    format,
    values: VARIANTS.map((variant) => ({ variant, ...get(variant) })),
  });
  const sum = (variant: VariantName, a: string, b: string): { median: number; rounds: number[] } => {
    const first = summary[variant][a]!;
    const second = summary[variant][b]!;
    const rounds = first.rounds.map((value, index) => value + (second.rounds[index] ?? 0));
    return { median: median(rounds), rounds };
  };
  return [
    panel('Requests per second', 'higher', ',.0f', (variant) => summary[variant].requestsPerSecond!),
    panel('p99 latency (ms)', 'lower', ',.0f', (variant) => summary[variant].p99!),
    panel('CPU ms per request (all)', 'lower', '.2f', (variant) => summary[variant].cpuPerRequest!),
    panel('Peak connections (Redis + PG)', 'lower', ',.0f', (variant) => sum(variant, 'peakRedis', 'peakPg')),
    panel('New connections (Redis + PG)', 'lower', ',.0f', (variant) => sum(variant, 'newRedis', 'newPg')),
    panel('TIME_WAIT sockets (Redis + PG)', 'lower', ',.0f', (variant) => sum(variant, 'timeWaitRedis', 'timeWaitPg')),
  ];
}
