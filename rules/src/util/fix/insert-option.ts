/**
 * A fixer that writes options into a construction's options argument, the way a person would:
 * - inline object literal: replace the value in place, or append the property (a nested path goes into the
 *   existing nested literal, or creates `pool: { max: 10 }`);
 * - a same-file `const` literal used only by this call: edit the declaration;
 * - a literal shared with other code: override at the call site (`{ ...shared, max: 10 }`), so the other users
 *   of the object are not changed behind the user's back;
 * - no options argument: create it (`new Agent()` -> `new Agent({ maxSockets: 10 })`, `new Pool(origin)` ->
 *   `new Pool(origin, { connections: 10 })`).
 * It keeps the object's layout (single line, or one property per line with the same indentation and trailing-comma
 * style) and returns null whenever it cannot write a correct edit (options computed at run time, a nested object
 * that comes from a spread), so callers offer no fix rather than a wrong one.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES, ASTUtils } from '@typescript-eslint/utils';

import type { ArgumentLayout, OptionPath } from '../../knowledge/types';
import { findVariable, isEffectivelyConst, propertyKeyName, skipTransparent } from '../resolve-import';
import type { OptionsArgument } from '../static-options';
import { lookupOption, objectLiteralOf, optionsArgumentIndex } from '../static-options';
import { withFileLineBreaks } from './statement-edits';

type Source = Readonly<TSESLint.SourceCode>;
type Call = TSESTree.CallExpression | TSESTree.NewExpression;
type Token = TSESTree.Token;

export type OptionScalar = number | boolean | string | null;

export interface OptionAssignment {
  readonly path: OptionPath;
  readonly value: OptionScalar;
}

interface TextEdit {
  readonly range: readonly [number, number];
  readonly text: string;
}

/** The options to write, as a tree: `{ pool: { min: 0, idleTimeoutMillis: 30000 } }`. */
type Patch = Map<string, OptionScalar | Patch>;

/**
 * A fix function that writes every assignment into the options of `call`, or null when that cannot be done safely.
 * `options` is the reading of the options argument (`OptionReader.options`).
 */
export function setOptionsFix(
  sourceCode: Source,
  call: Call,
  layout: ArgumentLayout | undefined,
  options: OptionsArgument | null,
  assignments: readonly OptionAssignment[],
): TSESLint.ReportFixFunction | null {
  const patch = buildPatch(assignments);
  if (!patch || !options) return null;
  const edits = new Planner(sourceCode).planCall(call, layout, options, patch);
  if (!edits || edits.length === 0) return null;
  return (fixer) => edits.map((edit) => fixer.replaceTextRange([edit.range[0], edit.range[1]], edit.text));
}

function buildPatch(assignments: readonly OptionAssignment[]): Patch | null {
  const root: Patch = new Map();
  for (const { path, value } of assignments) {
    if (path.length === 0) return null;
    let node = root;
    for (const key of path.slice(0, -1)) {
      const next = node.get(key) ?? new Map<string, OptionScalar | Patch>();
      if (!(next instanceof Map)) return null; // a leaf and a subtree at the same key
      node.set(key, next);
      node = next;
    }
    const last = path[path.length - 1];
    if (node.get(last) instanceof Map) return null;
    node.set(last, value);
  }
  return root;
}

function renderKey(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : `'${key.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function renderScalar(value: OptionScalar): string {
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  return String(value); // numbers (including Infinity), booleans, null
}

function renderEntries(patch: Patch): string[] {
  return [...patch].map(([key, value]) => `${renderKey(key)}: ${value instanceof Map ? renderObject(value) : renderScalar(value)}`);
}

function renderObject(patch: Patch): string {
  return `{ ${renderEntries(patch).join(', ')} }`;
}

/** Where a key of an object literal gets its run-time value from. */
type Slot =
  | { readonly kind: 'direct'; readonly property: TSESTree.Property }
  | { readonly kind: 'absent' }
  /** From a spread (or an unreadable spread that may hold it): appending a property still overrides it. */
  | { readonly kind: 'spread' }
  /** A getter, method or computed key we cannot see through. */
  | { readonly kind: 'opaque' };

const SIMPLE_SPREAD_OPERANDS = new Set<string>([
  AST_NODE_TYPES.Identifier,
  AST_NODE_TYPES.MemberExpression,
  AST_NODE_TYPES.CallExpression,
  AST_NODE_TYPES.ThisExpression,
]);

class Planner {
  constructor(private readonly sourceCode: Source) {}

  planCall(call: Call, layout: ArgumentLayout | undefined, options: OptionsArgument, patch: Patch): TextEdit[] | null {
    const argument = call.arguments[options.index] as TSESTree.CallExpressionArgument | undefined;
    switch (options.state) {
      case 'absent':
        // An explicit `undefined` in the options slot is replaced; otherwise the options become the next argument,
        // after `undefined` for optional arguments left out before it (`createClientPool(undefined, { … })`).
        if (argument) return argument.type === AST_NODE_TYPES.SpreadElement ? null : [this.replaceNode(argument, renderObject(patch))];
        if (call.arguments.some((item) => item.type === AST_NODE_TYPES.SpreadElement)) return null;
        return this.appendArgument(call, 'undefined, '.repeat(options.index - call.arguments.length) + renderObject(patch));
      case 'string': {
        // A connection string sits in the options slot. Where the library also takes options after it
        // (Sequelize's `new Sequelize(uri, options)`), add them as the next argument.
        const count = call.arguments.length;
        return optionsArgumentIndex(layout, count + 1) === count ? this.appendArgument(call, renderObject(patch)) : null;
      }
      case 'literal': {
        if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) return null;
        if (options.inline) return this.planObject(options.object, patch);
        const own = this.soleUseLiteral(argument);
        if (own) return this.planObject(own, patch);
        return this.overrideAtCallSite(argument, options.object, patch);
      }
      case 'unknown':
        return null;
    }
  }

  /** Edits that make `object` hold `patch`. */
  private planObject(object: TSESTree.ObjectExpression, patch: Patch): TextEdit[] | null {
    const edits: TextEdit[] = [];
    const appended: string[] = [];
    for (const [key, change] of patch) {
      const slot = this.slotOf(object, key);
      if (slot.kind === 'opaque') return null;
      if (!(change instanceof Map)) {
        if (slot.kind === 'direct') edits.push(this.replacePropertyValue(slot.property, renderScalar(change)));
        // Appended last, the property wins over any spread before it.
        else appended.push(`${renderKey(key)}: ${renderScalar(change)}`);
        continue;
      }
      if (slot.kind === 'absent') {
        appended.push(`${renderKey(key)}: ${renderObject(change)}`);
        continue;
      }
      // A nested object that comes from a spread: writing `key: {…}` would drop its other keys.
      if (slot.kind === 'spread') return null;
      const nested = this.planNested(slot.property, change);
      if (!nested) return null;
      edits.push(...nested);
    }
    if (appended.length > 0) {
      const close = this.sourceCode.getLastToken(object);
      if (!close) return null;
      const added = this.appendToList(close, object.properties, appended, true);
      if (added.length === 0) return null;
      edits.push(...added);
    }
    return edits;
  }

  /** Edits that make the nested object held by `property` hold `patch`. */
  private planNested(property: TSESTree.Property, patch: Patch): TextEdit[] | null {
    const value = skipTransparent(property.value);
    if (value.type === AST_NODE_TYPES.ObjectExpression) return this.planObject(value, patch);
    const own = this.soleUseLiteral(property.value);
    if (own) return this.planObject(own, patch);
    const literal = objectLiteralOf(this.sourceCode, property.value);
    if (!literal) {
      // An explicit `pool: undefined` reads as no pool options at all.
      return ASTUtils.isIdentifier(value) && value.name === 'undefined' ? [this.replacePropertyValue(property, renderObject(patch))] : null;
    }
    // A shared object: override its keys here rather than change it for its other users.
    return this.fitsOver(literal, patch) ? [this.replacePropertyValue(property, this.spreadWith(property.value, patch))] : null;
  }

  /** `{ ...shared, key: value }` in place of `shared`, leaving the shared object itself alone. */
  private overrideAtCallSite(argument: TSESTree.Expression, literal: TSESTree.ObjectExpression, patch: Patch): TextEdit[] | null {
    return this.fitsOver(literal, patch) ? [this.replaceNode(argument, this.spreadWith(argument, patch))] : null;
  }

  private spreadWith(expression: TSESTree.Node, patch: Patch): string {
    const text = this.sourceCode.getText(expression);
    const operand = SIMPLE_SPREAD_OPERANDS.has(expression.type) ? text : `(${text})`;
    return `{ ...${operand}, ${renderEntries(patch).join(', ')} }`;
  }

  /** A spread override is only correct when it does not replace a nested object the literal already has. */
  private fitsOver(literal: TSESTree.ObjectExpression, patch: Patch): boolean {
    return [...patch].every(([key, change]) => !(change instanceof Map) || lookupOption(this.sourceCode, literal, [key]).state === 'absent');
  }

  /**
   * The object literal bound to `node` when this is the only use of a same-file, non-exported const:
   * editing the declaration then changes nothing else.
   */
  private soleUseLiteral(node: TSESTree.Node): TSESTree.ObjectExpression | null {
    const inner = skipTransparent(node);
    if (inner.type !== AST_NODE_TYPES.Identifier) return null;
    const variable = findVariable(this.sourceCode, inner);
    if (!variable || variable.defs.length !== 1 || !isEffectivelyConst(variable)) return null;
    const def = variable.defs[0];
    if (def.type !== 'Variable' || def.node.id.type !== AST_NODE_TYPES.Identifier || !def.node.init) return null;
    if (def.parent.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration) return null;
    const reads = variable.references.filter((reference) => reference.isRead());
    if (reads.length !== 1 || reads[0].identifier !== inner) return null;
    const init = skipTransparent(def.node.init);
    return init.type === AST_NODE_TYPES.ObjectExpression ? init : null;
  }

  /** Which property of `object` decides `key` at run time (later properties and spreads win). */
  private slotOf(object: TSESTree.ObjectExpression, key: string): Slot {
    for (let index = object.properties.length - 1; index >= 0; index--) {
      const property = object.properties[index];
      if (property.type === AST_NODE_TYPES.SpreadElement) {
        const spread = objectLiteralOf(this.sourceCode, property.argument);
        if (!spread || lookupOption(this.sourceCode, spread, [key]).state !== 'absent') return { kind: 'spread' };
        continue;
      }
      const name = propertyKeyName(property);
      if (name === null) {
        if (property.computed) return { kind: 'opaque' };
        continue;
      }
      if (name !== key) continue;
      return property.kind === 'init' && !property.method ? { kind: 'direct', property } : { kind: 'opaque' };
    }
    return { kind: 'absent' };
  }

  private replacePropertyValue(property: TSESTree.Property, text: string): TextEdit {
    // `{ max }` has no value of its own to replace: write the whole property.
    if (property.shorthand) return this.replaceNode(property, `${this.sourceCode.getText(property.key)}: ${text}`);
    return this.replaceNode(property.value, text);
  }

  private replaceNode(node: TSESTree.Node, text: string): TextEdit {
    return { range: node.range, text };
  }

  private appendArgument(call: Call, text: string): TextEdit[] | null {
    const last = this.sourceCode.getLastToken(call);
    if (!last) return null;
    // `new Agent` without parentheses: add the argument list.
    if (!ASTUtils.isClosingParenToken(last)) return [{ range: [call.range[1], call.range[1]], text: `(${text})` }];
    return this.appendToList(last, call.arguments, [text], false);
  }

  /**
   * Appends items to a bracketed, comma-separated list (object properties or call arguments), in the list's own
   * layout: `{ a: 1, b: 2 }` on one line, or one item per line at the last item's indentation, keeping a trailing
   * comma if the list has one and keeping comments where they are.
   */
  private appendToList(close: Token, elements: readonly TSESTree.Node[], items: readonly string[], isObject: boolean): TextEdit[] {
    const sourceCode = this.sourceCode;
    if (elements.length === 0) {
      const open = sourceCode.getTokenBefore(close);
      if (!open) return [];
      const inner = sourceCode.getTokenAfter(open, { includeComments: true });
      if (inner === close) return [{ range: [open.range[1], close.range[0]], text: isObject ? ` ${items.join(', ')} ` : items.join(', ') }];
      // Only comments inside: keep them after the new items.
      return [{ range: [open.range[1], open.range[1]], text: `${isObject ? ' ' : ''}${items.join(', ')},` }];
    }
    const last = elements[elements.length - 1];
    // The token before the closing bracket ends the last element, including parentheses around it, or is its
    // trailing comma.
    const end = sourceCode.getTokenBefore(close);
    if (!end) return [];
    const trailingComma = ASTUtils.isCommaToken(end);
    if (close.loc.start.line === end.loc.end.line) {
      // One line: `{ a: 1 }` -> `{ a: 1, b: 2 }`, `{ a: 1, }` -> `{ a: 1, b: 2, }`.
      const text = trailingComma ? ` ${items.join(', ')},` : `, ${items.join(', ')}`;
      return [{ range: [end.range[1], end.range[1]], text }];
    }
    const indent = this.indentOf(last);
    const lines = withFileLineBreaks(sourceCode, items.map((item) => `\n${indent}${item}`).join(','));
    // Insert after whatever ends the last line (a trailing comment stays on its line).
    const anchor = sourceCode.getTokenBefore(close, { includeComments: true }) ?? end;
    if (trailingComma) return [{ range: [anchor.range[1], anchor.range[1]], text: `${lines},` }];
    if (anchor.range[1] === end.range[1]) return [{ range: [end.range[1], end.range[1]], text: `,${lines}` }];
    return [
      { range: [end.range[1], end.range[1]], text: ',' },
      { range: [anchor.range[1], anchor.range[1]], text: lines },
    ];
  }

  /** The whitespace before the first token on the line where `node` starts. */
  private indentOf(node: TSESTree.Node): string {
    const line = this.sourceCode.lines[node.loc.start.line - 1] ?? '';
    return /^\s*/.exec(line)?.[0] ?? '';
  }
}
