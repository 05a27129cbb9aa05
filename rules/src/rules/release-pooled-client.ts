/**
 * release-pooled-client (spec §3.5): a client checked out of a pool must go back on every path. A client lost on an
 * early `return`, a `throw` or a failed query stays checked out for good; once all are lost, the next acquire waits
 * forever (pg: `connectionTimeoutMillis` defaults to none). The analysis is in util/code-paths.ts.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';

import type { AcquireApi } from '../knowledge/types';
import type { AcquireMatch } from '../util/acquire-match';
import { matchAcquire } from '../util/acquire-match';
import { isFunctionLike } from '../util/ast';
import type { FunctionLike } from '../util/ast';
import type { HoldModel, Leak } from '../util/code-paths';
import { findLeaks, walkOwnNodes } from '../util/code-paths';
import { createRule } from '../util/create-rule';
import { indentationOf, statementRemovalRange, withFileLineBreaks } from '../util/fix/statement-edits';
import { memberName, skipTransparent } from '../util/resolve-import';

export type Options = [];
export type MessageIds = 'notReleased' | 'neverReleased' | 'wrapInTryFinally';

type Source = Readonly<TSESLint.SourceCode>;
type Variable = TSESLint.Scope.Variable;

export default createRule<Options, MessageIds>({
  name: 'release-pooled-client',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require clients checked out of a pool to be released on every path',
      recommended: 'error',
    },
    hasSuggestions: true,
    messages: {
      notReleased:
        '{{library}} {{acquire}} checks out a client that is not released on every path: {{reason}} (line {{line}}) leaves it checked out. Lost clients never return to the pool and later acquires wait forever; release it with {{release}} in a `finally` block.',
      neverReleased:
        '{{library}} {{acquire}} checks out a client that is never released. It never returns to the pool and later acquires wait forever; release it with {{release}} in a `finally` block.',
      wrapInTryFinally: 'Wrap the code after the acquire in `try { … } finally { {{release}} }`.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;
    return {
      CallExpression(node) {
        const match = matchAcquire(sourceCode, node);
        if (match) check(context, sourceCode, match);
      },
    };
  },
});

/** What the client is bound to, and where the analysis runs. */
interface Binding {
  readonly fn: FunctionLike;
  readonly initiallyHeld: boolean;
  /** The client variable (null when only a destructured `release` is kept). */
  readonly client: Variable | null;
  /** Variables holding a release function: destructured `{ release }` or the callback's `done`. */
  readonly releaseFns: readonly Variable[];
  /** The callback's error parameter: on `if (err)` nothing is checked out. */
  readonly error: Variable | null;
  readonly declarator: TSESTree.VariableDeclarator | null;
  readonly scopeBlock: TSESTree.Node | null;
}

function enclosingFunction(node: TSESTree.Node): FunctionLike | null {
  for (let current = node.parent; current; current = current.parent) if (isFunctionLike(current)) return current;
  return null;
}

function variableOf(sourceCode: Source, node: TSESTree.Node, name: string): Variable | null {
  return sourceCode.getDeclaredVariables(node).find((variable) => variable.name === name) ?? null;
}

function bind(sourceCode: Source, match: AcquireMatch): Binding | null {
  if (match.mode === 'callback') {
    const callback = match.callback;
    const spec = match.api.callback;
    if (!callback || !spec) return null;
    const param = (index: number | undefined): Variable | null => {
      if (index === undefined) return null;
      const node = callback.params[index];
      return node?.type === AST_NODE_TYPES.Identifier ? variableOf(sourceCode, callback, node.name) : null;
    };
    const client = param(spec.clientParam);
    const done = param(spec.releaseParam);
    // Without a named client parameter there is nothing to follow (a pattern, or a client that is never named).
    if (!client) return null;
    return { fn: callback, initiallyHeld: true, client, releaseFns: done ? [done] : [], error: param(spec.errorParam), declarator: null, scopeBlock: null };
  }
  const fn = enclosingFunction(match.call);
  // Module scope (scripts, long-lived LISTEN clients): no request path to leak on; stay silent.
  if (!fn) return null;
  let expression: TSESTree.Node = match.call;
  while (expression.parent && skipTransparent(expression.parent) === expression) expression = expression.parent;
  const awaited = expression.parent;
  if (awaited?.type !== AST_NODE_TYPES.AwaitExpression) return null;
  let outer: TSESTree.Node = awaited;
  while (outer.parent && skipTransparent(outer.parent) === outer) outer = outer.parent;
  const parent = outer.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === outer) {
    const declaration = parent.parent;
    const scopeBlock =
      declaration.kind !== 'var' && declaration.parent.type === AST_NODE_TYPES.BlockStatement && declaration.parent !== fn.body ? declaration.parent : null;
    if (parent.id.type === AST_NODE_TYPES.Identifier) {
      const client = variableOf(sourceCode, parent, parent.id.name);
      return client ? { fn, initiallyHeld: false, client, releaseFns: [], error: null, declarator: parent, scopeBlock } : null;
    }
    if (parent.id.type === AST_NODE_TYPES.ObjectPattern) {
      const releaseFns: Variable[] = [];
      for (const property of parent.id.properties) {
        if (property.type !== AST_NODE_TYPES.Property || property.computed || property.key.type !== AST_NODE_TYPES.Identifier) continue;
        if (!match.api.clientRelease.includes(property.key.name) || property.value.type !== AST_NODE_TYPES.Identifier) continue;
        const variable = variableOf(sourceCode, parent, property.value.name);
        if (variable) releaseFns.push(variable);
      }
      return releaseFns.length > 0 ? { fn, initiallyHeld: false, client: null, releaseFns, error: null, declarator: parent, scopeBlock } : null;
    }
    return null;
  }
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.operator === '=' && parent.right === outer && parent.left.type === AST_NODE_TYPES.Identifier) {
    if (parent.parent.type !== AST_NODE_TYPES.ExpressionStatement) return null;
    const name = parent.left.name;
    let client: Variable | null = null;
    for (let scope: TSESLint.Scope.Scope | null = sourceCode.getScope(parent); scope && !client; scope = scope.upper) {
      client = scope.set.get(name) ?? null;
    }
    // `let client; try { client = await pool.connect() … }`: only when the variable belongs to this function; a
    // module-level or outer variable keeps the client beyond the call (ownership moves there).
    if (!client || !client.defs[0] || enclosingFunction(client.defs[0].name) !== fn) return null;
    return { fn, initiallyHeld: false, client, releaseFns: [], error: null, declarator: null, scopeBlock: null };
  }
  return null;
}

/** The references of the client and its release functions, sorted into releases, uses and ownership transfers. */
interface Usage {
  releases: TSESTree.CallExpression[];
  /** The client leaves our sight: returned, passed on, stored, released in a callback, or held on purpose. */
  escapes: boolean;
}

const TEST_OPERATORS = new Set(['==', '!=', '===', '!==']);

function classify(binding: Binding, api: AcquireApi, acquire: TSESTree.CallExpression): Usage {
  const usage: Usage = { releases: [], escapes: false };
  const ownFunction = (node: TSESTree.Node): boolean => enclosingFunction(node) === binding.fn;
  if (binding.client) {
    const writes = binding.client.references.filter((reference) => reference.isWrite());
    // Reassigned: the variable may hold another client later, and we cannot follow which one is released.
    const expected = binding.initiallyHeld ? 0 : 1;
    if (writes.length !== expected || !writes.every((reference) => acquireWrites(reference.identifier, acquire))) usage.escapes = true;
    for (const reference of binding.client.references) {
      if (reference.isWrite()) continue;
      const identifier = reference.identifier as TSESTree.Identifier;
      const parent = identifier.parent;
      if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === identifier) {
        const name = memberName(parent);
        const call = parent.parent.type === AST_NODE_TYPES.CallExpression && parent.parent.callee === parent ? parent.parent : null;
        if (call && name !== null && api.clientRelease.includes(name)) {
          if (!ownFunction(call)) usage.escapes = true;
          usage.releases.push(call);
        } else if (call && name !== null && api.holdMethods?.includes(name)) {
          usage.escapes = true;
        }
        continue;
      }
      if (parent.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === identifier && parent.callee.type === AST_NODE_TYPES.MemberExpression) {
        const name = memberName(parent.callee);
        if (name !== null && api.poolRelease.includes(name)) {
          if (!ownFunction(parent)) usage.escapes = true;
          usage.releases.push(parent);
          continue;
        }
      }
      if (isTestPosition(identifier)) continue;
      // Returned, passed to a function, stored, aliased: the new owner releases it (spec: not a finding).
      usage.escapes = true;
    }
  }
  for (const releaseFn of binding.releaseFns) {
    for (const reference of releaseFn.references) {
      if (reference.init) continue;
      const identifier = reference.identifier as TSESTree.Identifier;
      const parent = identifier.parent;
      if (parent.type === AST_NODE_TYPES.CallExpression && parent.callee === identifier && ownFunction(parent)) usage.releases.push(parent);
      else usage.escapes = true;
    }
  }
  return usage;
}

function acquireWrites(identifier: TSESTree.Node, acquire: TSESTree.CallExpression): boolean {
  const parent = identifier.parent;
  const value = parent?.type === AST_NODE_TYPES.VariableDeclarator ? parent.init : parent?.type === AST_NODE_TYPES.AssignmentExpression ? parent.right : null;
  return !!value && value.range[0] <= acquire.range[0] && acquire.range[1] <= value.range[1];
}

/** `if (client)`, `client && …`, `!client`, `client != null`: reading, not handing over. */
function isTestPosition(identifier: TSESTree.Identifier): boolean {
  const parent = identifier.parent;
  switch (parent.type) {
    case AST_NODE_TYPES.IfStatement:
    case AST_NODE_TYPES.ConditionalExpression:
      return parent.test === identifier;
    case AST_NODE_TYPES.UnaryExpression:
      return parent.operator === '!' || parent.operator === 'typeof';
    case AST_NODE_TYPES.LogicalExpression:
      return parent.left === identifier;
    case AST_NODE_TYPES.BinaryExpression:
      return TEST_OPERATORS.has(parent.operator);
    default:
      return false;
  }
}

/** Which branch of a test runs with nothing checked out. */
function narrowing(binding: Binding, test: TSESTree.Expression): 'consequent' | 'alternate' | null {
  const refersTo = (node: TSESTree.Node, variable: Variable | null): boolean =>
    !!variable && node.type === AST_NODE_TYPES.Identifier && variable.references.some((reference) => reference.identifier === node);
  const nullish = (node: TSESTree.Node): boolean =>
    (node.type === AST_NODE_TYPES.Literal && node.value === null) || (node.type === AST_NODE_TYPES.Identifier && node.name === 'undefined');
  const polarity = (node: TSESTree.Node, variable: Variable | null): boolean | null => {
    if (refersTo(node, variable)) return true;
    if (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === '!') {
      const inner = polarity(node.argument, variable);
      return inner === null ? null : !inner;
    }
    if (node.type === AST_NODE_TYPES.BinaryExpression && TEST_OPERATORS.has(node.operator)) {
      const side = refersTo(node.left, variable) && nullish(node.right) ? true : refersTo(node.right, variable) && nullish(node.left) ? true : null;
      if (side === null) return null;
      return node.operator.startsWith('!');
    }
    return null;
  };
  // `if (err)`: the callback got an error and no client.
  const error = polarity(test, binding.error);
  if (error !== null) return error ? 'consequent' : 'alternate';
  // `if (client)`: a falsy client was never checked out (a `finally` after a failed acquire).
  const client = polarity(test, binding.client);
  if (client !== null) return client ? 'alternate' : 'consequent';
  return null;
}

function check(context: Readonly<TSESLint.RuleContext<MessageIds, Options>>, sourceCode: Source, match: AcquireMatch): void {
  const binding = bind(sourceCode, match);
  if (!binding) return;
  const usage = classify(binding, match.api, match.call);
  if (usage.escapes) return;
  const releaseCalls = new Set<TSESTree.Node>(usage.releases);
  const body = binding.fn.body;
  // Only awaits count as possible exceptions: a callback-style `client.query(sql, cb)` reports errors to `cb`, and
  // treating every synchronous call as throwing would flag code that cannot realistically fail (precision first).
  const throwables: TSESTree.Node[] = [];
  walkOwnNodes(body, sourceCode.visitorKeys, (node) => {
    if (node.type !== AST_NODE_TYPES.AwaitExpression && node.type !== AST_NODE_TYPES.YieldExpression) return;
    const argument = node.argument ? skipTransparent(node.argument) : null;
    // `await conn.close()` is the release; `await pool.connect()` runs before the client is held.
    if (argument && (releaseCalls.has(argument) || argument === match.call)) return;
    throwables.push(node);
  });
  const model: HoldModel = {
    acquire: binding.initiallyHeld ? null : match.call,
    releases: usage.releases,
    throwables: throwables.filter((node) => !releaseCalls.has(node)).sort((a, b) => a.range[0] - b.range[0]),
    narrowing: (test) => narrowing(binding, test),
    scopeBlock: binding.scopeBlock,
  };
  const leaks = findLeaks(binding.fn, model, binding.initiallyHeld);
  if (leaks.length === 0) return;
  const release = releaseText(sourceCode, match, binding);
  const data = { library: match.api.library, acquire: acquireText(sourceCode, match), release: `\`${release}\`` };
  const suggest = suggestion(sourceCode, match, binding, usage, release);
  if (usage.releases.length === 0) {
    context.report({ node: match.call, messageId: 'neverReleased', data, suggest });
    return;
  }
  const leak = leaks[0];
  context.report({
    node: match.call,
    messageId: 'notReleased',
    data: { ...data, reason: describeLeak(sourceCode, leak), line: leakLine(leak) },
    suggest,
  });
}

function describeLeak(sourceCode: Source, leak: Leak): string {
  switch (leak.kind) {
    case 'return':
      return 'an early `return`';
    case 'throw':
      return 'a `throw`';
    case 'exception':
      return `an exception from \`${shorten(sourceCode.getText(leak.node))}\``;
    case 'scope':
      if (leak.node.type === AST_NODE_TYPES.ContinueStatement) return 'a `continue`';
      if (leak.node.type === AST_NODE_TYPES.BreakStatement) return 'a `break`';
      return 'the end of the block';
    case 'end':
      return 'the end of the function';
  }
}

function leakLine(leak: Leak): number {
  const atEnd = leak.kind === 'end' || (leak.kind === 'scope' && leak.node.type === AST_NODE_TYPES.BlockStatement);
  return atEnd ? leak.node.loc.end.line : leak.node.loc.start.line;
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 40 ? `${flat.slice(0, 37)}...` : flat;
}

function acquireText(sourceCode: Source, match: AcquireMatch): string {
  const callee = sourceCode.getText(match.call.callee).replace(/\s+/g, '');
  return `${callee.length > 40 ? `${callee.slice(0, 37)}...` : callee}()`;
}

/** A receiver that can be written again without side effects: `pool`, `this.pool`, `db.pool`. */
function isPlainReceiver(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.Identifier || node.type === AST_NODE_TYPES.ThisExpression) return true;
  return node.type === AST_NODE_TYPES.MemberExpression && !node.computed && !node.optional && isPlainReceiver(node.object);
}

/** The release call the library documents, with the names of this code: `client.release()`, `pool.release(r)`. */
function releaseText(sourceCode: Source, match: AcquireMatch, binding: Binding): string {
  const api = match.api;
  const client = binding.client?.name ?? 'client';
  let text: string;
  if (binding.client === null && binding.releaseFns.length > 0) text = `${binding.releaseFns[0].name}()`;
  else if (api.suggestOn === 'pool') {
    const callee = skipTransparent(match.call.callee);
    const receiver = callee.type === AST_NODE_TYPES.MemberExpression && isPlainReceiver(callee.object) ? sourceCode.getText(callee.object) : 'pool';
    text = `${receiver}.${api.poolRelease[0]}(${client})`;
  } else text = `${client}.${api.clientRelease[0]}()`;
  return api.awaitRelease ? `await ${text}` : text;
}

/**
 * `const client = await pool.connect();` followed by statements in the same block: wrap those statements in
 * `try { … } finally { <release> }` and drop the plain release statements they contain (a second release throws in
 * pg). Never offered for other shapes, or when a release is a destroy or sits inside an expression.
 */
function suggestion(
  sourceCode: Source,
  match: AcquireMatch,
  binding: Binding,
  usage: Usage,
  release: string,
): TSESLint.SuggestionReportDescriptor<MessageIds>[] | null {
  const declarator = binding.declarator;
  if (match.mode !== 'promise' || !declarator || !binding.client || declarator.id.type !== AST_NODE_TYPES.Identifier) return null;
  const declaration = declarator.parent;
  if (declaration.declarations.length !== 1 || declaration.kind === 'var') return null;
  const block = declaration.parent;
  if (block.type !== AST_NODE_TYPES.BlockStatement) return null;
  const index = block.body.indexOf(declaration);
  const rest = block.body.slice(index + 1);
  if (rest.length === 0) return null;
  // Block-scoped declarations a hoisted function or class would lose, or that code before the acquire reads.
  if (rest.some((statement) => statement.type === AST_NODE_TYPES.FunctionDeclaration || statement.type === AST_NODE_TYPES.ClassDeclaration)) return null;
  const start = rest[0].range[0];
  const end = rest[rest.length - 1].range[1];
  const edits: { range: TSESTree.Range; text: string }[] = [];
  for (const call of usage.releases) {
    const statement = plainReleaseStatement(call, match.api);
    if (!statement || statement.range[0] < start || statement.range[1] > end) return null;
    edits.push(releaseRemoval(sourceCode, statement));
  }
  // Re-indenting the lines of a multi-line template literal would change the string.
  if (sourceCode.ast.tokens.some((token) => token.type === 'Template' && token.loc.start.line !== token.loc.end.line && token.range[0] >= start && token.range[1] <= end)) return null;
  const indent = indentationOf(sourceCode, declaration);
  const blockIndent = indentationOf(sourceCode, block);
  const unit = indent.startsWith(blockIndent) && indent.length > blockIndent.length ? indent.slice(blockIndent.length) : '  ';
  let inner = '';
  let cursor = start;
  for (const { range, text } of edits.sort((a, b) => a.range[0] - b.range[0])) {
    inner += sourceCode.text.slice(cursor, Math.max(cursor, range[0])) + text;
    cursor = Math.max(cursor, range[1]);
  }
  inner += sourceCode.text.slice(cursor, end);
  inner = inner.trim();
  const body = inner
    .split('\n')
    .map((line) => (line.trim() === '' ? '' : `${indent}${unit}${line.startsWith(indent) ? line.slice(indent.length) : line.trimStart()}`))
    .join('\n');
  const text = withFileLineBreaks(sourceCode, `try {\n${body}\n${indent}} finally {\n${indent}${unit}${release};\n${indent}}`);
  return [{ messageId: 'wrapInTryFinally', data: { release: `${release};` }, fix: (fixer) => fixer.replaceTextRange([start, end], text) }];
}

/**
 * Removes a release the new `finally` makes redundant. When it is the only statement of an inner `finally`, the
 * clause goes too: `try { a } catch … finally { release }` loses its `finally`, and `try { a } finally { release }`
 * becomes the plain block `{ a }` (same scoping, no empty `finally`).
 */
function releaseRemoval(sourceCode: Source, statement: TSESTree.ExpressionStatement): { range: TSESTree.Range; text: string } {
  const block = statement.parent;
  const owner = block?.parent;
  if (block?.type === AST_NODE_TYPES.BlockStatement && block.body.length === 1 && owner?.type === AST_NODE_TYPES.TryStatement && owner.finalizer === block) {
    if (owner.handler) return { range: [owner.handler.range[1], block.range[1]], text: '' };
    return { range: owner.range, text: sourceCode.getText(owner.block) };
  }
  return { range: statementRemovalRange(sourceCode, statement), text: '' };
}

/** The release as a statement of its own, in the same form the suggestion writes (so removing it loses nothing). */
function plainReleaseStatement(call: TSESTree.CallExpression, api: AcquireApi): TSESTree.ExpressionStatement | null {
  let node: TSESTree.Node = call;
  if (node.parent?.type === AST_NODE_TYPES.AwaitExpression) node = node.parent;
  const statement = node.parent;
  if (statement?.type !== AST_NODE_TYPES.ExpressionStatement) return null;
  if (statement.parent.type !== AST_NODE_TYPES.BlockStatement && statement.parent.type !== AST_NODE_TYPES.SwitchCase) return null;
  const callee = call.callee;
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  const name = memberName(callee);
  // Only the plain release the suggestion writes; a destroy (`release(true)`, `destroy()`) must stay.
  const onClient = api.clientRelease[0] !== undefined && name === api.clientRelease[0] && call.arguments.length === 0;
  const onPool = api.poolRelease[0] !== undefined && name === api.poolRelease[0] && call.arguments.length === 1;
  return onClient || onPool ? statement : null;
}
