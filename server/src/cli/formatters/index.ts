/** The output formats, by `--format` name. */
import type { CliResult, FormatContext } from '../types';
import { formatJson } from './json';
import { formatSarif } from './sarif';
import { formatText } from './text';

export const FORMAT_NAMES = ['text', 'json', 'sarif'] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

const FORMATTERS: Record<FormatName, (results: readonly CliResult[], context: FormatContext) => string> = {
  text: formatText,
  json: formatJson,
  sarif: formatSarif,
};

export function formatResults(name: FormatName, results: readonly CliResult[], context: FormatContext): string {
  return FORMATTERS[name](results, context);
}
