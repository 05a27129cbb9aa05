/** The engine in-process: result shape, parse errors, crash isolation, fixes vs suggestions, settings. */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Rule } from 'eslint';

import { createConfigBuilder } from '../src/engine/config';
import { createEngine, fixText, lintText, UnknownRuleError, type EnginePlugin } from '../src/engine';
import { PER_REQUEST_COLUMN, PER_REQUEST_SOURCE, RESULT_KEYS } from './helpers/cli';

/** Reports every `debugger`, with an autofix that removes it and a suggestion that comments it out. */
const fixableRule: Rule.RuleModule = {
  meta: { type: 'problem', fixable: 'code', hasSuggestions: true, docs: { description: 'no debugger', url: 'https://x/fixable' }, schema: [] },
  create: (context) => ({
    DebuggerStatement(node) {
      context.report({
        node,
        message: 'debugger found',
        fix: (fixer) => fixer.remove(node),
        suggest: [{ desc: 'comment it out', fix: (fixer) => fixer.replaceText(node, '/* debugger */') }],
      });
    },
  }),
};

/** Only a suggestion: must never be applied by fixText. */
const suggestOnlyRule: Rule.RuleModule = {
  meta: { type: 'problem', hasSuggestions: true, docs: { description: 'no var' }, schema: [] },
  create: (context) => ({
    'VariableDeclaration[kind="var"]'(node: Rule.Node) {
      context.report({ node, message: 'var found', suggest: [{ desc: 'use let', fix: (fixer) => fixer.replaceText(node, 'let x = 1;') }] });
    },
  }),
};

/** Throws while visiting an identifier named `boom`. */
const listenerCrashRule: Rule.RuleModule = {
  meta: { type: 'problem', docs: { description: 'crashes in a listener' }, schema: [] },
  create: () => ({
    Identifier(node) {
      if (node.name === 'boom') throw new Error('listener exploded');
    },
  }),
};

/** Throws a string, which ESLint cannot tag with the rule id. */
const primitiveThrowRule: Rule.RuleModule = {
  meta: { type: 'problem', docs: { description: 'throws a string' }, schema: [] },
  create: () => ({
    Program() {
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- the point of this fixture
      throw 'not an Error';
    },
  }),
};

/** Throws from create(). */
const createCrashRule: Rule.RuleModule = {
  meta: { type: 'problem', docs: { description: 'crashes in create' }, schema: [] },
  create: () => {
    throw new Error('create exploded');
  },
};

function testPlugin(): EnginePlugin {
  return {
    rules: { fixable: fixableRule, 'suggest-only': suggestOnlyRule, 'listener-crash': listenerCrashRule, 'create-crash': createCrashRule, 'primitive-throw': primitiveThrowRule },
    configs: {
      recommended: {
        rules: {
          'poolguard/fixable': 'error',
          'poolguard/suggest-only': 'warn',
          'poolguard/listener-crash': 'error',
          'poolguard/create-crash': 'off',
          'poolguard/primitive-throw': 'off',
        },
      },
    },
  };
}

const FILE = path.resolve('/project/src/file.ts');

describe('engine', () => {
  it('returns ESLint result keys; `source` only when there are problems', () => {
    const clean = lintText('export const x = 1;\n', FILE);
    assert.deepEqual(Object.keys(clean), [...RESULT_KEYS, 'usedDeprecatedRules']);
    const broken = lintText('const = 1;', FILE);
    assert.deepEqual(Object.keys(broken), [...RESULT_KEYS, 'source', 'usedDeprecatedRules']);
  });

  it('a parse error is one fatal message with ruleId null, never an exception', () => {
    const result = lintText('function (', FILE);
    assert.equal(result.messages.length, 1);
    const [message] = result.messages;
    assert.equal(message?.ruleId, null);
    assert.equal(message?.fatal, true);
    assert.equal(message?.severity, 2);
    assert.match(message?.message ?? '', /^Parsing error: /u);
    assert.equal(message?.line, 1);
    assert.equal(typeof message?.column, 'number');
    assert.equal(result.errorCount, 1);
    assert.equal(result.fatalErrorCount, 1);
  });

  it('resolves relative paths and lints files outside the process cwd', () => {
    assert.equal(lintText('export {};', 'rel/a.js').filePath, path.resolve('rel/a.js'));
    const outside = path.join(path.parse(process.cwd()).root, 'elsewhere', 'a.ts');
    assert.equal(lintText('const = 1', outside).messages[0]?.fatal, true, 'a config applies outside the cwd');
  });

  it('drops messages about rules it does not run and eslint-env notices (the user ESLint reports those)', () => {
    const text = '/* eslint-env node */\n/* eslint no-console: "off" */\n// eslint-disable-next-line react/x\nexport const y = 1;\n';
    assert.deepEqual(lintText(text, FILE).messages, []);
  });

  it('a rule crash is reported as a fatal message on that rule, and the other rules still report', () => {
    const engine = createEngine(testPlugin());
    const result = engine.lintText('const boom = 1;\ndebugger;\nvar v = 2;\n', FILE);
    assert.deepEqual(
      result.messages.map((message) => [message.ruleId, message.severity, message.fatal ?? false, message.line, message.column]),
      [
        ['poolguard/listener-crash', 2, true, 1, 7],
        ['poolguard/fixable', 2, false, 2, 1],
        ['poolguard/suggest-only', 1, false, 3, 1],
      ],
    );
    assert.match(result.messages[0]?.message ?? '', /^Rule poolguard\/listener-crash crashed and was skipped for this file: listener exploded$/u);
    assert.equal(result.fatalErrorCount, 1);
    assert.equal(result.errorCount, 2);
  });

  it('a crash in create() is attributed too, also when several rules crash', () => {
    const engine = createEngine(testPlugin());
    const result = engine.lintText('const boom = 1;\ndebugger;\n', FILE, { rules: { 'create-crash': 'warn' } });
    assert.deepEqual(
      result.messages.map((message) => [message.ruleId, message.fatal ?? false]),
      [
        ['poolguard/create-crash', true],
        ['poolguard/listener-crash', true],
        ['poolguard/fixable', false],
      ],
    );
  });

  it('an unattributable throw is one fatal message for the file, not an exception', () => {
    const engine = createEngine(testPlugin());
    const result = engine.lintText('debugger;\n', FILE, { rules: { 'primitive-throw': 'error' } });
    assert.equal(result.messages.length, 1);
    const [message] = result.messages;
    assert.deepEqual([message?.ruleId, message?.fatal, message?.severity, message?.line], [null, true, 2, 1]);
    // ESLint itself trips over the string (it tries to attach `currentNode`), so the text is ESLint's TypeError.
    assert.match(message?.message ?? '', /^Internal error while linting: /u);
  });

  it('fixText applies fixes, never suggestions, and reports what remains', () => {
    const engine = createEngine(testPlugin());
    const text = 'debugger;\nvar v = 2;\n';
    const { output, fixed, result } = engine.fixText(text, FILE);
    assert.equal(fixed, true);
    assert.equal(output, '\nvar v = 2;\n');
    assert.equal(result.output, output);
    assert.equal(result.source, undefined, 'ESLint omits `source` when `output` is set');
    assert.deepEqual(result.messages.map((message) => message.ruleId), ['poolguard/suggest-only']);
    // Nothing to fix: output is the input and the result has no `output`.
    const unchanged = engine.fixText('var v = 2;\n', FILE);
    assert.equal(unchanged.fixed, false);
    assert.equal(unchanged.output, 'var v = 2;\n');
    assert.equal('output' in unchanged.result, false);
  });

  it('fixText still fixes with the other rules when one crashes', () => {
    const { output, result } = createEngine(testPlugin()).fixText('const boom = 1;\ndebugger;\n', FILE);
    assert.equal(output, 'const boom = 1;\n\n');
    assert.deepEqual(result.messages.map((message) => message.ruleId), ['poolguard/listener-crash']);
  });

  it('settings override severities by id with or without prefix; unknown ids throw', () => {
    const engine = createEngine(testPlugin());
    const text = 'debugger;\n';
    assert.equal(engine.lintText(text, FILE, { rules: { fixable: 'warn' } }).messages[0]?.severity, 1);
    assert.deepEqual(engine.lintText(text, FILE, { rules: { 'poolguard/fixable': 'off' } }).messages, []);
    assert.throws(() => engine.lintText(text, FILE, { rules: { nope: 'error' } }), UnknownRuleError);
    assert.equal(engine.resolveRuleId('fixable'), 'poolguard/fixable');
    assert.equal(engine.resolveRuleId('poolguard/nope'), undefined);
  });

  it('memoizes configs per effective settings, not per settings object', () => {
    const build = createConfigBuilder(testPlugin());
    assert.equal(build({ rules: { fixable: 'warn' } }), build({ rules: { 'poolguard/fixable': 'warn' } }));
    assert.notEqual(build({}), build({ rules: { fixable: 'warn' } }));
  });

  it('uses the real plugin by default (depends on no-client-per-request)', () => {
    const result = lintText(PER_REQUEST_SOURCE, FILE.replace(/\.ts$/u, '.js'));
    assert.deepEqual(
      result.messages.map((message) => [message.ruleId, message.line, message.column]),
      [['poolguard/no-client-per-request', 4, PER_REQUEST_COLUMN]],
    );
    assert.equal(fixText(PER_REQUEST_SOURCE, FILE).fixed, false, 'the hoist is a suggestion, not a fix');
  });

  it('survives huge (50k lines) and deeply nested input', function () {
    this.timeout(120_000);
    const huge = Array.from({ length: 50_000 }, (_, index) => `const v${index} = ${index};`).join('\n');
    assert.deepEqual(lintText(huge, FILE).messages, []);
    // Too deep for the parser's recursion: reported as a parse error, not thrown.
    const deep = lintText(`export const x = ${'['.repeat(5000)}${']'.repeat(5000)};`, FILE);
    assert.equal(deep.messages.length, 1);
    assert.equal(deep.messages[0]?.fatal, true);
    assert.equal(deep.messages[0]?.ruleId, null);
  });
});
