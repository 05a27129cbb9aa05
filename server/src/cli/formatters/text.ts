/**
 * `--format text`: ESLint's `stylish` layout (file path, then aligned `line:col  severity  message  rule` rows,
 * then a summary), plus a success line, because a zero-config tool that prints nothing looks like it did nothing.
 */
import { styleText } from 'node:util';

import type { CliMessage, CliResult, FormatContext } from '../types';

type Style = Parameters<typeof styleText>[0];

function pluralize(word: string, count: number): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** Stylish drops a trailing period unless a space precedes it. */
function trimPeriod(text: string): string {
  return text.length > 1 && text.endsWith('.') && text.at(-2) !== ' ' ? text.slice(0, -1) : text;
}

function isError(message: CliMessage): boolean {
  return message.fatal === true || message.severity === 2;
}

export function formatText(results: readonly CliResult[], context: FormatContext): string {
  const paint = (style: Style, text: string): string => (context.color ? styleText(style, text) : text);
  let output = '';
  let errors = 0;
  let warnings = 0;
  let fixableErrors = 0;
  let fixableWarnings = 0;

  for (const result of results) {
    if (result.messages.length === 0) continue;
    errors += result.errorCount;
    warnings += result.warningCount;
    fixableErrors += result.fixableErrorCount;
    fixableWarnings += result.fixableWarningCount;

    const rows = result.messages.map((message) => ({
      line: String(message.line ?? 0),
      column: String(message.column ?? 0),
      severity: isError(message) ? 'error' : 'warning',
      text: trimPeriod(message.message).replaceAll('\n', ' '),
      ruleId: message.ruleId ?? '',
    }));
    const width = (pick: (row: (typeof rows)[number]) => string): number => Math.max(...rows.map((row) => pick(row).length));
    const lineWidth = width((row) => row.line);
    const columnWidth = width((row) => row.column);
    const severityWidth = width((row) => row.severity);
    const textWidth = width((row) => row.text);

    output += `${paint('underline', result.filePath)}\n`;
    for (const row of rows) {
      const columns = [
        // As in stylish: line numbers right-aligned, column numbers left-aligned.
        paint('dim', `${row.line.padStart(lineWidth)}:${row.column.padEnd(columnWidth)}`),
        paint(row.severity === 'error' ? 'red' : 'yellow', row.severity) + ' '.repeat(severityWidth - row.severity.length),
        row.ruleId === '' ? row.text : row.text.padEnd(textWidth),
        paint('dim', row.ruleId),
      ];
      output += `  ${columns.join('  ')}`.trimEnd() + '\n';
    }
    output += '\n';
  }

  const total = errors + warnings;
  if (total === 0) {
    return `${paint('green', '\u2714')} No problems found in ${pluralize('file', context.lintedFileCount)}.\n`;
  }
  const color: Style = errors > 0 ? 'red' : 'yellow';
  const summary = `\u2716 ${pluralize('problem', total)} (${pluralize('error', errors)}, ${pluralize('warning', warnings)})`;
  output += `${paint(color, paint('bold', summary))}\n`;
  if (fixableErrors + fixableWarnings > 0) {
    const fixable = `  ${pluralize('error', fixableErrors)} and ${pluralize('warning', fixableWarnings)} potentially fixable with the \`--fix\` option.`;
    output += `${paint(color, paint('bold', fixable))}\n`;
  }
  return output;
}
