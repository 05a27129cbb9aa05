/**
 * The one place that loads `eslint-plugin-poolguard` and gives it the shape the engine needs.
 */
import type { Linter, Rule } from 'eslint';

import poolguardModule = require('eslint-plugin-poolguard');

/** Namespace the plugin is registered under; rule ids in output are `<namespace>/<rule>`. */
export const PLUGIN_NAMESPACE = 'poolguard';

/** The parts of a plugin the engine reads. Tests pass their own (for example one with a crashing rule). */
export interface EnginePlugin {
  meta?: { name?: string; version?: string };
  rules: Record<string, Rule.RuleModule>;
  configs: { recommended: { rules?: Linter.RulesRecord } };
}

/**
 * The plugin is typed with typescript-eslint's `RuleModule`, which is not assignable to ESLint's `Rule.RuleModule`
 * (different context types) although both describe the same run-time object, hence the double cast.
 */
export const poolguardPlugin = poolguardModule as unknown as EnginePlugin;
