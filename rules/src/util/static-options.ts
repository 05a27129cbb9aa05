/**
 * Reads a construction's options statically, the way the library would see them: from an inline object literal,
 * a same-file `const` object literal (followed through spreads), or a literal connection string's query.
 * Anything computed at run time (a parameter, a call result, a spread of an unknown object) is `unknown`, and
 * rules make no finding from an unknown value.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES, ASTUtils } from '@typescript-eslint/utils';

import type { ArgCondition, ArgShape, ArgumentLayout, OptionPath } from '../knowledge/types';
import { findVariable, isEffectivelyConst, isGlobalReference, memberName, propertyKeyName, skipTransparent } from './resolve-import';

export type OptionValue =
  | { readonly state: 'absent' }
  | { readonly state: 'unknown' }
  | {
      readonly state: 'known';
      readonly value: unknown;
      /** The property that holds the value (absent when it came from a connection string). */
      readonly property?: TSESTree.Property;
      readonly fromUri?: boolean;
    };

const ABSENT: OptionValue = { state: 'absent' };
const UNKNOWN: OptionValue = { state: 'unknown' };
const MAX_DEPTH = 16;

type Source = Readonly<TSESLint.SourceCode>;

/** A scalar's static value (`10`, `-1`, `Infinity`, a `const` bound to a literal), or UNKNOWN. */
export function scalarValue(sourceCode: Source, node: TSESTree.Node): OptionValue {
  const inner = skipTransparent(node);
  const result = ASTUtils.getStaticValue(inner as TSESTree.Expression, sourceCode.getScope(inner));
  if (result === null) return UNKNOWN;
  return { state: 'known', value: result.value };
}

/** The object literal an expression denotes: inline, or a same-file effectively-const binding. */
export function objectLiteralOf(sourceCode: Source, node: TSESTree.Node, depth = 0): TSESTree.ObjectExpression | null {
  if (depth > MAX_DEPTH) return null;
  const inner = skipTransparent(node);
  if (inner.type === AST_NODE_TYPES.ObjectExpression) return inner;
  if (inner.type === AST_NODE_TYPES.Identifier) {
    const variable = findVariable(sourceCode, inner);
    if (!variable || !isEffectivelyConst(variable)) return null;
    const def = variable.defs[0];
    if (def.type !== 'Variable' || def.node.id.type !== AST_NODE_TYPES.Identifier || !def.node.init) return null;
    return objectLiteralOf(sourceCode, def.node.init, depth + 1);
  }
  if (inner.type === AST_NODE_TYPES.MemberExpression) {
    const name = memberName(inner);
    const parent = name === null ? null : objectLiteralOf(sourceCode, inner.object, depth + 1);
    if (!parent || name === null) return null;
    const found = lookupKey(sourceCode, parent, name, depth + 1);
    return found.state === 'known' && found.property ? objectLiteralOf(sourceCode, found.property.value, depth + 1) : null;
  }
  return null;
}

/** One key of an object literal: later properties win over earlier spreads, as at run time. */
function lookupKey(sourceCode: Source, object: TSESTree.ObjectExpression, key: string, depth: number): OptionValue {
  for (let index = object.properties.length - 1; index >= 0; index--) {
    const property = object.properties[index];
    if (property.type === AST_NODE_TYPES.SpreadElement) {
      const spread = objectLiteralOf(sourceCode, property.argument, depth + 1);
      if (!spread) return UNKNOWN;
      const inSpread = lookupKey(sourceCode, spread, key, depth + 1);
      if (inSpread.state !== 'absent') return inSpread;
      continue;
    }
    if (property.computed && propertyKeyName(property) === null) return UNKNOWN;
    if (propertyKeyName(property) !== key) continue;
    if (property.kind !== 'init' || property.method) return UNKNOWN;
    const value = scalarValue(sourceCode, property.value);
    return value.state === 'known' ? { ...value, property } : { state: 'known', value: undefined, property };
  }
  return ABSENT;
}

/** Looks an option path up in an object literal. A nested object that is not a literal makes the value unknown. */
export function lookupOption(sourceCode: Source, object: TSESTree.ObjectExpression, path: OptionPath): OptionValue {
  let current: TSESTree.ObjectExpression = object;
  for (let index = 0; index < path.length; index++) {
    const found = lookupKey(sourceCode, current, path[index], 0);
    if (found.state !== 'known') return found;
    if (index === path.length - 1) {
      // A property whose value is not static (e.g. `max: Number(env.X)`) is unknown, but present.
      if (found.value === undefined && found.property && !isUndefinedLiteral(found.property.value)) return UNKNOWN;
      return found;
    }
    const nested = found.property ? objectLiteralOf(sourceCode, found.property.value) : null;
    if (!nested) return found.property && isUndefinedLiteral(found.property.value) ? ABSENT : UNKNOWN;
    current = nested;
  }
  return ABSENT;
}

function isUndefinedLiteral(node: TSESTree.Node): boolean {
  return node.type === AST_NODE_TYPES.Identifier && node.name === 'undefined';
}

/** A connection string's text when it is static enough to read its query (template parts read as `\u0000`). */
export function connectionStringText(sourceCode: Source, node: TSESTree.Node): string | null {
  const inner = skipTransparent(node);
  const value = scalarValue(sourceCode, inner);
  if (value.state === 'known') return typeof value.value === 'string' ? value.value : null;
  if (inner.type === AST_NODE_TYPES.TemplateLiteral) return inner.quasis.map((quasi) => quasi.value.cooked ?? '').join('\u0000');
  return null;
}

/** Query parameters of a connection string, keys lower-cased (MongoDB reads them case-insensitively). */
export function connectionStringParams(text: string): Map<string, unknown> {
  const params = new Map<string, unknown>();
  const query = text.indexOf('?');
  if (query < 0) return params;
  for (const pair of text.slice(query + 1).split(/[&;]/)) {
    const [rawKey, rawValue = ''] = pair.split('=');
    if (!rawKey) continue;
    let value: unknown = decodeURIComponentSafe(rawValue);
    if (typeof value === 'string' && value.includes('\u0000')) value = undefined; // interpolated: unknown
    else if (value === 'true' || value === 'false') value = value === 'true';
    else if (typeof value === 'string' && value !== '' && !Number.isNaN(Number(value))) value = Number(value);
    params.set(rawKey.toLowerCase(), value);
  }
  return params;
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** What the options argument of a call is, statically. */
export type OptionsArgument =
  | { readonly state: 'absent'; readonly index: number }
  | { readonly state: 'literal'; readonly index: number; readonly object: TSESTree.ObjectExpression; readonly inline: boolean }
  /** A string where the options would be (a connection string in their place). */
  | { readonly state: 'string'; readonly index: number }
  | { readonly state: 'unknown'; readonly index: number };

export function optionsArgumentIndex(layout: ArgumentLayout | undefined, argumentCount: number): number | null {
  const options = layout?.options;
  if (options === undefined) return null;
  if (typeof options === 'number') return options;
  return options.byArity[argumentCount] ?? null;
}

export function readOptionsArgument(
  sourceCode: Source,
  call: TSESTree.CallExpression | TSESTree.NewExpression,
  layout: ArgumentLayout | undefined,
): OptionsArgument | null {
  const index = optionsArgumentIndex(layout, call.arguments.length);
  if (index === null) {
    // Arity with no options slot (Sequelize's three-argument form): nothing was passed.
    return layout?.options === undefined ? null : { state: 'absent', index: call.arguments.length };
  }
  // `new Pool(...args)`: a spread at or before the slot means we cannot tell which value lands in it.
  if (call.arguments.slice(0, index + 1).some((item) => item.type === AST_NODE_TYPES.SpreadElement)) return { state: 'unknown', index };
  const argument = call.arguments[index];
  if (!argument || (argument.type === AST_NODE_TYPES.Identifier && argument.name === 'undefined')) return { state: 'absent', index };
  const object = objectLiteralOf(sourceCode, argument);
  if (object) return { state: 'literal', index, object, inline: skipTransparent(argument) === object };
  const scalar = scalarValue(sourceCode, argument);
  if (scalar.state === 'known' && typeof scalar.value === 'string') return { state: 'string', index };
  if (isStringish(sourceCode, argument)) return { state: 'string', index };
  return { state: 'unknown', index };
}

/** Reads one option of a call: the options object first, then a connection string's query. */
export class OptionReader {
  readonly options: OptionsArgument | null;
  private readonly uriParams: Map<string, unknown> | null;

  constructor(
    private readonly sourceCode: Source,
    readonly call: TSESTree.CallExpression | TSESTree.NewExpression,
    private readonly layout: ArgumentLayout | undefined,
  ) {
    this.options = readOptionsArgument(sourceCode, call, layout);
    this.uriParams = this.readUriParams();
  }

  private readUriParams(): Map<string, unknown> | null {
    if (!this.layout?.uriParamsAreOptions || this.layout.uri === undefined) return null;
    const argument = this.call.arguments[this.layout.uri];
    if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) return null;
    const text = connectionStringText(this.sourceCode, argument);
    // A connection string we cannot read is assumed not to carry pool options (spec §3.3).
    return text === null ? null : connectionStringParams(text);
  }

  get(path: OptionPath): OptionValue {
    let fromObject: OptionValue;
    const options = this.options;
    if (!options || options.state === 'absent' || options.state === 'string') fromObject = ABSENT;
    else if (options.state === 'unknown') return UNKNOWN;
    else fromObject = lookupOption(this.sourceCode, options.object, path);
    // An explicit `undefined` in the object is "not set" (the mongodb driver drops it before merging the options over
    // the connection string), so the connection string's value still applies.
    const unsetInObject = fromObject.state === 'absent' || (fromObject.state === 'known' && fromObject.value === undefined);
    if (!unsetInObject) return fromObject;
    if (path.length === 1 && this.uriParams?.has(path[0].toLowerCase())) {
      const value = this.uriParams.get(path[0].toLowerCase());
      return value === undefined ? UNKNOWN : { state: 'known', value, fromUri: true };
    }
    return fromObject;
  }
}

/** A value that is a string at run time as far as we can tell: literals, templates, `process.env.X`. */
export function isStringish(sourceCode: Source, node: TSESTree.Node): boolean {
  const inner = skipTransparent(node);
  if (inner.type === AST_NODE_TYPES.TemplateLiteral) return true;
  if (inner.type === AST_NODE_TYPES.Literal) return typeof inner.value === 'string';
  if (inner.type === AST_NODE_TYPES.MemberExpression) {
    const object = skipTransparent(inner.object);
    return (
      object.type === AST_NODE_TYPES.MemberExpression &&
      memberName(object) === 'env' &&
      object.object.type === AST_NODE_TYPES.Identifier &&
      object.object.name === 'process' &&
      isGlobalReference(sourceCode, object.object)
    );
  }
  if (inner.type === AST_NODE_TYPES.LogicalExpression) return isStringish(sourceCode, inner.left) && isStringish(sourceCode, inner.right);
  const value = scalarValue(sourceCode, inner);
  return value.state === 'known' && typeof value.value === 'string';
}

function argMatches(sourceCode: Source, node: TSESTree.Node, shape: ArgShape): boolean {
  if (shape === 'string') return isStringish(sourceCode, node);
  const object = objectLiteralOf(sourceCode, node);
  if (!object) return false;
  return shape.objectWithAnyKey.some((key) => lookupKey(sourceCode, object, key, 0).state === 'known');
}

/** Whether a call's arguments have one of the shapes a catalogue entry requires. */
export function argumentsMatch(sourceCode: Source, call: TSESTree.CallExpression | TSESTree.NewExpression, condition: ArgCondition): boolean {
  const argument = call.arguments[condition.arg];
  if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) return false;
  return condition.anyOf.some((shape) => argMatches(sourceCode, argument, shape));
}
