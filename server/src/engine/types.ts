/**
 * Public types of the engine. They mirror ESLint's own result shape (`ESLint.LintResult` minus `stats`) so the
 * CLI's `json` output, the ESLint plugin under `eslint` and the language server all speak the same format.
 */
import type { ESLint, Linter } from 'eslint';

/** Severity names accepted in settings, on the CLI (`--rule id=sev`) and in the language server's `rules` map. */
export type RuleSeverity = 'off' | 'warn' | 'error';

export const RULE_SEVERITIES: readonly RuleSeverity[] = ['off', 'warn', 'error'];

/** What callers may change; anything not given falls back to the plugin's `configs.recommended`. */
export interface EngineSettings {
  /** Per-rule severity, keyed by rule id with or without the `poolguard/` prefix. */
  readonly rules?: Readonly<Record<string, RuleSeverity>>;
}

export type LintMessage = Linter.LintMessage;
export type SuppressedLintMessage = Linter.SuppressedLintMessage;
export type DeprecatedRuleUse = ESLint.DeprecatedRuleUse;

/** Exactly the keys (and key order) of one entry of ESLint's `json` formatter output. */
export interface LintResult {
  filePath: string;
  messages: LintMessage[];
  suppressedMessages: SuppressedLintMessage[];
  errorCount: number;
  fatalErrorCount: number;
  warningCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  /** Only after fixing, and only when a fix was applied (as in ESLint). */
  output?: string;
  /** Only when there are problems and no `output` (as in ESLint). */
  source?: string;
  usedDeprecatedRules: DeprecatedRuleUse[];
}

export interface FixOutcome {
  /** The text after applying every autofix (never suggestions); equal to the input when nothing was fixed. */
  output: string;
  fixed: boolean;
  /** The problems that remain after fixing. */
  result: LintResult;
}

/** What the engine knows about one rule; the SARIF formatter and the language server read it. */
export interface RuleInfo {
  /** Full id as it appears in output, e.g. `poolguard/no-client-per-request`. */
  id: string;
  /** Id inside the plugin, e.g. `no-client-per-request`. */
  name: string;
  description: string;
  url: string | undefined;
  /** Severity in `configs.recommended`; `off` when the rule is not in it. */
  recommended: RuleSeverity;
  fixable: boolean;
  hasSuggestions: boolean;
  deprecated: boolean;
}
