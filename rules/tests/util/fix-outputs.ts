/**
 * Spec §5: "every fix leaves a file that parses and no longer has the finding". RuleTester re-parses fix and
 * suggestion outputs but does not re-run the rule on them, so this helper does both explicitly: for every invalid
 * case it applies each autofix and each suggestion on its own, parses the result with @typescript-eslint/parser,
 * and lints it again with the same rule and options through ESLint's `Linter`.
 */
import * as assert from 'node:assert/strict';

import { parseForESLint } from '@typescript-eslint/parser';
import type { TSESLint } from '@typescript-eslint/utils';
import type { Rule } from 'eslint';
import { Linter } from 'eslint';
import { describe, it } from 'mocha';

export interface LintableCase {
  readonly code: string;
  readonly options?: readonly unknown[];
  readonly filename?: string;
  readonly name?: string;
}

interface Edit {
  readonly range: readonly [number, number];
  readonly text: string;
}

type AnyRule = TSESLint.RuleModule<string, readonly unknown[]>;

function lint(ruleId: string, rule: AnyRule, testCase: LintableCase, code: string): Linter.LintMessage[] {
  const linter = new Linter({ configType: 'flat' });
  const filename = testCase.filename ?? 'file.ts';
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.{js,cjs,mjs,jsx,ts,cts,mts,tsx}'],
        languageOptions: { parser: { parseForESLint } as Linter.Parser },
        plugins: { poolguard: { rules: { [ruleId]: rule as unknown as Rule.RuleModule } } },
        rules: { [`poolguard/${ruleId}`]: ['error', ...(testCase.options ?? [])] as Linter.RuleEntry },
      },
    ],
    filename,
  );
  const fatal = messages.find((message) => message.fatal);
  assert.equal(fatal, undefined, `parse error in:\n${code}\n${fatal?.message ?? ''}`);
  return messages.filter((message) => message.ruleId === `poolguard/${ruleId}`);
}

function apply(code: string, edit: Edit): string {
  return code.slice(0, edit.range[0]) + edit.text + code.slice(edit.range[1]);
}

/** Registers one mocha test per invalid case: each fix and suggestion output parses and is clean under the rule. */
export function describeFixOutputs(ruleId: string, rule: AnyRule, cases: readonly LintableCase[]): void {
  describe(`${ruleId}: fix and suggestion outputs parse and are clean under the rule`, () => {
    cases.forEach((testCase, index) => {
      it(testCase.name ?? `invalid #${index}: ${testCase.code.split('\n').pop() ?? ''}`, () => {
        const before = lint(ruleId, rule, testCase, testCase.code);
        assert.ok(before.length > 0, 'the case reports nothing');
        for (const message of before) {
          const edits: { kind: string; edit: Edit }[] = [];
          if (message.fix) edits.push({ kind: 'fix', edit: message.fix });
          for (const suggestion of message.suggestions ?? []) edits.push({ kind: `suggestion "${suggestion.desc}"`, edit: suggestion.fix });
          for (const { kind, edit } of edits) {
            const output = apply(testCase.code, edit);
            assert.doesNotThrow(
              () => parseForESLint(output, { sourceType: 'module', ecmaVersion: 'latest', filePath: testCase.filename ?? 'file.ts' }),
              `${kind} output does not parse:\n${output}`,
            );
            const after = lint(ruleId, rule, testCase, output);
            // One finding per case is the norm: then the output must be clean. A case with several findings must
            // lose at least the one that was fixed.
            const expected = before.length === 1 ? 0 : before.length - 1;
            assert.ok(
              after.length <= expected,
              `${kind} leaves ${after.length} finding(s) (expected at most ${expected}):\n${output}\n${after.map((m) => m.message).join('\n')}`,
            );
          }
        }
      });
    });
  });

  describe(`${ruleId}: in a CRLF file, every fix and suggestion writes CRLF`, () => {
    cases.forEach((testCase, index) => {
      // Cases whose code already mixes line breaks test something else.
      if (testCase.code.includes('\r')) return;
      it(testCase.name ?? `invalid #${index}: ${testCase.code.split('\n').pop() ?? ''}`, () => {
        const crlf = testCase.code.replace(/\n/gu, '\r\n');
        const lfOutputs = outputsOf(lint(ruleId, rule, testCase, testCase.code), testCase.code);
        const crlfOutputs = outputsOf(lint(ruleId, rule, { ...testCase, code: crlf }, crlf), crlf);
        assert.deepEqual(
          crlfOutputs.map((output) => output.replace(/\r\n/gu, '\n')),
          lfOutputs,
          'the same edits as in the LF file',
        );
        for (const output of crlfOutputs) assert.doesNotMatch(output, /(?<!\r)\n/u, `a lone LF in a CRLF file:\n${JSON.stringify(output)}`);
      });
    });
  });
}

/** The text after each fix and each suggestion of `messages`, in report order. */
function outputsOf(messages: readonly Linter.LintMessage[], code: string): string[] {
  return messages.flatMap((message) => [
    ...(message.fix ? [apply(code, message.fix)] : []),
    ...(message.suggestions ?? []).map((suggestion) => apply(code, suggestion.fix)),
  ]);
}
