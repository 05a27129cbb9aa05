/**
 * Lints and fixes one text with ESLint's `Linter` (the file-system-free `eslint/universal` build, so the language
 * server can be bundled) and the in-memory config from `config.ts`.
 */
import * as path from 'node:path';
import type { SourceCode } from 'eslint';
import { Linter } from 'eslint/universal';

import { createConfigBuilder } from './config';
import { crashingRuleId, errorMessage, internalErrorMessage, ruleCrashMessage } from './crash';
import { poolguardPlugin, type EnginePlugin } from './plugin';
import { RelatedRecorder, type RelatedLocation } from './related';
import { isOwnMessage, makeResult, sortMessages } from './results';
import { resolveRuleId, ruleCatalogue, severityName } from './rules';
import { cannotHaveFindings } from './syntax-gate';
import type {
  DeprecatedRuleUse,
  EditorLintResult,
  EngineSettings,
  FixOutcome,
  LintMessage,
  LintResult,
  RuleInfo,
  SuppressedLintMessage,
} from './types';

export interface Engine {
  lintText(text: string, filePath: string, settings?: EngineSettings): LintResult;
  fixText(text: string, filePath: string, settings?: EngineSettings): FixOutcome;
  /** `lintText` plus the related locations of the findings (the language server's diagnostics show them). */
  lintForEditor(text: string, filePath: string, settings?: EngineSettings): EditorLintResult;
  /**
   * The result of `lintText` for a text that cannot have a finding (no catalogue import or declared factory, and it
   * parses), computed without ESLint; `undefined` when the full lint is needed. The CLI's fast path.
   */
  resultWithoutLint(text: string, filePath: string, settings?: EngineSettings): LintResult | undefined;
  /**
   * The parsed `SourceCode` of a text (no rule runs), or `undefined` when it does not parse. The caller must not
   * keep it longer than it needs: an AST retains many times the text's size.
   */
  parse(text: string, filePath: string): SourceCode | undefined;
  /** Why the rule's schema rejects `options` (ESLint's message), or `undefined` when they are valid. */
  ruleOptionsProblem(ruleId: string, options: readonly unknown[]): string | undefined;
  /** Every rule of the plugin, in registry order. */
  readonly rules: readonly RuleInfo[];
  /** `x` or `poolguard/x` → `poolguard/x` when the rule exists. */
  resolveRuleId(input: string): string | undefined;
}

/** What one Linter pass returns; `verify` gives only messages, `verifyAndFix` also the fixed text. */
interface Pass {
  messages: LintMessage[];
  output: string;
  fixed: boolean;
}

type RunMode = 'lint' | 'fix' | 'editor';

/**
 * ESLint's `Linter` keeps the `SourceCode` of its last run (AST, tokens, scopes: a few hundred times the text's size)
 * until its next run. After a large text that is a lot of memory held for nothing — in the language server, a closed
 * 60,000-line document's ~450 MB until some other file is linted — so a run on an empty text replaces it. That run
 * costs about a millisecond, nothing next to the lint of a text this size, and small texts skip it.
 */
export const RELEASE_AFTER_CHARS = 50_000;

export function createEngine(plugin: EnginePlugin = poolguardPlugin): Engine {
  const recorder = new RelatedRecorder();
  const buildConfig = createConfigBuilder(plugin, recorder.sink);
  const catalogue = ruleCatalogue(plugin);
  const allRulesOff = new Set(catalogue.map((rule) => rule.id));
  const linters = new Map<string, Linter>();

  /**
   * One Linter per file-system root: the Linter only applies a config to files under its `cwd`, and the CLI lints
   * files anywhere (also outside the process's cwd, and on other drives on Windows).
   */
  function linterFor(filePath: string): Linter {
    const root = path.parse(filePath).root;
    let linter = linters.get(root);
    if (linter === undefined) {
      linter = new Linter({ configType: 'flat', cwd: root });
      linters.set(root, linter);
    }
    return linter;
  }

  /** Drops the Linter's reference to the last (large) text's `SourceCode`; see `RELEASE_AFTER_CHARS`. */
  function release(linter: Linter, filePath: string, textLength: number): void {
    if (textLength < RELEASE_AFTER_CHARS) return;
    try {
      linter.verify('', buildConfig({}, allRulesOff), { filename: filePath });
    } catch {
      // Nothing runs on an empty text with every rule off; and if something did throw, there is nothing to release.
    }
  }

  function usedDeprecatedRules(settings: EngineSettings): DeprecatedRuleUse[] {
    const rules = buildConfig(settings)[0]?.rules ?? {};
    return catalogue
      .filter((rule) => rule.deprecated && severityName(rules[rule.id]) !== 'off')
      .map((rule) => ({ ruleId: rule.id, replacedBy: [] }));
  }

  /**
   * Runs the Linter and, when a rule throws, reports the crash and runs again with that rule off. Each retry turns
   * one more rule off, so this ends after at most one run per rule. A throw no rule can be blamed for (a rule that
   * throws a non-object, which ESLint cannot tag) ends the loop with one fatal message for the file.
   */
  function guarded(text: string, filePath: string, settings: EngineSettings, mode: RunMode): FixOutcome & { related: Map<string, RelatedLocation[]> } {
    const linter = linterFor(filePath);
    const disabled = new Set<string>();
    const crashes: LintMessage[] = [];
    let pass: Pass;
    // Only an editor lint records related locations; each retry starts a fresh collection, so a crashed pass
    // leaves nothing behind.
    let related = new Map<string, RelatedLocation[]>();
    for (;;) {
      const config = buildConfig(settings, disabled);
      try {
        if (mode === 'fix') {
          pass = linter.verifyAndFix(text, config, { filename: filePath, fix: true });
        } else if (mode === 'editor') {
          const run = recorder.collect(() => linter.verify(text, config, { filename: filePath }));
          pass = { messages: run.value, output: text, fixed: false };
          related = run.related;
        } else {
          pass = { messages: linter.verify(text, config, { filename: filePath }), output: text, fixed: false };
        }
        break;
      } catch (error) {
        const ruleId = crashingRuleId(error);
        if (ruleId === undefined || disabled.has(ruleId)) {
          crashes.push(internalErrorMessage(error));
          pass = { messages: [], output: text, fixed: false };
          break;
        }
        disabled.add(ruleId);
        crashes.push(ruleCrashMessage(ruleId, error));
      }
    }
    // Crash reports are added after filtering: they are ours even when they carry no rule id.
    const messages = sortMessages([...pass.messages.filter(isOwnMessage), ...crashes]);
    const suppressedMessages = suppressedMessagesOf(linter).filter(isOwnMessage);
    release(linter, filePath, Math.max(text.length, pass.output.length));
    const result = makeResult({
      filePath,
      text,
      messages,
      suppressedMessages,
      ...(pass.fixed ? { output: pass.output } : {}),
      usedDeprecatedRules: usedDeprecatedRules(settings),
    });
    return { output: pass.output, fixed: pass.fixed, result, related };
  }

  function parse(text: string, filePath: string): SourceCode | undefined {
    const linter = linterFor(filePath);
    try {
      const messages = linter.verify(text, buildConfig({}, allRulesOff), { filename: filePath });
      // The caller holds the SourceCode as long as it needs it; the Linter need not hold it any longer.
      const sourceCode = messages.some((message) => message.fatal === true) ? undefined : linter.getSourceCode();
      release(linter, filePath, text.length);
      return sourceCode;
    } catch {
      // No rule runs, so only the parser could throw; a text it cannot handle simply has no SourceCode.
      return undefined;
    }
  }

  function ruleOptionsProblem(ruleId: string, options: readonly unknown[]): string | undefined {
    const filePath = path.resolve('options-check.js');
    try {
      // At `error`: ESLint validates the options of rules that are on.
      linterFor(filePath).verify('', buildConfig({ rules: { [ruleId]: 'error' }, ruleOptions: { [ruleId]: options } }), { filename: filePath });
      return undefined;
    } catch (error) {
      return errorMessage(error).replace(/\s*\n\s*/gu, ' ').trim();
    }
  }

  return {
    rules: catalogue,
    resolveRuleId: (input) => resolveRuleId(catalogue, input),
    ruleOptionsProblem,
    lintText: (text, filePath, settings = {}) => guarded(text, path.resolve(filePath), settings, 'lint').result,
    fixText: (text, filePath, settings = {}) => {
      const { output, fixed, result } = guarded(text, path.resolve(filePath), settings, 'fix');
      return { output, fixed, result };
    },
    lintForEditor: (text, filePath, settings = {}) => {
      const { result, related } = guarded(text, path.resolve(filePath), settings, 'editor');
      return { result, related };
    },
    parse: (text, filePath) => parse(text, path.resolve(filePath)),
    resultWithoutLint: (text, filePath, settings = {}) => {
      const absolute = path.resolve(filePath);
      if (!cannotHaveFindings(text, absolute, settings)) return undefined;
      return makeResult({ filePath: absolute, text, messages: [], suppressedMessages: [], usedDeprecatedRules: usedDeprecatedRules(settings) });
    },
  };
}

/**
 * Messages silenced by `eslint-disable` comments in the last run. ESLint's `verifyText` reads them with this
 * method, but its type declarations omit it, so it is looked up defensively.
 */
function suppressedMessagesOf(linter: Linter): SuppressedLintMessage[] {
  const withSuppressed = linter as Linter & { getSuppressedMessages?: () => SuppressedLintMessage[] };
  return withSuppressed.getSuppressedMessages?.() ?? [];
}

/** The engine with the real PoolGuard plugin; the CLI and the language server use this one. */
const defaultEngine = createEngine();

export const lintText: Engine['lintText'] = (text, filePath, settings) => defaultEngine.lintText(text, filePath, settings);
export const fixText: Engine['fixText'] = (text, filePath, settings) => defaultEngine.fixText(text, filePath, settings);
export const resultWithoutLint: Engine['resultWithoutLint'] = (text, filePath, settings) => defaultEngine.resultWithoutLint(text, filePath, settings);
export const rules: readonly RuleInfo[] = defaultEngine.rules;
export const resolvePoolGuardRuleId: Engine['resolveRuleId'] = (input) => defaultEngine.resolveRuleId(input);
