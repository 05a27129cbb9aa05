/**
 * Results for files the CLI reports on without linting them. They copy the shape of ESLint's own ignored-file
 * result (`ruleId: null`, no position), so `--format json` consumers see nothing new.
 */
import { countMessages, LINTABLE_EXTENSIONS } from '../engine';
import type { IgnoreReason } from './files';
import type { CliMessage, CliResult } from './types';

const IGNORED_MESSAGES: Record<IgnoreReason, string> = {
  gitignore: 'File ignored because of a matching .gitignore pattern.',
  extension: `File ignored because PoolGuard only lints ${LINTABLE_EXTENSIONS.join(' ')} files.`,
};

function noticeResult(filePath: string, message: CliMessage): CliResult {
  return {
    filePath,
    messages: [message],
    suppressedMessages: [],
    ...countMessages([message]),
    usedDeprecatedRules: [],
  };
}

/** A warning like ESLint's "File ignored because of a matching ignore pattern" (severity 1, not fatal). */
export function ignoredFileResult(filePath: string, reason: IgnoreReason): CliResult {
  return noticeResult(filePath, { ruleId: null, fatal: false, severity: 1, message: IGNORED_MESSAGES[reason] });
}

/** A file that cannot be read is a fatal error for that file only; the run goes on. */
export function unreadableFileResult(filePath: string, error: unknown): CliResult {
  const reason = error instanceof Error ? error.message : String(error);
  return noticeResult(filePath, { ruleId: null, fatal: true, severity: 2, message: `Cannot read file: ${reason}` });
}

/** Writing a fixed file failed: the findings stand, plus one fatal message saying the fixes were not saved. */
export function withWriteFailure(result: CliResult, error: unknown): CliResult {
  const reason = error instanceof Error ? error.message : String(error);
  const messages: CliMessage[] = [
    { ruleId: null, fatal: true, severity: 2, message: `Cannot write fixes: ${reason}` },
    ...result.messages,
  ];
  return { ...result, messages, ...countMessages(messages) };
}
