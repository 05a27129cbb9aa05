/**
 * Public types of the engine. They mirror ESLint's own result shape (`ESLint.LintResult` minus `stats`) so the
 * CLI's `json` output, the ESLint plugin under `eslint` and the language server all speak the same format.
 */
import type { ESLint, Linter } from 'eslint';

import type { UserFactory } from 'eslint-plugin-poolguard/knowledge';

import type { RelatedFindings } from './related';

/** Severity names accepted in settings, on the CLI (`--rule id=sev`) and in the language server's `rules` map. */
export type RuleSeverity = 'off' | 'warn' | 'error';

export const RULE_SEVERITIES: readonly RuleSeverity[] = ['off', 'warn', 'error'];

/** What callers may change; anything not given falls back to the plugin's `configs.recommended`. */
export interface EngineSettings {
  /** Per-rule severity, keyed by rule id with or without the `poolguard/` prefix. */
  readonly rules?: Readonly<Record<string, RuleSeverity>>;
  /**
   * Per-rule options (everything after the severity in `[severity, ...options]`), keyed like `rules`. They replace
   * the options of the recommended entry; the severity stays whatever `rules` or the recommended config says. The
   * language server passes its `runtime` setting to `no-client-per-request` this way.
   */
  readonly ruleOptions?: Readonly<Record<string, readonly unknown[]>>;
  /** The user's own client and pool factories (spec §3), shared with every rule through ESLint's shared settings. */
  readonly clientFactories?: readonly ClientFactory[];
}

/** A user-declared factory: `{ module: './db', name: 'createDb', kind: 'pool' }`; without `module`, any callee of that name. */
export type ClientFactory = UserFactory;

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

/** A lint for an editor: the result plus the related locations the rules recorded for its findings. */
export interface EditorLintResult {
  result: LintResult;
  /** Keyed by `relatedKey({ ruleId, line, column })` of a finding of `result`. */
  related: RelatedFindings;
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
