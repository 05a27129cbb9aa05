/** Runs the real `poolguard` binary and builds throw-away file trees for CLI tests. */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** server/dist/tests/helpers → server/bin/poolguard.js */
export const BIN = path.resolve(__dirname, '../../../bin/poolguard.js');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: readonly string[], cwd: string): CliRun {
  const run = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    // NO_COLOR keeps text output plain even if a test runner ever attaches a TTY.
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 60_000,
  });
  if (run.error) throw run.error;
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const created: string[] = [];

/** A new temp directory holding `files` (path → content); removed by `removeTrees()`. */
export function makeTree(files: Readonly<Record<string, string>> = {}): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'poolguard-cli-')));
  created.push(root);
  for (const [relative, content] of Object.entries(files)) {
    const file = path.join(root, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  return root;
}

export function removeTrees(): void {
  for (const root of created.splice(0)) fs.rmSync(root, { recursive: true, force: true });
}

/** The contract input: `no-client-per-request` must flag `new Redis()` on line 4. */
export const PER_REQUEST_SOURCE = [
  "import express from 'express';",
  "import Redis from 'ioredis';",
  'const app = express();',
  "app.get('/', (req, res) => { const r = new Redis(); res.send('ok'); });",
  '',
].join('\n');

/** 1-based column of `new Redis` on line 4, computed rather than typed (it is 40). */
export const PER_REQUEST_COLUMN = (PER_REQUEST_SOURCE.split('\n')[3] ?? '').indexOf('new Redis') + 1;

export const CLEAN_SOURCE = 'export const add = (a, b) => a + b;\n';
export const BROKEN_SOURCE = 'const = 1;\n';

/** The keys of one ESLint json-formatter entry, in ESLint's order (`output`/`source` only when present). */
export const RESULT_KEYS = [
  'filePath',
  'messages',
  'suppressedMessages',
  'errorCount',
  'fatalErrorCount',
  'warningCount',
  'fixableErrorCount',
  'fixableWarningCount',
];
