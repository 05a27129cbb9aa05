/**
 * The one test hook of the server, inert in production.
 *
 * With `POOLGUARD_TEST_CRASH_RULE=1` in the server's environment, the plugin the server gives the engine has one more
 * rule, `poolguard/test-crash` (on, at error), which throws while visiting an identifier named
 * `__poolguardTestCrash__`. The protocol tests use it to show that a crashing rule is logged once, produces no
 * diagnostic, leaves the other rules' findings in place and never kills the server. Without the variable the server
 * runs the real plugin, unchanged; nothing else reads it.
 */
import type { Rule } from 'eslint';

import { PLUGIN_NAMESPACE, poolguardPlugin, type EnginePlugin } from '../engine';

export const TEST_CRASH_RULE_ENV = 'POOLGUARD_TEST_CRASH_RULE';
export const TEST_CRASH_RULE_ID = `${PLUGIN_NAMESPACE}/test-crash`;
export const TEST_CRASH_IDENTIFIER = '__poolguardTestCrash__';

const crashRule: Rule.RuleModule = {
  meta: { type: 'problem', docs: { description: 'Test only: throws on a marker identifier' }, schema: [] },
  create: () => ({
    Identifier(node) {
      if (node.name === TEST_CRASH_IDENTIFIER) throw new Error('test-crash rule exploded (POOLGUARD_TEST_CRASH_RULE)');
    },
  }),
};

/** The plugin the server runs: the real one, plus the crashing rule when the test hook is on. */
export function serverPlugin(env: NodeJS.ProcessEnv = process.env): EnginePlugin {
  if (env[TEST_CRASH_RULE_ENV] !== '1') return poolguardPlugin;
  return {
    ...poolguardPlugin,
    rules: { ...poolguardPlugin.rules, 'test-crash': crashRule },
    configs: { recommended: { rules: { ...poolguardPlugin.configs.recommended.rules, [TEST_CRASH_RULE_ID]: 'error' } } },
  };
}
