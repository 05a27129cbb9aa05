/**
 * ESLint coordinates → offsets in the editor's text.
 *
 * Both count UTF-16 code units, but they disagree on two things, and converting through offsets (then
 * `TextDocument.positionAt`) handles both:
 * - line breaks: ESLint also breaks lines at U+2028 and U+2029, LSP only at `\n`, `\r\n` and `\r`, so ESLint's line
 *   numbers run ahead of the editor's after such a character;
 * - a byte order mark: ESLint strips it, so its columns on line 1 and its fix ranges are one short of the text.
 * ESLint lines and columns are 1-based; fix ranges are 0-based offsets.
 */
const ESLINT_LINE_BREAK = /\r\n|[\r\n\u2028\u2029]/gu;

export class EslintCoordinates {
  /** 1 when the text starts with a BOM that ESLint did not count. */
  private readonly shift: number;
  /** Offsets in the BOM-less text where each ESLint line starts and where its content ends (before the break). */
  private readonly lineStarts: number[] = [0];
  private readonly lineEnds: number[] = [];
  private readonly length: number;

  constructor(text: string) {
    this.shift = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    const body = this.shift === 0 ? text : text.slice(this.shift);
    this.length = body.length;
    for (const match of body.matchAll(ESLINT_LINE_BREAK)) {
      this.lineEnds.push(match.index);
      this.lineStarts.push(match.index + match[0].length);
    }
    this.lineEnds.push(body.length);
  }

  /** Offset in the text of a 1-based ESLint line and column, clamped to the line's content. */
  offsetOf(line: number, column: number): number {
    const index = Math.min(Math.max(Math.trunc(line) - 1, 0), this.lineStarts.length - 1);
    const start = this.lineStarts[index] ?? 0;
    const end = this.lineEnds[index] ?? this.length;
    return Math.min(start + Math.max(Math.trunc(column) - 1, 0), end) + this.shift;
  }

  /** Offset in the text of an offset in ESLint's text (fix and suggestion ranges). */
  fromEslintOffset(offset: number): number {
    return Math.min(Math.max(offset, 0), this.length) + this.shift;
  }

  /** Offset in ESLint's text of an offset in the editor's text (for `describeConstructionAt`). */
  toEslintOffset(offset: number): number {
    return Math.min(Math.max(offset - this.shift, 0), this.length);
  }
}
