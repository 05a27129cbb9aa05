/**
 * User-declared factories (`clientFactories`): the one place where a callee outside the catalogue counts. Each
 * declaration becomes a knowledge-base record, so the rules treat it like any driver. Its timing is unknown, so the
 * hoist is a lazy singleton (or a cached promise when the call is awaited): construction stays deferred to first use.
 */
import type { TSESLint } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';

import type { Construction, UserFactory } from '../knowledge/types';
import { matchConstruction, type ConstructionMatch, type ConstructionNode } from './match-construction';
import { memberName, normalizeExportPath, resolveExport, skipTransparent } from './resolve-import';
import { OptionReader } from './static-options';

const GENERIC_CLOSE_METHODS = ['end', 'quit', 'close', 'disconnect', 'destroy', '$disconnect'];

/** Reads `clientFactories` from a rule option or, shared by all rules, from `settings.poolguard.clientFactories`. */
export function userFactories(option: readonly UserFactory[] | undefined, settings: Readonly<Record<string, unknown>>): readonly UserFactory[] {
  const shared = (settings.poolguard as { clientFactories?: unknown } | undefined)?.clientFactories;
  const fromSettings = Array.isArray(shared) ? (shared as UserFactory[]).filter((factory) => typeof factory?.name === 'string') : [];
  return [...(option ?? []), ...fromSettings];
}

function recordOf(factory: UserFactory, awaited: boolean, isNew: boolean): Construction {
  return {
    id: `user.${factory.module ? `${factory.module}:` : ''}${factory.name}`,
    library: factory.module ?? 'factory',
    display: isNew ? `new ${factory.name}()` : `${factory.name}()`,
    modules: factory.module ? [{ name: factory.module }] : [{ any: true }],
    callees: [{ path: [factory.name] }],
    call: 'either',
    object: factory.kind === 'pool' ? 'pool' : 'client',
    io: awaited ? 'async' : 'eager',
    hoist: 'singleton',
    closeMethods: GENERIC_CLOSE_METHODS,
  };
}

/** The callee's own name: `createDb` in `createDb()`, `db.createDb()` and `new createDb()`. */
function calleeName(node: ConstructionNode): string | null {
  const callee = skipTransparent(node.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name;
  if (callee.type === AST_NODE_TYPES.MemberExpression) return memberName(callee);
  return null;
}

export function matchUserFactory(
  sourceCode: Readonly<TSESLint.SourceCode>,
  node: ConstructionNode,
  factories: readonly UserFactory[],
): ConstructionMatch | null {
  if (factories.length === 0) return null;
  const name = calleeName(node);
  if (name === null) return null;
  for (const factory of factories) {
    if (factory.name !== name) continue;
    if (factory.module !== undefined) {
      const resolved = resolveExport(sourceCode, node.callee);
      const path = resolved ? normalizeExportPath(resolved.path) : null;
      const exported = path !== null && (path.length === 0 || path[path.length - 1] === name);
      if (resolved?.module !== factory.module || !exported) continue;
    }
    const awaited = node.parent?.type === AST_NODE_TYPES.AwaitExpression;
    const construction = recordOf(factory, awaited, node.type === AST_NODE_TYPES.NewExpression);
    return { node, construction, module: factory.module ?? '', io: construction.io, options: new OptionReader(sourceCode, node, undefined) };
  }
  return null;
}

/** A catalogue construction, or else a call of one of the user's declared factories: what rules 1, 4 and 6 count. */
export function matchAnyConstruction(
  sourceCode: Readonly<TSESLint.SourceCode>,
  node: ConstructionNode,
  factories: readonly UserFactory[],
): ConstructionMatch | null {
  return matchConstruction(sourceCode, node) ?? matchUserFactory(sourceCode, node, factories);
}
