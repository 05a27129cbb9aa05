/**
 * no-shared-pool-close-in-handler (spec §3.6): a client or pool declared at module scope is shared by every request;
 * closing it inside a handler leaves the next request (the next warm Lambda invocation, the next message) with a
 * closed object — "Cannot use a pool after calling end on the pool", `ClientClosedError`, …
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';

import type { UserFactory } from '../knowledge/types';
import type { ExecutionContext } from '../util/ast';
import { executionContextOf, functionName, isClassLike } from '../util/ast';
import { closeRemovals } from '../util/fix/remove-statements';
import { isInStatementList } from '../util/fix/statement-edits';
import type { Handler } from '../util/handlers';
import { HandlerIndex } from '../util/handlers';
import type { ConstructionMatch, ConstructionNode } from '../util/match-construction';
import type { ModuleObject } from '../util/module-objects';
import { methodCalls, moduleObjects, resettingWrites } from '../util/module-objects';
import { recordRelated } from '../util/related';
import { isGlobalReference, memberName, skipTransparent } from '../util/resolve-import';
import type { RuntimeSetting } from '../util/runtime';
import { isEdgeModule } from '../util/runtime';
import { clientFactoriesSchema, createRule, runtimeSchema } from '../util/create-rule';
import { matchAnyConstruction, userFactories } from '../util/user-factories';

export type Options = [{ runtime?: RuntimeSetting; clientFactories?: UserFactory[] }];
export type MessageIds = 'closeInHandler' | 'removeClose';

type Source = Readonly<TSESLint.SourceCode>;

export default createRule<Options, MessageIds>({
  name: 'no-shared-pool-close-in-handler',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow closing a module-level client or pool inside a request handler',
      recommended: 'error',
    },
    hasSuggestions: true,
    messages: {
      closeInHandler:
        '{{library}} {{object}} `{{name}}` is declared at module scope (line {{declarationLine}}) and shared by every request, but the {{handler}} (line {{handlerLine}}){{via}} closes it with `{{name}}.{{method}}()`: the next request finds it closed. Close it once at shutdown (e.g. on SIGTERM), or reset `{{name}}` after closing so the next request re-creates it.',
      removeClose: 'Remove the `{{name}}.{{method}}()` call and keep the shared {{object}} open; close it once at shutdown.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          runtime: runtimeSchema(
            "Where the code runs. 'auto' detects edge / Workers modules (closing per request is required there) and skips them; 'edge' turns the rule off; 'node' and 'lambda' never exempt a module.",
          ),
          clientFactories: clientFactoriesSchema(
            "Factories of your own code that build a client or pool, e.g. { module: './db', name: 'createDb', kind: 'pool' }. A module-level variable holding their result counts as a shared client. Also read from settings.poolguard.clientFactories.",
          ),
        },
      },
    ],
  },
  defaultOptions: [{ runtime: 'auto' }],
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const matches: ConstructionMatch[] = [];
    const factories = userFactories(options.clientFactories, context.settings);
    const visit = (node: ConstructionNode): void => {
      const match = matchAnyConstruction(sourceCode, node, factories);
      if (match && match.construction.closeMethods.length > 0) matches.push(match);
    };
    return {
      NewExpression: visit,
      CallExpression: visit,
      'Program:exit'() {
        if (matches.length === 0) return;
        const objects = moduleObjects(sourceCode, matches);
        if (objects.length === 0 || isEdgeModule(sourceCode, options.runtime ?? 'auto')) return;
        const index = HandlerIndex.of(sourceCode, context.filename);
        const reported = new Set<TSESTree.CallExpression>();
        for (const object of objects) {
          if (isReopenedPerRequest(index, object)) continue;
          for (const match of object.matches) {
            for (const { call, method } of methodCalls(object.variable, match.construction.closeMethods)) {
              if (reported.has(call)) continue;
              const origin = index.originOf(call);
              if (!origin || exitsProcess(sourceCode, executionContextOf(call)) || exitsProcess(sourceCode, origin.handler.node)) continue;
              reported.add(call);
              report(context, sourceCode, { object, match, call, method, handler: origin.handler, via: origin.via });
            }
          }
        }
      },
    };
  },
});

/**
 * The object is re-created or re-opened at run time, so a close is followed by a fresh object on the next call:
 * a reset (`pool = undefined` after the close, re-filled by `pool ??= …`), an unconditional re-creation inside a
 * function, or a connect method of its library called in per-request code. Precision first: any such write counts,
 * wherever it is, because the rule cannot order calls across functions.
 */
function isReopenedPerRequest(index: HandlerIndex, object: ModuleObject): boolean {
  if (resettingWrites(object.variable).some((write) => executionContextOf(write) !== null)) return true;
  const connectMethods = [...new Set(object.matches.flatMap((match) => match.construction.connectMethods ?? []))];
  return methodCalls(object.variable, connectMethods).some(({ call }) => index.originOf(call) !== null);
}

/**
 * An admin "shutdown" endpoint: the function (the close's own, or the handler that reaches it) ends the process, so
 * there is no next request.
 */
function exitsProcess(sourceCode: Source, context: ExecutionContext | null): boolean {
  if (!context) return false;
  let found = false;
  const visit = (node: TSESTree.Node): void => {
    if (found) return;
    if (node !== context && executionContextOf(node) !== context) return; // nested functions run later, if at all
    if (node.type === AST_NODE_TYPES.CallExpression) {
      const callee = skipTransparent(node.callee);
      if (
        callee.type === AST_NODE_TYPES.MemberExpression &&
        memberName(callee) === 'exit' &&
        callee.object.type === AST_NODE_TYPES.Identifier &&
        callee.object.name === 'process' &&
        isGlobalReference(sourceCode, callee.object)
      ) {
        found = true;
        return;
      }
    }
    for (const key of sourceCode.visitorKeys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      for (const item of Array.isArray(child) ? child : [child]) {
        if (item && typeof item === 'object' && typeof (item as { type?: unknown }).type === 'string') visit(item as TSESTree.Node);
      }
    }
  };
  visit(context);
  return found;
}

/** The statement that is nothing but the close (`await pool.end();`, `void pool.end();`, `pool?.end();`), or null. */
function closeStatement(call: TSESTree.CallExpression): TSESTree.ExpressionStatement | null {
  let value: TSESTree.Node = call;
  if (value.parent?.type === AST_NODE_TYPES.ChainExpression) value = value.parent;
  if (value.parent?.type === AST_NODE_TYPES.AwaitExpression) value = value.parent;
  if (value.parent?.type === AST_NODE_TYPES.UnaryExpression && value.parent.operator === 'void') value = value.parent;
  const statement = value.parent;
  return statement?.type === AST_NODE_TYPES.ExpressionStatement && isInStatementList(statement) ? statement : null;
}

interface Finding {
  readonly object: ModuleObject;
  readonly match: ConstructionMatch;
  readonly call: TSESTree.CallExpression;
  readonly method: string;
  readonly handler: Handler;
  readonly via: ExecutionContext | null;
}

function report(context: Readonly<TSESLint.RuleContext<MessageIds, Options>>, sourceCode: Source, finding: Finding): void {
  const { object, match, call, method, handler, via } = finding;
  const name = object.variable.name;
  const viaName = via ? describeVia(via) : '';
  const data = {
    library: match.construction.library,
    object: match.construction.object,
    name,
    method,
    declarationLine: object.variable.defs[0].name.loc.start.line,
    handler: handler.description,
    handlerLine: handler.node.loc.start.line,
    via: viaName ? `, through ${viaName},` : '',
  };
  recordRelated(context, call, handler.node, `The ${handler.description} runs this close on every request.`);
  const statement = closeStatement(call);
  context.report({
    node: call,
    messageId: 'closeInHandler',
    data,
    suggest: statement
      ? [{ messageId: 'removeClose', data, fix: (fixer) => closeRemovals(fixer, sourceCode, [statement], []) }]
      : [],
  });
}

function describeVia(node: ExecutionContext): string {
  if (isClassLike(node)) return node.id ? `new ${node.id.name}()` : 'a helper';
  const name = functionName(node);
  return name ? `${name}()` : 'a helper';
}
