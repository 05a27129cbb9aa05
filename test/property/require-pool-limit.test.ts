/**
 * A smaller property for `require-pool-limit` (spec §3.2): on generated pool constructions, the rule reports exactly
 * when the knowledge base's data says the effective limit is unbounded (or, with `requireExplicit`, relies on a
 * bounded default), at the construction; its suggestion or autofix then parses and removes the finding.
 */
import assert from 'node:assert/strict';

import fc from 'fast-check';
import type { Linter } from 'eslint';

import { numbered } from './handler-files';
import { applyEdit, fatalOf, lintWithEslint, parameters } from './harness';
import { buildPoolFile, describePoolFile, POOL_TEMPLATES, poolFileArbitrary, recordOf, type PoolFile } from './pool-options';

const RULE = 'poolguard/require-pool-limit';
const FILENAME = 'src/pools.ts';

function rulesFor(file: PoolFile): Linter.RulesRecord {
  return { [RULE]: ['warn', { requireExplicit: file.choices.requireExplicit }] };
}

describe('property: require-pool-limit reports exactly the pools the knowledge base calls unbounded', function () {
  this.timeout(300_000);

  it('the templates put the options where the knowledge base says', () => {
    for (const template of POOL_TEMPLATES) {
      const record = recordOf(template.id);
      const layout = record.args?.options;
      if (template.arities) {
        assert.ok(typeof layout === 'object', template.id);
        for (const fillers of template.arities) assert.equal(layout.byArity[fillers.length + 1], fillers.length, `${template.id} arity ${fillers.length + 1}`);
      } else {
        assert.equal(layout, template.fillers.length, `${template.id} options index`);
      }
      if (template.uriFiller) assert.equal(record.args?.uri, template.fillers.indexOf('URI'), `${template.id} uri index`);
      if (template.uriInSlot) assert.equal(record.args?.uri, template.fillers.length, `${template.id} uri in the options slot`);
    }
  });

  it('finding iff the effective limit is unbounded (derived from drivers.ts data)', () => {
    let findings = 0;
    let silent = 0;
    fc.assert(
      fc.property(poolFileArbitrary, (file) => {
        const messages = lintWithEslint(file.text, FILENAME, rulesFor(file));
        assert.equal(fatalOf(messages), undefined, `does not lint cleanly\n${describePoolFile(file)}`);
        const reported = messages.filter((message) => message.ruleId === RULE).map((message) => `${message.line}:${message.column}`);
        const expected = file.expectFinding ? [`${file.line}:${file.column}`] : [];
        assert.deepEqual(reported, expected, `${RULE}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(reported)}\n${describePoolFile(file)}`);
        if (file.expectFinding) findings++;
        else silent++;
        // Its fix or suggestions parse and remove the finding.
        for (const message of messages.filter((item) => item.ruleId === RULE)) {
          for (const edit of [...(message.fix ? [message.fix] : []), ...(message.suggestions ?? []).map((suggestion) => suggestion.fix)]) {
            const output = applyEdit(file.text, edit);
            const after = lintWithEslint(output, FILENAME, rulesFor(file));
            assert.equal(fatalOf(after), undefined, `the fix output does not lint cleanly\n${describePoolFile(file)}\n--- output:\n${numbered(output)}`);
            assert.equal(after.filter((item) => item.ruleId === RULE).length, 0, `the fix leaves the finding\n${describePoolFile(file)}\n--- output:\n${numbered(output)}`);
          }
        }
      }),
      {
        ...parameters<[PoolFile]>(400),
        // A counterexample found earlier, run first: `{ maxPoolSize: undefined }` is "not set", so the connection
        // string's maxPoolSize=0 applies.
        examples: [
          [
            buildPoolFile({
              template: POOL_TEMPLATES.findIndex((template) => template.id === 'mongodb.MongoClient'),
              values: [{ kind: 'literal', value: undefined, viaConst: false }],
              delivery: 'inline',
              uriValue: 0,
              uriInSlot: false,
              arity: 0,
              knexClient: 'pg',
              requireExplicit: false,
            }),
          ],
        ],
      },
    );
    assert.ok(findings > 60 && silent > 60, `${findings} findings, ${silent} without`);
  });
});
