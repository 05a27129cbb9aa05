/**
 * The suggestion of `no-client-in-loop` (spec §3.4): move a loop-invariant `const/let x = <construction>` out of the
 * loop, right before the loop statement and at its indentation, together with its `connect()` statements (a second
 * `connect()` on the same object throws), and move its per-iteration close after the loop (closing it inside the
 * loop would leave later iterations with a closed client).
 *
 * Never offered when the move could change more than the client's lifetime: the declaration is not a plain
 * statement of the loop body, the object escapes the iteration (returned, stored), it is closed in several places
 * or inside an expression, an `await` would land outside an async function, or the name would clash with (or be
 * read before the declaration of) something around the loop. `blocked` says which, for the message.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';

import { contains, executionContextOf, isFunctionLike } from '../ast';
import type { ConstructionMatch } from '../match-construction';
import { isWrapperCall } from '../match-construction';
import type { Loop } from '../loops';
import { variablesRead, variesPerIteration } from '../loops';
import { isEffectivelyConst, memberName } from '../resolve-import';
import { indentationOf, isInStatementList, reindent, removeStatement, withFileLineBreaks } from './statement-edits';

type Source = Readonly<TSESLint.SourceCode>;

export type LoopHoistPlan =
  | { readonly name: string; readonly movesClose: boolean; readonly fix: (fixer: TSESLint.RuleFixer) => TSESLint.RuleFix[] }
  | { readonly blocked: string };

const GENERIC_CLOSE_METHODS: readonly string[] = ['end', 'quit', 'close', 'disconnect', 'destroy', '$disconnect'];

/** Methods that put the object into a collection: the loop is building N objects on purpose. */
const COLLECTING_METHODS: ReadonlySet<string> = new Set(['push', 'unshift', 'add', 'set', 'splice']);

/** A token a statement may start with that would continue the previous line when it has no semicolon. */
const ASI_HAZARD = /^[([`+\-/]/;

/** The expression the declaration holds: the construction, or a cheap wrapper around it. */
function wrappedExpression(sourceCode: Source, node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (
    current.parent &&
    (current.parent.type === AST_NODE_TYPES.CallExpression || current.parent.type === AST_NODE_TYPES.NewExpression) &&
    current.parent.arguments.includes(current as TSESTree.CallExpressionArgument) &&
    isWrapperCall(sourceCode, current.parent)
  ) {
    current = current.parent;
  }
  return current;
}

/** The block statement that is the per-iteration body of a loop. */
function bodyBlockOf(loop: Loop): TSESTree.BlockStatement | null {
  const body = loop.region.body;
  return body?.type === AST_NODE_TYPES.BlockStatement ? body : null;
}

/** The statement of a statement list that holds the loop (through labels, and around the call of a callback). */
function loopStatementOf(loop: Loop): TSESTree.Statement | null {
  let current: TSESTree.Node = loop.node;
  while (current.parent && !isInStatementList(current)) {
    if (isFunctionLike(current.parent)) return null;
    current = current.parent;
  }
  return isInStatementList(current) ? (current as TSESTree.Statement) : null;
}

/** Whether an `await` written at `from` stays valid when moved next to `to`. */
function awaitAllowedAt(from: TSESTree.Node, to: TSESTree.Node): boolean {
  const target = executionContextOf(to);
  if (target === executionContextOf(from)) return true;
  return target !== null && isFunctionLike(target) && target.async;
}

function containsAwait(sourceCode: Source, node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.AwaitExpression) return true;
  if (node.type === AST_NODE_TYPES.ForOfStatement && node.await) return true;
  if (isFunctionLike(node)) return false;
  for (const key of sourceCode.visitorKeys[node.type] ?? []) {
    const value = (node as unknown as Record<string, unknown>)[key];
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item && typeof item === 'object' && 'type' in item && containsAwait(sourceCode, item as TSESTree.Node)) return true;
    }
  }
  return false;
}

interface Uses {
  readonly closes: TSESTree.ExpressionStatement[];
  readonly connects: TSESTree.ExpressionStatement[];
  readonly problem: string | null;
}

/** The statement a `x.method()` call stands as (through `await` / `void`), or null inside an expression. */
function callStatement(call: TSESTree.CallExpression): TSESTree.ExpressionStatement | null {
  let value: TSESTree.Node = call;
  if (value.parent?.type === AST_NODE_TYPES.AwaitExpression) value = value.parent;
  if (value.parent?.type === AST_NODE_TYPES.UnaryExpression && value.parent.operator === 'void') value = value.parent;
  const statement = value.parent;
  return statement?.type === AST_NODE_TYPES.ExpressionStatement && isInStatementList(statement) ? statement : null;
}

/** Sorts the variable's uses into close and connect statements, or names the use that prevents a hoist. */
function usesOf(variable: TSESLint.Scope.Variable, declaration: TSESTree.VariableDeclaration, match: ConstructionMatch): Uses {
  const closeMethods = new Set([...match.construction.closeMethods, ...GENERIC_CLOSE_METHODS]);
  const connectMethods = new Set(match.construction.connectMethods ?? []);
  const closes: TSESTree.ExpressionStatement[] = [];
  const connects: TSESTree.ExpressionStatement[] = [];
  const name = variable.name;
  const home = executionContextOf(declaration);
  for (const reference of variable.references) {
    if (reference.init) continue;
    const identifier = reference.identifier as TSESTree.Identifier;
    const parent = identifier.parent;
    if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === identifier) {
      const method = memberName(parent);
      const call = parent.parent;
      if (method === null || call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== parent) continue;
      if (!closeMethods.has(method) && !connectMethods.has(method)) continue;
      const statement = callStatement(call);
      if (!statement || executionContextOf(statement) !== home) {
        return { closes, connects, problem: `\`${name}.${method}()\` is called inside an expression or a nested function` };
      }
      (closeMethods.has(method) ? closes : connects).push(statement);
      continue;
    }
    if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(identifier)) {
      const callee = parent.callee;
      const method = callee.type === AST_NODE_TYPES.MemberExpression ? memberName(callee) : null;
      if (method !== null && COLLECTING_METHODS.has(method)) return { closes, connects, problem: `\`${name}\` is stored in a collection, so each iteration keeps its own object` };
      continue;
    }
    // `fetch(url, { agent })`: passed along for the call, not stored.
    if (parent?.type === AST_NODE_TYPES.Property && parent.value === identifier && isCallArgument(parent.parent)) continue;
    if (
      parent?.type === AST_NODE_TYPES.ReturnStatement ||
      parent?.type === AST_NODE_TYPES.YieldExpression ||
      parent?.type === AST_NODE_TYPES.ArrayExpression ||
      parent?.type === AST_NODE_TYPES.Property ||
      parent?.type === AST_NODE_TYPES.SpreadElement ||
      (parent?.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body === identifier) ||
      (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === identifier)
    ) {
      return { closes, connects, problem: `\`${name}\` leaves the iteration (returned or stored)` };
    }
  }
  return { closes, connects, problem: null };
}

/** Whether an object literal is passed straight to a call (`f(x, { agent } as Options)`). */
function isCallArgument(node: TSESTree.Node): boolean {
  let current = node;
  while (current.parent && (current.parent.type === AST_NODE_TYPES.TSAsExpression || current.parent.type === AST_NODE_TYPES.TSSatisfiesExpression)) current = current.parent;
  const parent = current.parent;
  return (parent?.type === AST_NODE_TYPES.CallExpression || parent?.type === AST_NODE_TYPES.NewExpression) && parent.arguments.includes(current as TSESTree.CallExpressionArgument);
}

/**
 * Removes the moved close from the loop body. A `finally` left empty by it goes too: dropped when the `try` has a
 * `catch`, unwrapped when it has not and its block declares nothing (unwrapping cannot change a name's scope then).
 */
function removeClose(fixer: TSESLint.RuleFixer, sourceCode: Source, close: TSESTree.ExpressionStatement): TSESLint.RuleFix {
  const finalizer = close.parent;
  const tryStatement = finalizer?.parent;
  if (finalizer?.type !== AST_NODE_TYPES.BlockStatement || tryStatement?.type !== AST_NODE_TYPES.TryStatement || tryStatement.finalizer !== finalizer || finalizer.body.length !== 1) {
    return removeStatement(fixer, sourceCode, close);
  }
  if (tryStatement.handler) return fixer.removeRange([tryStatement.handler.range[1], finalizer.range[1]]);
  const statements = tryStatement.block.body;
  const declares = statements.some((statement) => statement.type.endsWith('Declaration'));
  if (declares || statements.length === 0 || !isInStatementList(tryStatement)) return removeStatement(fixer, sourceCode, close);
  const first = statements[0];
  const inner = sourceCode.text.slice(first.range[0], statements[statements.length - 1].range[1]);
  return fixer.replaceText(tryStatement, reindent(inner, indentationOf(sourceCode, first), indentationOf(sourceCode, tryStatement)));
}

/** The file's references by name, built once per parse: a file with many findings must not rescan every scope. */
const referencesByName = new WeakMap<object, Map<string, TSESLint.Scope.Reference[]>>();

function referencesNamed(sourceCode: Source, name: string): readonly TSESLint.Scope.Reference[] {
  const manager = sourceCode.scopeManager;
  if (!manager) return [];
  let index = referencesByName.get(manager);
  if (!index) {
    index = new Map();
    for (const scope of manager.scopes) {
      for (const reference of scope.references) {
        const list = index.get(reference.identifier.name) ?? [];
        list.push(reference);
        index.set(reference.identifier.name, list);
      }
    }
    referencesByName.set(manager, index);
  }
  return index.get(name) ?? [];
}

/** Why declaring `variable` in `block` would change what some name means, or null. */
function nameProblem(sourceCode: Source, variable: TSESLint.Scope.Variable, block: TSESTree.Node): string | null {
  const name = variable.name;
  const blockScope = sourceCode.getScope(block);
  if (blockScope.set.has(name)) return `\`${name}\` is already declared around the loop`;
  // A declaration between the loop body and the new place would shadow the hoisted one.
  for (let scope = variable.scope.upper; scope && scope !== blockScope; scope = scope.upper) {
    if (scope.set.has(name)) return `\`${name}\` is declared again between the loop and the place it would move to`;
  }
  for (const reference of referencesNamed(sourceCode, name)) {
    if (reference.resolved === variable) continue;
    if (contains(block, reference.identifier)) return `another \`${name}\` is used around the loop`;
  }
  return null;
}

/** A `let`/`const`/`class` that `statement` reads but that is declared after `anchor` in `block`'s scope (TDZ). */
function readBeforeDeclaration(sourceCode: Source, statement: TSESTree.Node, block: TSESTree.Node, anchor: TSESTree.Node): string | null {
  const blockScope = sourceCode.getScope(block);
  for (const read of variablesRead(sourceCode, statement)) {
    if (read.scope !== blockScope) continue;
    const def = read.defs[0];
    if (def && def.type !== 'FunctionName' && def.name.range[0] > anchor.range[0]) return read.name;
  }
  return null;
}

/**
 * Plans the hoist of `match` out of `target` (the outermost loop it is invariant in); `innermost` is the loop whose
 * body must hold the declaration.
 */
export function planLoopHoist(sourceCode: Source, match: ConstructionMatch, innermost: Loop, target: Loop): LoopHoistPlan {
  const expression = wrappedExpression(sourceCode, match.node);
  const value = expression.parent?.type === AST_NODE_TYPES.AwaitExpression ? expression.parent : expression;
  const declarator = value.parent;
  const notSimple = { blocked: 'it is not a plain `const x = …` statement of the loop body' };
  if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.init !== value || declarator.id.type !== AST_NODE_TYPES.Identifier) return notSimple;
  const declaration = declarator.parent;
  if (declaration.type !== AST_NODE_TYPES.VariableDeclaration || declaration.declarations.length !== 1) return notSimple;
  if (declaration.kind !== 'const' && declaration.kind !== 'let') return notSimple;
  const body = bodyBlockOf(innermost);
  if (!body || declaration.parent !== body) return notSimple;
  const variable = sourceCode.getDeclaredVariables(declarator)[0];
  if (!variable) return notSimple;
  const name = variable.name;
  if (!isEffectivelyConst(variable)) return { blocked: `\`${name}\` is reassigned in the loop` };

  const anchor = loopStatementOf(target);
  if (!anchor) return { blocked: 'the loop is not a statement of a block' };
  const block = anchor.parent as TSESTree.Node;

  const uses = usesOf(variable, declaration, match);
  if (uses.problem) return { blocked: uses.problem };
  if (uses.closes.length > 1) return { blocked: `\`${name}\` is closed in more than one place` };
  for (const connect of uses.connects) {
    if (connect.parent !== body || connect.range[0] < declaration.range[0]) return { blocked: `\`${name}\` is connected somewhere other than right in the loop body` };
    for (const read of variablesRead(sourceCode, connect)) {
      if (read !== variable && variesPerIteration(read, target, connect)) return { blocked: `its connect() call reads \`${read.name}\`, which changes per iteration` };
    }
  }
  const moved = [declaration, ...uses.connects];
  if (moved.some((statement) => containsAwait(sourceCode, statement)) && !awaitAllowedAt(declaration, anchor)) {
    return { blocked: 'it is awaited, and the code around the loop is not an async function' };
  }
  if (uses.closes.some((statement) => containsAwait(sourceCode, statement)) && !awaitAllowedAt(uses.closes[0], anchor)) {
    return { blocked: 'its close is awaited, and the code around the loop is not an async function' };
  }
  const clash = nameProblem(sourceCode, variable, block);
  if (clash) return { blocked: clash };
  for (const statement of moved) {
    const early = readBeforeDeclaration(sourceCode, statement, block, anchor);
    if (early) return { blocked: `it reads \`${early}\`, which is declared after the loop` };
  }

  const indent = indentationOf(sourceCode, anchor);
  const textOf = (statement: TSESTree.Node): string => reindent(sourceCode.getText(statement), indentationOf(sourceCode, statement), indent);
  const terminated = (text: string, next: string): string => (!text.trimEnd().endsWith(';') && ASI_HAZARD.test(next) ? `${text};` : text);
  const anchorText = sourceCode.getText(anchor);
  // What follows the loop, for the semicolon check (a sticky search: no copy of the rest of the file).
  const gap = /[\s;]*/y;
  gap.lastIndex = anchor.range[1];
  gap.exec(sourceCode.text);
  const after = sourceCode.text.slice(gap.lastIndex, gap.lastIndex + 1);
  return {
    name,
    movesClose: uses.closes.length > 0,
    fix: (fixer) => {
      const before = moved.map((statement, index) => terminated(textOf(statement), index === moved.length - 1 ? anchorText : textOf(moved[index + 1])));
      const fixes = [fixer.insertTextBefore(anchor, withFileLineBreaks(sourceCode, `${before.join(`\n${indent}`)}\n${indent}`))];
      for (const statement of moved) fixes.push(removeStatement(fixer, sourceCode, statement));
      for (const close of uses.closes) {
        fixes.push(removeClose(fixer, sourceCode, close));
        fixes.push(fixer.insertTextAfter(anchor, withFileLineBreaks(sourceCode, `\n${indent}${terminated(textOf(close), after)}`)));
      }
      return fixes;
    },
  };
}
