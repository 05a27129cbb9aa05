/**
 * no-client-per-request (spec §3.1): a client or pool built inside a request handler opens new connections on every
 * request — a TCP + TLS + auth handshake each time, sockets piling up, the server's connection limit exhausted.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { clientFactoriesSchema, createRule, runtimeSchema } from '../util/create-rule';
import { planHoist } from '../util/fix/hoist';
import type { HoistKind } from '../util/fix/hoist';
import { HandlerIndex } from '../util/handlers';
import type { ConstructionMatch, ConstructionNode } from '../util/match-construction';
import type { UserFactory } from '../knowledge/types';
import type { RuntimeSetting } from '../util/runtime';
import { recordRelated } from '../util/related';
import { isEdgeModule } from '../util/runtime';
import { matchAnyConstruction, userFactories } from '../util/user-factories';

export type Options = [{ runtime?: RuntimeSetting; clientFactories?: UserFactory[] }];
export type MessageIds =
  | 'perRequest'
  | 'perRequestNoFix'
  | 'hoistToModule'
  | 'hoistToSingleton'
  | 'hoistToPromise'
  | 'hoistConnected'
  | 'hoistToGlobalThis';

const SUGGESTION_IDS: Record<HoistKind, MessageIds> = {
  module: 'hoistToModule',
  singleton: 'hoistToSingleton',
  promise: 'hoistToPromise',
  connected: 'hoistConnected',
};

export default createRule<Options, MessageIds>({
  name: 'no-client-per-request',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow creating database, cache and HTTP clients or pools inside request handlers',
      recommended: 'error',
    },
    hasSuggestions: true,
    messages: {
      perRequest:
        '{{library}} {{construct}} runs on every request: it is created inside the {{handler}} (line {{handlerLine}}){{via}}, so each call opens new connections. Create it once at module scope and reuse it.{{advice}}',
      perRequestNoFix:
        '{{library}} {{construct}} runs on every request: it is created inside the {{handler}} (line {{handlerLine}}){{via}}, so each call opens new connections. Create it once at module scope and reuse it. No quick fix: {{reason}}.{{advice}}',
      hoistToModule: 'Move `{{names}}` to module scope and reuse it across requests.',
      hoistToSingleton: 'Create it once, lazily, in a module-level singleton (`{{names}}`).',
      hoistToPromise: 'Cache the connection promise at module scope (`{{names}}`); a failed connection is retried.',
      hoistConnected: 'Connect once and cache the connected client at module scope (`{{names}}`).',
      hoistToGlobalThis: 'Cache it on globalThis (`{{names}}`) so dev-server reloads reuse it too.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          runtime: runtimeSchema(
            "Where the code runs. 'auto' detects edge / Workers modules (per-request clients are required there) and skips them; 'edge' turns the rule off; 'node' and 'lambda' never exempt a module.",
          ),
          clientFactories: clientFactoriesSchema(
            "Factories of your own code that build a client or pool, e.g. { module: './db', name: 'createDb', kind: 'pool' }. Without module, any callee of that name counts. Also read from settings.poolguard.clientFactories.",
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
      if (match && !match.construction.perRequestSafe) matches.push(match);
    };
    return {
      NewExpression: visit,
      CallExpression: visit,
      'Program:exit'() {
        if (matches.length === 0 || isEdgeModule(sourceCode, options.runtime ?? 'auto')) return;
        const index = HandlerIndex.of(sourceCode, context.filename);
        for (const match of matches) {
          const origin = index.originOf(match.node);
          if (!origin || index.isGuarded(match.node)) continue;
          // `new PrismaClient({ adapter: new PrismaPg() })`: one finding, on the outer construction.
          if (matches.some((outer) => contains(outer.node, match.node) && !index.isGuarded(outer.node))) continue;
          report(context, sourceCode, match, origin.handler, origin.via);
        }
      },
    };
  },
});

function contains(outer: TSESTree.Node, inner: TSESTree.Node): boolean {
  return outer !== inner && outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}

function report(
  context: Readonly<TSESLint.RuleContext<MessageIds, Options>>,
  sourceCode: Readonly<TSESLint.SourceCode>,
  match: ConstructionMatch,
  handler: { node: TSESTree.Node; description: string },
  via: TSESTree.Node | null,
): void {
  const construction = match.construction;
  const viaName = via ? describeVia(via) : '';
  const data = {
    library: construction.library,
    construct: displayOf(sourceCode, match.node),
    handler: handler.description,
    handlerLine: handler.node.loc.start.line,
    via: viaName ? `, through ${viaName}` : '',
    advice: construction.perRequestAdvice ? ` ${construction.perRequestAdvice}` : '',
  };
  recordRelated(context, match.node, handler.node, `The ${handler.description} runs this construction on every request.`);
  const plan = planHoist(sourceCode, context.filename, match);
  if ('blocked' in plan) {
    context.report({ node: match.node, messageId: 'perRequestNoFix', data: { ...data, reason: plan.blocked } });
    return;
  }
  context.report({
    node: match.node,
    messageId: 'perRequest',
    data,
    suggest: plan.variants.map((variant) => ({
      messageId: variant.global ? 'hoistToGlobalThis' : SUGGESTION_IDS[variant.kind],
      data: { names: variant.names },
      fix: variant.fix,
    })),
  });
}

/** How the construction reads in the message: the callee as written, `new S3Client()`, `mysql.createPool()`. */
function displayOf(sourceCode: Readonly<TSESLint.SourceCode>, node: ConstructionNode): string {
  const callee = sourceCode.getText(node.callee).replace(/\s+/g, '');
  const text = callee.length > 40 ? `${callee.slice(0, 37)}...` : callee;
  return node.type === 'NewExpression' ? `new ${text}()` : `${text}()`;
}

function describeVia(node: TSESTree.Node): string {
  if ((node.type === 'ClassDeclaration' || node.type === 'ClassExpression') && node.id) return `new ${node.id.name}()`;
  if ('id' in node && node.id && node.id.type === 'Identifier') return `${node.id.name}()`;
  const parent = node.parent;
  if (parent && 'key' in parent && parent.key.type === 'Identifier') return `${parent.key.name}()`;
  if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return `${parent.id.name}()`;
  return 'a helper';
}
