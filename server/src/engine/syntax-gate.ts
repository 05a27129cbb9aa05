/**
 * The fast path for files that cannot have a finding. Parsing is ~80 % of a lint (knowledge/performance.md) and the
 * rules are ~1 %, so the cheapest lint of a file is the one that does not parse it into ESTree at all.
 *
 * A text without any catalogue import or declared factory name cannot produce a finding (the sound prefilter of
 * `eslint-plugin-poolguard/prefilter`). It may still fail to parse, which the CLI must report (spec §2: a file that
 * does not parse is a finding). TypeScript's own parser, which typescript-estree runs first and whose first
 * syntactic diagnostic it turns into ESLint's "Parsing error", answers that at about a twelfth of the cost of
 * ESLint + typescript-eslint. Only when it finds an error does the caller run the full lint, so the fatal message is
 * exactly ESLint's.
 */
import * as path from 'node:path';

import { mayContainConstruction } from 'eslint-plugin-poolguard/prefilter';
import * as ts from 'typescript';

import type { EngineSettings } from './types';

/** typescript-estree's `getScriptKind`: the kind follows the extension (JSX is valid in every .js file). */
export function scriptKindOf(filePath: string): ts.ScriptKind {
  switch (path.extname(filePath).toLowerCase()) {
    case '.js':
    case '.cjs':
    case '.mjs':
      return ts.ScriptKind.JS;
    case '.jsx':
      return ts.ScriptKind.JSX;
    case '.tsx':
      return ts.ScriptKind.TSX;
    default:
      return ts.ScriptKind.TS;
  }
}

/** `parseDiagnostics` is internal to TypeScript (typescript-estree reads the same property). */
interface ParsedSourceFile extends ts.SourceFile {
  readonly parseDiagnostics?: readonly ts.Diagnostic[];
}

/** True when TypeScript's parser accepts the text: the syntax check typescript-estree makes before converting. */
export function parsesCleanly(text: string, filePath: string): boolean {
  const sourceFile = ts.createSourceFile(
    filePath,
    text.charCodeAt(0) === 0xfeff ? text.slice(1) : text,
    // JSDoc is irrelevant to syntax errors (its diagnostics are kept apart), so it is not parsed at all.
    { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone },
    false,
    scriptKindOf(filePath),
  );
  return ((sourceFile as ParsedSourceFile).parseDiagnostics ?? []).length === 0;
}

/**
 * True when linting `text` cannot report anything: no construction is possible and the text parses. False means
 * "run the full lint" (a possible construction, or a parse error whose exact message the full lint produces).
 */
export function cannotHaveFindings(text: string, filePath: string, settings: EngineSettings): boolean {
  return !mayContainConstruction(text, settings.clientFactories) && parsesCleanly(text, filePath);
}
