/** The VS Code API suite (test/e2e/vscode/suite) in code-server: runner B, which runs here and in CI. */
import * as assert from 'node:assert/strict';

import { runSuiteInCodeServer, type SuiteMode } from './vscode/run-in-code-server';

describe('VS Code extension in code-server (VS Code 1.100.3)', function () {
  this.timeout(300_000);

  for (const mode of ['trusted', 'untrusted'] as const satisfies readonly SuiteMode[]) {
    it(`passes the ${mode}-workspace suite`, async () => {
      const { exitCode, log } = await runSuiteInCodeServer(mode);
      // The in-editor mocha report, indented under this test, so a failure shows which assertion failed.
      process.stdout.write(`${log.trimEnd().replace(/^/gmu, '      │ ')}\n`);
      assert.equal(exitCode, 0, `the ${mode} suite failed in the extension host (its report is above)`);
    });
  }
});
