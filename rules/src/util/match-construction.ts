/**
 * Decides whether a `new X()` / `f()` node is a catalogue construction, by resolving its callee to a module export
 * and matching the knowledge base. Unknown callees are never guessed at.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';

import { constructions, wrappers } from '../knowledge/drivers';
import type { CalleeMatcher, Construction, IoTiming, ModuleMatcher } from '../knowledge/types';
import { evaluate } from './option-eval';
import { normalizeExportPath, resolveExport } from './resolve-import';
import { argumentsMatch, OptionReader } from './static-options';

export type ConstructionNode = TSESTree.NewExpression | TSESTree.CallExpression;

export interface ConstructionMatch {
  readonly node: ConstructionNode;
  readonly construction: Construction;
  readonly module: string;
  /** I/O timing after options such as ioredis `lazyConnect` are applied. */
  readonly io: IoTiming;
  readonly options: OptionReader;
}

type Source = Readonly<TSESLint.SourceCode>;

function moduleMatches(matcher: ModuleMatcher, module: string): boolean {
  if ('name' in matcher) return matcher.name === module;
  if ('prefix' in matcher) return module.startsWith(matcher.prefix);
  return true;
}

function calleeMatches(matcher: CalleeMatcher, module: string, path: readonly string[]): boolean {
  if ('path' in matcher) return matcher.path.length === path.length && matcher.path.every((part, index) => part === path[index]);
  if (path.length !== 1) return false;
  if ('exportPattern' in matcher) return new RegExp(matcher.exportPattern).test(path[0]);
  if (!module.startsWith(matcher.serviceNameOfPrefix)) return false;
  const service = module.slice(matcher.serviceNameOfPrefix.length).replace(/[^a-z0-9]/gi, '').toLowerCase();
  return service.length > 0 && path[0].toLowerCase() === service;
}

function callKindMatches(kind: Construction['call'], node: ConstructionNode): boolean {
  if (kind === 'either') return true;
  return kind === 'new' ? node.type === AST_NODE_TYPES.NewExpression : node.type === AST_NODE_TYPES.CallExpression;
}

/**
 * Every rule asks about the same call nodes of the same parse: remember the answer per node, so a file is resolved
 * once however many rules run. Keyed weakly by node, so nothing outlives the AST.
 */
const matchCache = new WeakMap<ConstructionNode, ConstructionMatch | null>();

/** Matches a construction node against the catalogue; null when the callee is not a known export. */
export function matchConstruction(sourceCode: Source, node: ConstructionNode): ConstructionMatch | null {
  let match = matchCache.get(node);
  if (match === undefined) {
    match = findConstruction(sourceCode, node);
    matchCache.set(node, match);
  }
  return match;
}

function findConstruction(sourceCode: Source, node: ConstructionNode): ConstructionMatch | null {
  const resolved = resolveExport(sourceCode, node.callee);
  if (!resolved) return null;
  const path = normalizeExportPath(resolved.path);
  for (const construction of constructions) {
    if (!callKindMatches(construction.call, node)) continue;
    if (!construction.modules.some((matcher) => moduleMatches(matcher, resolved.module))) continue;
    if (!construction.callees.some((matcher) => calleeMatches(matcher, resolved.module, path))) continue;
    if (construction.onlyWhen && !argumentsMatch(sourceCode, node, construction.onlyWhen)) continue;
    const options = new OptionReader(sourceCode, node, construction.args);
    const io = construction.ioWhen && evaluate(options, construction.ioWhen.when) === true ? construction.ioWhen.io : construction.io;
    return { node, construction, module: resolved.module, io, options };
  }
  return null;
}

/** Whether a call is a cheap wrapper (e.g. `DynamoDBDocumentClient.from`) that a hoist may carry along. */
export function isWrapperCall(sourceCode: Source, node: ConstructionNode): boolean {
  const resolved = resolveExport(sourceCode, node.callee);
  if (!resolved) return false;
  const path = normalizeExportPath(resolved.path);
  return wrappers.some(
    (wrapper) =>
      wrapper.modules.some((matcher) => moduleMatches(matcher, resolved.module)) &&
      wrapper.callees.some((matcher) => calleeMatches(matcher, resolved.module, path)),
  );
}
