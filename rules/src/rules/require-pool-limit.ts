/**
 * require-pool-limit (spec §3.2): a pool whose effective size limit is unbounded — no limit by default (undici,
 * http.Agent) or an explicit value the library reads as "unlimited" (mysql2 `connectionLimit: 0`, mongodb
 * `maxPoolSize=0`, …). With `requireExplicit`, also a pool that relies on a bounded default.
 * Everything library-specific comes from the `limit` record of the construction in the knowledge base.
 */
import type { TSESLint } from '@typescript-eslint/utils';

import type { LimitSpec, OptionPath } from '../knowledge/types';
import { createRule, requireExplicitSchema } from '../util/create-rule';
import type { OptionAssignment } from '../util/fix/insert-option';
import { setOptionsFix } from '../util/fix/insert-option';
import type { ConstructionMatch, ConstructionNode } from '../util/match-construction';
import { matchConstruction } from '../util/match-construction';
import type { OptionLookup } from '../util/option-eval';
import { isExempt, withOverrides, written } from '../util/option-eval';
import {
  assignmentsText,
  countText,
  hasOpaqueConnectionString,
  opaqueConnectionStringNote,
  optionText,
  subjectOf,
  valueText,
} from '../util/pool-text';

export type Options = [{ requireExplicit?: boolean }];
export type MessageIds = 'unboundedDefault' | 'unboundedValue' | 'unboundedUriValue' | 'implicitDefault' | 'setLimit';

const RULE_ID = 'require-pool-limit';

/** What the options say about the pool's size limit. */
type LimitState =
  | { readonly kind: 'bounded' }
  /** Something that decides the limit cannot be read statically: no finding. */
  | { readonly kind: 'unknown' }
  | { readonly kind: 'unboundedDefault' }
  | { readonly kind: 'unboundedValue'; readonly path: OptionPath; readonly value: unknown; readonly fromUri: boolean }
  | { readonly kind: 'implicitDefault' };

function isUnlimited(limit: LimitSpec, value: unknown): boolean {
  return (limit.unlimitedValues as readonly unknown[]).includes(value);
}

export function limitState(lookup: OptionLookup, limit: LimitSpec, requireExplicit: boolean): LimitState {
  // The option first, then the legacy names the library falls back to (pg `poolSize`).
  for (const path of [limit.option, ...(limit.aliases ?? [])]) {
    const found = written(lookup, path);
    if (found.state === 'unknown') return { kind: 'unknown' };
    if (found.state === 'known') {
      return isUnlimited(limit, found.value)
        ? { kind: 'unboundedValue', path, value: found.value, fromUri: found.fromUri === true }
        : { kind: 'bounded' };
    }
  }
  for (const path of limit.boundedAlsoBy ?? []) {
    const found = written(lookup, path);
    if (found.state === 'unknown') return { kind: 'unknown' };
    if (found.state === 'known' && !isUnlimited(limit, found.value)) return { kind: 'bounded' };
  }
  if (limit.default === 'unlimited') return { kind: 'unboundedDefault' };
  if (!requireExplicit) return { kind: 'bounded' };
  const exempt = isExempt(lookup, limit.exemptWhen);
  if (exempt === null) return { kind: 'unknown' };
  return exempt ? { kind: 'bounded' } : { kind: 'implicitDefault' };
}

export default createRule<Options, MessageIds>({
  name: RULE_ID,
  meta: {
    type: 'problem',
    docs: {
      description: 'Require connection pools to have a bounded size limit',
      recommended: 'warn',
      strict: true,
    },
    fixable: 'code',
    hasSuggestions: true,
    messages: {
      unboundedDefault:
        '{{subject}} has no size limit: {{option}} is not set, and {{library}} then opens unlimited {{unit}}. ' +
        'Set {{option}} (for example {{option}}: {{suggested}}).',
      unboundedValue:
        '{{subject}} has no size limit: {{library}} reads {{option}}: {{value}} as unlimited {{unit}}. ' +
        'Set {{option}} to a positive number (for example {{option}}: {{suggested}}).',
      unboundedUriValue:
        '{{subject}} has no size limit: its connection string sets {{option}}={{value}}, which {{library}} reads as ' +
        'unlimited {{unit}}. Change it in the connection string (for example {{option}}={{suggested}}); ' +
        'connection strings are not rewritten automatically.',
      implicitDefault: '{{subject}} relies on the default limit of {{limit}}; set {{option}} explicitly ({{option}}: {{value}}).{{note}}',
      setLimit: 'Set {{assignment}}.',
    },
    schema: requireExplicitSchema(
      'Also report pools that rely on a bounded library default (pg 10, mysql2 10, mongodb 100, …), so every pool states its size.',
    ),
  },
  defaultOptions: [{ requireExplicit: false }],
  create(context, [{ requireExplicit = false }]) {
    const sourceCode = context.sourceCode;

    function report(match: ConstructionMatch, limit: LimitSpec): void {
      const state = limitState(match.options, limit, requireExplicit);
      if (state.kind === 'bounded' || state.kind === 'unknown') return;
      const construction = match.construction;
      const base = {
        subject: subjectOf(construction),
        library: construction.library,
        unit: limit.unit,
        suggested: String(limit.suggested),
      };

      /** A fix writing `assignment`, or null when it cannot be written or would not bound the pool. */
      const fixFor = (assignment: OptionAssignment): TSESLint.ReportFixFunction | null => {
        const after = limitState(withOverrides(match.options, [assignment]), limit, requireExplicit);
        if (after.kind !== 'bounded') return null;
        return setOptionsFix(sourceCode, match.node, construction.args, match.options.options, [assignment]);
      };
      const suggest = (assignment: OptionAssignment): TSESLint.SuggestionReportDescriptor<MessageIds>[] | null => {
        const fix = fixFor(assignment);
        return fix ? [{ messageId: 'setLimit', data: { assignment: assignmentsText([assignment]) }, fix }] : null;
      };

      switch (state.kind) {
        case 'unboundedDefault': {
          const assignment = { path: limit.option, value: limit.suggested };
          context.report({
            node: match.node,
            messageId: 'unboundedDefault',
            data: { ...base, option: optionText(limit.option) },
            suggest: suggest(assignment),
          });
          return;
        }
        case 'unboundedValue': {
          const data = { ...base, option: optionText(state.path), value: valueText(state.value) };
          if (state.fromUri) {
            // The value lives in the connection string: no edit of the options object, the message says where.
            context.report({ node: match.node, messageId: 'unboundedUriValue', data });
            return;
          }
          context.report({ node: match.node, messageId: 'unboundedValue', data, suggest: suggest({ path: state.path, value: limit.suggested }) });
          return;
        }
        case 'implicitDefault': {
          // Writing the library's own default cannot change behaviour: an autofix. It is only a suggestion where the
          // default is not one number (typeorm: per driver), where writing the option is version-dependent (AWS SDK),
          // or where an unreadable connection string might already set another value that the option would override.
          const opaque = hasOpaqueConnectionString(sourceCode, match);
          const exactDefault =
            typeof limit.default === 'number' && limit.defaultText === undefined && limit.writeCaveat === undefined && !opaque;
          const value = exactDefault ? (limit.default as number) : limit.suggested;
          const assignment = { path: limit.option, value };
          let note = limit.writeCaveat ? ` Note: ${limit.writeCaveat}.` : '';
          if (opaque) note += opaqueConnectionStringNote([limit.option], RULE_ID);
          const defaultLimit =
            limit.defaultText ?? (typeof limit.default === 'number' ? countText(limit.default, limit.unit) : String(limit.default));
          context.report({
            node: match.node,
            messageId: 'implicitDefault',
            data: { ...base, option: optionText(limit.option), limit: defaultLimit, value: String(value), note },
            ...(exactDefault ? { fix: fixFor(assignment) } : { suggest: suggest(assignment) }),
          });
          return;
        }
      }
    }

    function check(node: ConstructionNode): void {
      const match = matchConstruction(sourceCode, node);
      const limit = match?.construction.limit;
      if (match && limit) report(match, limit);
    }

    return { NewExpression: check, CallExpression: check };
  },
});
