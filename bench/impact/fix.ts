/**
 * The fixed service is not written by hand: it is PoolGuard's own "Fix all PoolGuard problems" (the language server's
 * fix-all in `preferred` mode: autofixes, then the preferred quick fix of each finding, re-linting after each step)
 * applied to variants/per-request.mjs. This checks that the result lints clean and that node accepts it, and keeps
 * the committed copy variants/fixed.mjs in step with what the fix produces today.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { repositoryRoot } from '../common/paths';

export const RULE_ID = 'poolguard/no-client-per-request';

/** The parts of the engine's API used here (server/src/engine, server/src/lsp/fix-all), loaded from its build. */
interface Suggestion {
  readonly desc: string;
  readonly messageId?: string;
}
interface Message {
  readonly ruleId: string | null;
  readonly line: number;
  readonly column: number;
  readonly message: string;
  readonly fatal?: boolean;
  readonly suggestions?: readonly Suggestion[];
}
interface Engine {
  lintText(text: string, filePath: string, settings?: object): { messages: Message[] };
}
interface EngineModule {
  createEngine(): Engine;
}
interface FixAllModule {
  fixAll(engine: Engine, text: string, fileName: string, settings: object, mode: 'autofix' | 'preferred'): string | undefined;
  preferredSuggestion(message: Message): Suggestion | undefined;
}

export interface Finding {
  readonly ruleId: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
  /** The quick fix fix-all applies for it (its message id and title), if any. */
  readonly fix: { readonly messageId: string | undefined; readonly title: string } | undefined;
}

export interface FixedVariant {
  readonly findings: readonly Finding[];
  /** What the CLI / language server still report on the fixed text (expected: nothing from RULE_ID). */
  readonly remaining: readonly Finding[];
  readonly fixedText: string;
  /** `diff -u` of per-request.mjs → fixed.mjs. */
  readonly diff: string;
  /** False when variants/fixed.mjs differed from what the fix produces now (it was rewritten). */
  readonly committedCopyWasCurrent: boolean;
}

function toFinding(message: Message, fixAll: FixAllModule): Finding {
  const suggestion = fixAll.preferredSuggestion(message);
  return {
    ruleId: message.ruleId ?? '(parser)',
    line: message.line,
    column: message.column,
    message: message.message,
    fix: suggestion ? { messageId: suggestion.messageId, title: suggestion.desc } : undefined,
  };
}

export function produceFixedVariant(sourceFile: string, workCopy: string, committedCopy: string): FixedVariant {
  const engineModule = require(path.join(repositoryRoot, 'server', 'dist', 'src', 'engine')) as EngineModule;
  const fixAllModule = require(path.join(repositoryRoot, 'server', 'dist', 'src', 'lsp', 'fix-all.js')) as FixAllModule;
  const engine = engineModule.createEngine();
  const text = fs.readFileSync(sourceFile, 'utf8');
  const findings = engine.lintText(text, sourceFile, {}).messages.map((message) => toFinding(message, fixAllModule));
  if (!findings.some((finding) => finding.ruleId === RULE_ID)) {
    throw new Error(`PoolGuard reports no ${RULE_ID} on ${sourceFile}: the benchmark's anti-pattern is not flagged`);
  }
  const fixedText = fixAllModule.fixAll(engine, text, sourceFile, {}, 'preferred');
  if (fixedText === undefined) throw new Error(`PoolGuard's fix-all changed nothing in ${sourceFile}`);

  // Lint the fixed text under the same file name, so the same rules and parser apply.
  const remainingMessages = engine.lintText(fixedText, sourceFile, {}).messages;
  const remaining = remainingMessages.map((message) => toFinding(message, fixAllModule));
  const stillPerRequest = remaining.filter((finding) => finding.ruleId === RULE_ID || finding.ruleId === '(parser)');
  if (stillPerRequest.length > 0) {
    throw new Error(
      `PoolGuard's fix-all left findings in the fixed service:\n${stillPerRequest.map((f) => `  ${f.line}:${f.column} ${f.ruleId} ${f.message}`).join('\n')}`,
    );
  }

  fs.mkdirSync(path.dirname(workCopy), { recursive: true });
  fs.writeFileSync(workCopy, fixedText);
  const check = spawnSync(process.execPath, ['--check', workCopy], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`node --check rejects the fixed service ${workCopy}:\n${check.stderr}`);

  const committedCopyWasCurrent = fs.existsSync(committedCopy) && fs.readFileSync(committedCopy, 'utf8') === fixedText;
  if (!committedCopyWasCurrent) fs.writeFileSync(committedCopy, fixedText);

  const diffResult = spawnSync('diff', ['-u', '--label', 'variants/per-request.mjs', '--label', 'variants/fixed.mjs', sourceFile, workCopy], {
    encoding: 'utf8',
  });
  if (diffResult.status !== 1) throw new Error(`diff failed (${diffResult.status}): ${diffResult.stderr}`);
  return { findings, remaining, fixedText, diff: diffResult.stdout, committedCopyWasCurrent };
}
