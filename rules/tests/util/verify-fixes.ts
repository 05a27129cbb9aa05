/**
 * Asserts what RuleTester does not: every fix and suggestion output parses AND no longer has the finding it fixed,
 * when linted again by the real ESLint `Linter` with the same rule and options.
 */
import assert from 'node:assert/strict';

import type { InvalidTestCase } from '@typescript-eslint/rule-tester';
import * as parser from '@typescript-eslint/parser';
import { Linter } from 'eslint';

import plugin = require('../../src/index');

const linter = new Linter({ configType: 'flat' });

export function lintWithRule(ruleId: string, code: string, filename: string, options: readonly unknown[] = []): Linter.LintMessage[] {
  const config: Linter.Config[] = [
    {
      files: ['**/*.{js,cjs,mjs,jsx,ts,cts,mts,tsx}'],
      languageOptions: { parser, parserOptions: { ecmaFeatures: { jsx: true } } },
      plugins: { poolguard: plugin as unknown as NonNullable<Linter.Config['plugins']>[string] },
      rules: { [`poolguard/${ruleId}`]: ['error', ...options] as Linter.RuleEntry },
    },
  ];
  return linter.verify(code, config, { filename });
}

function applied(code: string, fix: { range: [number, number]; text: string }): string {
  return code.slice(0, fix.range[0]) + fix.text + code.slice(fix.range[1]);
}

/** For each invalid case: every suggestion removes its finding and leaves parseable code. */
export function verifySuggestionsAndFixes<M extends string, O extends readonly unknown[]>(
  ruleId: string,
  cases: readonly InvalidTestCase<M, O>[],
): void {
  describe(`${ruleId}: every fix and suggestion parses and removes its finding`, () => {
    for (const testCase of cases) {
      const filename = testCase.filename ?? 'file.ts';
      it(testCase.name ?? testCase.code.slice(0, 60), () => {
        const before = lintWithRule(ruleId, testCase.code, filename, testCase.options ?? []);
        assert.ok(before.length > 0, 'the case must produce a finding');
        for (const message of before) {
          assert.equal(message.fatal, undefined, `parse error in the input: ${message.message}`);
          const edits = [...(message.fix ? [message.fix] : []), ...(message.suggestions ?? []).map((suggestion) => suggestion.fix)];
          for (const edit of edits) {
            const output = applied(testCase.code, edit);
            const after = lintWithRule(ruleId, output, filename, testCase.options ?? []);
            const fatal = after.find((item) => item.fatal);
            assert.equal(fatal, undefined, `the fixed code does not parse: ${fatal?.message}\n${output}`);
            assert.ok(after.length < before.length, `the finding at ${message.line}:${message.column} is still there after the fix:\n${output}`);
          }
        }
      });
    }
  });
}
