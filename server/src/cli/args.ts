/**
 * Command-line parsing. `util.parseArgs` tokenises; the checks are ours, because its strict-mode messages
 * ("Unknown option '--foo'. To specify a positional argument starting with a '-', …") are not the one-line
 * reasons the contract asks for, and it would take `--format --fix` as the format `--fix`.
 */
import { parseArgs } from 'node:util';

import { RULE_SEVERITIES, resolvePoolGuardRuleId, type RuleSeverity } from '../engine';
import { UsageError } from './errors';
import { FORMAT_NAMES, type FormatName } from './formatters';
import type { Concurrency } from './parallel';

export interface CliOptions {
  format: FormatName;
  fix: boolean;
  /** Severity overrides by full rule id, from repeated `--rule <id>=<severity>`. */
  rules: Record<string, RuleSeverity>;
  /** `undefined` = no limit (ESLint's default of -1). */
  maxWarnings: number | undefined;
  quiet: boolean;
  /** Worker threads for linting: a count, `auto` (the default: several for large runs) or `off`. */
  concurrency: Concurrency;
  help: boolean;
  version: boolean;
  /** Files and directories to lint; `['.']` when none is given. */
  paths: string[];
}

const OPTIONS = {
  format: { type: 'string', short: 'f' },
  fix: { type: 'boolean' },
  rule: { type: 'string', multiple: true },
  'max-warnings': { type: 'string' },
  quiet: { type: 'boolean' },
  concurrency: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

type OptionName = keyof typeof OPTIONS;

function isOptionName(name: string): name is OptionName {
  return Object.hasOwn(OPTIONS, name);
}

export function parseCliArgs(argv: readonly string[]): CliOptions {
  // strict: false so that unknown options come back as tokens we can name in our own message.
  const { tokens } = parseArgs({ args: [...argv], options: OPTIONS, strict: false, allowPositionals: true, tokens: true });
  const options: CliOptions = {
    format: 'text',
    fix: false,
    rules: {},
    maxWarnings: undefined,
    quiet: false,
    concurrency: 'auto',
    help: false,
    version: false,
    paths: [],
  };

  for (const token of tokens) {
    if (token.kind === 'positional') {
      options.paths.push(token.value);
      continue;
    }
    if (token.kind !== 'option') continue;
    const { name, rawName } = token;
    if (!isOptionName(name)) throw new UsageError(`unknown option '${rawName}'`);
    if (OPTIONS[name].type === 'boolean') {
      if (token.value !== undefined) throw new UsageError(`option '${rawName}' does not take a value`);
      applyFlag(options, name);
      continue;
    }
    const value = token.value;
    // Without `=`, a following option-looking word is a missing value, not the value ("--format --fix").
    if (value === undefined || (!token.inlineValue && value.startsWith('-') && !/^-\d+$/u.test(value))) {
      throw new UsageError(`option '${rawName}' needs a value`);
    }
    applyValue(options, name, value);
  }

  if (options.paths.length === 0) options.paths.push('.');
  return options;
}

function applyFlag(options: CliOptions, name: OptionName): void {
  if (name === 'fix') options.fix = true;
  else if (name === 'quiet') options.quiet = true;
  else if (name === 'help') options.help = true;
  else if (name === 'version') options.version = true;
}

function applyValue(options: CliOptions, name: OptionName, value: string): void {
  if (name === 'format') options.format = parseFormat(value);
  else if (name === 'max-warnings') options.maxWarnings = parseMaxWarnings(value);
  else if (name === 'concurrency') options.concurrency = parseConcurrency(value);
  else if (name === 'rule') {
    const [ruleId, severity] = parseRule(value);
    options.rules[ruleId] = severity;
  }
}

function parseFormat(value: string): FormatName {
  const format = FORMAT_NAMES.find((name) => name === value);
  if (format === undefined) {
    throw new UsageError(`invalid --format '${value}' (expected ${FORMAT_NAMES.join(', ')})`);
  }
  return format;
}

/** ESLint accepts -1 as "no limit"; anything else must be a non-negative integer. */
function parseMaxWarnings(value: string): number | undefined {
  if (!/^-?\d+$/u.test(value) || Number(value) < -1) {
    throw new UsageError(`invalid --max-warnings '${value}' (expected a non-negative integer)`);
  }
  const limit = Number(value);
  return limit === -1 ? undefined : limit;
}

/** As ESLint's `--concurrency`: a positive integer, `auto` or `off`. */
function parseConcurrency(value: string): Concurrency {
  if (value === 'auto' || value === 'off') return value;
  if (/^\d+$/u.test(value) && Number(value) >= 1 && Number(value) <= 64) return Number(value);
  throw new UsageError(`invalid --concurrency '${value}' (expected a number of threads from 1 to 64, auto or off)`);
}

function parseRule(value: string): [string, RuleSeverity] {
  const separator = value.lastIndexOf('=');
  if (separator <= 0) throw new UsageError(`invalid --rule '${value}' (expected <rule>=off|warn|error)`);
  const id = value.slice(0, separator).trim();
  const severityText = value.slice(separator + 1).trim();
  const ruleId = resolvePoolGuardRuleId(id);
  if (ruleId === undefined) throw new UsageError(`unknown rule '${id}' in --rule`);
  const severity = RULE_SEVERITIES.find((name) => name === severityText);
  if (severity === undefined) {
    throw new UsageError(`invalid severity '${severityText}' for --rule ${id} (expected off, warn or error)`);
  }
  return [ruleId, severity];
}
