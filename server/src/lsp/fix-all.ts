/**
 * Fix-all, always computed from the current text by re-linting (never from stored offsets, which go stale with the
 * first edit: vscode-eslint #154, #548, #1143, #1745). Two strengths, as spec §3 "Fixes vs suggestions" requires:
 *
 * - `autofix` (`source.fixAll.poolguard`, run on save): the engine's `fixText`, i.e. ESLint's `verifyAndFix` —
 *   only edits that cannot change run-time behaviour.
 * - `preferred` (the explicit "Fix all PoolGuard problems"): autofixes, then the preferred suggestion of each finding,
 *   one at a time, re-linting after each (a hoist moves every offset below the imports). Bounded, it stops when
 *   nothing applicable is left, and it refuses any step whose output does not parse.
 */
import type { Linter } from 'eslint';
import type { TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

import type { Engine, EngineSettings, FixOutcome, LintMessage } from '../engine';
import { lintFileName } from './document-paths';
import { applyOffsetEdits, diffTexts, toTextEdits } from './edits';
import { EslintCoordinates } from './positions';
import type { FixAllMode } from './protocol';

/** Enough for every finding of a realistic file; a suggestion that keeps re-reporting cannot loop forever. */
export const MAX_FIX_ALL_STEPS = 50;

/**
 * The suggestion a finding's quick fixes mark as preferred, and the one the explicit fix-all applies:
 * - no-client-per-request: the hoist for its library (`hoist*` message ids), never the globalThis variant, which only
 *   pays off under dev servers that re-evaluate modules;
 * - any other rule: its suggestion when it offers exactly one (the option insertion of require-pool-limit and
 *   require-idle-timeout); a choice between several is left to the user.
 */
export function preferredSuggestion(message: LintMessage): Linter.LintSuggestion | undefined {
  const suggestions = message.suggestions ?? [];
  const hoist = suggestions.find((suggestion) => suggestion.messageId?.startsWith('hoist') === true && suggestion.messageId !== 'hoistToGlobalThis');
  if (hoist !== undefined) return hoist;
  return suggestions.length === 1 ? suggestions[0] : undefined;
}

/** A text the fixes must not produce: the parser rejects it (or the engine could not lint it at all). */
function breaksParsing(outcome: FixOutcome): boolean {
  return outcome.result.messages.some((message) => message.fatal === true && message.ruleId === null);
}

function suggestionKey(message: LintMessage, suggestion: Linter.LintSuggestion): string {
  return `${message.ruleId ?? ''}\u0000${message.message}\u0000${suggestion.desc}`;
}

/**
 * The fixed text, or `undefined` when there is nothing to change (also when the text does not parse: ESLint
 * applies no fixes then, and neither does PoolGuard).
 */
export function fixAll(engine: Engine, text: string, fileName: string, settings: EngineSettings, mode: FixAllMode): string | undefined {
  const first = engine.fixText(text, fileName, settings);
  if (breaksParsing(first)) return undefined;
  let current = first.output;
  let outcome = first;

  if (mode === 'preferred') {
    // Suggestions that would break the file (or change nothing) are not tried again.
    const refused = new Set<string>();
    for (let step = 0; step < MAX_FIX_ALL_STEPS; step++) {
      const candidate = nextSuggestion(outcome.result.messages, refused);
      if (candidate === undefined) break;
      const { message, suggestion } = candidate;
      const coordinates = new EslintCoordinates(current);
      const next = applyOffsetEdits(current, [
        { start: coordinates.fromEslintOffset(suggestion.fix.range[0]), end: coordinates.fromEslintOffset(suggestion.fix.range[1]), text: suggestion.fix.text },
      ]);
      const nextOutcome = next === current ? undefined : engine.fixText(next, fileName, settings);
      if (nextOutcome === undefined || breaksParsing(nextOutcome)) {
        refused.add(suggestionKey(message, suggestion));
        continue;
      }
      current = nextOutcome.output;
      outcome = nextOutcome;
    }
  }
  return current === text ? undefined : current;
}

function nextSuggestion(
  messages: readonly LintMessage[],
  refused: ReadonlySet<string>,
): { message: LintMessage; suggestion: Linter.LintSuggestion } | undefined {
  for (const message of messages) {
    const suggestion = preferredSuggestion(message);
    if (suggestion !== undefined && !refused.has(suggestionKey(message, suggestion))) return { message, suggestion };
  }
  return undefined;
}

/** Fix-all for an open document, as minimal edits of its current text; `undefined` when nothing changes. */
export function fixAllEdits(engine: Engine, document: TextDocument, settings: EngineSettings, mode: FixAllMode): TextEdit[] | undefined {
  const fileName = lintFileName(document.uri, document.languageId);
  if (fileName === undefined) return undefined;
  const text = document.getText();
  const fixed = fixAll(engine, text, fileName, settings, mode);
  return fixed === undefined ? undefined : toTextEdits(document, diffTexts(text, fixed));
}
