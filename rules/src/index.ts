/**
 * eslint-plugin-poolguard: the plugin object. Configs are flat-config objects (`plugins` + `rules`, no `files`,
 * no parser) computed from each rule's `meta.docs`, so a rule cannot be left out of them.
 */
import type { TSESLint } from '@typescript-eslint/utils';

import { rules } from './rules';


// eslint-disable-next-line @typescript-eslint/no-require-imports -- read at run time so the version has one source
const { name, version } = require('../../package.json') as { name: string; version: string };

type Severity = 'error' | 'warn';
type RulesRecord = Record<string, Severity | [Severity, ...unknown[]]>;

interface PoolGuardPlugin {
  meta: { name: string; version: string; namespace: string };
  rules: typeof rules;
  configs: { recommended: TSESLint.FlatConfig.Config; strict: TSESLint.FlatConfig.Config };
}

const plugin: PoolGuardPlugin = {
  meta: { name, version, namespace: 'poolguard' },
  rules,
  configs: {} as PoolGuardPlugin['configs'],
};

function configRules(strict: boolean): RulesRecord {
  const entries: RulesRecord = {};
  for (const [id, rule] of Object.entries(rules)) {
    const severity = rule.meta.docs?.recommended ?? 'error';
    const hasRequireExplicit = JSON.stringify(rule.meta.schema).includes('"requireExplicit"');
    entries[`poolguard/${id}`] = strict && hasRequireExplicit ? [severity, { requireExplicit: true }] : severity;
  }
  return entries;
}

plugin.configs.recommended = {
  name: 'poolguard/recommended',
  plugins: { poolguard: plugin as unknown as TSESLint.FlatConfig.Plugin },
  rules: configRules(false),
};
plugin.configs.strict = {
  name: 'poolguard/strict',
  plugins: { poolguard: plugin as unknown as TSESLint.FlatConfig.Plugin },
  rules: configRules(true),
};

// `module.exports = plugin`, so both `require()` and an ESM default import give the plugin itself.
export = plugin;
