/** `--format json`: ESLint's `json` formatter, which is `JSON.stringify(results)` and nothing else. */
import type { CliResult } from '../types';

export function formatJson(results: readonly CliResult[]): string {
  return JSON.stringify(results);
}
