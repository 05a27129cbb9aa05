/**
 * "Disable <rule> for this line / file" edits. They write ESLint directives (not a PoolGuard-only syntax), so the
 * same comment also silences the rule under `eslint` in CI, and the engine honours it like ESLint does.
 *
 * Lines here are ESLint's (see `positions.ts`): `eslint-disable-next-line` refers to the next line as ESLint counts
 * them.
 */
import type { OffsetEdit } from './edits';
import type { EslintCoordinates } from './positions';

/** `// eslint-disable-next-line rules [-- description]` and its block-comment form. */
const LINE_DIRECTIVE = /^\s*(?:\/\/|\/\*)\s*eslint-disable-next-line(?=\s|\*\/|$)/u;
/** `/* eslint-disable rules [-- description] *\/`, alone on its line (the rule list follows the match). */
const FILE_DIRECTIVE = /^\/\*\s*eslint-disable(?=\s|\*\/)(?=.*\*\/\s*$)/u;
/** ESLint's separator between a directive's rule list and its description. */
const DESCRIPTION_SEPARATOR = /\s-{2,}\s/u;

function lineBreakOf(text: string): string {
  return /\r\n|\n|\r/u.exec(text)?.[0] ?? '\n';
}

/** Content of an ESLint line (without its break) and its start offset. */
function lineAt(text: string, coordinates: EslintCoordinates, line: number): { start: number; content: string } {
  const start = coordinates.offsetOf(line, 1);
  const end = coordinates.offsetOf(line, Number.MAX_SAFE_INTEGER);
  return { start, content: text.slice(start, end) };
}

/**
 * Where to add a rule to a directive whose rule list starts at `listStart` in `content` and runs to `listEnd`
 * (a description or the comment's end): after the last listed rule, with a comma if there is one.
 */
function appendToList(content: string, listStart: number, listEnd: number, ruleId: string): { offset: number; text: string } {
  let rules = content.slice(listStart, listEnd);
  const separator = DESCRIPTION_SEPARATOR.exec(rules);
  if (separator !== null) rules = rules.slice(0, separator.index);
  const trimmed = rules.trimEnd();
  const listed = trimmed.trim() !== '';
  return { offset: listStart + trimmed.length, text: listed ? `, ${ruleId}` : ` ${ruleId}` };
}

/**
 * Disables `ruleId` on ESLint line `line`: appended to an `eslint-disable-next-line` directive on the line above when
 * there is one (vscode-eslint does the same), otherwise a new directive line with the finding line's indentation.
 */
export function disableLineEdit(text: string, coordinates: EslintCoordinates, line: number, ruleId: string): OffsetEdit {
  const target = lineAt(text, coordinates, line);
  if (line > 1) {
    const previous = lineAt(text, coordinates, line - 1);
    const directive = LINE_DIRECTIVE.exec(previous.content);
    if (directive !== null) {
      const isBlock = directive[0].includes('/*');
      const close = isBlock ? previous.content.indexOf('*/', directive[0].length) : -1;
      // A block directive that does not close on its line is left alone: a new directive is safer than guessing.
      if (!isBlock || close !== -1) {
        const listEnd = isBlock ? close : previous.content.length;
        const { offset, text: addition } = appendToList(previous.content, directive[0].length, listEnd, ruleId);
        return { start: previous.start + offset, end: previous.start + offset, text: addition };
      }
    }
  }
  const indentation = /^[ \t]*/u.exec(target.content)?.[0] ?? '';
  return { start: target.start, end: target.start, text: `${indentation}// eslint-disable-next-line ${ruleId}${lineBreakOf(text)}` };
}

/**
 * Disables `ruleId` for the whole file: a block comment on the first line, after a shebang (which must stay first),
 * merged into an `/* eslint-disable … *\/` comment already there.
 */
export function disableFileEdit(text: string, coordinates: EslintCoordinates, ruleId: string): OffsetEdit {
  const first = lineAt(text, coordinates, 1);
  const hasShebang = first.content.startsWith('#!');
  const lineBreak = lineBreakOf(text);
  if (hasShebang && first.start + first.content.length === text.length) {
    // The shebang is the whole file: the comment goes on a new line after it.
    const end = first.start + first.content.length;
    return { start: end, end, text: `${lineBreak}/* eslint-disable ${ruleId} */` };
  }
  const target = hasShebang ? lineAt(text, coordinates, 2) : first;
  const directive = FILE_DIRECTIVE.exec(target.content);
  if (directive !== null) {
    const listEnd = target.content.lastIndexOf('*/');
    const { offset, text: addition } = appendToList(target.content, directive[0].length, listEnd, ruleId);
    return { start: target.start + offset, end: target.start + offset, text: addition };
  }
  return { start: target.start, end: target.start, text: `/* eslint-disable ${ruleId} */${lineBreak}` };
}
