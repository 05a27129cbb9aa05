/**
 * Related locations for in-process hosts. ESLint's LintMessage has no room for "the handler that makes this
 * per-request", so a host that runs the rules itself (the language server) may pass a sink in the shared settings:
 * `settings: { poolguard: { related: { add(finding, related) {} } } }`. Under plain ESLint nothing is recorded.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

export interface RelatedLocation {
  /** 1-based, as in ESLint messages. */
  readonly line: number;
  /** 1-based, as in ESLint messages. */
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly message: string;
}

/** Identifies the finding a related location belongs to: rule id and the report's start, as ESLint reports it. */
export interface FindingKey {
  readonly ruleId: string;
  readonly line: number;
  readonly column: number;
}

export interface RelatedSink {
  add(finding: FindingKey, related: RelatedLocation): void;
}

function sinkOf(settings: Readonly<Record<string, unknown>>): RelatedSink | null {
  const poolguard = settings.poolguard as { related?: Partial<RelatedSink> } | undefined;
  return typeof poolguard?.related?.add === 'function' ? (poolguard.related as RelatedSink) : null;
}

export function recordRelated(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
  reported: TSESTree.Node,
  related: TSESTree.Node,
  message: string,
): void {
  const sink = sinkOf(context.settings);
  if (!sink) return;
  sink.add(
    { ruleId: `poolguard/${context.id.replace(/^poolguard\//, '')}`, line: reported.loc.start.line, column: reported.loc.start.column + 1 },
    {
      line: related.loc.start.line,
      column: related.loc.start.column + 1,
      endLine: related.loc.end.line,
      endColumn: related.loc.end.column + 1,
      message,
    },
  );
}
