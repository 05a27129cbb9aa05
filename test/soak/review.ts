/**
 * The soak's review file (`test/soak/review.md`): every finding the CLI reports on the project's own node_modules,
 * with a verdict, and every parse error, with the reason. The soak fails when the file and the run disagree in either
 * direction, so the review stays exact: a new finding needs a verdict, a finding that disappeared needs its row
 * removed (or moved to "Fixed false positives" when a rule fix removed it on purpose).
 *
 * Format: markdown tables under fixed `## ` headings (`###` sub-headings stay in the section). Only table rows whose
 * first cell is a code span (a file key) are read; the header and separator rows and all prose are ignored.
 *
 * - `## Findings`: `| file | rule | line:col | message | verdict | why |`. The verdict cell starts with
 *   `true positive` or `false positive`. The message cell is an excerpt: the reported message must start with it.
 * - `## Fixed false positives`: same columns. These findings must NOT be reported any more (the rule was fixed and
 *   the pattern is a `valid` RuleTester case); a row coming back is a regression.
 * - `## Parse errors`: `| file | line:col | message | why |`.
 *
 * A file key is `<package name>@<version>/<path inside the package>` (posix), from the nearest package.json, so it
 * does not depend on where node_modules is or on npm's hoisting.
 */

export type Verdict = 'true positive' | 'false positive';

export interface FindingRow {
  file: string;
  rule: string;
  /** `line:column`, 1-based as in the CLI's output. */
  at: string;
  excerpt: string;
  verdict: Verdict;
  why: string;
  /** 1-based line in the review file, for messages. */
  sourceLine: number;
}

export interface ParseErrorRow {
  file: string;
  at: string;
  excerpt: string;
  why: string;
  sourceLine: number;
}

export interface Review {
  findings: FindingRow[];
  fixed: FindingRow[];
  parseErrors: ParseErrorRow[];
  /** Malformed rows, duplicate keys: the review itself is broken. */
  problems: string[];
}

/** What the run reported, keyed like the review. */
export interface ObservedFinding {
  file: string;
  rule: string;
  at: string;
  message: string;
}

export interface ObservedParseError {
  file: string;
  at: string;
  message: string;
}

const SECTIONS = {
  '## Findings': 'findings',
  '## Fixed false positives': 'fixed',
  '## Parse errors': 'parseErrors',
} as const;

type SectionName = (typeof SECTIONS)[keyof typeof SECTIONS];

/** Splits a markdown table row on unescaped pipes outside code spans. */
export function tableCells(line: string): string[] {
  const body = line.trim().replace(/^\|/u, '').replace(/\|$/u, '');
  const cells: string[] = [];
  let current = '';
  let inCode = false;
  for (let index = 0; index < body.length; index++) {
    const char = body[index];
    if (char === '\\' && body[index + 1] === '|') {
      current += '|';
      index++;
    } else if (char === '`') {
      inCode = !inCode;
      current += char;
    } else if (char === '|' && !inCode) {
      cells.push(current.trim());
      current = '';
    } else {
      current += char;
    }
  }
  cells.push(current.trim());
  return cells;
}

/** The text of a cell that is one code span (`` `x` `` → `x`), else `undefined`. */
function codeSpan(cell: string): string | undefined {
  const match = /^`([^`]+)`$/u.exec(cell);
  return match?.[1];
}

/** The cell's text without code-span backticks (excerpts may be written as code). */
function plain(cell: string): string {
  return codeSpan(cell) ?? cell;
}

export function normalizeSpace(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

/** An excerpt matches when the message starts with it; a trailing ellipsis is allowed and ignored. */
export function excerptMatches(message: string, excerpt: string): boolean {
  const wanted = normalizeSpace(excerpt.replace(/(?:…|\.\.\.)$/u, ''));
  return wanted.length > 0 && normalizeSpace(message).startsWith(wanted);
}

export function findingKey(row: { file: string; rule: string; at: string }): string {
  return `${row.file} ${row.rule} ${row.at}`;
}

export function parseErrorKey(row: { file: string; at: string }): string {
  return `${row.file} ${row.at}`;
}

export function parseReview(text: string): Review {
  const review: Review = { findings: [], fixed: [], parseErrors: [], problems: [] };
  let section: SectionName | undefined;
  const seen = new Set<string>();
  text.split('\n').forEach((raw, index) => {
    const sourceLine = index + 1;
    const line = raw.trim();
    // `#` and `##` headings start a section (a known one or prose); `###` and deeper stay inside it.
    if (/^#{1,2}(?:\s|$)/u.test(line)) {
      section = line in SECTIONS ? SECTIONS[line as keyof typeof SECTIONS] : undefined;
      return;
    }
    if (section === undefined || !line.startsWith('|')) return;
    const cells = tableCells(line);
    const file = codeSpan(cells[0] ?? '');
    if (file === undefined) return; // header, separator, or a prose row
    if (section === 'parseErrors') {
      if (cells.length !== 4) {
        review.problems.push(`review.md:${sourceLine}: a parse-error row needs 4 cells (file, line:col, message, why), found ${cells.length}`);
        return;
      }
      const row: ParseErrorRow = { file, at: plain(cells[1] ?? ''), excerpt: plain(cells[2] ?? ''), why: cells[3] ?? '', sourceLine };
      const key = `parse ${parseErrorKey(row)}`;
      if (seen.has(key)) review.problems.push(`review.md:${sourceLine}: duplicate parse-error row ${parseErrorKey(row)}`);
      seen.add(key);
      if (row.why.length === 0) review.problems.push(`review.md:${sourceLine}: parse error ${parseErrorKey(row)} has no explanation`);
      review.parseErrors.push(row);
      return;
    }
    if (cells.length !== 6) {
      review.problems.push(`review.md:${sourceLine}: a finding row needs 6 cells (file, rule, line:col, message, verdict, why), found ${cells.length}`);
      return;
    }
    const verdictText = (cells[4] ?? '').toLowerCase();
    const verdict: Verdict | undefined = verdictText.startsWith('true positive')
      ? 'true positive'
      : verdictText.startsWith('false positive')
        ? 'false positive'
        : undefined;
    const row = {
      file,
      rule: plain(cells[1] ?? ''),
      at: plain(cells[2] ?? ''),
      excerpt: plain(cells[3] ?? ''),
      why: cells[5] ?? '',
      sourceLine,
    };
    if (verdict === undefined) {
      review.problems.push(`review.md:${sourceLine}: verdict '${cells[4] ?? ''}' must start with 'true positive' or 'false positive'`);
      return;
    }
    if (!/^\d+:\d+$/u.test(row.at)) review.problems.push(`review.md:${sourceLine}: '${row.at}' is not line:column`);
    if (row.why.length === 0) review.problems.push(`review.md:${sourceLine}: ${findingKey(row)} has no explanation`);
    const key = findingKey(row);
    if (seen.has(key)) review.problems.push(`review.md:${sourceLine}: duplicate finding row ${key}`);
    seen.add(key);
    if (section === 'fixed' && verdict !== 'false positive') {
      review.problems.push(`review.md:${sourceLine}: only false positives can be listed as fixed`);
    }
    (section === 'fixed' ? review.fixed : review.findings).push({ ...row, verdict });
  });
  return review;
}

export interface Comparison {
  /** Reported but not reviewed (or reviewed with a message that no longer matches). */
  unreviewed: ObservedFinding[];
  /** Reviewed but no longer reported. */
  disappeared: FindingRow[];
  /** Listed as fixed false positives but reported again. */
  regressed: { row: FindingRow; finding: ObservedFinding }[];
  /** Reviewed, but the message no longer starts with the excerpt. */
  messageChanged: { row: FindingRow; finding: ObservedFinding }[];
  unlistedParseErrors: ObservedParseError[];
  vanishedParseErrors: ParseErrorRow[];
  /** Matched findings, with their review rows. */
  matched: { row: FindingRow; finding: ObservedFinding }[];
}

/**
 * Compares a run with the review. Findings are compared as sets of keys: the same package version installed twice
 * (nested node_modules) yields the same key twice, and one row covers both copies.
 */
export function compare(review: Review, findings: readonly ObservedFinding[], parseErrors: readonly ObservedParseError[]): Comparison {
  const result: Comparison = {
    unreviewed: [],
    disappeared: [],
    regressed: [],
    messageChanged: [],
    unlistedParseErrors: [],
    vanishedParseErrors: [],
    matched: [],
  };
  const rows = new Map(review.findings.map((row) => [findingKey(row), row]));
  const fixed = new Map(review.fixed.map((row) => [findingKey(row), row]));
  const observedKeys = new Set<string>();
  for (const finding of findings) {
    const key = findingKey(finding);
    if (observedKeys.has(key)) continue;
    observedKeys.add(key);
    const row = rows.get(key);
    const fixedRow = fixed.get(key);
    if (fixedRow !== undefined && excerptMatches(finding.message, fixedRow.excerpt)) result.regressed.push({ row: fixedRow, finding });
    if (row === undefined) {
      if (fixedRow === undefined || !excerptMatches(finding.message, fixedRow.excerpt)) result.unreviewed.push(finding);
    } else if (!excerptMatches(finding.message, row.excerpt)) {
      result.messageChanged.push({ row, finding });
    } else {
      result.matched.push({ row, finding });
    }
  }
  for (const row of review.findings) if (!observedKeys.has(findingKey(row))) result.disappeared.push(row);

  const errorRows = new Map(review.parseErrors.map((row) => [parseErrorKey(row), row]));
  const observedErrors = new Set<string>();
  for (const error of parseErrors) {
    const key = parseErrorKey(error);
    if (observedErrors.has(key)) continue;
    observedErrors.add(key);
    const row = errorRows.get(key);
    if (row === undefined || !excerptMatches(error.message, row.excerpt)) result.unlistedParseErrors.push(error);
  }
  for (const row of review.parseErrors) if (!observedErrors.has(parseErrorKey(row))) result.vanishedParseErrors.push(row);
  return result;
}

/** Markdown rows to paste into the review for findings that have none yet (verdict left for a human). */
export function findingRowTemplate(finding: ObservedFinding): string {
  // The first clause: up to the first ': ' (not ':' alone, which splits 'node:http').
  const excerpt = finding.message.split(': ')[0] ?? finding.message;
  return `| \`${finding.file}\` | \`${finding.rule}\` | ${finding.at} | \`${excerpt.replace(/`/gu, "'")}\` | ??? | ??? |`;
}

export function parseErrorRowTemplate(error: ObservedParseError): string {
  return `| \`${error.file}\` | ${error.at} | \`${error.message.replace(/`/gu, "'")}\` | ??? |`;
}
