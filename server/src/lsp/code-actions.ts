/**
 * Code actions for PoolGuard diagnostics (spec §4):
 * - each ESLint fix and each suggestion of a finding as a `quickfix` (autofixes and the preferred suggestion are
 *   `isPreferred`, see `preferredSuggestion`), sent as minimal edits (`edits.ts`);
 * - "Disable <rule> for this line" and "… for this file" (`disable-comments.ts`);
 * - "Fix all PoolGuard problems" (a quickfix, autofixes + preferred suggestions) and `source.fixAll.poolguard`
 *   (autofixes only, for on-save), both computed by re-linting the current text (`fix-all.ts`).
 *
 * Stale versions: every diagnostic carries the version it was computed for (`DiagnosticData`). A diagnostic of
 * another version than the document's current one gets no action at all — its offsets describe a text that no
 * longer exists — and every edit names the version it was computed for (`documentChanges`).
 */
import { CodeActionKind, type CodeAction, type CodeActionContext, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

import type { LintMessage } from '../engine';
import { diagnosticDataOf } from './diagnostics';
import { disableFileEdit, disableLineEdit } from './disable-comments';
import { minimalEdits, toTextEdits, workspaceEdit, type OffsetEdit } from './edits';
import { preferredSuggestion } from './fix-all';
import type { DocumentLint } from './linting';
import { EslintCoordinates } from './positions';
import { DIAGNOSTIC_SOURCE, FIX_ALL_KIND, FIX_ALL_TITLE, type DiagnosticData, type FixAllActionData, type FixAllMode } from './protocol';

/** What the client can take. */
export interface EditSupport {
  /** `workspace.workspaceEdit.documentChanges`: versioned edits. */
  readonly documentChanges: boolean;
  /** `textDocument.codeAction.resolveSupport.properties` has `edit`: expensive edits can wait for `codeAction/resolve`. */
  readonly resolveEdit: boolean;
}

export interface CodeActionInput {
  readonly document: TextDocument;
  /** The lint of the document's current version. */
  readonly lint: DocumentLint;
  readonly context: CodeActionContext;
  readonly support: EditSupport;
  /** Fix-all edits for the document's current text, or `undefined` when there is nothing to fix. */
  readonly fixAllEdits: (mode: FixAllMode) => TextEdit[] | undefined;
  /** The findings of an edited text (with the document's settings), or `undefined` when it does not parse. */
  readonly relint: (text: string) => readonly LintMessage[] | undefined;
}

/** Whether the request's `only` filter admits `kind` (no filter: quick fixes only, as VS Code's light bulb asks). */
function wants(context: CodeActionContext, kind: string): boolean {
  if (context.only === undefined) return kind === CodeActionKind.QuickFix;
  return context.only.some((only) => kind === only || kind.startsWith(`${only}.`));
}

/**
 * Whether a request can yield any action: it carries a PoolGuard diagnostic or asks for the fix-all kind. VS Code
 * asks for code actions on every cursor move; the others are answered without touching the lint.
 */
export function isRelevant(context: CodeActionContext): boolean {
  if (wants(context, FIX_ALL_KIND)) return true;
  return wants(context, CodeActionKind.QuickFix) && context.diagnostics.some((diagnostic) => diagnostic.source === DIAGNOSTIC_SOURCE);
}

function findingOf(lint: DocumentLint, diagnostic: Diagnostic, data: DiagnosticData): LintMessage | undefined {
  return lint.findings.find(
    (message) => message.ruleId === data.ruleId && message.line === data.line && message.column === data.column && message.message === diagnostic.message,
  );
}

class ActionBuilder {
  private readonly text: string;
  private readonly coordinates: EslintCoordinates;
  private readonly actions: CodeAction[] = [];
  private readonly seen = new Set<string>();

  constructor(private readonly input: CodeActionInput) {
    this.text = input.document.getText();
    this.coordinates = new EslintCoordinates(this.text);
  }

  build(): CodeAction[] {
    const { context, lint, document } = this.input;
    if (wants(context, CodeActionKind.QuickFix)) {
      let current = 0;
      for (const diagnostic of context.diagnostics) {
        const data = diagnosticDataOf(diagnostic);
        if (data === undefined || data.ruleId === null || data.version !== document.version) continue;
        const message = findingOf(lint, diagnostic, data);
        if (message === undefined) continue;
        current++;
        this.fixesOf(message, diagnostic);
        this.disables(message, diagnostic, data.ruleId);
      }
      if (current > 0 && lint.findings.some((message) => message.fix !== undefined || preferredSuggestion(message) !== undefined)) {
        this.offerFixAll();
      }
    }
    if (wants(context, FIX_ALL_KIND) && lint.findings.some((message) => message.fix !== undefined)) {
      // Asked for on save: computed now, as a save waits for it anyway.
      const edits = this.input.fixAllEdits('autofix');
      if (edits !== undefined) this.actions.push({ title: FIX_ALL_TITLE, kind: FIX_ALL_KIND, edit: this.edit(edits) });
    }
    return this.actions;
  }

  private fixesOf(message: LintMessage, diagnostic: Diagnostic): void {
    const ruleId = message.ruleId ?? '';
    if (message.fix !== undefined) {
      this.push(`fix:${ruleId}:${message.line}:${message.column}`, {
        title: `Fix this ${ruleId} problem`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: true,
        edit: this.edit(this.eslintEdit(message.fix)),
      });
    }
    const preferred = preferredSuggestion(message);
    for (const suggestion of message.suggestions ?? []) {
      this.push(`suggest:${ruleId}:${message.line}:${message.column}:${suggestion.desc}`, {
        title: suggestion.desc,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        ...(suggestion === preferred ? { isPreferred: true } : {}),
        edit: this.edit(this.eslintEdit(suggestion.fix)),
      });
    }
  }

  private disables(message: LintMessage, diagnostic: Diagnostic, ruleId: string): void {
    const lineEdit = disableLineEdit(this.text, this.coordinates, message.line, ruleId);
    if (!this.seen.has(`line:${ruleId}:${message.line}`) && this.silences(lineEdit, ruleId)) {
      this.push(`line:${ruleId}:${message.line}`, {
        title: `Disable ${ruleId} for this line`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: this.edit(toTextEdits(this.input.document, [lineEdit])),
      });
    }
    this.push(`file:${ruleId}`, {
      title: `Disable ${ruleId} for this file`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      edit: this.edit(toTextEdits(this.input.document, [disableFileEdit(this.text, this.coordinates, ruleId)])),
    });
  }

  /**
   * A line comment inserted at the start of a line that lies inside a template literal, a JSX text or a multi-line
   * comment becomes part of that text: it would not parse or not silence anything. The edit is offered only when the
   * edited text parses and has fewer findings of the rule (one re-lint, only for findings the user is looking at).
   */
  private silences(edit: OffsetEdit, ruleId: string): boolean {
    const edited = this.text.slice(0, edit.start) + edit.text + this.text.slice(edit.end);
    const after = this.input.relint(edited);
    if (after === undefined) return false;
    const count = (messages: readonly LintMessage[]): number => messages.filter((item) => item.ruleId === ruleId).length;
    return count(after) < count(this.input.lint.findings);
  }

  /**
   * The explicit fix-all quick fix. It re-lints once per applied suggestion, too much work for every light-bulb
   * request, so its edit waits for `codeAction/resolve` when the client can resolve edits.
   */
  private offerFixAll(): void {
    const { document, support } = this.input;
    const kind = CodeActionKind.QuickFix;
    if (support.resolveEdit) {
      const data: FixAllActionData = { kind: 'fixAll', uri: document.uri, version: document.version, mode: 'preferred' };
      this.actions.push({ title: FIX_ALL_TITLE, kind, data });
      return;
    }
    const edits = this.input.fixAllEdits('preferred');
    if (edits !== undefined) this.actions.push({ title: FIX_ALL_TITLE, kind, edit: this.edit(edits) });
  }

  /** An ESLint fix (ranges in ESLint's text) as minimal edits of the document. */
  private eslintEdit(fix: { range: [number, number]; text: string }): TextEdit[] {
    const edit: OffsetEdit = {
      start: this.coordinates.fromEslintOffset(fix.range[0]),
      end: this.coordinates.fromEslintOffset(fix.range[1]),
      text: fix.text,
    };
    return toTextEdits(this.input.document, minimalEdits(this.text, edit));
  }

  private edit(edits: TextEdit[]): CodeAction['edit'] {
    return workspaceEdit(this.input.document, edits, this.input.support.documentChanges);
  }

  /** Several diagnostics of one rule on one line share the line's disable action (and the file's). */
  private push(key: string, action: CodeAction): void {
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.actions.push(action);
  }
}

export function codeActionsFor(input: CodeActionInput): CodeAction[] {
  return new ActionBuilder(input).build();
}

/** The `data` of a fix-all action to resolve, or `undefined` if the action is not one of ours. */
export function fixAllDataOf(action: CodeAction): FixAllActionData | undefined {
  const data = action.data as Partial<FixAllActionData> | null | undefined;
  if (typeof data !== 'object' || data === null || data.kind !== 'fixAll') return undefined;
  if (typeof data.uri !== 'string' || typeof data.version !== 'number' || (data.mode !== 'preferred' && data.mode !== 'autofix')) return undefined;
  return data as FixAllActionData;
}

/**
 * Fills in a fix-all action's edit on `codeAction/resolve`. For a document that changed since the action was
 * offered (or closed), the action comes back without an edit: refused, not applied to the wrong text.
 */
export function resolveFixAll(
  action: CodeAction,
  data: FixAllActionData,
  document: TextDocument | undefined,
  support: EditSupport,
  fixAllEdits: (mode: FixAllMode) => TextEdit[] | undefined,
): CodeAction {
  if (document === undefined || document.version !== data.version) return action;
  const edits = fixAllEdits(data.mode) ?? [];
  return { ...action, edit: workspaceEdit(document, edits, support.documentChanges) };
}
