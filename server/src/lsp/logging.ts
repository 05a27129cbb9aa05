/**
 * Logging and the never-die guard. The server must survive any document and any request (spec §5): every handler
 * runs through `guard`, which logs an unexpected throw to the client's output and answers with a neutral value,
 * instead of letting it reach the process.
 */
import { ResponseError } from 'vscode-languageserver';

import type { LintMessage } from '../engine';

/** The part of `connection.console` the server logs through. */
export interface Logger {
  error(message: string): void;
  warn(message: string): void;
  info(message: string): void;
  log(message: string): void;
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}

/**
 * Wraps a handler: a throw (or rejection) is logged once with the handler's name and turned into `fallback()`.
 * `ResponseError`s are intended answers (a cancelled request) and pass through.
 */
export function guard<A extends unknown[], R>(
  logger: Logger,
  name: string,
  fallback: (...args: NoInfer<A>) => R,
  handler: (...args: A) => R | Promise<R>,
): (...args: A) => Promise<R> {
  return async (...args: A) => {
    try {
      return await handler(...args);
    } catch (error) {
      if (error instanceof ResponseError) throw error;
      logger.error(`PoolGuard: ${name} failed: ${describeError(error)}`);
      return fallback(...args);
    }
  };
}

/**
 * Runs a promise nobody awaits (a notification sent, a refresh asked for): a rejection — the client went away, it
 * refused the request — is logged instead of becoming an unhandled rejection.
 */
export function background(logger: Logger, what: string, promise: Promise<unknown>): void {
  promise.catch((error: unknown) => logger.error(`PoolGuard: ${what} failed: ${describeError(error)}`));
}

/**
 * Rule crashes (the engine reports them as fatal messages on the rule and lints on without it). Each is logged
 * once per document and rule — a crash on every keystroke would otherwise flood the output — and never shown as a
 * diagnostic: the user can do nothing about it, and a red squiggle would claim a problem in their code.
 */
export class CrashLog {
  private readonly logged = new Map<string, Set<string>>();

  constructor(private readonly logger: Logger) {}

  report(uri: string, crash: LintMessage): void {
    let rules = this.logged.get(uri);
    if (rules === undefined) {
      rules = new Set();
      this.logged.set(uri, rules);
    }
    const key = crash.ruleId ?? '(internal)';
    if (rules.has(key)) return;
    rules.add(key);
    this.logger.error(`PoolGuard: ${crash.message} (${uri}, line ${crash.line}). Please report this with the file's code.`);
  }

  forget(uri: string): void {
    this.logged.delete(uri);
  }
}
