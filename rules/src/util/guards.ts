/**
 * Lazy-singleton guards (false-positives.md A2/A3): code whose result is cached in state that outlives the call
 * runs once, not per request — `x ??= new X()`, `if (!x) x = new X()`, `global.prisma || new PrismaClient()`,
 * `cache.set(key, new X())`, and an IIFE inside any of those.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';

import { contains, isFunctionLike } from './ast';
import { findVariable, skipTransparent } from './resolve-import';

type Source = Readonly<TSESLint.SourceCode>;

const GLOBAL_OBJECTS: ReadonlySet<string> = new Set(['globalThis', 'global', 'window', 'self']);

export interface GuardContext {
  readonly sourceCode: Source;
  /** Whether a node lies inside a function that itself runs per request (its locals die with the call). */
  readonly isInsidePerRequestCode: (node: TSESTree.Node) => boolean;
}

/** The object at the root of a member chain (`a` in `a.b[c].d`), or the expression itself. */
function rootObject(node: TSESTree.Node): TSESTree.Node {
  let current = skipTransparent(node);
  while (current.type === AST_NODE_TYPES.MemberExpression) current = skipTransparent(current.object);
  return current;
}

/** State that outlives a call: module or closure variables, `this` fields, `globalThis` properties. */
export function isLongLivedState(context: GuardContext, target: TSESTree.Node): boolean {
  const root = rootObject(target);
  if (root.type === AST_NODE_TYPES.ThisExpression) return true;
  if (root.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = findVariable(context.sourceCode, root);
  if (!variable) return GLOBAL_OBJECTS.has(root.name);
  if (variable.defs.length === 0) return true; // an implicit global
  const scopeType = variable.scope.type;
  if (scopeType === 'module' || scopeType === 'global') return true;
  // A closure variable counts when the scope that declares it is not itself per-request code.
  return !context.isInsidePerRequestCode(variable.scope.block);
}

function normalizedText(sourceCode: Source, node: TSESTree.Node): string {
  return sourceCode.getText(skipTransparent(node)).replace(/\s+/g, '').replace(/\?\./g, '.');
}

/** A test expression that reads `target` (`!x`, `x == null`, `x === undefined`, `cache.has(k)`, `x`). */
function testReads(sourceCode: Source, test: TSESTree.Node, targetText: string, rootText: string): boolean {
  const text = normalizedText(sourceCode, test);
  return text.includes(targetText) || (rootText.length > 0 && text.includes(`${rootText}.has(`));
}

/**
 * `x = value` is a guarded initialisation when a condition in the same function reads `x` before it: either an
 * enclosing `if`/conditional, or an earlier `if (x) return x;`.
 */
function isConditionalAssignment(sourceCode: Source, assignment: TSESTree.AssignmentExpression): boolean {
  const targetText = normalizedText(sourceCode, assignment.left);
  const rootNode = rootObject(assignment.left);
  const rootText = rootNode === skipTransparent(assignment.left) ? '' : normalizedText(sourceCode, rootNode);
  let current: TSESTree.Node = assignment;
  while (current.parent && !isFunctionLike(current.parent)) {
    const parent: TSESTree.Node = current.parent;
    if ((parent.type === AST_NODE_TYPES.IfStatement || parent.type === AST_NODE_TYPES.ConditionalExpression) && parent.test !== current) {
      if (testReads(sourceCode, parent.test, targetText, rootText)) return true;
    }
    if (parent.type === AST_NODE_TYPES.LogicalExpression && parent.right === current) {
      if (testReads(sourceCode, parent.left, targetText, rootText)) return true;
    }
    if (parent.type === AST_NODE_TYPES.BlockStatement || parent.type === AST_NODE_TYPES.Program) {
      // An earlier sibling `if (x) return x;` / `if (x) throw …` guards what follows it.
      for (const statement of parent.body) {
        if (statement === current) break;
        if (
          statement.type === AST_NODE_TYPES.IfStatement &&
          testReads(sourceCode, statement.test, targetText, rootText) &&
          exits(statement.consequent)
        ) {
          return true;
        }
      }
    }
    current = parent;
  }
  return false;
}

function exits(statement: TSESTree.Statement): boolean {
  if (statement.type === AST_NODE_TYPES.ReturnStatement || statement.type === AST_NODE_TYPES.ThrowStatement) return true;
  if (statement.type === AST_NODE_TYPES.BlockStatement) {
    const last = statement.body.at(-1);
    return last !== undefined && exits(last);
  }
  return false;
}

/**
 * Whether `node` is evaluated only when a long-lived cache is empty, so it runs once rather than per call.
 * Walks up through expressions (and immediately-invoked functions) to the guarding assignment or `||`/`??`.
 */
export function isGuarded(context: GuardContext, node: TSESTree.Node): boolean {
  const { sourceCode } = context;
  let current: TSESTree.Node = node;
  for (;;) {
    const parent: TSESTree.Node | undefined = current.parent;
    if (!parent) return false;
    switch (parent.type) {
      case AST_NODE_TYPES.AssignmentExpression:
        if (parent.right === current && isLongLivedState(context, parent.left)) {
          if (parent.operator === '??=' || parent.operator === '||=') return true;
          if (parent.operator === '=' && isConditionalAssignment(sourceCode, parent)) return true;
        }
        break;
      case AST_NODE_TYPES.LogicalExpression:
        if (parent.right === current && (parent.operator === '??' || parent.operator === '||') && isLongLivedState(context, parent.left)) {
          return true;
        }
        break;
      case AST_NODE_TYPES.CallExpression:
        // A keyed registry: `cache.set(key, new X())` on long-lived state.
        if (
          parent.callee !== current &&
          parent.callee.type === AST_NODE_TYPES.MemberExpression &&
          !parent.callee.computed &&
          parent.callee.property.type === AST_NODE_TYPES.Identifier &&
          parent.callee.property.name === 'set' &&
          isLongLivedState(context, parent.callee.object)
        ) {
          return true;
        }
        break;
      default:
        break;
    }
    if (isFunctionLike(parent)) {
      // Continue through an immediately-invoked function: `(async () => { … })()` runs where it is called.
      const call = parent.parent;
      if (call.type === AST_NODE_TYPES.CallExpression && skipTransparent(call.callee) === parent) {
        current = call;
        continue;
      }
      return false;
    }
    // `if (!x) x = …;` is decided at the assignment above; reaching a statement means nothing guarded the value.
    if (isStatementBoundary(parent)) return false;
    current = parent;
  }
}

function isStatementBoundary(node: TSESTree.Node): boolean {
  return node.type.endsWith('Statement') || node.type.endsWith('Declaration') || node.type === AST_NODE_TYPES.Program || node.type === AST_NODE_TYPES.VariableDeclarator;
}

/** Whether `inner` lies in the range of any of `outers`. */
export function insideAny(outers: Iterable<TSESTree.Node>, inner: TSESTree.Node): boolean {
  for (const outer of outers) if (contains(outer, inner)) return true;
  return false;
}
