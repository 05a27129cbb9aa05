#!/usr/bin/env node
/**
 * Keeps the extension manifest's `poolguard.rules` setting in step with the rule registry: one property per rule,
 * `poolguard/<id>`, accepting a severity or ESLint's `[severity, options]` with the rule's own options schema, and a
 * description linking the rule's doc. Settings editors then complete rule ids and options and flag typos.
 *
 * Usage: node scripts/sync-manifest.mjs [--check]   (after `tsc -b`: it reads the compiled registry)
 *   --check  change nothing; exit 1 when package.json is out of date (test/manifest.test.ts runs this)
 */
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const manifestPath = path.join(root, 'package.json');
const { rules } = createRequire(import.meta.url)(path.join(root, 'rules'));

/** ESLint's severities, by name and by number, as the server accepts them. */
const SEVERITY = { enum: ['off', 'warn', 'error', 0, 1, 2] };

/** A severity, or `[severity, ...options]` where each option follows the rule's schema. */
function ruleEntrySchema(optionSchemas) {
  return {
    anyOf: [SEVERITY, { type: 'array', minItems: 1, items: [SEVERITY, ...optionSchemas], additionalItems: false }],
  };
}

function ruleProperties() {
  const properties = {};
  for (const [id, rule] of Object.entries(rules)) {
    const { description, recommended, url } = rule.meta.docs;
    properties[`poolguard/${id}`] = {
      markdownDescription: `${description} (recommended: \`${recommended ?? 'off'}\`). [Documentation](${url})`,
      ...ruleEntrySchema(Array.isArray(rule.meta.schema) ? rule.meta.schema : []),
    };
  }
  return properties;
}

const text = fs.readFileSync(manifestPath, 'utf8');
const manifest = JSON.parse(text);
const setting = manifest.contributes.configuration.properties['poolguard.rules'];
setting.properties = ruleProperties();
// Short ids (`require-pool-limit`) are accepted too; their options cannot be checked here.
setting.additionalProperties = { anyOf: [SEVERITY, { type: 'array', minItems: 1, items: [SEVERITY] }] };
const updated = `${JSON.stringify(manifest, null, 2)}\n`;

if (updated === text) process.exit(0);
if (process.argv.includes('--check')) {
  console.error('package.json: poolguard.rules is out of date with the rule registry; run `node scripts/sync-manifest.mjs`.');
  process.exit(1);
}
fs.writeFileSync(manifestPath, updated);
console.log('package.json: poolguard.rules updated from the rule registry.');
