/**
 * Evaluates the knowledge base's option conditions over any source of option values: the call as written
 * (an `OptionReader`) or the call as a quick-fix would leave it (`withOverrides`). Rules use the second form to
 * offer only fixes that make their own finding go away.
 */
import type { Comparison, DerivedValue, Exemption, Operand, OptionPath } from '../knowledge/types';
import type { OptionValue } from './static-options';

export interface OptionLookup {
  get(path: OptionPath): OptionValue;
}

const ABSENT: OptionValue = { state: 'absent' };

/** An option as the library sees it: an explicit `undefined` is the same as not writing the option. */
export function written(lookup: OptionLookup, path: OptionPath): OptionValue {
  const found = lookup.get(path);
  return found.state === 'known' && found.value === undefined ? ABSENT : found;
}

/** An operand's value with defaults applied; `undefined` when it cannot be known statically. */
export function operandValue(lookup: OptionLookup, operand: Operand): unknown {
  if ('value' in operand) return operand.value;
  const found = written(lookup, operand.option);
  if (found.state === 'absent') return operandValue(lookup, operand.default);
  if (found.state === 'unknown' || found.value === null) return undefined;
  return found.value;
}

/** true / false, or null when an operand is unknown (callers then make no finding). */
export function evaluate(lookup: OptionLookup, comparison: Comparison): boolean | null {
  const left = operandValue(lookup, comparison.left);
  const right = operandValue(lookup, comparison.right);
  if (left === undefined || right === undefined) return null;
  switch (comparison.op) {
    case '<':
      return typeof left === 'number' && typeof right === 'number' ? left < right : null;
    case '>':
      return typeof left === 'number' && typeof right === 'number' ? left > right : null;
    case '===':
      return left === right;
    case '!==':
      return left !== right;
  }
}

/** Whether an exemption applies: true / false, or null when the deciding option cannot be read. */
export function isExempt(lookup: OptionLookup, exemption: Exemption | undefined): boolean | null {
  if (!exemption) return false;
  const found = written(lookup, exemption.option);
  if (found.state === 'absent') return false;
  if (found.state === 'unknown') return null;
  return typeof found.value === 'string' && exemption.in.includes(found.value);
}

/**
 * A suggested value, resolving values derived from other options; null when an operand is unknown or the result is
 * not a sensible count (mysql2 `maxIdle` one below an unlimited `connectionLimit: 0` would be -1).
 */
export function suggestedValue(lookup: OptionLookup, value: number | boolean | DerivedValue): number | boolean | null {
  if (typeof value !== 'object') return value;
  const base = operandValue(lookup, value.of);
  if (typeof base !== 'number' || !Number.isFinite(base)) return null;
  const result = base + value.plus;
  return result >= 0 ? result : null;
}

export function pathKey(path: OptionPath): string {
  return path.join('.');
}

export interface OptionOverride {
  readonly path: OptionPath;
  readonly value: unknown;
}

/** The options as they would read after a fix writes `overrides`. */
export function withOverrides(base: OptionLookup, overrides: readonly OptionOverride[]): OptionLookup {
  const byPath = new Map(overrides.map((override) => [pathKey(override.path), override.value]));
  return {
    get(path) {
      const key = pathKey(path);
      return byPath.has(key) ? { state: 'known', value: byPath.get(key) } : base.get(path);
    },
  };
}
