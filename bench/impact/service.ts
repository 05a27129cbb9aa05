/** The HTTP service under test: one variant file run by node, in its own process group, configured by env. */
import * as fs from 'node:fs';
import * as http from 'node:http';

import { HOST, freePort, sleep } from './databases';
import { startProcess, type ManagedProcess } from './processes';

export interface Service {
  readonly process: ManagedProcess;
  readonly url: string;
}

export interface ServiceTargets {
  readonly redisPort: number;
  readonly pgPort: number;
}

function health(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get(`${url}/health`, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.once('error', () => resolve(false));
    request.setTimeout(1000, () => request.destroy());
  });
}

export async function startService(name: string, file: string, targets: ServiceTargets, logFile: string): Promise<Service> {
  const port = await freePort(3100);
  fs.writeFileSync(logFile, '');
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    REDIS_HOST: HOST,
    REDIS_PORT: String(targets.redisPort),
    PG_HOST: HOST,
    PG_PORT: String(targets.pgPort),
    PG_USER: 'postgres',
    PG_DATABASE: 'postgres',
  };
  const service = startProcess(name, process.execPath, [file], { env, logFile, stopSignal: 'SIGTERM', signalGroup: true });
  const url = `http://${HOST}:${port}`;
  const deadline = Date.now() + 15_000;
  while (!(await health(url))) {
    if (service.exitCode !== undefined) throw new Error(`${name} exited (code ${service.exitCode}) on start:\n${fs.readFileSync(logFile, 'utf8')}`);
    if (Date.now() > deadline) throw new Error(`${name} did not answer ${url}/health within 15 s: see ${logFile}`);
    await sleep(100);
  }
  return { process: service, url };
}

/** Lines of the service's output that look like a problem (warnings, errors, stack traces). */
export function problemLines(logFile: string): string[] {
  return fs
    .readFileSync(logFile, 'utf8')
    .split('\n')
    .filter((line) => /warning|error|exception|unhandled|ECONN|too many/i.test(line))
    .filter((line) => !line.startsWith('(Use `node --trace-')); // node's hint under a warning, not a problem of its own
}
