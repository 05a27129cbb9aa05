/**
 * The engine holds no AST after a lint. ESLint's `Linter` keeps the `SourceCode` of its last run until its next run;
 * for a large text that is hundreds of megabytes (a 60,000-line file: ~450 MB), which the language server held after
 * the document was closed, until some other file happened to be linted. The engine now releases it after every run
 * on a text of `RELEASE_AFTER_CHARS` or more (lint, fix, editor lint, parse).
 *
 * Proof by garbage collection: a test rule keeps only a `WeakRef` to the `SourceCode` it ran on; after a full GC the
 * reference must be empty.
 */
import * as assert from 'node:assert/strict';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

import type { Rule } from 'eslint';

import { createEngine, PLUGIN_NAMESPACE, poolguardPlugin, type EnginePlugin } from '../src/engine';
import { RELEASE_AFTER_CHARS } from '../src/engine/lint';
import { PER_REQUEST_SOURCE } from './helpers/cli';

v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

let seen: WeakRef<object> | undefined;
const captureRule: Rule.RuleModule = {
  meta: { type: 'problem', docs: { description: 'Test only: remembers (weakly) the SourceCode it ran on' }, schema: [] },
  create: (context) => {
    seen = new WeakRef(context.sourceCode);
    return {};
  },
};
const plugin: EnginePlugin = {
  ...poolguardPlugin,
  rules: { ...poolguardPlugin.rules, capture: captureRule },
  configs: { recommended: { rules: { ...poolguardPlugin.configs.recommended.rules, [`${PLUGIN_NAMESPACE}/capture`]: 'error' } } },
};

/**
 * Creating a WeakRef, and every `deref()` that finds the target, keeps the target alive until the current job ends;
 * so the check collects in separate macrotasks, and looks only after a few of them. A loaded machine can need more
 * rounds (a collection may be postponed while another is running), so it tries up to 20 before answering no.
 */
async function isCollected(reference: WeakRef<object> | undefined): Promise<boolean> {
  assert.ok(reference !== undefined, 'the rule ran');
  for (let round = 0; round < 20; round++) {
    await new Promise((resolve) => setTimeout(resolve, round < 3 ? 1 : 20));
    collectGarbage();
    if (round >= 2 && reference.deref() === undefined) return true;
  }
  return reference.deref() === undefined;
}

describe('engine: no AST is kept after a lint of a large text', () => {
  const large = `${PER_REQUEST_SOURCE}${'const value = 1;\n'.repeat(Math.ceil(RELEASE_AFTER_CHARS / 17) + 10)}`;
  const file = '/project/src/large.ts';

  it('lintText, lintForEditor and fixText leave nothing behind', async () => {
    const engine = createEngine(plugin);
    for (const run of [() => engine.lintText(large, file), () => engine.lintForEditor(large, file), () => engine.fixText(large, file)]) {
      seen = undefined;
      const before = seen;
      run();
      assert.notEqual(seen, before);
      assert.ok(await isCollected(seen), `${run.toString()}: the SourceCode is still referenced`);
    }
  });

  it('parse: the caller is the only holder of the SourceCode it gets', async () => {
    const engine = createEngine(plugin);
    let sourceCode: object | undefined = engine.parse(large, file);
    assert.ok(sourceCode !== undefined);
    const reference = new WeakRef(sourceCode);
    sourceCode = undefined;
    assert.ok(await isCollected(reference));
  });

  it('findings are unchanged, and a small text after a large one is linted normally', () => {
    const engine = createEngine(plugin);
    assert.deepEqual(
      engine.lintText(large, file).messages.map((message) => [message.ruleId, message.line]),
      [['poolguard/no-client-per-request', 4]],
    );
    assert.deepEqual(
      engine.lintText(PER_REQUEST_SOURCE, '/project/src/small.ts').messages.map((message) => [message.ruleId, message.line]),
      [['poolguard/no-client-per-request', 4]],
    );
  });
});
