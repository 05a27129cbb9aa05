/**
 * Loop detection and loop invariance for `no-client-in-loop` (spec §3.4).
 *
 * A node "runs per iteration" when it sits in the body of a loop statement, or in an iteration callback
 * (`items.map(cb)`, `forEach`, …), walking out through immediately-invoked functions. Any other function boundary
 * stops the walk: a function merely *defined* in a loop body (a handler stored in a map, a `setTimeout` callback)
 * is not known to run per iteration, and precision comes first.
 *
 * An expression is loop-invariant when it reads nothing that changes between iterations: no variable declared in
 * the loop (loop variable, callback parameter, body local), none written in the loop (directly or through a
 * property), and no call whose result could differ (an unknown call makes it "unsure", which counts as variant).
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';

import { contains, isFunctionLike } from './ast';
import type { FunctionLike } from './ast';
import type { GuardContext } from './guards';
import { matchConstruction } from './match-construction';
import type { ConstructionNode } from './match-construction';
import { findVariable, isGlobalReference, memberName, requiredModule, skipTransparent } from './resolve-import';

type Source = Readonly<TSESLint.SourceCode>;

export type LoopStatement =
  | TSESTree.ForStatement
  | TSESTree.ForInStatement
  | TSESTree.ForOfStatement
  | TSESTree.WhileStatement
  | TSESTree.DoWhileStatement;

/** Array methods whose first argument runs once per element. */
const ITERATION_METHODS: ReadonlySet<string> = new Set(['forEach', 'map', 'flatMap', 'reduce', 'reduceRight', 'filter', 'some', 'every']);

/** Global functions that are pure on their arguments: `new Redis(Number(process.env.PORT))` stays invariant. */
const PURE_GLOBAL_CALLS: ReadonlySet<string> = new Set([
  'Number',
  'String',
  'Boolean',
  'parseInt',
  'parseFloat',
  'encodeURIComponent',
  'decodeURIComponent',
  'JSON.parse',
  'JSON.stringify',
]);

export interface Loop {
  /** Where a per-iteration value lives: the loop statement (head and body) or the iteration callback. */
  readonly region: LoopStatement | FunctionLike;
  /** The loop statement, or the call that takes the callback (`items.map(cb)`). */
  readonly node: LoopStatement | TSESTree.CallExpression;
  /** How the message names it: `for…of loop`, `.map() callback`. */
  readonly description: string;
}

function isLoopStatement(node: TSESTree.Node): node is LoopStatement {
  return (
    node.type === AST_NODE_TYPES.ForStatement ||
    node.type === AST_NODE_TYPES.ForInStatement ||
    node.type === AST_NODE_TYPES.ForOfStatement ||
    node.type === AST_NODE_TYPES.WhileStatement ||
    node.type === AST_NODE_TYPES.DoWhileStatement
  );
}

function describeStatement(loop: LoopStatement): string {
  switch (loop.type) {
    case AST_NODE_TYPES.ForOfStatement:
      return loop.await ? 'for await…of loop' : 'for…of loop';
    case AST_NODE_TYPES.ForInStatement:
      return 'for…in loop';
    case AST_NODE_TYPES.WhileStatement:
      return 'while loop';
    case AST_NODE_TYPES.DoWhileStatement:
      return 'do…while loop';
    default:
      return 'for loop';
  }
}

/** The call that runs `fn` once per element (`items.map(fn)`), or null. */
function iterationCall(fn: FunctionLike): TSESTree.CallExpression | null {
  const call = fn.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== fn) return null;
  const callee = skipTransparent(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  const name = memberName(callee);
  return name !== null && ITERATION_METHODS.has(name) ? call : null;
}

/**
 * The loops that run `node` once per iteration, innermost first. Only a loop's body counts (a `for…of` right-hand
 * side and a `for` initialiser run once; tests and updates are ignored for simplicity).
 */
export function enclosingLoops(node: TSESTree.Node): Loop[] {
  const loops: Loop[] = [];
  let child: TSESTree.Node = node;
  for (let current = node.parent; current; child = current, current = current.parent) {
    if (isLoopStatement(current)) {
      if (current.body === child) loops.push({ region: current, node: current, description: describeStatement(current) });
      continue;
    }
    if (!isFunctionLike(current)) continue;
    const call = iterationCall(current);
    if (call) {
      const name = memberName(skipTransparent(call.callee) as TSESTree.MemberExpression) ?? '';
      loops.push({ region: current, node: call, description: `\`.${name}()\` callback` });
      continue;
    }
    // An immediately-invoked function runs where it is called; any other function may never run per iteration.
    const parent = current.parent;
    if (parent?.type === AST_NODE_TYPES.CallExpression && skipTransparent(parent.callee) === current) continue;
    break;
  }
  return loops;
}

/** A guard context for `isGuarded` where "short-lived" means "declared inside the loop". */
export function loopGuardContext(sourceCode: Source, loop: Loop): GuardContext {
  return { sourceCode, isInsidePerRequestCode: (node) => contains(loop.region, node) };
}

/** Every scope that holds references made inside `expression`. */
function scopesWithin(sourceCode: Source, expression: TSESTree.Node): TSESLint.Scope.Scope[] {
  const result: TSESLint.Scope.Scope[] = [];
  const visit = (scope: TSESLint.Scope.Scope): void => {
    result.push(scope);
    for (const childScope of scope.childScopes) if (contains(expression, childScope.block)) visit(childScope);
  };
  visit(sourceCode.getScope(expression));
  return result;
}

/** The variables an expression reads (resolved, declared outside the expression itself). */
export function variablesRead(sourceCode: Source, expression: TSESTree.Node): Set<TSESLint.Scope.Variable> {
  const variables = new Set<TSESLint.Scope.Variable>();
  for (const scope of scopesWithin(sourceCode, expression)) {
    for (const reference of scope.references) {
      if (!contains(expression, reference.identifier)) continue;
      const variable = reference.resolved;
      if (!variable) continue; // a global such as `process`: the same in every iteration
      const def = variable.defs[0];
      if (def && contains(expression, def.name)) continue; // a closure's own parameter (`retryStrategy: (n) => …`)
      variables.add(variable);
    }
  }
  return variables;
}

/** The identifier at the root of a member chain (`cfg` in `cfg.pool.max`). */
function rootIdentifier(node: TSESTree.Node): TSESTree.Node {
  let current = skipTransparent(node);
  while (current.type === AST_NODE_TYPES.MemberExpression) current = skipTransparent(current.object);
  return current;
}

/** Whether a reference mutates the variable's object: `cfg.db = t`, `cfg.n++`, `Object.assign(cfg, …)`. */
function mutatesObject(identifier: TSESTree.Identifier): boolean {
  let top: TSESTree.Node = identifier;
  while (top.parent?.type === AST_NODE_TYPES.MemberExpression && top.parent.object === top) top = top.parent;
  const parent = top.parent;
  if (top !== identifier) {
    if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === top) return true;
    if (parent?.type === AST_NODE_TYPES.UpdateExpression) return true;
    if (parent?.type === AST_NODE_TYPES.UnaryExpression && parent.operator === 'delete') return true;
  }
  if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === top) {
    const callee = skipTransparent(parent.callee);
    return callee.type === AST_NODE_TYPES.MemberExpression && rootIdentifier(callee.object).type === AST_NODE_TYPES.Identifier && memberName(callee) === 'assign';
  }
  return false;
}

/** Whether `variable` may hold a different value in each iteration of `loop` (`outside`: references to ignore). */
export function variesPerIteration(variable: TSESLint.Scope.Variable, loop: Loop, outside: TSESTree.Node): boolean {
  if (variable.defs.some((def) => contains(loop.region, def.name))) return true;
  // Import bindings cannot be reassigned; skipping their (often many) references keeps big files linear.
  if (variable.defs.every((def) => def.type === 'ImportBinding')) return false;
  for (const reference of variable.references) {
    if (!contains(loop.region, reference.identifier) || contains(outside, reference.identifier)) continue;
    if (reference.isWrite()) return true;
    if (mutatesObject(reference.identifier as TSESTree.Identifier)) return true;
  }
  return false;
}

function pureGlobalCall(sourceCode: Source, call: TSESTree.CallExpression): boolean {
  const callee = skipTransparent(call.callee);
  let name: string | null = null;
  if (callee.type === AST_NODE_TYPES.Identifier) name = callee.name;
  else if (callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.Identifier) name = `${callee.object.name}.${memberName(callee) ?? ''}`;
  if (name === null || !PURE_GLOBAL_CALLS.has(name)) return false;
  const root = rootIdentifier(callee);
  // A local function called `Number` is not the global one.
  return root.type === AST_NODE_TYPES.Identifier && isGlobalReference(sourceCode, root);
}

/**
 * Whether evaluating the construction's arguments could give a different result each time even with the same
 * inputs: an unknown call, `await`, an assignment. Nested catalogue constructions (`new PrismaClient({ adapter:
 * new PrismaPg(…) })`) and pure global conversions are fine. Function bodies are not evaluated by the construction.
 */
function hasUnsureEvaluation(sourceCode: Source, node: TSESTree.Node): boolean {
  let unsure = false;
  const visit = (current: TSESTree.Node): void => {
    if (unsure || isFunctionLike(current)) return;
    switch (current.type) {
      case AST_NODE_TYPES.CallExpression:
        if (!pureGlobalCall(sourceCode, current) && requiredModule(sourceCode, current) === null && !matchConstruction(sourceCode, current)) unsure = true;
        break;
      case AST_NODE_TYPES.NewExpression:
        if (!matchConstruction(sourceCode, current)) unsure = true;
        break;
      case AST_NODE_TYPES.AwaitExpression:
      case AST_NODE_TYPES.YieldExpression:
      case AST_NODE_TYPES.AssignmentExpression:
      case AST_NODE_TYPES.UpdateExpression:
      case AST_NODE_TYPES.TaggedTemplateExpression:
      case AST_NODE_TYPES.ImportExpression:
        unsure = true;
        break;
      default:
        break;
    }
    for (const key of sourceCode.visitorKeys[current.type] ?? []) {
      const value = (current as unknown as Record<string, unknown>)[key];
      for (const item of Array.isArray(value) ? value : [value]) {
        if (item && typeof item === 'object' && 'type' in item) visit(item as TSESTree.Node);
      }
    }
  };
  for (const argument of node.type === AST_NODE_TYPES.NewExpression || node.type === AST_NODE_TYPES.CallExpression ? node.arguments : []) visit(argument);
  return unsure;
}

/** Whether `node` contains a `this` outside nested non-arrow functions. */
function readsThis(sourceCode: Source, node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.ThisExpression) return true;
  if (node.type === AST_NODE_TYPES.FunctionExpression || node.type === AST_NODE_TYPES.FunctionDeclaration) return false;
  for (const key of sourceCode.visitorKeys[node.type] ?? []) {
    const value = (node as unknown as Record<string, unknown>)[key];
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item && typeof item === 'object' && 'type' in item && readsThis(sourceCode, item as TSESTree.Node)) return true;
    }
  }
  return false;
}

/**
 * A retry loop (`for (attempt…) { try { const c = new Client(); await c.connect(); return c; } catch {…} }`):
 * building a fresh client after a failed one is the point, so the construction is inside a `try` in the loop body
 * and the loop can exit early.
 */
function isRetryLoop(sourceCode: Source, construction: TSESTree.Node, loop: Loop): boolean {
  let inTry = false;
  for (let current: TSESTree.Node | undefined = construction; current && current !== loop.region; current = current.parent) {
    const parent: TSESTree.Node | undefined = current.parent;
    if (parent?.type === AST_NODE_TYPES.TryStatement && parent.block === current) inTry = true;
  }
  if (!inTry) return false;
  let exits = false;
  const visit = (node: TSESTree.Node): void => {
    if (exits || (node !== loop.region && isFunctionLike(node))) return;
    if (node.type === AST_NODE_TYPES.ReturnStatement || node.type === AST_NODE_TYPES.BreakStatement) exits = true;
    for (const key of sourceCode.visitorKeys[node.type] ?? []) {
      const value = (node as unknown as Record<string, unknown>)[key];
      for (const item of Array.isArray(value) ? value : [value]) if (item && typeof item === 'object' && 'type' in item) visit(item as TSESTree.Node);
    }
  };
  visit(loop.region);
  return exits;
}

/**
 * `if (i === 0) pool = new Pool();`, `if (!ready) { client = new Client(); ready = true; }`: a conditional assignment to
 * state declared outside the loop is a one-time initialisation guarded by some other flag, as far as we can tell.
 */
function isConditionalOuterAssignment(sourceCode: Source, construction: TSESTree.Node, loop: Loop): boolean {
  let value: TSESTree.Node = construction;
  if (value.parent?.type === AST_NODE_TYPES.AwaitExpression) value = value.parent;
  const assignment = value.parent;
  if (assignment?.type !== AST_NODE_TYPES.AssignmentExpression || assignment.right !== value || assignment.operator !== '=') return false;
  const target = rootIdentifier(assignment.left);
  if (target.type === AST_NODE_TYPES.Identifier) {
    const variable = findVariable(sourceCode, target);
    if (variable && variable.defs.some((def) => contains(loop.region, def.name))) return false;
  } else if (target.type !== AST_NODE_TYPES.ThisExpression) {
    return false;
  }
  for (let current: TSESTree.Node = assignment; current.parent && current.parent !== loop.region; current = current.parent) {
    const parent: TSESTree.Node = current.parent;
    if (parent.type === AST_NODE_TYPES.IfStatement && parent.test !== current) return true;
    if (parent.type === AST_NODE_TYPES.ConditionalExpression && parent.test !== current) return true;
    if (parent.type === AST_NODE_TYPES.LogicalExpression && parent.right === current) return true;
  }
  return false;
}

/** Whether the construction is provably the same in every iteration of `loop`. */
export function isLoopInvariant(sourceCode: Source, construction: ConstructionNode, loop: Loop): boolean {
  if (hasUnsureEvaluation(sourceCode, construction) || isRetryLoop(sourceCode, construction, loop)) return false;
  if (isConditionalOuterAssignment(sourceCode, construction, loop)) return false;
  // A non-arrow callback may be called with a different `this` each time.
  if (loop.region.type === AST_NODE_TYPES.FunctionExpression && readsThis(sourceCode, construction)) return false;
  for (const variable of variablesRead(sourceCode, construction)) {
    if (variesPerIteration(variable, loop, construction)) return false;
  }
  return true;
}

/**
 * The loops, innermost first, that the construction is invariant in without a break: hoisting out of the last one
 * is safe and leaves no redundant construction behind. Empty when it reads the innermost loop's values.
 */
export function invariantLoops(sourceCode: Source, construction: ConstructionNode, loops: readonly Loop[]): Loop[] {
  const result: Loop[] = [];
  for (const loop of loops) {
    if (!isLoopInvariant(sourceCode, construction, loop)) break;
    result.push(loop);
  }
  return result;
}
