/**
 * The three front ends the properties compare (spec §5) and the run budget.
 *
 * - ESLint: the plugin under ESLint's own `Linter`, with `@typescript-eslint/parser` and `configs.recommended`, as a
 *   user's flat config would have it (test/parity.test.ts does the same with the `ESLint` class);
 * - the engine: `lintText` / `fixText`, what the CLI `poolguard` runs;
 * - the language server: in-process `DocumentLinter` (what the server runs per document, prefilter included) for
 *   every run, and the real server process over stdio for a fixed sample (see parity.property.test.ts).
 *
 * Runs: each property has a modest default with a fixed seed; `POOLGUARD_PROPERTY_RUNS=<n>` runs every property n
 * times instead, `POOLGUARD_PROPERTY_SEED=<n>` changes the seed.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

import * as tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import type fc from 'fast-check';
import plugin = require('eslint-plugin-poolguard');
import { createEngine, type EngineSettings, type LintMessage } from 'poolguard/dist/src/engine';
import { IgnoreGlobs } from 'poolguard/dist/src/lsp/ignore-globs';
import { DocumentLinter } from 'poolguard/dist/src/lsp/linting';
import { DEFAULT_SETTINGS } from 'poolguard/dist/src/lsp/settings';
import { WorkspaceFolders } from 'poolguard/dist/src/lsp/workspace-folders';

export const RULE = 'poolguard/no-client-per-request';

/** Generated files live under this (virtual) directory: nothing is read from or written to disk. */
export const VIRTUAL_ROOT = '/poolguard-property';

export function absolutePath(filename: string): string {
  return path.posix.join(VIRTUAL_ROOT, filename);
}

export function fileUri(filename: string): string {
  return pathToFileURL(absolutePath(filename)).href;
}

const DEFAULT_SEED = 20240611;

export function seed(): number {
  const raw = process.env['POOLGUARD_PROPERTY_SEED'];
  const value = raw === undefined || raw.trim() === '' ? Number.NaN : Number(raw);
  return Number.isInteger(value) ? value : DEFAULT_SEED;
}

/** `base` runs, or `POOLGUARD_PROPERTY_RUNS` when set. */
export function runs(base: number): number {
  const fromEnv = Number(process.env['POOLGUARD_PROPERTY_RUNS']);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : base;
}

export function parameters<T>(baseRuns: number): fc.Parameters<T> {
  return { seed: seed(), numRuns: runs(baseRuns) };
}

// ---- ESLint with the plugin --------------------------------------------------------------------------------

const eslintLinter = new Linter({ configType: 'flat', cwd: VIRTUAL_ROOT });

function eslintConfig(rules: Linter.RulesRecord = {}): Linter.Config[] {
  return [
    { files: ['**/*.{js,cjs,mjs,jsx,ts,cts,mts,tsx}'], languageOptions: { parser: tsParser as unknown as Linter.Parser } },
    plugin.configs.recommended as unknown as Linter.Config,
    ...(Object.keys(rules).length > 0 ? [{ rules }] : []),
  ];
}
const RECOMMENDED = eslintConfig();

/** All messages of the plugin under real ESLint, for a file at `filename` (relative to the virtual root). */
export function lintWithEslint(text: string, filename: string, rules?: Linter.RulesRecord): Linter.LintMessage[] {
  return eslintLinter.verify(text, rules ? eslintConfig(rules) : RECOMMENDED, { filename: absolutePath(filename) });
}

// ---- the engine (CLI) and the in-process language-server linter ------------------------------------------

export const engine = createEngine();
const documentLinter = new DocumentLinter(engine, new IgnoreGlobs(new WorkspaceFolders([])));

export function lintWithEngine(text: string, filename: string, settings?: EngineSettings): LintMessage[] {
  return engine.lintText(text, absolutePath(filename), settings).messages;
}

export function fixWithEngine(text: string, filename: string, settings?: EngineSettings): ReturnType<typeof engine.fixText> {
  return engine.fixText(text, absolutePath(filename), settings);
}

export function languageIdOf(filename: string): string {
  return /\.[cm]?ts$/u.test(filename) ? 'typescript' : 'javascript';
}

/** What the server computes for an open document (prefilter included), without the transport. */
export function lintWithDocumentLinter(text: string, filename: string): LintMessage[] {
  const lint = documentLinter.lint({
    uri: fileUri(filename),
    version: 1,
    languageId: languageIdOf(filename),
    text,
    settings: DEFAULT_SETTINGS,
    generation: 0,
  });
  return [...lint.findings, ...(lint.parseError ? [lint.parseError] : []), ...lint.crashes];
}

// ---- comparing findings --------------------------------------------------------------------------------------

export interface FindingKey {
  ruleId: string | null;
  line: number;
  column: number;
  endLine: number | undefined;
  endColumn: number | undefined;
}

export function keyOf(message: { ruleId: string | null; line: number; column: number; endLine?: number | undefined; endColumn?: number | undefined }): FindingKey {
  return { ruleId: message.ruleId, line: message.line, column: message.column, endLine: message.endLine, endColumn: message.endColumn };
}

export function sortedKeys<T extends Parameters<typeof keyOf>[0]>(messages: readonly T[]): FindingKey[] {
  return messages
    .map(keyOf)
    .sort((a, b) => a.line - b.line || a.column - b.column || (a.ruleId ?? '').localeCompare(b.ruleId ?? ''));
}

/** Messages with everything ESLint and the engine both report: position, rule, text, severity, fix, suggestions. */
export function fullShape(messages: readonly Linter.LintMessage[]): unknown[] {
  return [...messages]
    .sort((a, b) => a.line - b.line || a.column - b.column || (a.ruleId ?? '').localeCompare(b.ruleId ?? ''))
    .map((message) => ({
      ...keyOf(message),
      severity: message.severity,
      message: message.message,
      messageId: message.messageId,
      fix: message.fix,
      suggestions: (message.suggestions ?? []).map((suggestion) => ({ desc: suggestion.desc, fix: suggestion.fix })),
    }));
}

export function applyEdit(text: string, edit: { range: readonly [number, number]; text: string }): string {
  return text.slice(0, edit.range[0]) + edit.text + text.slice(edit.range[1]);
}

export function fatalOf(messages: readonly Linter.LintMessage[]): Linter.LintMessage | undefined {
  return messages.find((message) => message.fatal === true);
}
