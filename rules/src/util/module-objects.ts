/**
 * Module-level clients and pools (rule 6 `no-shared-pool-close-in-handler`): variables declared at module scope that
 * hold a catalogue construction, their method calls, and the writes that reset or re-create them.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';

import type { ConstructionMatch } from './match-construction';
import { findVariable, memberName, skipTransparent } from './resolve-import';

type Source = Readonly<TSESLint.SourceCode>;

export interface ModuleObject {
  readonly variable: TSESLint.Scope.Variable;
  /** Every construction the variable is given (its declaration, `x ??= …` in a getter, …). */
  readonly matches: ConstructionMatch[];
}

export interface MethodCall {
  readonly call: TSESTree.CallExpression;
  readonly method: string;
}

/** Wrappers that hand the same object on: `await x`, `x as T`, `a ?? x`, `c ? x : y`. */
function valueCarrier(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  for (;;) {
    const parent = current.parent;
    if (!parent) return current;
    switch (parent.type) {
      case AST_NODE_TYPES.AwaitExpression:
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
      case AST_NODE_TYPES.ChainExpression:
        current = parent;
        continue;
      case AST_NODE_TYPES.LogicalExpression:
        if (parent.operator === '&&') return current;
        current = parent;
        continue;
      case AST_NODE_TYPES.ConditionalExpression:
        if (parent.test === current) return current;
        current = parent;
        continue;
      default:
        return current;
    }
  }
}

/** The variable a construction is stored in, when that variable is declared at module scope. */
function moduleVariableOf(sourceCode: Source, node: TSESTree.Node): TSESLint.Scope.Variable | null {
  const value = valueCarrier(node);
  const parent = value.parent;
  let variable: TSESLint.Scope.Variable | null = null;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === value && parent.id.type === AST_NODE_TYPES.Identifier) {
    variable = sourceCode.getDeclaredVariables(parent)[0] ?? null;
  } else if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === value && parent.left.type === AST_NODE_TYPES.Identifier) {
    variable = findVariable(sourceCode, parent.left);
  }
  // `scope.block` is the Program for ES modules, scripts and the CommonJS wrapper scope alike.
  if (!variable || variable.defs.length === 0 || variable.scope.block.type !== AST_NODE_TYPES.Program) return null;
  return variable;
}

/** Groups construction matches by the module-level variable that holds them. */
export function moduleObjects(sourceCode: Source, matches: readonly ConstructionMatch[]): ModuleObject[] {
  const byVariable = new Map<TSESLint.Scope.Variable, ModuleObject>();
  for (const match of matches) {
    const variable = moduleVariableOf(sourceCode, match.node);
    if (!variable) continue;
    const entry = byVariable.get(variable) ?? { variable, matches: [] };
    entry.matches.push(match);
    byVariable.set(variable, entry);
  }
  return [...byVariable.values()];
}

/**
 * Calls `x.method()` directly on the variable. Only the variable itself counts as receiver: `x.connectionManager.close()`
 * (Sequelize's Lambda recipe) or `db.$client.end()` close something the rule cannot see, so member chains are not followed.
 */
export function methodCalls(variable: TSESLint.Scope.Variable, methods: readonly string[]): MethodCall[] {
  const result: MethodCall[] = [];
  for (const reference of variable.references) {
    let receiver: TSESTree.Node = reference.identifier;
    while (receiver.parent && skipTransparent(receiver.parent) === reference.identifier) receiver = receiver.parent;
    const member = receiver.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== receiver) continue;
    const method = memberName(member);
    if (method === null || !methods.includes(method)) continue;
    const call = member.parent;
    if (call?.type === AST_NODE_TYPES.CallExpression && call.callee === member) result.push({ call, method });
  }
  return result;
}

/** `!x`, `x == null`, `x === undefined`, `typeof x === 'undefined'`: a test that the variable is still empty. */
function testsEmpty(test: TSESTree.Node, name: string): boolean {
  const node = skipTransparent(test);
  const isName = (candidate: TSESTree.Node): boolean => {
    const inner = skipTransparent(candidate);
    return inner.type === AST_NODE_TYPES.Identifier && inner.name === name;
  };
  if (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === '!') return isName(node.argument);
  if (node.type === AST_NODE_TYPES.LogicalExpression) return testsEmpty(node.left, name) || testsEmpty(node.right, name);
  if (node.type !== AST_NODE_TYPES.BinaryExpression || !['==', '==='].includes(node.operator)) return false;
  const isEmpty = (candidate: TSESTree.Node): boolean =>
    (candidate.type === AST_NODE_TYPES.Literal && candidate.value === null) ||
    (candidate.type === AST_NODE_TYPES.Identifier && candidate.name === 'undefined') ||
    (candidate.type === AST_NODE_TYPES.Literal && candidate.value === 'undefined') ||
    (candidate.type === AST_NODE_TYPES.UnaryExpression && candidate.operator === 'void');
  const isTypeofName = (candidate: TSESTree.Node): boolean =>
    candidate.type === AST_NODE_TYPES.UnaryExpression && candidate.operator === 'typeof' && isName(candidate.argument);
  return ((isName(node.left) || isTypeofName(node.left)) && isEmpty(node.right)) || ((isName(node.right) || isTypeofName(node.right)) && isEmpty(node.left));
}

/**
 * A write that only fills an empty variable (`x ??= …`, `x = x ?? …`, `if (!x) x = …`): the lazy creation of a
 * singleton. It never replaces a closed object, so it is no reset.
 */
function isFillingWrite(assignment: TSESTree.AssignmentExpression, name: string): boolean {
  if (assignment.operator === '??=' || assignment.operator === '||=') return true;
  const right = skipTransparent(assignment.right);
  if (right.type === AST_NODE_TYPES.LogicalExpression && right.operator !== '&&') {
    const left = skipTransparent(right.left);
    if (left.type === AST_NODE_TYPES.Identifier && left.name === name) return true;
  }
  let current: TSESTree.Node = assignment;
  for (let parent: TSESTree.Node | undefined = current.parent; parent; parent = parent.parent) {
    if (parent.type === AST_NODE_TYPES.IfStatement && parent.consequent === current && testsEmpty(parent.test, name)) return true;
    if (parent.type === AST_NODE_TYPES.ConditionalExpression && parent.consequent === current && testsEmpty(parent.test, name)) return true;
    if (parent.type === AST_NODE_TYPES.LogicalExpression && parent.right === current && parent.operator === '&&' && testsEmpty(parent.left, name)) return true;
    const keepsGoing =
      parent.type === AST_NODE_TYPES.ExpressionStatement ||
      parent.type === AST_NODE_TYPES.BlockStatement ||
      parent.type === AST_NODE_TYPES.AwaitExpression ||
      parent.type === AST_NODE_TYPES.SequenceExpression ||
      parent.type === AST_NODE_TYPES.IfStatement;
    if (!keepsGoing) return false;
    current = parent;
  }
  return false;
}

/**
 * Writes that reset or re-create the variable at run time (`x = undefined`, `x = null`, `x = new Pool()`), i.e.
 * every write inside a function except the declaration and the lazy fill of an empty variable.
 */
export function resettingWrites(variable: TSESLint.Scope.Variable): TSESTree.Node[] {
  const result: TSESTree.Node[] = [];
  for (const reference of variable.references) {
    if (!reference.isWrite() || reference.init) continue;
    const parent = reference.identifier.parent;
    if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === reference.identifier && isFillingWrite(parent, variable.name)) continue;
    result.push(reference.identifier);
  }
  return result;
}
