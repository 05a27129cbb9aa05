/**
 * Builds the in-memory flat config the `Linter` runs with. Nothing is ever read from disk: no `eslint.config.*`,
 * no `.eslintrc`, no workspace plugins — which is what makes the engine safe in untrusted workspaces.
 */
import type { ESLint, Linter } from 'eslint';
import * as tsParser from '@typescript-eslint/parser';

import { PLUGIN_NAMESPACE, type EnginePlugin } from './plugin';
import { resolveRuleId, ruleCatalogue, severityName } from './rules';
import type { RelatedSink } from 'eslint-plugin-poolguard/related';

import type { ClientFactory, EngineSettings, RuleSeverity } from './types';

/** Extensions the engine lints (spec §2). */
export const LINTABLE_EXTENSIONS: readonly string[] = ['.js', '.cjs', '.mjs', '.jsx', '.ts', '.cts', '.mts', '.tsx'];

const ALL_FILES = '**/*.{js,cjs,mjs,jsx,ts,cts,mts,tsx}';
const COMMONJS_FILES = '**/*.{cjs,cts}';

export class UnknownRuleError extends Error {
  constructor(readonly ruleId: string) {
    super(`unknown rule '${ruleId}'`);
    this.name = 'UnknownRuleError';
  }
}

export type ConfigBuilder = (settings: EngineSettings, disabled?: ReadonlySet<string>) => Linter.Config[];

/**
 * Returns a memoizing config builder for one plugin. The cache key is the *effective* rule map and shared settings,
 * not the settings object's identity, so a language server that rebuilds equal settings objects still reuses configs
 * (ESLint caches per config array, so reuse also keeps the Linter's own caches warm).
 *
 * `relatedSink` goes into ESLint's shared settings (`settings.poolguard.related`, see `related.ts`); it must be one
 * stable object, as it is not part of the cache key.
 */
export function createConfigBuilder(plugin: EnginePlugin, relatedSink?: RelatedSink): ConfigBuilder {
  const catalogue = ruleCatalogue(plugin);
  const cache = new Map<string, Linter.Config[]>();
  const fullIdOf = (id: string): string => {
    const fullId = resolveRuleId(catalogue, id);
    if (fullId === undefined) throw new UnknownRuleError(id);
    return fullId;
  };

  return (settings, disabled = new Set()) => {
    const rules: Linter.RulesRecord = { ...plugin.configs.recommended.rules };
    for (const [id, severity] of Object.entries(settings.rules ?? {})) {
      const fullId = fullIdOf(id);
      rules[fullId] = withSeverity(rules[fullId], severity);
    }
    for (const [id, options] of Object.entries(settings.ruleOptions ?? {})) {
      const fullId = fullIdOf(id);
      rules[fullId] = [severityName(rules[fullId]), ...options];
    }
    for (const id of disabled) rules[id] = 'off';
    const clientFactories = settings.clientFactories ?? [];

    const key = JSON.stringify([rules, clientFactories]);
    let config = cache.get(key);
    if (config === undefined) {
      config = makeConfig(plugin, rules, sharedSettings(relatedSink, clientFactories));
      cache.set(key, config);
    }
    return config;
  };
}

/**
 * ESLint's shared settings, read by every rule: `settings.poolguard.clientFactories` (the user's own factories,
 * spec §3) and the related-location sink. Empty parts are left out, so the CLI's config is the plain one.
 */
function sharedSettings(relatedSink: RelatedSink | undefined, clientFactories: readonly ClientFactory[]): Record<string, unknown> | undefined {
  const poolguard: Record<string, unknown> = {};
  if (relatedSink !== undefined) poolguard['related'] = relatedSink;
  if (clientFactories.length > 0) poolguard['clientFactories'] = clientFactories;
  return Object.keys(poolguard).length > 0 ? { poolguard } : undefined;
}

/** Keeps the options of a `[severity, ...options]` entry (e.g. from a strict config) when only the severity changes. */
function withSeverity(entry: Linter.RuleEntry | undefined, severity: RuleSeverity): Linter.RuleEntry {
  return Array.isArray(entry) ? [severity, ...entry.slice(1)] : severity;
}

function makeConfig(plugin: EnginePlugin, rules: Linter.RulesRecord, settings: Record<string, unknown> | undefined): Linter.Config[] {
  return [
    {
      name: 'poolguard/engine',
      files: [ALL_FILES],
      languageOptions: {
        // typescript-eslint's parser module type is not ESLint's `Linter.Parser`, though it implements it.
        parser: tsParser as unknown as Linter.Parser,
        ecmaVersion: 'latest',
        sourceType: 'module',
        // JSX in .js files too; typescript-estree ignores this for .ts/.tsx, whose handling TypeScript fixes.
        parserOptions: { ecmaFeatures: { jsx: true } },
      },
      plugins: { [PLUGIN_NAMESPACE]: plugin as unknown as ESLint.Plugin },
      // Users' own `eslint-disable` comments for PoolGuard rules are honoured; whether they are still needed is the
      // job of the user's ESLint run, not ours.
      linterOptions: { reportUnusedDisableDirectives: 'off' },
      ...(settings === undefined ? {} : { settings }),
      rules,
    },
    { name: 'poolguard/engine-commonjs', files: [COMMONJS_FILES], languageOptions: { sourceType: 'commonjs' } },
  ];
}
