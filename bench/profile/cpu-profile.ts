/**
 * A CPU profile of repeated editor lints, self time grouped by component (which package the sampled function is in),
 * so the report can say what part of the gap to the parse floor each layer owns.
 */
import { Session, type Profiler } from 'node:inspector';

export interface ComponentShare {
  readonly component: string;
  readonly percent: number;
}

function componentOf(node: Profiler.ProfileNode): string {
  const url = node.callFrame.url;
  if (url === '') {
    const name = node.callFrame.functionName;
    return name === '(garbage collector)' ? 'garbage collection' : name === '(program)' || name === '(idle)' ? 'V8 / idle' : 'V8 builtins';
  }
  if (url.includes('/rules/dist/') || url.includes('/rules/src/')) return 'PoolGuard rules';
  if (url.includes('/server/dist/') || url.includes('/server/src/')) return 'PoolGuard engine';
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/u.exec(url);
  if (match === null) return 'Node.js internals';
  const name = match[1] ?? '';
  if (name === 'typescript') return 'typescript (parser)';
  if (name === '@typescript-eslint/typescript-estree') return 'typescript-estree (ESTree conversion)';
  if (name === '@typescript-eslint/scope-manager') return 'scope-manager';
  if (name === 'eslint' || name.startsWith('@eslint/') || name === 'esquery') return 'ESLint';
  return name;
}

export function profileShares(run: () => void, iterations: number): ComponentShare[] {
  const session = new Session();
  session.connect();
  let profile: Profiler.Profile | undefined;
  const post = (method: string, callback: (error: Error | null, result?: unknown) => void): void => {
    session.post(method, callback as (error: Error | null) => void);
  };
  // The inspector answers synchronously on the same thread, so each callback has run before `post` returns.
  post('Profiler.enable', () => undefined);
  post('Profiler.start', () => undefined);
  for (let index = 0; index < iterations; index++) run();
  post('Profiler.stop', (error, result) => {
    if (error === null) profile = (result as { profile: Profiler.Profile }).profile;
  });
  session.disconnect();
  if (profile === undefined) throw new Error('the CPU profile was not returned');

  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const totals = new Map<string, number>();
  let total = 0;
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  samples.forEach((id, index) => {
    const node = nodes.get(id);
    const delta = deltas[index] ?? 0;
    if (node === undefined) return;
    const component = componentOf(node);
    totals.set(component, (totals.get(component) ?? 0) + delta);
    total += delta;
  });
  return [...totals]
    .map(([component, time]) => ({ component, percent: (100 * time) / total }))
    .sort((a, b) => b.percent - a.percent);
}
