/**
 * The identical-findings check: the `--format json` output of the `poolguard` CLI against ESLint's with
 * eslint-plugin-poolguard, file by file.
 *
 * Compared: every PoolGuard message and every parse error, as (file, ruleId, line, column, endLine, endColumn,
 * severity, message), as multisets. Not compared: ESLint's messages about the user's ESLint setup (inline
 * `/* eslint … *\/` configs naming unknown rules, `eslint-env` notices), which the engine drops by design
 * (server/src/engine/results.ts `isOwnMessage`); they are counted and shown separately.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

interface JsonMessage {
  ruleId: string | null;
  severity: number;
  message: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  fatal?: boolean;
}

interface JsonResult {
  filePath: string;
  messages: JsonMessage[];
}

export interface Finding {
  readonly file: string;
  readonly ruleId: string | null;
  readonly line: number | null;
  readonly column: number | null;
  readonly endLine: number | null;
  readonly endColumn: number | null;
  readonly severity: number;
  readonly message: string;
}

export interface FindingsComparison {
  /** Both outputs parsed, same files, same compared messages. */
  readonly identical: boolean;
  /** Why the check could not run (an output missing or not JSON). */
  readonly error?: string;
  readonly files: { cli: number; eslint: number; onlyCli: string[]; onlyEslint: string[] };
  /** PoolGuard findings (rule messages, not parse errors). */
  readonly findings: { cli: number; eslint: number; matched: number };
  readonly byRule: Record<string, { cli: number; eslint: number }>;
  readonly parseErrors: { cli: number; eslint: number; examples: Finding[] };
  readonly onlyCli: { count: number; examples: Finding[] };
  readonly onlyEslint: { count: number; examples: Finding[] };
  /** ESLint messages that are not PoolGuard's and not parse errors (not compared). */
  readonly excludedEslintMessages: { count: number; examples: Finding[] };
  /** Rule crashes and internal errors the CLI reported (fatal messages that are not parse errors). */
  readonly cliCrashes: { count: number; examples: Finding[] };
  readonly filesWithFindings: number;
}

const PARSE_ERROR = 'Parsing error:';
const EXAMPLES = 10;

function isParseError(message: JsonMessage): boolean {
  return message.ruleId === null && message.fatal === true && message.message.startsWith(PARSE_ERROR);
}

function isPoolGuard(message: JsonMessage): boolean {
  return typeof message.ruleId === 'string' && message.ruleId.startsWith('poolguard/');
}

function toFinding(file: string, message: JsonMessage): Finding {
  return {
    file,
    ruleId: message.ruleId,
    line: message.line ?? null,
    column: message.column ?? null,
    endLine: message.endLine ?? null,
    endColumn: message.endColumn ?? null,
    severity: message.severity,
    message: message.message,
  };
}

function keyOf(finding: Finding): string {
  return JSON.stringify([finding.file, finding.ruleId, finding.line, finding.column, finding.endLine, finding.endColumn, finding.severity, finding.message]);
}

function readResults(file: string): JsonResult[] {
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
  if (!Array.isArray(parsed)) throw new Error(`${path.basename(file)} is not a JSON array of results`);
  return parsed as JsonResult[];
}

function emptyComparison(error: string): FindingsComparison {
  return {
    identical: false,
    error,
    files: { cli: 0, eslint: 0, onlyCli: [], onlyEslint: [] },
    findings: { cli: 0, eslint: 0, matched: 0 },
    byRule: {},
    parseErrors: { cli: 0, eslint: 0, examples: [] },
    onlyCli: { count: 0, examples: [] },
    onlyEslint: { count: 0, examples: [] },
    excludedEslintMessages: { count: 0, examples: [] },
    cliCrashes: { count: 0, examples: [] },
    filesWithFindings: 0,
  };
}

/** Multiset difference: what `a` has more often than `b`. */
function minus(a: Map<string, Finding[]>, b: Map<string, Finding[]>): Finding[] {
  const extra: Finding[] = [];
  for (const [key, items] of a) {
    const other = b.get(key)?.length ?? 0;
    extra.push(...items.slice(other));
  }
  return extra.sort((x, y) => (x.file < y.file ? -1 : x.file > y.file ? 1 : (x.line ?? 0) - (y.line ?? 0)));
}

export function compareFindings(cliOutput: string, eslintOutput: string, corpusDirectory: string): FindingsComparison {
  let cli: JsonResult[];
  let eslint: JsonResult[];
  try {
    cli = readResults(cliOutput);
  } catch (error) {
    return emptyComparison(`the CLI's output could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    eslint = readResults(eslintOutput);
  } catch (error) {
    return emptyComparison(`ESLint's output could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  const relative = (filePath: string): string => path.relative(corpusDirectory, filePath).split(path.sep).join('/');

  const cliFiles = new Set(cli.map((result) => relative(result.filePath)));
  const eslintFiles = new Set(eslint.map((result) => relative(result.filePath)));
  const onlyCliFiles = [...cliFiles].filter((file) => !eslintFiles.has(file)).sort();
  const onlyEslintFiles = [...eslintFiles].filter((file) => !cliFiles.has(file)).sort();

  const byRule: Record<string, { cli: number; eslint: number }> = {};
  const cliKeys = new Map<string, Finding[]>();
  const eslintKeys = new Map<string, Finding[]>();
  const parseErrors = { cli: 0, eslint: 0, examples: [] as Finding[] };
  const excluded = { count: 0, examples: [] as Finding[] };
  const cliCrashes: Finding[] = [];
  const filesWithFindings = new Set<string>();
  let cliFindings = 0;
  let eslintFindings = 0;

  const add = (map: Map<string, Finding[]>, finding: Finding): void => {
    const key = keyOf(finding);
    const list = map.get(key);
    if (list === undefined) map.set(key, [finding]);
    else list.push(finding);
  };

  for (const result of cli) {
    const file = relative(result.filePath);
    for (const message of result.messages) {
      const finding = toFinding(file, message);
      if (isParseError(message)) {
        parseErrors.cli++;
        if (parseErrors.examples.length < EXAMPLES) parseErrors.examples.push(finding);
        add(cliKeys, finding);
      } else if (message.fatal === true) {
        // A rule crash (the engine turns the rule off and reports it) or an internal error.
        cliCrashes.push(finding);
      } else if (isPoolGuard(message)) {
        cliFindings++;
        filesWithFindings.add(file);
        const rule = message.ruleId as string;
        (byRule[rule] ??= { cli: 0, eslint: 0 }).cli++;
        add(cliKeys, finding);
      } else {
        // The engine keeps only its own messages; anything else is a CLI notice (an unreadable file, …).
        cliCrashes.push(finding);
      }
    }
  }
  for (const result of eslint) {
    const file = relative(result.filePath);
    for (const message of result.messages) {
      const finding = toFinding(file, message);
      if (isParseError(message)) {
        parseErrors.eslint++;
        add(eslintKeys, finding);
      } else if (isPoolGuard(message)) {
        eslintFindings++;
        const rule = message.ruleId as string;
        (byRule[rule] ??= { cli: 0, eslint: 0 }).eslint++;
        add(eslintKeys, finding);
      } else {
        excluded.count++;
        if (excluded.examples.length < EXAMPLES) excluded.examples.push(finding);
      }
    }
  }

  const onlyCli = minus(cliKeys, eslintKeys);
  const onlyEslint = minus(eslintKeys, cliKeys);
  return {
    identical: onlyCli.length === 0 && onlyEslint.length === 0 && onlyCliFiles.length === 0 && onlyEslintFiles.length === 0,
    files: { cli: cliFiles.size, eslint: eslintFiles.size, onlyCli: onlyCliFiles, onlyEslint: onlyEslintFiles },
    findings: { cli: cliFindings, eslint: eslintFindings, matched: cliFindings - onlyCli.filter((finding) => finding.ruleId !== null).length },
    byRule: Object.fromEntries(Object.entries(byRule).sort(([a], [b]) => (a < b ? -1 : 1))),
    parseErrors,
    onlyCli: { count: onlyCli.length, examples: onlyCli.slice(0, EXAMPLES) },
    onlyEslint: { count: onlyEslint.length, examples: onlyEslint.slice(0, EXAMPLES) },
    excludedEslintMessages: excluded,
    cliCrashes: { count: cliCrashes.length, examples: cliCrashes.slice(0, 50) },
    filesWithFindings: filesWithFindings.size,
  };
}
