/**
 * Runtime detection for the edge / Workers exemption (spec §3.1): there a TCP socket cannot outlive its request,
 * so per-request clients are required, not a bug.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';

import { EDGE_RUNTIME_VALUES } from '../knowledge/handlers';
import { isGlobalReference, propertyKeyName } from './resolve-import';
import { lookupOption, objectLiteralOf } from './static-options';
import { staticString } from './ast';

export type RuntimeSetting = 'auto' | 'node' | 'lambda' | 'edge';

function exportsEdgeRuntime(sourceCode: Readonly<TSESLint.SourceCode>, statement: TSESTree.ExportNamedDeclaration): boolean {
  const declaration = statement.declaration;
  if (declaration?.type !== AST_NODE_TYPES.VariableDeclaration) return false;
  for (const declarator of declaration.declarations) {
    if (declarator.id.type !== AST_NODE_TYPES.Identifier || !declarator.init) continue;
    // Next.js App Router: `export const runtime = 'edge'`.
    if (declarator.id.name === 'runtime' && EDGE_RUNTIME_VALUES.has(staticString(declarator.init) ?? '')) return true;
    // Next.js Pages API: `export const config = { runtime: 'edge' }`.
    if (declarator.id.name === 'config') {
      const object = objectLiteralOf(sourceCode, declarator.init);
      const runtime = object ? lookupOption(sourceCode, object, ['runtime']) : null;
      if (runtime?.state === 'known' && EDGE_RUNTIME_VALUES.has(String(runtime.value))) return true;
    }
  }
  return false;
}

/** Workers module syntax: `export default { fetch(request, env, ctx) { … } }`. */
function exportsFetchHandler(sourceCode: Readonly<TSESLint.SourceCode>, statement: TSESTree.ExportDefaultDeclaration): boolean {
  const object = objectLiteralOf(sourceCode, statement.declaration);
  return object?.properties.some((property) => property.type === AST_NODE_TYPES.Property && propertyKeyName(property) === 'fetch') ?? false;
}

/** Service-worker syntax: `addEventListener('fetch', …)` on the global scope. */
function listensForFetch(sourceCode: Readonly<TSESLint.SourceCode>, statement: TSESTree.ProgramStatement): boolean {
  if (statement.type !== AST_NODE_TYPES.ExpressionStatement || statement.expression.type !== AST_NODE_TYPES.CallExpression) return false;
  const call = statement.expression;
  let callee = call.callee;
  if (callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.Identifier && ['self', 'globalThis'].includes(callee.object.name)) {
    callee = callee.property as TSESTree.Expression;
  }
  if (callee.type !== AST_NODE_TYPES.Identifier || callee.name !== 'addEventListener') return false;
  if (!isGlobalReference(sourceCode, callee)) return false;
  return staticString(call.arguments[0]) === 'fetch';
}

/** Whether the module runs on an edge / Workers runtime, by its own signals or the `runtime` setting. */
export function isEdgeModule(sourceCode: Readonly<TSESLint.SourceCode>, setting: RuntimeSetting): boolean {
  if (setting === 'edge') return true;
  if (setting !== 'auto') return false;
  for (const statement of sourceCode.ast.body) {
    if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration && exportsEdgeRuntime(sourceCode, statement)) return true;
    if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration && exportsFetchHandler(sourceCode, statement)) return true;
    if (listensForFetch(sourceCode, statement)) return true;
  }
  return false;
}
