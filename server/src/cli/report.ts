/** What the run amounts to: `--quiet` filtering, totals, `--max-warnings` and the exit code. */
import { countMessages } from '../engine';
import type { CliMessage, CliResult } from './types';

function isErrorMessage(message: CliMessage): boolean {
  return message.severity === 2;
}

/**
 * ESLint's `getErrorResults`: keep error messages only, and drop results left without any, so `--quiet --format
 * json` lists only files with errors, exactly as ESLint does.
 */
export function errorsOnly(results: readonly CliResult[]): CliResult[] {
  return results.flatMap((result) => {
    const messages = result.messages.filter(isErrorMessage);
    if (messages.length === 0) return [];
    return [
      {
        ...result,
        messages,
        suppressedMessages: result.suppressedMessages.filter(isErrorMessage),
        ...countMessages(messages),
      },
    ];
  });
}

export interface Totals {
  errorCount: number;
  warningCount: number;
}

export function totals(results: readonly CliResult[]): Totals {
  return results.reduce(
    (sum, result) => ({ errorCount: sum.errorCount + result.errorCount, warningCount: sum.warningCount + result.warningCount }),
    { errorCount: 0, warningCount: 0 },
  );
}

export function tooManyWarnings(sum: Totals, maxWarnings: number | undefined): boolean {
  return maxWarnings !== undefined && sum.warningCount > maxWarnings;
}

/** 1 for any error-severity finding (parse errors included) or too many warnings, else 0. */
export function exitCodeFor(sum: Totals, maxWarnings: number | undefined): 0 | 1 {
  return sum.errorCount > 0 || tooManyWarnings(sum, maxWarnings) ? 1 : 0;
}
