/**
 * What the PoolGuard language server and its clients agree on: names, command ids, code action kinds and the shapes
 * that travel in `Diagnostic.data`, code action `data` and command results. Imports only
 * `vscode-languageserver-protocol`, so a client (or a test) can share it without pulling in the server.
 */
import { CodeActionKind } from 'vscode-languageserver-protocol';

/** `Diagnostic.source` of every PoolGuard diagnostic, and the diagnostic provider's identifier. */
export const DIAGNOSTIC_SOURCE = 'poolguard';

/** The `workspace/configuration` section the server reads its settings from. */
export const SETTINGS_SECTION = 'poolguard';

/** Commands the server implements (declared in its `executeCommandProvider`). */
export const ServerCommands = {
  /** Lints every lintable file of the workspace folders and publishes the diagnostics; returns `LintWorkspaceSummary`. */
  lintWorkspace: 'poolguard.server.lintWorkspace',
} as const;

/** The on-save kind: autofixes only (never suggestions), as `eslint --fix` (spec §3, "Fixes vs suggestions"). */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.poolguard`;

/** Title of the explicit fix-all quick fix (autofixes plus the preferred suggestion of each finding). */
export const FIX_ALL_TITLE = 'Fix all PoolGuard problems';

/**
 * `Diagnostic.data` of every PoolGuard diagnostic. `version` is the document version the diagnostic was computed
 * for (`null` for files that were not open, e.g. from "lint workspace"): a code action request for a diagnostic of
 * another version gets no fix for it. `line`/`column` are ESLint's 1-based start, which identifies the finding in the
 * server's lint of that version.
 */
export interface DiagnosticData {
  readonly version: number | null;
  /** `poolguard/<rule>`, or `null` for a parse error. */
  readonly ruleId: string | null;
  readonly line: number;
  readonly column: number;
}

/** `CodeAction.data` of a fix-all action whose edit is computed on `codeAction/resolve`. */
export interface FixAllActionData {
  readonly kind: 'fixAll';
  readonly uri: string;
  readonly version: number;
  /** `preferred`: autofixes and the preferred suggestion of each finding; `autofix`: autofixes only. */
  readonly mode: FixAllMode;
}

export type FixAllMode = 'preferred' | 'autofix';

/** Result of `poolguard.server.lintWorkspace`. */
export interface LintWorkspaceSummary {
  /** Files linted (open documents are linted as they change and are not counted). */
  readonly files: number;
  readonly errors: number;
  readonly warnings: number;
  /** True when the run was cancelled before it finished. */
  readonly cancelled: boolean;
}

export type RuleSeverityValue = 'off' | 'warn' | 'error' | 0 | 1 | 2;

/** The `runtime` setting (spec §4), passed to `no-client-per-request` as its option. */
export type RuntimeSetting = 'auto' | 'node' | 'lambda' | 'edge';

/** The `poolguard` settings section as a client sends it; the server validates every field (see `settings.ts`). */
export interface PoolGuardSettingsSection {
  enable?: boolean;
  /**
   * Per-rule severity, keyed by rule id with or without the `poolguard/` prefix; also ESLint's
   * `[severity, ...options]` form, e.g. `["warn", { "requireExplicit": true }]`.
   */
  rules?: Record<string, RuleSeverityValue | [RuleSeverityValue, ...unknown[]]>;
  /** User-declared client factories (spec §3). */
  clientFactories?: { module?: string; name: string; kind: string }[];
  /** Globs (gitignore syntax) of files not to lint, relative to the workspace folder. */
  ignore?: string[];
  runtime?: RuntimeSetting;
  /** Milliseconds to wait after the last change before linting; 0 lints at once. */
  debounceMs?: number;
  trace?: { server?: 'off' | 'messages' | 'verbose' };
}
