/** A bounded load: autocannon, a fixed number of connections for a fixed time, on /user/<id> with ids spread over the table. */
import autocannon = require('autocannon');

import { USER_COUNT } from './databases';

export interface LoadSettings {
  readonly connections: number;
  readonly durationSeconds: number;
  readonly warmupSeconds: number;
}

export interface LoadResult {
  /** Completed requests (any status) per second over the run. */
  readonly requestsPerSecond: number;
  readonly requests: number;
  readonly ok: number;
  readonly non2xx: number;
  /** Connection errors and timeouts (autocannon's `errors`, which includes `timeouts`). */
  readonly errors: number;
  readonly timeouts: number;
  readonly latencyMs: { readonly p50: number; readonly p90: number; readonly p99: number; readonly max: number; readonly mean: number };
  readonly durationSeconds: number;
}

/** The same id sequence in every run (a small LCG), so both variants read the same rows and keys. */
function idSequence(): () => number {
  let state = 12345;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return 1 + (state % USER_COUNT);
  };
}

export async function runLoad(url: string, connections: number, durationSeconds: number): Promise<LoadResult> {
  const nextId = idSequence();
  const result = await autocannon({
    url,
    connections,
    duration: durationSeconds,
    timeout: 10,
    requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: `/user/${nextId()}` }) }],
  });
  return {
    requestsPerSecond: (result['1xx'] + result['2xx'] + result['3xx'] + result['4xx'] + result['5xx']) / result.duration,
    requests: result['1xx'] + result['2xx'] + result['3xx'] + result['4xx'] + result['5xx'],
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max, mean: result.latency.mean },
    durationSeconds: result.duration,
  };
}
