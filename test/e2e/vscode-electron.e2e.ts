/**
 * The VS Code API suite in desktop VS Code through @vscode/test-electron (runner A). Skipped, with the reason,
 * where VS Code cannot be downloaded; the code-server runner covers the same suite there.
 */
import * as assert from 'node:assert/strict';

import { runSuiteInElectron, vscodeExecutable } from './vscode/run-in-electron';

describe('VS Code extension in desktop VS Code (@vscode/test-electron)', function () {
  this.timeout(15 * 60_000);

  let executable = '';

  before(async function () {
    const found = await vscodeExecutable();
    if ('skipped' in found) {
      console.log(`    SKIPPED: ${found.skipped}`);
      this.skip();
    } else {
      executable = found.executable;
    }
  });

  for (const mode of ['trusted', 'untrusted'] as const) {
    it(`passes the ${mode}-workspace suite`, async function () {
      const result = await runSuiteInElectron(mode, executable);
      if ('skipped' in result) {
        console.log(`      SKIPPED: ${result.skipped}`);
        this.skip();
      }
      assert.equal(result.exitCode, 0, `the ${mode} suite failed in VS Code (its report is above)`);
    });
  }
});
