/**
 * no-client-in-loop (spec §3.4): a client or pool built inside a loop body with the same arguments every time opens
 * new connections per iteration (node-postgres#1270: "sorry, too many clients already" while looping over results).
 * It applies anywhere, handler or not. A construction that reads the iteration's values (one client per tenant,
 * shard, host or region) is a deliberate registry and is left alone.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { clientFactoriesSchema, createRule, runtimeSchema } from '../util/create-rule';
import { planLoopHoist } from '../util/fix/hoist-before-loop';
import { isGuarded } from '../util/guards';
import type { Loop } from '../util/loops';
import { enclosingLoops, invariantLoops, loopGuardContext } from '../util/loops';
import type { ConstructionMatch, ConstructionNode } from '../util/match-construction';
import type { UserFactory } from '../knowledge/types';
import type { RuntimeSetting } from '../util/runtime';
import { isEdgeModule } from '../util/runtime';
import { matchAnyConstruction, userFactories } from '../util/user-factories';

export type Options = [{ runtime?: RuntimeSetting; clientFactories?: UserFactory[] }];
export type MessageIds = 'inLoop' | 'inLoopNoFix' | 'hoistBeforeLoop';

interface Finding {
  readonly match: ConstructionMatch;
  readonly innermost: Loop;
  /** The outermost loop of the invariant chain: the hoist goes before it. */
  readonly target: Loop;
}

export default createRule<Options, MessageIds>({
  name: 'no-client-in-loop',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow creating the same database, cache or HTTP client or pool on every iteration of a loop',
      recommended: 'error',
    },
    hasSuggestions: true,
    messages: {
      inLoop:
        '{{library}} {{construct}} is created on every iteration of the {{loop}} (line {{loopLine}}) with the same arguments, so each iteration opens new connections. Create it once before the loop and reuse it.',
      inLoopNoFix:
        '{{library}} {{construct}} is created on every iteration of the {{loop}} (line {{loopLine}}) with the same arguments, so each iteration opens new connections. Create it once before the loop and reuse it. No quick fix: {{reason}}.',
      hoistBeforeLoop: 'Create `{{name}}` once, before the loop on line {{line}}{{closeNote}}.',
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
    const findings: Finding[] = [];
    const factories = userFactories(options.clientFactories, context.settings);
    const visit = (node: ConstructionNode): void => {
      // Matching first: it is cached per node and shared with the other rules, while the loop walk is this rule's own.
      const match = matchAnyConstruction(sourceCode, node, factories);
      if (!match || match.construction.perRequestSafe) return;
      const loops = enclosingLoops(node);
      if (loops.length === 0) return;
      const invariant = invariantLoops(sourceCode, node, loops);
      if (invariant.length === 0) return;
      // A cache that outlives the iteration (`client ??= new X()`, `cache.set(k, new X())`) builds it once.
      if (isGuarded(loopGuardContext(sourceCode, invariant[0]), node)) return;
      findings.push({ match, innermost: invariant[0], target: invariant[invariant.length - 1] });
    };
    return {
      NewExpression: visit,
      CallExpression: visit,
      'Program:exit'() {
        if (findings.length === 0 || isEdgeModule(sourceCode, options.runtime ?? 'auto')) return;
        const reported = new Set<TSESTree.Node>(findings.map((finding) => finding.match.node));
        for (const finding of findings) {
          // `new PrismaClient({ adapter: new PrismaPg() })`: one finding, on the outer construction.
          if (hasAncestorIn(finding.match.node, reported)) continue;
          report(context, sourceCode, finding);
        }
      },
    };
  },
});

function hasAncestorIn(node: TSESTree.Node, nodes: ReadonlySet<TSESTree.Node>): boolean {
  for (let current = node.parent; current; current = current.parent) if (nodes.has(current)) return true;
  return false;
}

function report(context: Readonly<TSESLint.RuleContext<MessageIds, Options>>, sourceCode: Readonly<TSESLint.SourceCode>, finding: Finding): void {
  const { match, innermost, target } = finding;
  const data = {
    library: match.construction.library,
    construct: displayOf(sourceCode, match.node),
    loop: innermost.description,
    loopLine: innermost.node.loc.start.line,
  };
  const plan = planLoopHoist(sourceCode, match, innermost, target);
  if ('blocked' in plan) {
    context.report({ node: match.node, messageId: 'inLoopNoFix', data: { ...data, reason: plan.blocked } });
    return;
  }
  context.report({
    node: match.node,
    messageId: 'inLoop',
    data,
    suggest: [
      {
        messageId: 'hoistBeforeLoop',
        data: { name: plan.name, line: target.node.loc.start.line, closeNote: plan.movesClose ? ', and close it after the loop' : '' },
        fix: plan.fix,
      },
    ],
  });
}

/** How the construction reads in the message, as written: `new Pool()`, `mysql.createPool()`. */
function displayOf(sourceCode: Readonly<TSESLint.SourceCode>, node: ConstructionNode): string {
  const callee = sourceCode.getText(node.callee).replace(/\s+/g, '');
  const text = callee.length > 40 ? `${callee.slice(0, 37)}...` : callee;
  return node.type === 'NewExpression' ? `new ${text}()` : `${text}()`;
}
