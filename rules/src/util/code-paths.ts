/**
 * A small structural path analysis: does a resource (a pooled client) stay held on some way out of a function?
 *
 * Why not ESLint's code-path analysis: it models exceptions only inside `try` blocks and only from the first
 * throwable node of each block, so "an awaited query between acquire and release can throw" is invisible to it.
 * This walker interprets the function body statement by statement with one bit of state, "maybe held", and models
 * every completion explicitly: normal, `break` / `continue` (labelled or not), `return`, `throw`, and exceptions from
 * the throwable expressions the caller names. `try` / `catch` / `finally` route those completions as JavaScript does,
 * so a release in `finally` covers every exit of its `try`, and an early `return` before the release does not.
 * Loops run their body twice at most (the state is one bit, so that is a fixpoint).
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';

type Node = TSESTree.Node;

export type LeakKind = 'return' | 'throw' | 'exception' | 'end' | 'scope';

export interface Leak {
  readonly kind: LeakKind;
  /** The statement or expression where the client is still held on the way out. */
  readonly node: Node;
}

/** What the analysis needs to know about one resource; every node list excludes nested functions. */
export interface HoldModel {
  /** The node whose evaluation makes the resource held (an acquire call, or null when held from the start). */
  readonly acquire: Node | null;
  /** Calls that release (or destroy) the resource. */
  readonly releases: readonly Node[];
  /** Expressions that may throw while the resource is held (awaits, calls on the client). */
  readonly throwables: readonly Node[];
  /** Which branch of a test runs with nothing held (`if (err)` in a callback, `if (client)` in a finally). */
  narrowing(test: TSESTree.Expression): 'consequent' | 'alternate' | null;
  /** The block that declares the resource's variable: leaving it while held loses the client. */
  readonly scopeBlock: Node | null;
}

interface Jump {
  readonly label: string | null;
  readonly held: boolean;
  readonly node: Node;
}

interface Flow {
  /** State after normal completion, or null when it never completes normally. */
  normal: boolean | null;
  breaks: Jump[];
  continues: Jump[];
  /** Exits from the function (`return`) and exceptions, with the state at that point. */
  returns: Jump[];
  throws: (Jump & { kind: LeakKind })[];
  /** Leaving the client's block while held: lost for good, whatever `catch` / `finally` run afterwards. */
  lost: Jump[];
}

const join = (a: boolean | null, b: boolean | null): boolean | null => (a === null ? b : b === null ? a : a || b);

function empty(normal: boolean | null): Flow {
  return { normal, breaks: [], continues: [], returns: [], throws: [], lost: [] };
}

const within = (outer: Node, inner: Node): boolean => outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];

function isFunctionNode(node: Node): boolean {
  return (
    node.type === AST_NODE_TYPES.FunctionDeclaration ||
    node.type === AST_NODE_TYPES.FunctionExpression ||
    node.type === AST_NODE_TYPES.ArrowFunctionExpression
  );
}

class Walker {
  /** Inside a `finally`: its awaits are not counted as exceptions (the rule accepts a release in `finally`). */
  private finallyDepth = 0;

  constructor(private readonly model: HoldModel) {}

  /** Evaluates an expression (or a simple statement) in order: exceptions while held, then acquire / release. */
  expression(node: Node | null | undefined, held: boolean, flow: Flow): boolean {
    if (!node) return held;
    if (held && this.finallyDepth === 0) {
      const thrower = this.model.throwables.find((candidate) => within(node, candidate));
      // An exception from a call that runs before a release in the same expression still leaves the client held.
      if (thrower) flow.throws.push({ label: null, held: true, node: thrower, kind: 'exception' });
    }
    let next = held;
    if (this.model.acquire && within(node, this.model.acquire)) next = true;
    if (this.model.releases.some((release) => within(node, release))) next = false;
    return next;
  }

  statements(list: readonly Node[], held: boolean): Flow {
    const flow = empty(held);
    for (const statement of list) {
      if (flow.normal === null) break;
      const inner = this.statement(statement, flow.normal);
      merge(flow, inner);
      flow.normal = inner.normal;
    }
    return flow;
  }

  statement(node: Node, held: boolean): Flow {
    switch (node.type) {
      case AST_NODE_TYPES.BlockStatement:
      case AST_NODE_TYPES.StaticBlock:
        return this.block(node, node.body, held);
      case AST_NODE_TYPES.IfStatement:
        return this.ifStatement(node, held);
      case AST_NODE_TYPES.ReturnStatement: {
        const flow = empty(null);
        const after = this.expression(node.argument, held, flow);
        flow.returns.push({ label: null, held: after, node });
        return flow;
      }
      case AST_NODE_TYPES.ThrowStatement: {
        const flow = empty(null);
        const after = this.expression(node.argument, held, flow);
        flow.throws.push({ label: null, held: after, node, kind: 'throw' });
        return flow;
      }
      case AST_NODE_TYPES.BreakStatement: {
        const flow = empty(null);
        flow.breaks.push({ label: node.label?.name ?? null, held, node });
        return flow;
      }
      case AST_NODE_TYPES.ContinueStatement: {
        const flow = empty(null);
        flow.continues.push({ label: node.label?.name ?? null, held, node });
        return flow;
      }
      case AST_NODE_TYPES.TryStatement:
        return this.tryStatement(node, held);
      case AST_NODE_TYPES.LabeledStatement:
        return this.labelled(node.body, held, node.label.name);
      case AST_NODE_TYPES.WhileStatement:
      case AST_NODE_TYPES.DoWhileStatement:
      case AST_NODE_TYPES.ForStatement:
      case AST_NODE_TYPES.ForInStatement:
      case AST_NODE_TYPES.ForOfStatement:
        return this.loop(node, held, null);
      case AST_NODE_TYPES.SwitchStatement:
        return this.switchStatement(node, held, null);
      case AST_NODE_TYPES.FunctionDeclaration:
      case AST_NODE_TYPES.ClassDeclaration:
      case AST_NODE_TYPES.EmptyStatement:
      case AST_NODE_TYPES.TSInterfaceDeclaration:
      case AST_NODE_TYPES.TSTypeAliasDeclaration:
        return empty(held);
      default: {
        const flow = empty(held);
        flow.normal = this.expression(node, held, flow);
        return flow;
      }
    }
  }

  /** A labelled statement: `break label` completes it normally. */
  private labelled(node: Node, held: boolean, label: string): Flow {
    const flow =
      node.type === AST_NODE_TYPES.SwitchStatement
        ? this.switchStatement(node, held, label)
        : isLoop(node)
          ? this.loop(node, held, label)
          : this.statement(node, held);
    const mine = flow.breaks.filter((jump) => jump.label === label);
    flow.breaks = flow.breaks.filter((jump) => jump.label !== label);
    for (const jump of mine) flow.normal = join(flow.normal, jump.held);
    return flow;
  }

  private block(node: Node, body: readonly Node[], held: boolean): Flow {
    const flow = this.statements(body, held);
    if (node === this.model.scopeBlock) {
      // The variable goes out of scope here: leaving the block while held loses the client for good.
      const leaks: Jump[] = [];
      if (flow.normal === true) leaks.push({ label: null, held: true, node });
      for (const jump of [...flow.breaks, ...flow.continues]) if (jump.held) leaks.push(jump);
      flow.lost.push(...leaks);
      if (flow.normal !== null) flow.normal = false;
      flow.breaks = flow.breaks.map((jump) => ({ ...jump, held: false }));
      flow.continues = flow.continues.map((jump) => ({ ...jump, held: false }));
    }
    return flow;
  }

  private ifStatement(node: TSESTree.IfStatement, held: boolean): Flow {
    const flow = empty(null);
    const afterTest = this.expression(node.test, held, flow);
    const free = this.model.narrowing(node.test);
    const consequent = this.statement(node.consequent, free === 'consequent' ? false : afterTest);
    merge(flow, consequent);
    flow.normal = consequent.normal;
    const alternateIn = free === 'alternate' ? false : afterTest;
    if (node.alternate) {
      const alternate = this.statement(node.alternate, alternateIn);
      merge(flow, alternate);
      flow.normal = join(flow.normal, alternate.normal);
    } else {
      flow.normal = join(flow.normal, alternateIn);
    }
    return flow;
  }

  private tryStatement(node: TSESTree.TryStatement, held: boolean): Flow {
    const body = this.statement(node.block, held);
    let flow = body;
    if (node.handler) {
      const thrown = body.throws.reduce<boolean | null>((state, jump) => join(state, jump.held), null);
      flow = { ...body, throws: [] };
      if (thrown !== null) {
        const handler = this.statement(node.handler.body, thrown);
        merge(flow, handler);
        flow.normal = join(flow.normal, handler.normal);
      }
    }
    if (!node.finalizer) return flow;
    return this.throughFinally(node.finalizer, flow);
  }

  /** Every completion of the try (and catch) runs the finalizer first, which may release or override it. */
  private throughFinally(finalizer: TSESTree.BlockStatement, flow: Flow): Flow {
    const cache = new Map<boolean, Flow>();
    const run = (held: boolean): Flow => {
      let result = cache.get(held);
      if (!result) {
        this.finallyDepth++;
        result = this.statement(finalizer, held);
        this.finallyDepth--;
        cache.set(held, result);
      }
      return result;
    };
    const out = empty(null);
    const pass = <T extends Jump>(jump: T, push: (next: T) => void): void => {
      const result = run(jump.held);
      // A finalizer that itself returns or throws replaces the pending completion.
      if (result.normal !== null) push({ ...jump, held: result.normal });
    };
    if (flow.normal !== null) out.normal = run(flow.normal).normal;
    for (const jump of flow.breaks) pass(jump, (next) => out.breaks.push(next));
    for (const jump of flow.continues) pass(jump, (next) => out.continues.push(next));
    for (const jump of flow.returns) pass(jump, (next) => out.returns.push(next));
    for (const jump of flow.throws) pass(jump, (next) => out.throws.push(next));
    out.lost.push(...flow.lost);
    for (const held of cache.keys()) {
      const result = run(held);
      out.breaks.push(...result.breaks);
      out.continues.push(...result.continues);
      out.returns.push(...result.returns);
      out.throws.push(...result.throws);
      out.lost.push(...result.lost);
    }
    return out;
  }

  loop(node: Node, held: boolean, label: string | null): Flow {
    const flow = empty(null);
    let entry = held;
    if (node.type === AST_NODE_TYPES.ForStatement) {
      if (node.init) entry = this.expression(node.init, entry, flow);
    } else if (node.type === AST_NODE_TYPES.ForInStatement || node.type === AST_NODE_TYPES.ForOfStatement) {
      entry = this.expression(node.right, entry, flow);
    }
    const body = (node as TSESTree.WhileStatement).body;
    const test = 'test' in node ? (node.test as Node | null) : null;
    const update = node.type === AST_NODE_TYPES.ForStatement ? node.update : null;
    let exitState: boolean | null = node.type === AST_NODE_TYPES.DoWhileStatement ? null : entry;
    const seen = new Set<boolean>();
    let input = entry;
    // One bit of state: at most two distinct inputs, so two passes reach the fixpoint.
    while (!seen.has(input)) {
      seen.add(input);
      const iteration = empty(null);
      const start = node.type === AST_NODE_TYPES.DoWhileStatement ? input : this.expression(test, input, iteration);
      const result = this.statement(body, start);
      merge(iteration, result);
      const ownContinue = (jump: Jump): boolean => jump.label === null || jump.label === label;
      let back = result.normal;
      for (const jump of result.continues) if (ownContinue(jump)) back = join(back, jump.held);
      iteration.continues = result.continues.filter((jump) => !ownContinue(jump));
      const ownBreak = (jump: Jump): boolean => jump.label === null || jump.label === label;
      for (const jump of result.breaks) if (ownBreak(jump)) exitState = join(exitState, jump.held);
      iteration.breaks = result.breaks.filter((jump) => !ownBreak(jump));
      if (back !== null) {
        back = this.expression(update, back, iteration);
        if (node.type === AST_NODE_TYPES.DoWhileStatement) back = this.expression(test, back, iteration);
        exitState = join(exitState, back);
        input = input || back;
      }
      merge(flow, iteration);
    }
    flow.normal = exitState;
    return flow;
  }

  switchStatement(node: TSESTree.SwitchStatement, held: boolean, label: string | null): Flow {
    const flow = empty(null);
    const start = this.expression(node.discriminant, held, flow);
    let fall: boolean | null = null;
    let exitState: boolean | null = node.cases.some((switchCase) => switchCase.test === null) ? null : start;
    for (const switchCase of node.cases) {
      const result = this.statements(switchCase.consequent, join(fall, start) ?? start);
      const own = (jump: Jump): boolean => jump.label === null || jump.label === label;
      for (const jump of result.breaks) if (own(jump)) exitState = join(exitState, jump.held);
      result.breaks = result.breaks.filter((jump) => !own(jump));
      merge(flow, result);
      fall = result.normal;
    }
    flow.normal = join(exitState, fall);
    return flow;
  }

}

function isLoop(node: Node): boolean {
  return (
    node.type === AST_NODE_TYPES.WhileStatement ||
    node.type === AST_NODE_TYPES.DoWhileStatement ||
    node.type === AST_NODE_TYPES.ForStatement ||
    node.type === AST_NODE_TYPES.ForInStatement ||
    node.type === AST_NODE_TYPES.ForOfStatement
  );
}

function merge(into: Flow, from: Flow): void {
  into.breaks.push(...from.breaks);
  into.continues.push(...from.continues);
  into.returns.push(...from.returns);
  into.throws.push(...from.throws);
  into.lost.push(...from.lost);
}

/**
 * The ways out of `fn` on which the resource may still be held, in source order. `initiallyHeld` is true for a
 * callback that receives an already checked-out client.
 */
export function findLeaks(fn: TSESTree.FunctionLike | TSESTree.ArrowFunctionExpression, model: HoldModel, initiallyHeld: boolean): Leak[] {
  const walker = new Walker(model);
  const body = fn.body;
  if (!body) return [];
  let flow: Flow;
  if (body.type === AST_NODE_TYPES.BlockStatement) {
    flow = walker.statement(body, initiallyHeld);
  } else {
    // `(err, client) => expr`: the expression is returned.
    flow = empty(null);
    const after = walker.expression(body, initiallyHeld, flow);
    flow.returns.push({ label: null, held: after, node: body });
  }
  const leaks: Leak[] = [];
  for (const jump of flow.returns) if (jump.held) leaks.push({ kind: 'return', node: jump.node });
  for (const jump of flow.throws) if (jump.held) leaks.push({ kind: jump.kind, node: jump.node });
  for (const jump of flow.lost) leaks.push({ kind: 'scope', node: jump.node });
  if (flow.normal === true) leaks.push({ kind: 'end', node: body });
  const unique = new Map<Node, Leak>();
  for (const leak of leaks) if (!unique.has(leak.node)) unique.set(leak.node, leak);
  return [...unique.values()].sort((a, b) => leakPosition(a) - leakPosition(b));
}

/** Where a leak is, for ordering: the end of a block or function counts at its closing brace. */
function leakPosition(leak: Leak): number {
  return leak.kind === 'end' || leak.kind === 'scope' ? leak.node.range[1] : leak.node.range[0];
}

/** Every node under `root` (not entering nested functions) in source order, for collecting throwables and calls. */
export function walkOwnNodes(root: Node, visitorKeys: Readonly<Record<string, readonly string[] | undefined>>, visit: (node: Node) => void): void {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    visit(node);
    const children: Node[] = [];
    for (const key of visitorKeys[node.type] ?? []) {
      const value = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(value)) {
        for (const item of value) if (isNode(item)) children.push(item);
      } else if (isNode(value)) children.push(value);
    }
    for (const child of children.reverse()) if (!isFunctionNode(child)) stack.push(child);
  }
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}
