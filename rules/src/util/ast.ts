/** Small AST predicates and walkers shared by the handler index, guards and fixers. */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';

export type FunctionLike = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;
export type ClassLike = TSESTree.ClassDeclaration | TSESTree.ClassExpression;
/** Where code runs: a function body, or a class's instance initializers (run by `new`). */
export type ExecutionContext = FunctionLike | ClassLike;

export function isFunctionLike(node: TSESTree.Node): node is FunctionLike {
  return (
    node.type === AST_NODE_TYPES.FunctionDeclaration ||
    node.type === AST_NODE_TYPES.FunctionExpression ||
    node.type === AST_NODE_TYPES.ArrowFunctionExpression
  );
}

export function isClassLike(node: TSESTree.Node): node is ClassLike {
  return node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression;
}

/** The innermost execution context of a node, or null at module scope. */
export function executionContextOf(node: TSESTree.Node): ExecutionContext | null {
  let child: TSESTree.Node = node;
  let current = node.parent;
  while (current) {
    if (isFunctionLike(current)) return current;
    // A non-static field initializer runs inside `new`; a static one runs once when the class is defined.
    if (current.type === AST_NODE_TYPES.PropertyDefinition && current.value === child && !current.static) {
      const classNode = current.parent.parent;
      if (isClassLike(classNode)) return classNode;
    }
    child = current;
    current = current.parent;
  }
  return null;
}

/** True when `inner` lies inside `outer` (or is it). */
export function contains(outer: TSESTree.Node, inner: TSESTree.Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}

/** The statement of the program body that contains a node. */
export function topLevelStatementOf(node: TSESTree.Node): TSESTree.ProgramStatement | null {
  let current: TSESTree.Node = node;
  while (current.parent && current.parent.type !== AST_NODE_TYPES.Program) current = current.parent;
  return current.parent ? (current as TSESTree.ProgramStatement) : null;
}

/** Name a function is known by (declaration id, variable, property or method key), for messages. */
export function functionName(node: FunctionLike): string | null {
  if (node.id) return node.id.name;
  const parent = node.parent;
  if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) return parent.id.name;
  if ((parent.type === AST_NODE_TYPES.Property || parent.type === AST_NODE_TYPES.MethodDefinition || parent.type === AST_NODE_TYPES.PropertyDefinition) && parent.key.type === AST_NODE_TYPES.Identifier) {
    return parent.key.name;
  }
  return null;
}

/** The string a directive prologue declares (`'use server'`), for a program or function body. */
export function hasDirective(body: readonly TSESTree.Node[], directive: string): boolean {
  for (const statement of body) {
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement || typeof statement.directive !== 'string') return false;
    if (statement.directive === directive) return true;
  }
  return false;
}

/** A static string from a literal or a template without expressions. */
export function staticString(node: TSESTree.Node | undefined): string | null {
  if (!node) return null;
  if (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') return node.value;
  if (node.type === AST_NODE_TYPES.TemplateLiteral && node.expressions.length === 0) return node.quasis[0].value.cooked ?? null;
  return null;
}
