/**
 * The extension-tests entry (`extensionTestsPath`): VS Code's extension host calls `run()` once the extension under
 * development is loaded, and ends the session with its result. Same entry for @vscode/test-electron and code-server.
 *
 * `POOLGUARD_E2E_MODE` picks the suite: `trusted` (the default) runs the editor features on a trusted workspace,
 * `untrusted` checks linting in Restricted Mode (the runner opens the folder with workspace trust on).
 */
import * as path from 'node:path';

import Mocha from 'mocha';

const SUITES: Readonly<Record<string, string>> = {
  trusted: 'editor.test.js',
  untrusted: 'untrusted.test.js',
};

export function run(): Promise<void> {
  const mode = process.env.POOLGUARD_E2E_MODE ?? 'trusted';
  const file = SUITES[mode];
  if (file === undefined) return Promise.reject(new Error(`POOLGUARD_E2E_MODE=${mode}: expected ${Object.keys(SUITES).join(' or ')}`));
  // No colours: the output reaches the runner through the extension host's console, as plain text.
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 60_000 });
  mocha.addFile(path.join(__dirname, file));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures === 0 ? resolve() : reject(new Error(`${failures} PoolGuard e2e test(s) failed (${mode})`))));
  });
}
