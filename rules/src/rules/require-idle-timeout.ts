/**
 * require-idle-timeout (spec §3.3): a pool whose idle connections are effectively never closed, per library
 * semantics: an explicit "never" value (pg `idleTimeoutMillis: 0`), a "never" default (mongodb `maxIdleTimeMS`),
 * an idle option that is inert under the current options (mysql2 `maxIdle >= connectionLimit`, knex `pool.min > 0`,
 * generic-pool without eviction runs), or no idle option at all (mysqljs). With `requireExplicit`, also a pool that
 * relies on the default idle timeout. Everything library-specific comes from the `idle` record in the knowledge base.
 */
import type { TSESLint } from '@typescript-eslint/utils';

import type { IdleSpec } from '../knowledge/types';
import { createRule, requireExplicitSchema } from '../util/create-rule';
import type { OptionAssignment } from '../util/fix/insert-option';
import { setOptionsFix } from '../util/fix/insert-option';
import type { ConstructionMatch, ConstructionNode } from '../util/match-construction';
import { matchConstruction } from '../util/match-construction';
import type { OptionLookup } from '../util/option-eval';
import { evaluate, isExempt, pathKey, suggestedValue, withOverrides, written } from '../util/option-eval';
import {
  assignmentsText,
  hasOpaqueConnectionString,
  opaqueConnectionStringNote,
  optionText,
  subjectOf,
  valueText,
} from '../util/pool-text';

export type Options = [{ requireExplicit?: boolean }];
export type MessageIds = 'noIdleOption' | 'neverValue' | 'neverUriValue' | 'missing' | 'inert' | 'implicitDefault' | 'setIdle';

const RULE_ID = 'require-idle-timeout';

/** What the options say about closing idle connections. */
type IdleState =
  | { readonly kind: 'closes' }
  /** Something that decides it cannot be read statically: no finding. */
  | { readonly kind: 'unknown' }
  | { readonly kind: 'noOption' }
  | { readonly kind: 'inert' }
  | { readonly kind: 'neverValue'; readonly value: unknown; readonly fromUri: boolean }
  | { readonly kind: 'missing' }
  | { readonly kind: 'implicitDefault' };

export function idleState(lookup: OptionLookup, idle: IdleSpec, requireExplicit: boolean): IdleState {
  const exempt = isExempt(lookup, idle.exemptWhen);
  if (exempt !== false) return exempt ? { kind: 'closes' } : { kind: 'unknown' };
  if (idle.appliesWhen) {
    // No idle connections are kept at all unless this holds (http.Agent without keepAlive).
    const applies = evaluate(lookup, idle.appliesWhen);
    if (applies !== true) return applies === false ? { kind: 'closes' } : { kind: 'unknown' };
  }
  if (!idle.option) return { kind: 'noOption' };
  if (idle.activeWhen) {
    // Whatever the idle option says, it is never acted on unless this holds.
    const active = evaluate(lookup, idle.activeWhen);
    if (active === null) return { kind: 'unknown' };
    if (!active) return { kind: 'inert' };
  }
  const found = written(lookup, idle.option);
  if (found.state === 'unknown') return { kind: 'unknown' };
  if (found.state === 'known') {
    return (idle.neverValues as readonly unknown[]).includes(found.value)
      ? { kind: 'neverValue', value: found.value, fromUri: found.fromUri === true }
      : { kind: 'closes' };
  }
  if (idle.default === 'never') return { kind: 'missing' };
  return requireExplicit ? { kind: 'implicitDefault' } : { kind: 'closes' };
}

/**
 * The options a suggestion writes: the record's suggestion values, except where the user already wrote a working
 * value (their own idle timeout is kept; only the setting that blocks it is changed). With `requireExplicit`, the
 * idle option's default is written too, so the suggestion leaves nothing for this rule to report.
 */
function suggestionAssignments(lookup: OptionLookup, idle: IdleSpec, requireExplicit: boolean): OptionAssignment[] | null {
  const assignments: OptionAssignment[] = [];
  const idleKey = idle.option ? pathKey(idle.option) : null;
  for (const entry of idle.suggestion) {
    const value = suggestedValue(lookup, entry.value);
    if (value === null) return null;
    const current = written(lookup, entry.option);
    if (current.state === 'unknown') continue;
    if (current.state === 'known') {
      if (current.value === value) continue;
      const keepsOwnTimeout = pathKey(entry.option) === idleKey && !(idle.neverValues as readonly unknown[]).includes(current.value);
      if (keepsOwnTimeout) continue;
    }
    assignments.push({ path: entry.option, value });
  }
  if (requireExplicit && idle.option && typeof idle.default === 'number' && idleKey !== null) {
    const alreadyWritten = assignments.some((assignment) => pathKey(assignment.path) === idleKey);
    if (!alreadyWritten && written(lookup, idle.option).state === 'absent') assignments.push({ path: idle.option, value: idle.default });
  }
  return assignments.length > 0 ? assignments : null;
}

function durationText(value: number, unit: IdleSpec['unit']): string {
  return `${value} ${unit}`;
}

export default createRule<Options, MessageIds>({
  name: RULE_ID,
  meta: {
    type: 'problem',
    docs: {
      description: 'Require connection pools to close idle connections',
      recommended: 'warn',
      strict: true,
    },
    fixable: 'code',
    hasSuggestions: true,
    messages: {
      noIdleOption: '{{subject}} keeps idle connections open forever: {{note}}.',
      neverValue:
        '{{subject}} keeps idle connections open forever: {{library}} reads {{option}}: {{value}} as "never close". ' +
        'Set a positive timeout (for example {{fix}}).',
      neverUriValue:
        '{{subject}} keeps idle connections open forever: its connection string sets {{option}}={{value}}, which ' +
        '{{library}} reads as "never close". Change it in the connection string (for example {{option}}={{suggested}}); ' +
        'connection strings are not rewritten automatically.',
      missing:
        '{{subject}} keeps idle connections open forever: {{option}} is not set, and {{library}} never closes idle ' +
        'connections by default. Set it (for example {{fix}}).{{note}}',
      inert: '{{subject}} keeps idle connections open forever: {{condition}}. Set {{fix}}.{{note}}',
      implicitDefault: '{{subject}} relies on the default {{option}} of {{default}}; set it explicitly ({{option}}: {{value}}).{{note}}',
      setIdle: 'Set {{assignments}}.',
    },
    schema: requireExplicitSchema(
      "Also report pools that rely on the library's default idle timeout, so every pool states how long idle connections live.",
    ),
  },
  defaultOptions: [{ requireExplicit: false }],
  create(context, [{ requireExplicit = false }]) {
    const sourceCode = context.sourceCode;

    function report(match: ConstructionMatch, idle: IdleSpec): void {
      const lookup = match.options;
      const state = idleState(lookup, idle, requireExplicit);
      if (state.kind === 'closes' || state.kind === 'unknown') return;
      const construction = match.construction;
      const base = { subject: subjectOf(construction), library: construction.library };
      const option = idle.option ? optionText(idle.option) : '';

      /** Whether writing `assignments` settles the finding (mysql2 with an unlimited connectionLimit: it cannot). */
      const settles = (assignments: readonly OptionAssignment[]): boolean =>
        idleState(withOverrides(lookup, assignments), idle, requireExplicit).kind === 'closes';
      /** A fix writing `assignments`, or null when it cannot be written or would not settle the finding. */
      const fixFor = (assignments: readonly OptionAssignment[] | null): TSESLint.ReportFixFunction | null =>
        assignments && settles(assignments) ? setOptionsFix(sourceCode, match.node, construction.args, lookup.options, assignments) : null;
      const candidate = suggestionAssignments(lookup, idle, requireExplicit);
      const assignments = candidate && settles(candidate) ? candidate : null;
      // The message names the values even when they cannot be written for the user (a connection string).
      const fixText = assignments ? assignmentsText(assignments) : idle.suggestion.map((entry) => optionText(entry.option)).join(' and ');
      const suggestion = fixFor(assignments);
      const suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] | null =
        suggestion && assignments ? [{ messageId: 'setIdle', data: { assignments: assignmentsText(assignments) }, fix: suggestion }] : null;
      const opaqueNote = hasOpaqueConnectionString(sourceCode, match)
        ? opaqueConnectionStringNote(idle.suggestion.map((entry) => entry.option), RULE_ID)
        : '';

      switch (state.kind) {
        case 'noOption':
          // There is nothing to set (mysqljs): the note names the alternative. No suggestion.
          context.report({ node: match.node, messageId: 'noIdleOption', data: { ...base, note: idle.note ?? 'the library has no idle timeout' } });
          return;
        case 'neverValue':
          if (state.fromUri) {
            const entry = idle.suggestion.find((candidate) => idle.option && pathKey(candidate.option) === pathKey(idle.option));
            const suggested = entry ? suggestedValue(lookup, entry.value) : null;
            context.report({
              node: match.node,
              messageId: 'neverUriValue',
              data: { ...base, option, value: valueText(state.value), suggested: suggested === null ? 'a positive value' : valueText(suggested) },
            });
            return;
          }
          context.report({ node: match.node, messageId: 'neverValue', data: { ...base, option, value: valueText(state.value), fix: fixText }, suggest });
          return;
        case 'missing':
          context.report({ node: match.node, messageId: 'missing', data: { ...base, option, fix: fixText, note: opaqueNote }, suggest });
          return;
        case 'inert':
          context.report({
            node: match.node,
            messageId: 'inert',
            data: { ...base, condition: idle.activeWhenText ?? 'the idle option is inert', fix: fixText, note: opaqueNote },
            suggest,
          });
          return;
        case 'implicitDefault': {
          // Writing the library's own default cannot change behaviour: an autofix. Only a suggestion when an
          // unreadable connection string might already set another value that the option would override.
          if (!idle.option || typeof idle.default !== 'number') return;
          const assignment = { path: idle.option, value: idle.default };
          const fix = fixFor([assignment]);
          const data = { ...base, option, default: durationText(idle.default, idle.unit), value: String(idle.default), note: opaqueNote };
          if (opaqueNote === '') {
            context.report({ node: match.node, messageId: 'implicitDefault', data, fix });
            return;
          }
          context.report({
            node: match.node,
            messageId: 'implicitDefault',
            data,
            suggest: fix ? [{ messageId: 'setIdle', data: { assignments: assignmentsText([assignment]) }, fix }] : null,
          });
          return;
        }
      }
    }

    function check(node: ConstructionNode): void {
      const match = matchConstruction(sourceCode, node);
      const idle = match?.construction.idle;
      if (match && idle) report(match, idle);
    }

    return { NewExpression: check, CallExpression: check };
  },
});
