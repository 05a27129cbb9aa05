/**
 * Rule crashes. ESLint's Linter throws for the whole file when one rule throws; the engine turns that into a
 * fatal message on the crashing rule and re-runs the others, so one buggy rule never hides the rest (spec §5).
 */
import type { LintMessage } from './types';

interface NodeLike {
  loc?: { start?: { line?: unknown; column?: unknown } };
}

/**
 * Which rule threw. ESLint attaches `ruleId` to errors thrown by listeners (and appends `Rule: "<id>"` to the
 * message); an error thrown by `create()` only says `Error while loading rule '<id>'`.
 */
export function crashingRuleId(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { ruleId } = error as { ruleId?: unknown };
  if (typeof ruleId === 'string') return ruleId;
  const message = errorMessage(error);
  return /\nRule: "([^"]+)"/u.exec(message)?.[1] ?? /Error while loading rule '([^']+)'/u.exec(message)?.[1];
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** First line only: ESLint appends "Occurred while linting <file>" and "Rule: …" lines that the report repeats. */
function firstLine(text: string): string {
  return text.split('\n', 1)[0] ?? text;
}

/** The node being visited when the rule threw (ESLint sets `currentNode`), else the start of the file. */
function crashPosition(error: unknown): { line: number; column: number } {
  const node = (typeof error === 'object' && error !== null ? (error as { currentNode?: NodeLike }).currentNode : undefined);
  const start = node?.loc?.start;
  if (typeof start?.line === 'number' && typeof start.column === 'number') {
    return { line: start.line, column: start.column + 1 };
  }
  return { line: 1, column: 1 };
}

export function ruleCrashMessage(ruleId: string, error: unknown): LintMessage {
  return {
    ruleId,
    fatal: true,
    severity: 2,
    message: `Rule ${ruleId} crashed and was skipped for this file: ${firstLine(errorMessage(error))}`,
    ...crashPosition(error),
  };
}

/** A throw no rule can be blamed for (should not happen): one fatal message instead of a crash. */
export function internalErrorMessage(error: unknown): LintMessage {
  return {
    ruleId: null,
    fatal: true,
    severity: 2,
    message: `Internal error while linting: ${firstLine(errorMessage(error))}`,
    line: 1,
    column: 1,
  };
}
