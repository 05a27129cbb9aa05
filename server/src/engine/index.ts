/**
 * The engine's public API: lint or fix one text with PoolGuard's rules, in-process, with no config files.
 * The CLI uses it now; the language server reuses it.
 */
export { createEngine, fixText, lintText, resolvePoolGuardRuleId, resultWithoutLint, rules, type Engine } from './lint';
export { LINTABLE_EXTENSIONS, UnknownRuleError } from './config';
export { countMessages, type MessageCounts } from './results';
export { PLUGIN_NAMESPACE, poolguardPlugin, type EnginePlugin } from './plugin';
export { relatedKey, type RelatedFindings, type RelatedLocation } from './related';
export {
  RULE_SEVERITIES,
  type ClientFactory,
  type EditorLintResult,
  type EngineSettings,
  type FixOutcome,
  type LintMessage,
  type LintResult,
  type RuleInfo,
  type RuleSeverity,
  type SuppressedLintMessage,
} from './types';
