/**
 * A document's lint → LSP diagnostics.
 *
 * - `source: "poolguard"`, `code` = rule id, `codeDescription.href` = the rule's doc page, `relatedInformation` =
 *   the handler that makes a construction per-request (recorded by the rule, see `engine/related.ts`).
 * - Severity follows the effective rule severity (the settings' `rules` map reaches the engine's config).
 * - `data` = `DiagnosticData`: the document version and the finding's ESLint start, so code actions can refuse a
 *   diagnostic of another version and find the finding's fixes in the server's lint of that version.
 * - A parse error is a Hint, not an Error: the TypeScript/JavaScript language service already underlines syntax
 *   errors, and a second red squiggle on every half-typed line would be noise. The hint says why PoolGuard's
 *   findings are gone until the file parses again (a lint replaces the whole report, knowledge/architecture.md §1).
 */
import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation, type Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

import { relatedKey, type LintMessage, type RuleInfo } from '../engine';
import type { DocumentLint } from './linting';
import { EslintCoordinates } from './positions';
import { DIAGNOSTIC_SOURCE, type DiagnosticData } from './protocol';

/** A word (identifier, number) or one other visible character, starting exactly at the offset. */
const TOKEN_AT = /[\p{L}\p{N}_$]+|[^\s]/uy;

/**
 * The range to show for a position without an end (a parse error, a report without `endLine`): the token there, or
 * the character before it when the position is at the end of a line or of the text, so the mark stays visible.
 */
export function tokenRangeAt(text: string, offset: number): [number, number] {
  TOKEN_AT.lastIndex = offset;
  const match = TOKEN_AT.exec(text);
  if (match !== null) return [offset, offset + match[0].length];
  const previous = text.charAt(offset - 1);
  if (offset > 0 && previous !== '\n' && previous !== '\r') return [offset - 1, offset];
  return [offset, offset];
}

function hasEnd(message: Pick<LintMessage, 'endLine' | 'endColumn'>): message is { endLine: number; endColumn: number } {
  return Number.isFinite(message.endLine) && Number.isFinite(message.endColumn);
}

/** The offsets a message covers in the document's text. */
export function messageOffsets(coordinates: EslintCoordinates, text: string, message: LintMessage): [number, number] {
  const start = coordinates.offsetOf(message.line, message.column);
  if (!hasEnd(message)) return tokenRangeAt(text, start);
  return [start, Math.max(start, coordinates.offsetOf(message.endLine, message.endColumn))];
}

function rangeOf(document: TextDocument, [start, end]: [number, number]): Range {
  return { start: document.positionAt(start), end: document.positionAt(end) };
}

export class DiagnosticMapper {
  private readonly docs: ReadonlyMap<string, string | undefined>;

  constructor(rules: readonly RuleInfo[]) {
    this.docs = new Map(rules.map((rule) => [rule.id, rule.url]));
  }

  /** Diagnostics for a lint of `document`'s text (the lint's version must be the document's). */
  toDiagnostics(document: TextDocument, lint: DocumentLint): Diagnostic[] {
    const text = document.getText();
    const coordinates = new EslintCoordinates(text);
    const diagnostics = lint.findings.map((message) => this.finding(document, text, coordinates, lint, message));
    if (lint.parseError !== undefined) diagnostics.push(this.parseError(document, text, coordinates, lint, lint.parseError));
    return diagnostics;
  }

  private finding(document: TextDocument, text: string, coordinates: EslintCoordinates, lint: DocumentLint, message: LintMessage): Diagnostic {
    const ruleId = message.ruleId ?? '';
    const href = this.docs.get(ruleId);
    const related = lint.related.get(relatedKey({ ruleId, line: message.line, column: message.column })) ?? [];
    const relatedInformation: DiagnosticRelatedInformation[] = related.map((location) => ({
      location: {
        uri: lint.uri,
        range: rangeOf(document, [
          coordinates.offsetOf(location.line, location.column),
          coordinates.offsetOf(location.endLine, location.endColumn),
        ]),
      },
      message: location.message,
    }));
    const data: DiagnosticData = { version: lint.version, ruleId, line: message.line, column: message.column };
    return {
      range: rangeOf(document, messageOffsets(coordinates, text, message)),
      severity: message.severity === 2 ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
      source: DIAGNOSTIC_SOURCE,
      code: ruleId,
      ...(href === undefined ? {} : { codeDescription: { href } }),
      message: message.message,
      ...(relatedInformation.length > 0 ? { relatedInformation } : {}),
      data,
    };
  }

  private parseError(document: TextDocument, text: string, coordinates: EslintCoordinates, lint: DocumentLint, message: LintMessage): Diagnostic {
    const data: DiagnosticData = { version: lint.version, ruleId: null, line: message.line, column: message.column };
    // typescript-estree's parse errors carry TypeScript's 0-based `character` as their column, and ESLint passes it
    // on unchanged (its own parser, espree, is 1-based). The CLI reports what ESLint reports; the editor marks the
    // token the parser actually meant.
    const start = coordinates.offsetOf(message.line, message.column + 1);
    return {
      range: rangeOf(document, tokenRangeAt(text, start)),
      severity: DiagnosticSeverity.Hint,
      source: DIAGNOSTIC_SOURCE,
      message: `PoolGuard could not check this file until it parses. ${message.message}`,
      data,
    };
  }
}

/** The `DiagnosticData` of a PoolGuard diagnostic sent back by a client, or `undefined` if it is not one. */
export function diagnosticDataOf(diagnostic: Diagnostic): DiagnosticData | undefined {
  if (diagnostic.source !== DIAGNOSTIC_SOURCE) return undefined;
  const data = diagnostic.data as Partial<DiagnosticData> | null | undefined;
  if (typeof data !== 'object' || data === null) return undefined;
  const versionOk = data.version === null || typeof data.version === 'number';
  const ruleOk = data.ruleId === null || typeof data.ruleId === 'string';
  if (!versionOk || !ruleOk || typeof data.line !== 'number' || typeof data.column !== 'number') return undefined;
  return data as DiagnosticData;
}
