/** Rule catalogue: turns a plugin's rule modules into `RuleInfo` and resolves user-typed rule ids. */
import type { Linter } from 'eslint';

import { PLUGIN_NAMESPACE, type EnginePlugin } from './plugin';
import type { RuleInfo, RuleSeverity } from './types';

const PREFIX = `${PLUGIN_NAMESPACE}/`;

/** Normalises ESLint's severity forms (0/1/2, names, `[severity, ...options]`) to a name. */
export function severityName(entry: Linter.RuleEntry | undefined): RuleSeverity {
  const level = Array.isArray(entry) ? entry[0] : entry;
  if (level === 2 || level === 'error') return 'error';
  if (level === 1 || level === 'warn') return 'warn';
  return 'off';
}

export function ruleCatalogue(plugin: EnginePlugin): RuleInfo[] {
  const recommended = plugin.configs.recommended.rules ?? {};
  return Object.entries(plugin.rules).map(([name, rule]) => {
    const meta = rule.meta ?? {};
    return {
      id: `${PREFIX}${name}`,
      name,
      description: meta.docs?.description ?? name,
      url: meta.docs?.url,
      recommended: severityName(recommended[`${PREFIX}${name}`]),
      fixable: meta.fixable !== undefined,
      hasSuggestions: meta.hasSuggestions === true,
      deprecated: Boolean(meta.deprecated),
    };
  });
}

/** `no-client-per-request` or `poolguard/no-client-per-request` → the full id; anything else → undefined. */
export function resolveRuleId(catalogue: readonly RuleInfo[], input: string): string | undefined {
  const trimmed = input.trim();
  const full = trimmed.startsWith(PREFIX) ? trimmed : `${PREFIX}${trimmed}`;
  return catalogue.find((rule) => rule.id === full)?.id;
}

export function isPoolGuardRuleId(ruleId: string | null): boolean {
  return ruleId !== null && ruleId.startsWith(PREFIX);
}
