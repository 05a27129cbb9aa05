/**
 * Recognises pool acquire calls (`await pool.connect()`, `pool.getConnection(cb)`, …) from the acquire table.
 * Import-aware: the callee must resolve to a module export path of the table. A receiver that cannot be resolved
 * (a parameter, `this.pool`) counts only for methods the table marks `byNameOnly`, only when the receiver is named
 * like a pool, and only in a file that imports that library.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';

import { acquireApis } from '../knowledge/acquire';
import type { AcquireApi, ModuleMatcher } from '../knowledge/types';
import { walkOwnNodes } from './code-paths';
import { findVariable, memberName, normalizeExportPath, requiredModule, resolveExport, skipTransparent } from './resolve-import';
import { argumentsMatch } from './static-options';

type Source = Readonly<TSESLint.SourceCode>;

export interface AcquireMatch {
  readonly api: AcquireApi;
  readonly call: TSESTree.CallExpression;
  /** `await pool.x()` (promise) or `pool.x((err, client) => …)` (callback). */
  readonly mode: 'promise' | 'callback';
  /** The callback that receives the client, in callback mode. */
  readonly callback: TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | null;
}

function moduleMatches(matcher: ModuleMatcher, module: string): boolean {
  if ('name' in matcher) return matcher.name === module;
  if ('prefix' in matcher) return module.startsWith(matcher.prefix);
  return true;
}

const samePath = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((part, index) => part === b[index]);

/** Modules the file imports or requires (any depth outside functions), computed once per file. */
const importCache = new WeakMap<TSESTree.Program, Set<string>>();

function importedModules(sourceCode: Source): Set<string> {
  const program = sourceCode.ast;
  let modules = importCache.get(program);
  if (modules) return modules;
  const found = new Set<string>();
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration) {
      found.add(statement.source.value);
      continue;
    }
    if (statement.type === AST_NODE_TYPES.TSImportEqualsDeclaration && statement.moduleReference.type === AST_NODE_TYPES.TSExternalModuleReference) {
      const expression = statement.moduleReference.expression;
      if (expression.type === AST_NODE_TYPES.Literal && typeof expression.value === 'string') found.add(expression.value);
      continue;
    }
    walkOwnNodes(statement, sourceCode.visitorKeys, (node) => {
      const module = requiredModule(sourceCode, node);
      if (module !== null) found.add(module);
    });
  }
  modules = found;
  importCache.set(program, modules);
  return modules;
}

/** The name a receiver is known by: `pool`, `this.pool`, `this.db.writePool`. */
function receiverName(node: TSESTree.Node): string | null {
  const receiver = skipTransparent(node);
  if (receiver.type === AST_NODE_TYPES.Identifier) return receiver.name;
  if (receiver.type === AST_NODE_TYPES.MemberExpression) return memberName(receiver);
  return null;
}

/**
 * A receiver whose value comes from outside the file's view: `this.pool` (injected, assigned in a constructor) or a
 * parameter. A local variable initialised with something else (a shadowing class, a mutex) is not guessed at.
 */
function isInjected(sourceCode: Source, node: TSESTree.Node): boolean {
  let root = skipTransparent(node);
  while (root.type === AST_NODE_TYPES.MemberExpression) root = skipTransparent(root.object);
  if (root.type === AST_NODE_TYPES.ThisExpression) return true;
  if (root.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = findVariable(sourceCode, root);
  return !!variable && variable.defs.length === 1 && variable.defs[0].type === 'Parameter';
}

function findApi(sourceCode: Source, call: TSESTree.CallExpression): AcquireApi | null {
  const resolved = resolveExport(sourceCode, call.callee);
  if (resolved) {
    const path = normalizeExportPath(resolved.path);
    return (
      acquireApis.find(
        (api) => api.modules.some((matcher) => moduleMatches(matcher, resolved.module)) && api.callees.some((callee) => samePath(callee, path)),
      ) ?? null
    );
  }
  const callee = skipTransparent(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  const method = memberName(callee);
  const receiver = receiverName(callee.object);
  if (method === null || receiver === null || !/pool$/i.test(receiver) || !isInjected(sourceCode, callee.object)) return null;
  const candidates = acquireApis.filter((api) => api.byNameOnly && api.method === method);
  if (candidates.length === 0) return null;
  const imported = importedModules(sourceCode);
  // The library is known from the file's imports (mysql2 vs oracledb share `getConnection`).
  return acquireApis.find((api) => api.method === method && [...imported].some((module) => api.modules.some((matcher) => moduleMatches(matcher, module)))) ?? null;
}

/** Matches an acquire call; null for anything else (including `pool.query()`, which releases by itself). */
export function matchAcquire(sourceCode: Source, call: TSESTree.CallExpression): AcquireMatch | null {
  const api = findApi(sourceCode, call);
  if (!api) return null;
  if (api.notWhen && argumentsMatch(sourceCode, call, api.notWhen)) return null;
  const last = call.arguments[call.arguments.length - 1];
  if (last && (last.type === AST_NODE_TYPES.ArrowFunctionExpression || last.type === AST_NODE_TYPES.FunctionExpression)) {
    return api.callback ? { api, call, mode: 'callback', callback: last } : null;
  }
  return api.promise ? { api, call, mode: 'promise', callback: null } : null;
}
