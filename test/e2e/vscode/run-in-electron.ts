/**
 * Runner A: the extension-tests suite in desktop VS Code via @vscode/test-electron, the standard runner for extension
 * authors. It downloads VS Code from update.code.visualstudio.com; where that is unreachable (this project's CI: only
 * the npm registry and Debian's archive answer) the run is skipped with one line saying why, and the same suite
 * runs in code-server instead (run-in-code-server.ts).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';

import { repositoryRoot, suiteEntry } from '../lib/paths';
import { spawnGroup, withTimeout, type GroupProcess } from '../lib/processes';
import { copyFixtureWorkspace } from '../lib/workspace';
import type { SuiteMode } from './run-in-code-server';

/** The VS Code that code-server 4.100.3 embeds, so both runners test the same editor. */
export const VSCODE_VERSION = '1.100.3';
const cachePath = path.join(repositoryRoot, '.vscode-test');
/** Generous for a real download (~150 MB); a network that refuses answers at once (ENOTFOUND in ~0.1 s). */
const DOWNLOAD_TIMEOUT_MS = 10 * 60_000;
const RUN_TIMEOUT_MS = 5 * 60_000;

export type ElectronRun = { readonly skipped: string } | { readonly exitCode: number };

const NETWORK_ERRORS = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENETUNREACH', 'EHOSTUNREACH']);

function networkReason(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = (error as NodeJS.ErrnoException).code;
  if (code !== undefined && NETWORK_ERRORS.has(code)) return `${code}: ${error.message}`;
  if (/timed out|getaddrinfo|socket hang up|status code (?:4|5)\d\d/iu.test(error.message)) return error.message;
  return undefined;
}

/** Downloads (or finds in .vscode-test) VS Code, or says why it cannot be had here. */
export async function vscodeExecutable(): Promise<{ executable: string } | { skipped: string }> {
  try {
    const executable = await withTimeout(
      downloadAndUnzipVSCode({ version: VSCODE_VERSION, cachePath }),
      DOWNLOAD_TIMEOUT_MS,
      'VS Code download',
    );
    return { executable };
  } catch (error) {
    const reason = networkReason(error);
    if (reason === undefined) throw error;
    return {
      skipped:
        `VS Code ${VSCODE_VERSION} download unavailable (${reason}); ` +
        'test-electron runner skipped — the same suite runs in code-server (npm run test:e2e:vscode)',
    };
  }
}

function which(command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Desktop VS Code needs an X display on Linux: use the session's, or a private Xvfb. */
async function display(): Promise<{ env: Record<string, string>; xvfb?: GroupProcess } | { skipped: string }> {
  if (process.platform !== 'linux' || process.env.DISPLAY !== undefined) return { env: {} };
  if (!which('Xvfb')) return { skipped: 'no X display and no Xvfb (apt-get install xvfb); test-electron runner skipped' };
  const number = 90 + Math.floor(Math.random() * 100);
  const xvfb = spawnGroup('Xvfb', [`:${number}`, '-screen', '0', '1280x800x24', '-nolisten', 'tcp']);
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  return { env: { DISPLAY: `:${number}` }, xvfb };
}

export async function runSuiteInElectron(mode: SuiteMode, executable?: string): Promise<ElectronRun> {
  const found = executable === undefined ? await vscodeExecutable() : { executable };
  if ('skipped' in found) return found;
  const screen = await display();
  if ('skipped' in screen) return screen;

  const workspace = copyFixtureWorkspace();
  const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'poolguard-vscode-user-'));
  fs.mkdirSync(path.join(userData, 'User'));
  fs.writeFileSync(
    path.join(userData, 'User', 'settings.json'),
    JSON.stringify({
      'security.workspace.trust.enabled': mode === 'untrusted',
      'security.workspace.trust.startupPrompt': 'never',
      'workbench.startupEditor': 'none',
      'update.mode': 'none',
      'telemetry.telemetryLevel': 'off',
      'extensions.autoUpdate': false,
    }),
  );
  const saved = { ...process.env };
  Object.assign(process.env, screen.env);
  try {
    const exitCode = await withTimeout(
      runTests({
        vscodeExecutablePath: found.executable,
        extensionDevelopmentPath: repositoryRoot,
        extensionTestsPath: suiteEntry,
        extensionTestsEnv: { POOLGUARD_E2E_MODE: mode },
        launchArgs: [workspace.path, '--user-data-dir', userData, '--skip-welcome', '--skip-release-notes', '--disable-gpu'],
      }).catch((error: unknown) => {
        // runTests rejects on a non-zero exit (TestRunFailedError); the code is the result.
        const code = (error as { code?: unknown }).code;
        if (typeof code === 'number') return code;
        throw error;
      }),
      RUN_TIMEOUT_MS,
      `the ${mode} suite did not finish in VS Code ${VSCODE_VERSION}`,
    );
    return { exitCode };
  } finally {
    process.env = saved;
    await screen.xvfb?.stop();
    workspace.dispose();
    fs.rmSync(userData, { recursive: true, force: true });
  }
}

/** `node test/e2e/dist/vscode/run-in-electron.js [trusted|untrusted]`: exit 0 on pass or skip. */
if (require.main === module) {
  const mode: SuiteMode = process.argv[2] === 'untrusted' ? 'untrusted' : 'trusted';
  runSuiteInElectron(mode).then(
    (result) => {
      if ('skipped' in result) console.log(`SKIPPED: ${result.skipped}`);
      process.exit('skipped' in result ? 0 : result.exitCode);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
