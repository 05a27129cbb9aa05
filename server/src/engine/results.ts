/** Turns the Linter's raw messages into ESLint's `LintResult` shape. */
import { isPoolGuardRuleId } from './rules';
import type { DeprecatedRuleUse, LintMessage, LintResult, SuppressedLintMessage } from './types';

/** The parser service's prefix for parse failures (eslint `lib/services/parser-service.js`). */
const PARSE_ERROR_PREFIX = 'Parsing error:';

export interface MessageCounts {
  errorCount: number;
  fatalErrorCount: number;
  warningCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
}

/** Same counting as ESLint's `calculateStatsPerFile`: a fatal message is an error whatever its severity. */
export function countMessages(
  messages: readonly (Pick<LintMessage, 'severity' | 'fix'> & { fatal?: boolean | undefined })[],
): MessageCounts {
  const counts: MessageCounts = {
    errorCount: 0,
    fatalErrorCount: 0,
    warningCount: 0,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
  };
  for (const message of messages) {
    if (message.fatal === true || message.severity === 2) {
      counts.errorCount++;
      if (message.fatal === true) counts.fatalErrorCount++;
      if (message.fix) counts.fixableErrorCount++;
    } else {
      counts.warningCount++;
      if (message.fix) counts.fixableWarningCount++;
    }
  }
  return counts;
}

/**
 * Keeps PoolGuard's own messages and parse errors. Everything else the Linter emits concerns the user's ESLint
 * setup, which PoolGuard deliberately does not load: `// eslint-disable-line @typescript-eslint/x` yields
 * "Definition for rule … was not found", `/* eslint-env *\/` yields a *fatal* notice. Reporting those would turn
 * every ordinary project into a failing PoolGuard run; the user's own ESLint already reports them.
 */
export function isOwnMessage(message: LintMessage): boolean {
  if (message.ruleId === null) return message.fatal === true && message.message.startsWith(PARSE_ERROR_PREFIX);
  return isPoolGuardRuleId(message.ruleId);
}

/** Sorts like the Linter does (line, then column), so merged crash reports land in place. */
export function sortMessages<T extends LintMessage>(messages: T[]): T[] {
  return messages.sort((a, b) => a.line - b.line || a.column - b.column);
}

export interface ResultParts {
  filePath: string;
  text: string;
  messages: LintMessage[];
  suppressedMessages: SuppressedLintMessage[];
  /** Set only when fixes were applied, as in ESLint's `verifyText`. */
  output?: string;
  usedDeprecatedRules: DeprecatedRuleUse[];
}

/** Mirrors ESLint's `verifyText` result assembly, including key order (the json formatter prints it as is). */
export function makeResult(parts: ResultParts): LintResult {
  const counts = countMessages(parts.messages);
  const textFields: Pick<LintResult, 'output' | 'source'> = {};
  if (parts.output !== undefined) textFields.output = parts.output;
  else if (counts.errorCount + counts.warningCount > 0) textFields.source = parts.text;
  return {
    filePath: parts.filePath,
    messages: parts.messages,
    suppressedMessages: parts.suppressedMessages,
    ...counts,
    ...textFields,
    usedDeprecatedRules: parts.usedDeprecatedRules,
  };
}
