/**
 * Runner B: the extension-tests suite inside code-server. code-server has no CLI flag for extension development, but
 * its web workbench reads `extensionDevelopmentPath` / `extensionTestsPath` from the URL's `payload`; the suite then
 * runs in the remote Node extension host — the same host, languageclient and `vscode` API as desktop VS Code.
 * Headless Chromium (playwright-core) only hosts the workbench page and reports the exit code the suite ends with.
 */
import { format } from 'node:util';

import { launchChromium } from '../lib/browser';
import { startCodeServer } from '../lib/code-server';
import { repositoryRoot, suiteEntry } from '../lib/paths';
import { withTimeout } from '../lib/processes';
import { copyFixtureWorkspace } from '../lib/workspace';

export type SuiteMode = 'trusted' | 'untrusted';

export interface SuiteRun {
  readonly exitCode: number;
  /** What the extension host printed (mocha's spec report among it). */
  readonly log: string;
}

export async function runSuiteInCodeServer(mode: SuiteMode, timeoutMs = 180_000): Promise<SuiteRun> {
  const workspace = copyFixtureWorkspace();
  let log = '';
  const server = await startCodeServer({
    workspace: workspace.path,
    trusted: mode === 'trusted',
    env: { POOLGUARD_E2E_MODE: mode },
  }).catch((error: unknown) => {
    workspace.dispose();
    throw error;
  });
  const browser = await launchChromium().catch(async (error: unknown) => {
    await server.stop();
    workspace.dispose();
    throw error;
  });
  try {
    const page = await browser.context.newPage();
    let reportExit: (code: number) => void = () => undefined;
    const exited = new Promise<number>((resolve) => (reportExit = resolve));
    // The workbench calls these when they exist (its automation hooks, as in VS Code's own smoke tests).
    await page.exposeFunction('codeAutomationExit', (code: number) => reportExit(code));
    await page.exposeFunction('codeAutomationLog', (_type: string, args: unknown) => {
      // The extension host's console calls, printf-style (mocha's reporter uses `%s` / `%d`).
      const line = Array.isArray(args) ? format(...(args as unknown[])) : String(args);
      log += `${line}\n`;
    });
    await page.goto(
      server.workbenchUrl([
        ['extensionDevelopmentPath', server.remoteUri(repositoryRoot)],
        ['extensionTestsPath', server.remoteUri(suiteEntry)],
        ['skipWelcome', 'true'],
      ]),
    );
    const exitCode = await withTimeout(exited, timeoutMs, `the ${mode} suite did not finish in code-server\n${log}\n${server.logs()}`);
    return { exitCode, log };
  } finally {
    await browser.close();
    await server.stop();
    workspace.dispose();
  }
}
