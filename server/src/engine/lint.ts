/**
 * Lints and fixes one text with ESLint's `Linter` (the file-system-free `eslint/universal` build, so the language
 * server can be bundled) and the in-memory config from `config.ts`.
 */
import * as path from 'node:path';
import { Linter } from 'eslint/universal';

import { createConfigBuilder } from './config';
import { crashingRuleId, internalErrorMessage, ruleCrashMessage } from './crash';
import { poolguardPlugin, type EnginePlugin } from './plugin';
import { isOwnMessage, makeResult, sortMessages } from './results';
import { resolveRuleId, ruleCatalogue, severityName } from './rules';
import type { DeprecatedRuleUse, EngineSettings, FixOutcome, LintMessage, LintResult, RuleInfo, SuppressedLintMessage } from './types';

export interface Engine {
  lintText(text: string, filePath: string, settings?: EngineSettings): LintResult;
  fixText(text: string, filePath: string, settings?: EngineSettings): FixOutcome;
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

export function createEngine(plugin: EnginePlugin = poolguardPlugin): Engine {
  const buildConfig = createConfigBuilder(plugin);
  const catalogue = ruleCatalogue(plugin);
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
  function guarded(text: string, filePath: string, settings: EngineSettings, fix: boolean): FixOutcome {
    const linter = linterFor(filePath);
    const disabled = new Set<string>();
    const crashes: LintMessage[] = [];
    let pass: Pass;
    for (;;) {
      const config = buildConfig(settings, disabled);
      try {
        pass = fix
          ? linter.verifyAndFix(text, config, { filename: filePath, fix: true })
          : { messages: linter.verify(text, config, { filename: filePath }), output: text, fixed: false };
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
    const result = makeResult({
      filePath,
      text,
      messages,
      suppressedMessages,
      ...(pass.fixed ? { output: pass.output } : {}),
      usedDeprecatedRules: usedDeprecatedRules(settings),
    });
    return { output: pass.output, fixed: pass.fixed, result };
  }

  return {
    rules: catalogue,
    resolveRuleId: (input) => resolveRuleId(catalogue, input),
    lintText: (text, filePath, settings = {}) => guarded(text, path.resolve(filePath), settings, false).result,
    fixText: (text, filePath, settings = {}) => guarded(text, path.resolve(filePath), settings, true),
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
export const rules: readonly RuleInfo[] = defaultEngine.rules;
export const resolvePoolGuardRuleId: Engine['resolveRuleId'] = (input) => defaultEngine.resolveRuleId(input);
