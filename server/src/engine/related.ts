/**
 * Collects the related locations the rules record through the settings side channel of `eslint-plugin-poolguard/related`
 * (for `no-client-per-request`: the handler that makes a construction per-request).
 *
 * ESLint's `LintMessage` has no field for them, so the rules call `settings.poolguard.related.add(finding, related)`.
 * The sink object is created once per engine and baked into the memoized configs; it writes into whichever collection
 * is current. `Linter.verify` is synchronous, so "current" is simply the collection set right before the call and
 * cleared right after it — no rule of another lint can interleave.
 */
import type { FindingKey, RelatedLocation, RelatedSink } from 'eslint-plugin-poolguard/related';

export type { RelatedLocation } from 'eslint-plugin-poolguard/related';

/** Related locations of one lint, keyed by `relatedKey()` of the finding they belong to. */
export type RelatedFindings = ReadonlyMap<string, readonly RelatedLocation[]>;

/** The key of a finding: its rule and start, exactly as ESLint reports them (1-based line and column). */
export function relatedKey(finding: FindingKey): string {
  return `${finding.ruleId}:${finding.line}:${finding.column}`;
}

export class RelatedRecorder {
  private current: Map<string, RelatedLocation[]> | null = null;

  /** Stable across lints, so configs that embed it stay memoizable. */
  readonly sink: RelatedSink = {
    add: (finding, related) => {
      const current = this.current;
      if (current === null) return;
      const key = relatedKey(finding);
      const list = current.get(key);
      if (list === undefined) current.set(key, [related]);
      else list.push(related);
    },
  };

  /** Runs one synchronous lint and returns what the rules recorded during it (also when it throws: nothing). */
  collect<T>(run: () => T): { value: T; related: Map<string, RelatedLocation[]> } {
    const related = new Map<string, RelatedLocation[]>();
    this.current = related;
    try {
      return { value: run(), related };
    } finally {
      this.current = null;
    }
  }
}
