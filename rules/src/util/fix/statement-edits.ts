/** Edits that add or remove whole statements cleanly (own line, indentation, blank lines). */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';

type Source = Readonly<TSESLint.SourceCode>;

/** Statement lists a statement can be removed from without breaking the syntax around it. */
export function isInStatementList(statement: TSESTree.Node): boolean {
  const parent = statement.parent;
  return (
    parent?.type === AST_NODE_TYPES.BlockStatement ||
    parent?.type === AST_NODE_TYPES.Program ||
    parent?.type === AST_NODE_TYPES.StaticBlock ||
    parent?.type === AST_NODE_TYPES.SwitchCase
  );
}

/** The range to delete for a statement: its whole line(s) when nothing else shares them. */
export function statementRemovalRange(sourceCode: Source, statement: TSESTree.Node): TSESTree.Range {
  const text = sourceCode.text;
  let start = statement.range[0];
  let end = statement.range[1];
  let lineStart = start;
  while (lineStart > 0 && (text[lineStart - 1] === ' ' || text[lineStart - 1] === '\t')) lineStart--;
  let lineEnd = end;
  while (lineEnd < text.length && (text[lineEnd] === ' ' || text[lineEnd] === '\t')) lineEnd++;
  const ownsLine = (lineStart === 0 || text[lineStart - 1] === '\n') && (lineEnd === text.length || text[lineEnd] === '\n' || text[lineEnd] === '\r');
  if (ownsLine) {
    start = lineStart;
    end = lineEnd;
    if (text[end] === '\r') end++;
    if (text[end] === '\n') end++;
  }
  return [start, end];
}

export function removeStatement(fixer: TSESLint.RuleFixer, sourceCode: Source, statement: TSESTree.Node): TSESLint.RuleFix {
  return fixer.removeRange(statementRemovalRange(sourceCode, statement));
}

/** Leading whitespace of the line a node starts on. */
export function indentationOf(sourceCode: Source, node: TSESTree.Node): string {
  const line = sourceCode.lines[node.loc.start.line - 1] ?? '';
  return /^[ \t]*/.exec(line)?.[0] ?? '';
}

/** Re-indents a multi-line snippet taken from `from` indentation to `to` indentation. */
export function reindent(text: string, from: string, to: string): string {
  return text
    .split('\n')
    .map((line, index) => (index === 0 ? line : line.startsWith(from) ? to + line.slice(from.length) : line))
    .join('\n');
}

/**
 * `text` (generated code, usually written with `\n`) with the file's own line break: a fix must not leave LF lines in
 * a CRLF file. The file's first line break decides; an LF file's fixes are returned unchanged.
 */
export function withFileLineBreaks(sourceCode: Source, text: string): string {
  const lineBreak = /\r\n|\r|\n/u.exec(sourceCode.text)?.[0] ?? '\n';
  return lineBreak === '\n' ? text : text.replace(/\r\n|\r|\n/gu, lineBreak);
}
