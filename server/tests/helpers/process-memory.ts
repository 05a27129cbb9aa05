/**
 * A process's resident memory, read from `/proc/<pid>/status` (Linux only; `undefined` elsewhere), and a way to let
 * a server process collect its garbage first (see `gc-on-signal.ts`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Node options that install the SIGUSR2 → full GC hook of `gc-on-signal.ts` in a spawned process. */
export const GC_ON_SIGNAL_EXEC_ARGV: readonly string[] = ['--expose-gc', '--require', path.join(__dirname, 'gc-on-signal.js')];

function statusField(pid: number | undefined, field: 'VmRSS' | 'VmHWM'): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kilobytes = new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'mu').exec(status)?.[1];
    return kilobytes === undefined ? undefined : Number(kilobytes) / 1024;
  } catch {
    return undefined;
  }
}

/** VmRSS of `pid` in MB. */
export function rssMb(pid: number | undefined): number | undefined {
  return statusField(pid, 'VmRSS');
}

/** VmHWM (the peak RSS) of `pid` in MB. */
export function peakRssMb(pid: number | undefined): number | undefined {
  return statusField(pid, 'VmHWM');
}

/** The lowest RSS seen over `periodMs` (sampled every `everyMs`): V8 gives freed pages back in the background. */
export async function settledRssMb(pid: number | undefined, periodMs = 2_000, everyMs = 250): Promise<number | undefined> {
  let lowest: number | undefined;
  for (let waited = 0; waited <= periodMs; waited += everyMs) {
    const now = rssMb(pid);
    if (now !== undefined) lowest = lowest === undefined ? now : Math.min(lowest, now);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  return lowest;
}

/**
 * The RSS after the process (started with `GC_ON_SIGNAL_EXEC_ARGV`) collected its garbage. An idle V8 does not
 * collect on its own, so without this the RSS of a server that just closed a huge document says nothing about
 * whether it still holds it.
 */
export async function rssAfterGcMb(pid: number | undefined): Promise<number | undefined> {
  if (pid === undefined) return undefined;
  process.kill(pid, 'SIGUSR2');
  return settledRssMb(pid);
}
