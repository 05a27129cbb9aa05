/**
 * Property 3 (spec §5 parity): on generated handler files, the CLI's engine (`lintText`), the ESLint plugin under
 * ESLint's own `Linter` (typescript-eslint parser + `configs.recommended`) and the language server report the same
 * findings.
 * - engine vs ESLint: every run, the whole message (rule, start, end, severity, text, messageId, fix, suggestions);
 * - the server's in-process `DocumentLinter` (prefilter included): every run, rule and range;
 * - the real server process (`poolguard-lsp --stdio`, spawned once for the file): a fixed sample of generated files
 *   (30 by default), its published diagnostics (code, range) against the engine's findings.
 */
import assert from 'node:assert/strict';

import fc from 'fast-check';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspTestClient } from 'poolguard/dist/tests/helpers/lsp-client';

import { describeFile, generatedFileArbitrary, type GeneratedFile } from './handler-files';
import { fileUri, fullShape, languageIdOf, lintWithDocumentLinter, lintWithEngine, lintWithEslint, parameters, runs, seed, sortedKeys, type FindingKey } from './harness';

function checkParity(file: GeneratedFile): void {
  const viaEslint = lintWithEslint(file.text, file.filename);
  const viaEngine = lintWithEngine(file.text, file.filename);
  assert.deepEqual(fullShape(viaEngine), fullShape(viaEslint), `engine (CLI) and ESLint disagree\n${describeFile(file)}`);
  const viaServer = lintWithDocumentLinter(file.text, file.filename);
  assert.deepEqual(sortedKeys(viaServer), sortedKeys(viaEngine), `language server (DocumentLinter) and engine disagree\n${describeFile(file)}`);
}

/** A published diagnostic as an ESLint finding key (the files are ASCII without BOM: 0-based + 1). */
function keyOfDiagnostic(diagnostic: Diagnostic): FindingKey {
  return {
    ruleId: typeof diagnostic.code === 'string' ? diagnostic.code : null,
    line: diagnostic.range.start.line + 1,
    column: diagnostic.range.start.character + 1,
    endLine: diagnostic.range.end.line + 1,
    endColumn: diagnostic.range.end.character + 1,
  };
}

describe('property: the CLI, the ESLint plugin and the language server agree', function () {
  this.timeout(300_000);

  it('engine, ESLint and DocumentLinter report the same findings on every generated file', () => {
    let withFindings = 0;
    fc.assert(
      fc.property(generatedFileArbitrary, (file) => {
        checkParity(file);
        if (lintWithEngine(file.text, file.filename).length > 0) withFindings++;
      }),
      parameters(200),
    );
    assert.ok(withFindings > 50, `${withFindings} files with findings`);
  });

  it('the language server process publishes the engine\'s findings on a sample of generated files', async () => {
    // 30 by default; POOLGUARD_PROPERTY_RUNS (or POOLGUARD_PROPERTY_LSP_SAMPLE) runs more.
    const sampleSize = Number(process.env['POOLGUARD_PROPERTY_LSP_SAMPLE']) || runs(30);
    const files = fc.sample(generatedFileArbitrary, { seed: seed(), numRuns: sampleSize });
    const client = await LspTestClient.start();
    try {
      let index = 0;
      for (const file of files) {
        // One directory per sample, so no document is reopened (and `app/**/route.ts`, `pages/api/**` still match).
        const name = `sample${index++}/${file.filename}`;
        const uri = fileUri(name);
        await client.open(uri, file.text, languageIdOf(name));
        const diagnostics = await client.diagnosticsOf(uri, 1);
        const viaServer = sortedKeys(diagnostics.map(keyOfDiagnostic));
        const viaEngine = sortedKeys(lintWithEngine(file.text, name));
        assert.deepEqual(viaServer, viaEngine, `language server process and engine disagree on ${name}\n${describeFile(file)}`);
        await client.close(uri);
      }
      assert.ok(client.alive, `the server died: ${client.serverStderr}`);
    } finally {
      await client.stop();
    }
  });
});
