/** Result types as the CLI reports them. */
import type { LintMessage, LintResult, RuleInfo } from '../engine';

/**
 * A message as reported. File-level notices the CLI adds itself (an ignored file, an unreadable file) have no
 * position and may say `fatal: false`, exactly like ESLint's "File ignored because …" results; everything from
 * the engine is a plain `LintMessage`.
 */
export type CliMessage = Omit<LintMessage, 'line' | 'column' | 'fatal'> & { line?: number; column?: number; fatal?: boolean };

export interface CliResult extends Omit<LintResult, 'messages'> {
  messages: CliMessage[];
}

export interface FormatContext {
  /** Directory output paths are made relative to (SARIF). */
  cwd: string;
  /** Files actually linted (ignored ones excluded), for the text summary. */
  lintedFileCount: number;
  color: boolean;
  rules: readonly RuleInfo[];
  version: string;
}
