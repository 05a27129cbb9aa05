/**
 * Hover text for a client or pool construction (spec §4): the library, what kind of object it builds, and each
 * option that decides its size and idle behaviour — the written value or the library default, and what it means
 * (e.g. "inert: maxIdle defaults to connectionLimit"). Everything comes from the knowledge base and the same
 * evaluators the rules use, so the hover never disagrees with a finding.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';

import type { Comparison, IdleSpec, LimitSpec, Operand, OptionPath } from './knowledge/types';
import { idleState } from './rules/require-idle-timeout';
import { limitState } from './rules/require-pool-limit';
import type { ConstructionMatch, ConstructionNode } from './util/match-construction';
import { matchConstruction } from './util/match-construction';
import { operandValue, written } from './util/option-eval';
import { countText, optionText, valueText } from './util/pool-text';

export interface ConstructionHover {
  /** Text offsets of the construction the hover describes. */
  readonly range: [number, number];
  readonly markdown: string;
}

const IO_TEXT: Record<string, string> = {
  lazy: 'lazy: no I/O until first use or `connect()`',
  eager: 'eager: opens a connection as soon as it is built',
  async: 'async: resolves once connected',
};

/** Call and `new` nodes whose range contains the offset, innermost first. */
function constructionsAt(sourceCode: Readonly<TSESLint.SourceCode>, offset: number): ConstructionNode[] {
  const found: ConstructionNode[] = [];
  const visit = (node: TSESTree.Node): void => {
    if (offset < node.range[0] || offset > node.range[1]) return;
    if (node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression) found.push(node);
    for (const key of sourceCode.visitorKeys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      for (const item of Array.isArray(child) ? child : [child]) {
        if (item && typeof item === 'object' && typeof (item as { type?: unknown }).type === 'string') visit(item as TSESTree.Node);
      }
    }
  };
  visit(sourceCode.ast);
  return found.reverse();
}

/** What an option currently is: written, from the connection string, unknown, or the default. */
function valueCell(match: ConstructionMatch, path: OptionPath, defaultText: string): string {
  const found = written(match.options, path);
  if (found.state === 'unknown') return 'computed at run time';
  if (found.state === 'known') return `\`${valueText(found.value)}\`${found.fromUri ? ' (connection string)' : ''}`;
  return `${defaultText} (default)`;
}

function operandDefaultText(operand: Operand): string {
  if ('value' in operand) return `\`${valueText(operand.value)}\``;
  return `= \`${optionText(operand.option)}\``;
}

function limitRow(match: ConstructionMatch, limit: LimitSpec): string {
  const state = limitState(match.options, limit, false);
  const defaultText = limit.default === 'unlimited' ? 'unlimited' : `\`${limit.default}\``;
  const meaning =
    state.kind === 'unboundedDefault' || state.kind === 'unboundedValue'
      ? `**no limit**: unlimited ${limit.unit}`
      : state.kind === 'unknown'
        ? 'decided at run time'
        : limitMeaning(match, limit);
  return `| \`${optionText(limit.option)}\` | ${valueCell(match, limit.option, limit.defaultText ?? defaultText)} | ${meaning} |`;
}

function limitMeaning(match: ConstructionMatch, limit: LimitSpec): string {
  const found = written(match.options, limit.option);
  const value = found.state === 'known' && typeof found.value === 'number' ? found.value : limit.default;
  if (typeof value === 'number' && !(limit.unlimitedValues as readonly unknown[]).includes(value) && found.state !== 'absent') {
    return `at most ${countText(value, limit.unit)}`;
  }
  return limit.defaultText ? `at most ${limit.defaultText}` : typeof limit.default === 'number' ? `at most ${countText(limit.default, limit.unit)}` : 'bounded';
}

function comparisonOptions(comparison: Comparison | undefined): { path: OptionPath; operand: Operand }[] {
  if (!comparison) return [];
  return [comparison.left, comparison.right].flatMap((operand) => ('option' in operand ? [{ path: operand.option, operand: operand.default }] : []));
}

function idleRows(match: ConstructionMatch, idle: IdleSpec, shown: Set<string>): string[] {
  const state = idleState(match.options, idle, false);
  const meaning: Record<string, string> = {
    closes: 'idle connections are closed',
    unknown: 'decided at run time',
    noOption: `**never closed**: ${idle.note ?? 'the library has no idle option'}`,
    inert: `**inert**: ${idle.activeWhenText ?? 'the idle option is not acted on'}`,
    neverValue: '**never closed**: this value disables idle closing',
    missing: '**never closed** by default',
    implicitDefault: 'idle connections are closed',
  };
  const rows: string[] = [];
  if (idle.option) {
    shown.add(optionText(idle.option));
    const defaultText = idle.default === 'never' ? 'never' : `\`${idle.default}\` ${idle.unit}`;
    rows.push(`| \`${optionText(idle.option)}\` | ${valueCell(match, idle.option, defaultText)} | ${meaning[state.kind]} |`);
  } else {
    rows.push(`| (idle timeout) | none | ${meaning[state.kind]} |`);
  }
  // The options that decide whether the idle option acts at all (mysql2 maxIdle, knex pool.min, …).
  for (const { path, operand } of [...comparisonOptions(idle.activeWhen), ...comparisonOptions(idle.appliesWhen)]) {
    if (shown.has(optionText(path))) continue;
    shown.add(optionText(path));
    const resolved = operandValue(match.options, operand);
    const defaultText = resolved === undefined ? operandDefaultText(operand) : `\`${valueText(resolved)}\``;
    rows.push(`| \`${optionText(path)}\` | ${valueCell(match, path, defaultText)} | decides whether idle connections are closed |`);
  }
  return rows;
}

/** Describes the catalogue construction at `offset`, or null when there is none. */
export function describeConstructionAt(sourceCode: Readonly<TSESLint.SourceCode>, offset: number): ConstructionHover | null {
  for (const node of constructionsAt(sourceCode, offset)) {
    const match = matchConstruction(sourceCode, node);
    if (!match) continue;
    const construction = match.construction;
    const lines = [`**${construction.library}** \`${construction.display}\` — ${construction.object} (${IO_TEXT[match.io] ?? match.io})`];
    const rows: string[] = [];
    // An option that decides both size and idle behaviour (mysql2 connectionLimit) is listed once.
    const shown = new Set<string>();
    if (construction.limit) {
      rows.push(limitRow(match, construction.limit));
      shown.add(optionText(construction.limit.option));
    }
    if (construction.idle) rows.push(...idleRows(match, construction.idle, shown));
    if (rows.length > 0) lines.push('', '| option | value | meaning |', '| --- | --- | --- |', ...rows);
    if (match.options.options?.state === 'unknown') lines.push('', 'The options object is computed at run time, so its values cannot be read here.');
    if (construction.closeMethods.length > 0) lines.push('', `Close with ${construction.closeMethods.map((name) => `\`${name}()\``).join(' / ')}.`);
    if (construction.perRequestSafe) lines.push('', 'Idempotent: calling it per request reuses the existing connection.');
    return { range: [node.range[0], node.range[1]], markdown: lines.join('\n') };
  }
  return null;
}
