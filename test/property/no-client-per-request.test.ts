/**
 * Property 1 (spec §3.1, false-positives.md Part A): on generated handler files, `poolguard/no-client-per-request`
 * fires exactly when the generator placed a per-request construction, once, at the construction's line and column;
 * it never fires on an exempt placement. Every file parses and no rule crashes on it.
 */
import assert from 'node:assert/strict';

import fc from 'fast-check';
import { constructions, wrappers } from 'eslint-plugin-poolguard/knowledge';

import { describeFile, exampleFile, generatedFileArbitrary, LIBRARIES, SAFE_LIBRARIES, type GeneratedFile } from './handler-files';
import { fatalOf, lintWithEslint, parameters, RULE } from './harness';

/** The rule's findings on a generated file, checked against the generator's expectation. */
export function checkFile(file: GeneratedFile): void {
  const messages = lintWithEslint(file.text, file.filename);
  const fatal = fatalOf(messages);
  assert.equal(fatal, undefined, `the file does not lint cleanly (${fatal?.ruleId ?? 'parser'}: ${fatal?.message ?? ''})\n${describeFile(file)}`);
  const findings = messages.filter((message) => message.ruleId === RULE).map((message) => `${message.line}:${message.column}`);
  const expected = file.perRequest ? [`${file.construction.line}:${file.construction.column}`] : [];
  assert.deepEqual(findings, expected, `${RULE}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(findings)}\n${describeFile(file)}`);
}

describe('property: no-client-per-request fires exactly on per-request constructions', function () {
  this.timeout(300_000);

  it('the generator\'s libraries are what the knowledge base says they are', () => {
    for (const library of LIBRARIES) {
      const record = constructions.find((construction) => construction.id === library.kbId);
      assert.ok(record, `no construction ${library.kbId}`);
      assert.ok(record.modules.some((matcher) => 'name' in matcher ? matcher.name === library.module : 'prefix' in matcher ? library.module.startsWith(matcher.prefix) : true), `${library.kbId} module ${library.module}`);
      assert.notEqual(record.perRequestSafe, true, `${library.kbId} is per-request safe`);
      assert.equal(record.call === 'either' ? library.call : record.call, library.call, `${library.kbId} call kind`);
    }
    for (const library of SAFE_LIBRARIES) {
      const record = constructions.find((construction) => construction.id === library.kbId);
      const isWrapper = wrappers.some((wrapper) => wrapper.modules.some((matcher) => 'name' in matcher && matcher.name === library.module));
      const catalogued = constructions.some(
        (construction) =>
          construction.modules.some((matcher) => 'name' in matcher && matcher.name === library.module) &&
          construction.callees.some((callee) => 'path' in callee && callee.path.join('.') === library.exportPath.join('.')),
      );
      assert.ok(record?.perRequestSafe === true || isWrapper || !catalogued, `${library.label} should be safe per the knowledge base`);
    }
  });

  it('fires exactly at the per-request construction, and nowhere on exempt placements', () => {
    let perRequest = 0;
    let exempt = 0;
    fc.assert(
      fc.property(generatedFileArbitrary, (file) => {
        if (file.perRequest) perRequest++;
        else exempt++;
        checkFile(file);
      }),
      {
        ...parameters<[GeneratedFile]>(400),
        // Counterexamples found earlier, run first: a guard on a helper's local variable is still per request.
        examples: [[exampleFile('pg Pool', { placement: 'localGuard', nesting: 'helperArrow' })]],
      },
    );
    // Both sides of the claim were exercised.
    assert.ok(perRequest > 40 && exempt > 40, `per-request ${perRequest}, exempt ${exempt}`);
  });
});
