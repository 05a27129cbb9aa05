/**
 * Minimal text edits, and the versioned `WorkspaceEdit`s that carry them.
 *
 * Why diff at all: ESLint merges a fixer's array of fixes into ONE `{ range, text }` spanning the first edit to the
 * last (eslint PR #8101). The hoist of no-client-per-request inserts after the imports and rewrites the construction
 * lines below, so its range covers everything in between; sent as is, applying it would reset the cursor, folding and
 * markers of that whole region. Fix-all is the same at file scale: the server re-lints the current text and diffs
 * the output against it (never concatenating stored fixes, vscode-eslint #154, #548, #1143, #1745).
 *
 * The diff is over lines first, then over code tokens (identifiers, whitespace runs, line breaks, single other
 * characters) inside replaced lines: hoisted lines arrive as one insertion, and `new Redis()` → `getRedis()` as one
 * replacement of `new Redis`, not a scatter of single characters. Edit boundaries fall between lines or tokens, so
 * they never split a `\r\n` or a surrogate pair.
 */
import { diffArrays } from 'diff';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit, WorkspaceEdit } from 'vscode-languageserver';

/** An edit in offsets of the text it applies to: replace `[start, end)` with `text`. */
export interface OffsetEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

const TOKEN = /\r\n|[\n\r\u2028\u2029]|[^\S\r\n\u2028\u2029]+|[\p{L}\p{N}_$]+|[\s\S]/gu;
/** Lines with their terminator (`\r\n` ends with `\n`); a last line without one is a line too. */
const LINE = /[^\n]*\n|[^\n]+$/gu;

/** A diff that takes longer than this falls back to one replacement of the changed region: correct, just coarser. */
const DIFF_TIMEOUT_MS = 250;

/**
 * The common prefix, cut back to the start of its last line: the changed region then consists of whole lines, so the
 * line diff below can align inserted lines with the lines they precede.
 */
function commonPrefixLength(a: string, b: string): number {
  const limit = Math.min(a.length, b.length);
  let length = 0;
  while (length < limit && a.charCodeAt(length) === b.charCodeAt(length)) length++;
  return a.lastIndexOf('\n', length - 1) + 1;
}

/** The common suffix (not overlapping the prefix), starting at a line start in both texts (after a common `\n`). */
function commonSuffixLength(a: string, b: string, prefix: number): number {
  const limit = Math.min(a.length, b.length) - prefix;
  let length = 0;
  while (length < limit && a.charCodeAt(a.length - 1 - length) === b.charCodeAt(b.length - 1 - length)) length++;
  const suffix = a.slice(a.length - length);
  const lineStart = suffix.indexOf('\n') + 1;
  // No line break in the common tail: it belongs to a changed line, and stays in the diffed region.
  return lineStart === 0 ? 0 : length - lineStart;
}

/**
 * Token-level edits turning `before` into `after` (offsets from `base`), sorted and non-overlapping; one replacement
 * when the diff times out.
 */
function diffTokens(before: string, after: string, base: number): OffsetEdit[] {
  const whole: OffsetEdit[] = [{ start: base, end: base + before.length, text: after }];
  if (before === '' || after === '') return whole;
  const changes = diffArrays(before.match(TOKEN) ?? [], after.match(TOKEN) ?? [], { timeout: DIFF_TIMEOUT_MS });
  if (changes === undefined) return whole;
  return collectEdits(changes, base, (removed, added, start) => [{ start, end: start + removed.length, text: added }]);
}

/**
 * Walks a diff's change objects and turns each run of removed/added parts between two common parts into edits
 * (through `replace`, which may refine a replacement further).
 */
function collectEdits(
  changes: readonly { value: string[]; added: boolean; removed: boolean }[],
  base: number,
  replace: (removed: string, added: string, start: number) => OffsetEdit[],
): OffsetEdit[] {
  const edits: OffsetEdit[] = [];
  let offset = base;
  let pending: { start: number; removed: string; added: string } | undefined;
  const flush = (): void => {
    if (pending !== undefined) edits.push(...replace(pending.removed, pending.added, pending.start));
    pending = undefined;
  };
  for (const change of changes) {
    const text = change.value.join('');
    if (!change.added && !change.removed) {
      flush();
      offset += text.length;
      continue;
    }
    pending ??= { start: offset, removed: '', added: '' };
    if (change.removed) {
      pending.removed += text;
      offset += text.length;
    } else {
      pending.added += text;
    }
  }
  flush();
  return edits;
}

/**
 * The edits that turn `before` into `after`, in offsets of `before`, sorted and non-overlapping. Lines first (whole
 * inserted or deleted lines stay whole-line edits), then tokens inside each replaced group of lines.
 */
export function diffTexts(before: string, after: string): OffsetEdit[] {
  if (before === after) return [];
  const prefix = commonPrefixLength(before, after);
  const suffix = commonSuffixLength(before, after, prefix);
  const oldMiddle = before.slice(prefix, before.length - suffix);
  const newMiddle = after.slice(prefix, after.length - suffix);
  if (oldMiddle === '' || newMiddle === '') return [{ start: prefix, end: prefix + oldMiddle.length, text: newMiddle }];

  const changes = diffArrays(oldMiddle.match(LINE) ?? [], newMiddle.match(LINE) ?? [], { timeout: DIFF_TIMEOUT_MS });
  if (changes === undefined) return diffTokens(oldMiddle, newMiddle, prefix);
  return collectEdits(changes, prefix, (removed, added, start) =>
    removed === '' || added === '' ? [{ start, end: start + removed.length, text: added }] : diffTokens(removed, added, start),
  );
}

/**
 * One ESLint fix or suggestion (`range` over `text`) as minimal edits: only the parts of the replaced slice that
 * actually change. The slice is first widened to whole lines, so the line diff sees inserted lines as lines.
 */
export function minimalEdits(text: string, edit: OffsetEdit): OffsetEdit[] {
  const start = text.lastIndexOf('\n', edit.start - 1) + 1;
  const lineEnd = text.indexOf('\n', edit.end);
  const end = lineEnd === -1 ? text.length : lineEnd;
  const replacement = text.slice(start, edit.start) + edit.text + text.slice(edit.end, end);
  return diffTexts(text.slice(start, end), replacement).map((part) => ({ start: start + part.start, end: start + part.end, text: part.text }));
}

/** Applies edits given in offsets of `text` (sorted or not, non-overlapping). */
export function applyOffsetEdits(text: string, edits: readonly OffsetEdit[]): string {
  let result = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start || b.end - a.end)) {
    result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  }
  return result;
}

export function toTextEdits(document: TextDocument, edits: readonly OffsetEdit[]): TextEdit[] {
  return edits.map((edit) => ({
    range: { start: document.positionAt(edit.start), end: document.positionAt(edit.end) },
    newText: edit.text,
  }));
}

/**
 * A WorkspaceEdit for one document. With `documentChanges` it names the version the edits were computed for, so a
 * client that checks versions refuses to apply them to a newer text instead of corrupting it; clients without
 * `workspace.workspaceEdit.documentChanges` get the plain `changes` map.
 */
export function workspaceEdit(document: TextDocument, edits: TextEdit[], documentChanges: boolean): WorkspaceEdit {
  if (documentChanges) {
    return { documentChanges: [{ textDocument: { uri: document.uri, version: document.version }, edits }] };
  }
  return { changes: { [document.uri]: edits } };
}
