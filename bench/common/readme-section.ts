/**
 * Each benchmark owns one section of bench/README.md, between `<!-- <name>-results:start -->` and
 * `<!-- <name>-results:end -->`, and rewrites only that section, so the two can run separately.
 */
import * as fs from 'node:fs';

import { benchReadme } from './paths';

export function replaceResultsSection(name: string, markdown: string): void {
  const start = `<!-- ${name}-results:start -->`;
  const end = `<!-- ${name}-results:end -->`;
  const text = fs.readFileSync(benchReadme, 'utf8');
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from === -1 || to === -1 || to < from) throw new Error(`${benchReadme} has no ${start} … ${end} section`);
  fs.writeFileSync(benchReadme, `${text.slice(0, from + start.length)}\n${markdown.trim()}\n${text.slice(to)}`);
}
