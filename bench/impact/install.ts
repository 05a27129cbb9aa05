/**
 * The system tools the impact benchmark needs, installed from Debian's packages when missing (idempotent: nothing
 * is installed when the tool is already there): redis-server + redis-cli, PostgreSQL's server binaries, `ss`
 * (iproute2) and `setpriv` (util-linux, to run PostgreSQL as the `postgres` user when we are root).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface Tools {
  readonly redisServer: string;
  readonly redisCli: string;
  /** Directory with postgres, initdb, pg_isready. */
  readonly pgBin: string;
  readonly ss: string;
  /** Set when running as root: PostgreSQL refuses to run as root, so it runs as `postgres` through setpriv. */
  readonly setpriv: string | undefined;
  /** Debian packages this run installed (empty when everything was there). */
  readonly installed: readonly string[];
}

function which(command: string): string | undefined {
  const result = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  const found = result.stdout.trim();
  return result.status === 0 && found !== '' ? found : undefined;
}

const isRoot = (): boolean => process.getuid?.() === 0;

/** `apt-get install -y --no-install-recommends …` as root or through `sudo -n`; `apt-get update` once if needed. */
function aptInstall(packages: readonly string[], log: (line: string) => void): void {
  const manual = `apt-get install -y --no-install-recommends ${packages.join(' ')}`;
  if (!which('apt-get')) throw new Error(`missing ${packages.join(', ')} and there is no apt-get here: install them yourself (${manual})`);
  let prefix: string[] = [];
  if (!isRoot()) {
    if (spawnSync('sudo', ['-n', 'true']).status !== 0) {
      throw new Error(`missing ${packages.join(', ')}: run this benchmark as root (or with password-less sudo), or install them first: sudo ${manual}`);
    }
    prefix = ['sudo', '-n'];
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const run = (args: string[]): number | null => {
    const [command, ...rest] = [...prefix, ...args];
    log(`$ ${[command, ...rest].join(' ')}`);
    return spawnSync(command!, rest, { stdio: ['ignore', 'inherit', 'inherit'], env }).status;
  };
  const install = ['apt-get', 'install', '-y', '--no-install-recommends', ...packages];
  if (run(install) === 0) return;
  // A fresh machine has no package lists yet.
  if (run(['apt-get', 'update']) !== 0) throw new Error('apt-get update failed');
  if (run(install) !== 0) throw new Error(`${manual} failed`);
}

/** The newest /usr/lib/postgresql/<version>/bin, else the directory of `postgres` / `pg_config --bindir`. */
function findPostgresBin(): string | undefined {
  const hasServer = (dir: string): boolean => ['postgres', 'initdb', 'pg_isready'].every((name) => fs.existsSync(path.join(dir, name)));
  const root = '/usr/lib/postgresql';
  if (fs.existsSync(root)) {
    const versions = fs
      .readdirSync(root)
      .filter((version) => hasServer(path.join(root, version, 'bin')))
      .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a));
    if (versions.length > 0) return path.join(root, versions[0]!, 'bin');
  }
  const postgres = which('postgres');
  if (postgres && hasServer(path.dirname(postgres))) return path.dirname(postgres);
  const pgConfig = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  if (pgConfig.status === 0 && hasServer(pgConfig.stdout.trim())) return pgConfig.stdout.trim();
  return undefined;
}

export function ensureTools(log: (line: string) => void): Tools {
  const missing: string[] = [];
  if (!which('redis-server') || !which('redis-cli')) missing.push('redis-server');
  if (!findPostgresBin()) missing.push('postgresql');
  if (!which('ss')) missing.push('iproute2');
  if (isRoot() && !which('setpriv')) missing.push('util-linux');
  if (missing.length > 0) {
    log(`installing Debian packages: ${missing.join(' ')}`);
    aptInstall(missing, log);
  }
  const need = (command: string): string => {
    const found = which(command);
    if (!found) throw new Error(`${command} is still missing after installing ${missing.join(' ')}`);
    return found;
  };
  const pgBin = findPostgresBin();
  if (!pgBin) throw new Error('PostgreSQL server binaries (postgres, initdb, pg_isready) not found after installing postgresql');
  return {
    redisServer: need('redis-server'),
    redisCli: need('redis-cli'),
    pgBin,
    ss: need('ss'),
    setpriv: isRoot() ? need('setpriv') : undefined,
    installed: missing,
  };
}
