/**
 * Lints one document for the editor: decides whether it is linted at all (enabled, a JS/TS file, not ignored, and —
 * the cheap part — whether its text can contain a construction), runs the engine, and sorts the messages into what
 * is shown (findings, a parse error) and what is only logged (rule crashes).
 *
 * `LintCache` keeps the latest lint per open document (messages only: no AST, see knowledge/performance.md), so code
 * actions and hovers on the version that was just linted do not lint again.
 */
import { mayContainConstruction } from 'eslint-plugin-poolguard/prefilter';
import type { TextDocument } from 'vscode-languageserver-textdocument';

import type { Engine, LintMessage, RelatedFindings } from '../engine';
import { lintFileName } from './document-paths';
import type { IgnoreGlobs } from './ignore-globs';
import { engineSettingsOf, type Settings } from './settings';

/** Why a document was answered without running the rules. */
export type SkipReason = 'disabled' | 'not-lintable' | 'ignored' | 'no-construction';

export interface DocumentLint {
  /** Unique per lint in this process; a pull's `resultId` (the same id means the same result). */
  readonly id: number;
  readonly uri: string;
  /** The document version linted; `null` for a file that is not open (workspace lint). */
  readonly version: number | null;
  /** The settings generation the lint ran with (see `SettingsStore.generation`). */
  readonly generation: number;
  /** Rule findings, in ESLint's coordinates of the linted text. */
  readonly findings: readonly LintMessage[];
  /** The parser's error when the text does not parse (then there are no findings). */
  readonly parseError: LintMessage | undefined;
  /** Rules that crashed on this text: logged, never shown (their findings are simply missing). */
  readonly crashes: readonly LintMessage[];
  readonly related: RelatedFindings;
  readonly skipped: SkipReason | undefined;
}

export interface LintInput {
  readonly uri: string;
  readonly version: number | null;
  readonly languageId: string | undefined;
  readonly text: string;
  readonly settings: Settings;
  readonly generation: number;
}

const PARSE_ERROR_PREFIX = 'Parsing error:';
const NO_RELATED: RelatedFindings = new Map();

export interface DocumentLinterOptions {
  /**
   * Skip texts that cannot contain a construction without parsing them (spec §4). Only the prefilter parity test
   * turns it off, to prove that skipping never changes the findings.
   */
  readonly prefilter?: boolean;
  /** Called for each rule crash of a lint (the server logs it). */
  readonly onCrash?: (uri: string, crash: LintMessage) => void;
}

export class DocumentLinter {
  private lints = 0;

  constructor(
    private readonly engine: Engine,
    private readonly ignoreGlobs: IgnoreGlobs,
    private readonly options: DocumentLinterOptions = {},
  ) {}

  lint(input: LintInput): DocumentLint {
    const fileName = lintFileName(input.uri, input.languageId);
    const skipped = this.skipReason(input, fileName);
    if (skipped !== undefined || fileName === undefined) return this.empty(input, skipped ?? 'not-lintable');

    const { result, related } = this.engine.lintForEditor(input.text, fileName, engineSettingsOf(input.settings));
    const findings: LintMessage[] = [];
    const crashes: LintMessage[] = [];
    let parseError: LintMessage | undefined;
    for (const message of result.messages) {
      if (message.fatal !== true) findings.push(message);
      else if (message.ruleId === null && message.message.startsWith(PARSE_ERROR_PREFIX)) parseError = message;
      // A rule crash (ruleId set) or an internal error the engine could not attribute.
      else crashes.push(message);
    }
    for (const crash of crashes) this.options.onCrash?.(input.uri, crash);
    return { id: ++this.lints, uri: input.uri, version: input.version, generation: input.generation, findings, parseError, crashes, related, skipped: undefined };
  }

  private skipReason(input: LintInput, fileName: string | undefined): SkipReason | undefined {
    if (!input.settings.enable) return 'disabled';
    if (fileName === undefined) return 'not-lintable';
    if (this.ignoreGlobs.isIgnored(fileName, input.settings.ignore)) return 'ignored';
    if (this.options.prefilter !== false && !mayContainConstruction(input.text, input.settings.clientFactories)) return 'no-construction';
    return undefined;
  }

  private empty(input: LintInput, skipped: SkipReason): DocumentLint {
    return {
      id: ++this.lints,
      uri: input.uri,
      version: input.version,
      generation: input.generation,
      findings: [],
      parseError: undefined,
      crashes: [],
      related: NO_RELATED,
      skipped,
    };
  }
}

/** The latest lint of each open document. Entries are deleted when the document closes. */
export class LintCache {
  private readonly lints = new Map<string, DocumentLint>();

  constructor(private readonly linter: DocumentLinter) {}

  /** The lint of the document's current version under `settings`: cached for that version and generation. */
  lintOf(document: TextDocument, settings: Settings, generation: number): DocumentLint {
    const cached = this.lints.get(document.uri);
    if (cached !== undefined && cached.version === document.version && cached.generation === generation) return cached;
    const lint = this.linter.lint({
      uri: document.uri,
      version: document.version,
      languageId: document.languageId,
      text: document.getText(),
      settings,
      generation,
    });
    this.lints.set(document.uri, lint);
    return lint;
  }

  delete(uri: string): void {
    this.lints.delete(uri);
  }
}
