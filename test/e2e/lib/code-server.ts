/**
 * code-server (VS Code 1.100.3's server and web workbench, installed by scripts/e2e-setup.sh): one server per test
 * run, with its own config, user data, extensions and XDG folders in a temp dir, stopped by process group.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { SETUP_HINT, toolsDirectory } from './paths';
import { freePort, spawnGroup, waitForHttp, type GroupProcess } from './processes';

export const CODE_SERVER_VERSION = '4.100.3';
const binary = path.join(toolsDirectory, 'code-server', 'node_modules', '.bin', 'code-server');

export interface CodeServerOptions {
  /** The folder the workbench opens. */
  readonly workspace: string;
  /** `false`: workspace trust is on and the folder is not trusted, so the workbench opens it in Restricted Mode. */
  readonly trusted: boolean;
  /** User settings on top of the quiet defaults below. */
  readonly settings?: Readonly<Record<string, unknown>>;
  /** .vsix files installed before the server starts (the released artifact, as a user installs it). */
  readonly vsixFiles?: readonly string[];
  /** Extra environment for the server and so for its extension hosts. */
  readonly env?: Readonly<Record<string, string>>;
}

export interface CodeServer {
  readonly origin: string;
  /** The workbench on the workspace, optionally with a `payload` (extension development and tests). */
  workbenchUrl(payload?: ReadonlyArray<readonly [string, string]>): string;
  /** `vscode-remote://` URI of a local path, as the payload needs it. */
  remoteUri(localPath: string): string;
  logs(): string;
  stop(): Promise<void>;
}

/** Settings that keep a fresh profile quiet: no welcome page, update checks, telemetry or experiments. */
const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.banner': 'never',
  'git.enabled': false,
};

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  if (!fs.existsSync(binary)) throw new Error(`code-server ${CODE_SERVER_VERSION} is not installed at ${binary}: ${SETUP_HINT}`);
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'poolguard-code-server-'));
  const userData = path.join(home, 'user-data');
  const extensions = path.join(home, 'extensions');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.mkdirSync(extensions);
  fs.writeFileSync(
    path.join(userData, 'User', 'settings.json'),
    JSON.stringify({ ...QUIET_SETTINGS, 'security.workspace.trust.enabled': !options.trusted, ...options.settings }, null, 2),
  );
  const config = path.join(home, 'config.yaml');
  fs.writeFileSync(config, 'auth: none\n');
  // code-server writes ~/.config/code-server and ~/.local/share/code-server on first run; keep them in the temp dir.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    XDG_CONFIG_HOME: path.join(home, 'xdg-config'),
    XDG_DATA_HOME: path.join(home, 'xdg-data'),
    XDG_CACHE_HOME: path.join(home, 'xdg-cache'),
    ...options.env,
  };
  const common = ['--config', config, '--user-data-dir', userData, '--extensions-dir', extensions];

  for (const vsix of options.vsixFiles ?? []) {
    const installed = spawnSync(binary, [...common, '--install-extension', vsix], { env, encoding: 'utf8', timeout: 60_000 });
    // The CLI exits 0 even when an install fails (e.g. a gallery id it cannot reach); the message is the result.
    if (!/was successfully installed/u.test(installed.stdout)) {
      fs.rmSync(home, { recursive: true, force: true });
      throw new Error(`code-server could not install ${vsix}:\n${installed.stdout}${installed.stderr}`);
    }
  }

  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const args = [
    ...common,
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    ...(options.trusted ? ['--disable-workspace-trust'] : []),
    options.workspace,
  ];
  const server: GroupProcess = spawnGroup(binary, args, { env, logFile: path.join(home, 'code-server.log') });
  const stop = async (): Promise<void> => {
    await server.stop();
    fs.rmSync(home, { recursive: true, force: true });
  };
  try {
    await waitForHttp(`${origin}/healthz`, 30_000, server.output);
  } catch (error) {
    await stop();
    throw error;
  }

  const remoteUri = (localPath: string): string => `vscode-remote://127.0.0.1:${port}${localPath}`;
  return {
    origin,
    remoteUri,
    workbenchUrl: (payload) => {
      const query = new URLSearchParams({ folder: options.workspace });
      if (payload !== undefined) query.set('payload', JSON.stringify(payload));
      return `${origin}/?${query.toString()}`;
    },
    logs: server.output,
    stop,
  };
}
