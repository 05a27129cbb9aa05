/**
 * Hover on a pool or client construction (spec §4): the effective configuration from `describeConstructionAt` of
 * `eslint-plugin-poolguard/hover` (each option, its value or the library default, what it means). The findings on the
 * construction are not repeated: editors already show a diagnostic's message in the hover (VS Code puts it right above
 * this one) or in their own float, and the same text twice in one popup is noise.
 *
 * The hover needs an AST, which a lint does not keep (an AST retains many times the text's size,
 * knowledge/performance.md). It parses on demand and keeps exactly one parse — the last hovered document version —
 * because the mouse usually rests in one file, and re-parsing a large file on every mouse move would be wasteful.
 */
import { describeConstructionAt } from 'eslint-plugin-poolguard/hover';
import { mayContainConstruction } from 'eslint-plugin-poolguard/prefilter';
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

import type { Engine } from '../engine';
import type { DocumentLint } from './linting';
import { EslintCoordinates } from './positions';
import type { Settings } from './settings';

/** typescript-eslint's `SourceCode` type, named through the hover API so the server needs no direct dependency on it. */
type HoverSourceCode = Parameters<typeof describeConstructionAt>[0];

interface Parsed {
  readonly uri: string;
  readonly version: number;
  readonly sourceCode: HoverSourceCode | undefined;
}

export class HoverProvider {
  private last: Parsed | undefined;

  constructor(private readonly engine: Engine) {}

  /**
   * @param lint the lint of the document's current version (a skipped document gets no hover)
   * @param fileName the name the document is linted under
   */
  hover(document: TextDocument, position: Position, lint: DocumentLint, fileName: string, settings: Settings): Hover | null {
    // Same gate as linting: a skipped document gets no hover either, and a text without a construction is not parsed.
    if (lint.skipped !== undefined) return null;
    const text = document.getText();
    if (!mayContainConstruction(text, settings.clientFactories)) return null;
    const sourceCode = this.sourceCodeOf(document, fileName);
    if (sourceCode === undefined) return null;

    const coordinates = new EslintCoordinates(text);
    const described = describeConstructionAt(sourceCode, coordinates.toEslintOffset(document.offsetAt(position)));
    if (described === null) return null;
    const start = coordinates.fromEslintOffset(described.range[0]);
    const end = coordinates.fromEslintOffset(described.range[1]);

    return {
      contents: { kind: MarkupKind.Markdown, value: described.markdown },
      range: { start: document.positionAt(start), end: document.positionAt(end) },
    };
  }

  /** Drops the kept parse when its document closes. */
  forget(uri: string): void {
    if (this.last?.uri === uri) this.last = undefined;
  }

  private sourceCodeOf(document: TextDocument, fileName: string): HoverSourceCode | undefined {
    const last = this.last;
    if (last !== undefined && last.uri === document.uri && last.version === document.version) return last.sourceCode;
    // ESLint's SourceCode is the object typescript-eslint types as TSESLint.SourceCode (the parser is typescript-eslint's).
    const sourceCode = this.engine.parse(document.getText(), fileName) as unknown as HoverSourceCode | undefined;
    this.last = { uri: document.uri, version: document.version, sourceCode };
    return sourceCode;
  }
}
