/**
 * The extension manifest (the root package.json) against what the client and the server expect of it: settings,
 * commands, activation, trust, entry point. Everything here is static; `packaging.test.ts` builds the .vsix.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

import plugin = require('eslint-plugin-poolguard');
import type { PoolGuardSettingsSection } from 'poolguard/dist/src/lsp/protocol';
import { DEFAULT_SETTINGS } from 'poolguard/dist/src/lsp/settings';

const repositoryRoot = path.resolve(__dirname, '../..');

interface SettingSchema {
  type?: string;
  scope?: string;
  default?: unknown;
  enum?: unknown[];
  minimum?: number;
  description?: string;
  markdownDescription?: string;
  properties?: Record<string, SettingSchema>;
  additionalProperties?: SettingSchema | boolean;
  items?: SettingSchema;
}

interface Manifest {
  name: string;
  version: string;
  publisher: string;
  main: string;
  engines: { vscode: string };
  activationEvents: string[];
  capabilities: { untrustedWorkspaces: { supported: boolean | string }; virtualWorkspaces: boolean };
  contributes: {
    configuration: { properties: Record<string, SettingSchema> };
    commands: { command: string; title: string; category?: string }[];
  };
  scripts: Record<string, string>;
  workspaces: string[];
}

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(path.join(repositoryRoot, file), 'utf8')) as T;
}

const manifest = readJson<Manifest>('package.json');
const settings = manifest.contributes.configuration.properties;

/**
 * Every key of the `poolguard` section the server reads (spec §4). Typed against the server's wire contract, so a
 * setting added to or removed from `PoolGuardSettingsSection` fails compilation here until the manifest follows.
 */
const SECTION_KEYS: Record<keyof PoolGuardSettingsSection, string> = {
  enable: 'poolguard.enable',
  rules: 'poolguard.rules',
  clientFactories: 'poolguard.clientFactories',
  ignore: 'poolguard.ignore',
  runtime: 'poolguard.runtime',
  debounceMs: 'poolguard.debounceMs',
  // The language client's trace setting (`<client id>.trace.server`); VS Code sends it nested.
  trace: 'poolguard.trace.server',
};

/** The JSON schema type of a default value. */
function jsonType(value: unknown): string {
  return Array.isArray(value) ? 'array' : typeof value === 'object' ? 'object' : typeof value;
}

const LANGUAGES = ['javascript', 'javascriptreact', 'typescript', 'typescriptreact'];

function description(schema: SettingSchema): string {
  return schema.markdownDescription ?? schema.description ?? '';
}

describe('extension manifest (package.json)', () => {
  it('is the poolguard-vscode extension with its entry point at ./dist/extension.js', () => {
    assert.equal(manifest.name, 'poolguard-vscode');
    assert.ok(manifest.publisher, 'vsce needs a publisher');
    assert.equal(manifest.main, './dist/extension.js');
  });

  it('contributes every setting the server reads, with its type, default and a description', () => {
    for (const [sectionKey, key] of Object.entries(SECTION_KEYS) as [keyof PoolGuardSettingsSection, string][]) {
      const schema = settings[key];
      assert.ok(schema, `${key} is not contributed`);
      // What the server uses when the client sends nothing.
      const expected: unknown = DEFAULT_SETTINGS[sectionKey];
      assert.equal(schema.type, jsonType(expected), `${key} type`);
      assert.deepEqual(schema.default, expected, `${key} default is the server's`);
      assert.ok(description(schema).length > 20, `${key} needs a description`);
    }
    assert.deepEqual(Object.keys(settings).sort(), Object.values(SECTION_KEYS).sort(), 'no setting the server does not read');
  });

  it('scopes trace.server to the window and every other setting to the resource', () => {
    for (const [key, schema] of Object.entries(settings)) {
      assert.equal(schema.scope, key === 'poolguard.trace.server' ? 'window' : 'resource', `${key} scope`);
    }
  });

  it('constrains the values of runtime, debounceMs, trace.server and clientFactories', () => {
    assert.deepEqual(settings['poolguard.runtime']?.enum, ['auto', 'node', 'lambda', 'edge']);
    assert.equal(settings['poolguard.debounceMs']?.minimum, 0);
    assert.deepEqual(settings['poolguard.trace.server']?.enum, ['off', 'messages', 'verbose']);
    const factory = settings['poolguard.clientFactories']?.items;
    assert.deepEqual(Object.keys(factory?.properties ?? {}).sort(), ['kind', 'module', 'name']);
    assert.deepEqual(factory?.properties?.['kind']?.enum, ['pool', 'client']);
  });

  it('offers every rule of the registry in poolguard.rules, with its options schema and documentation', () => {
    const rules = settings['poolguard.rules']?.properties ?? {};
    assert.deepEqual(Object.keys(rules).sort(), Object.keys(plugin.rules).map((id) => `poolguard/${id}`).sort());
    for (const [id, rule] of Object.entries(plugin.rules)) {
      const url = rule.meta.docs?.url;
      assert.ok(url !== undefined && description(rules[`poolguard/${id}`] ?? {}).includes(url), `${id} links its documentation`);
    }
    // The rest (schemas, descriptions) is generated; the script says how to update it.
    const check = spawnSync(process.execPath, ['scripts/sync-manifest.mjs', '--check'], { cwd: repositoryRoot, encoding: 'utf8' });
    assert.equal(check.status, 0, check.stderr);
  });

  it('contributes the three commands, in the PoolGuard category, and the client registers each of them', () => {
    const commands = manifest.contributes.commands.map((command) => command.command).sort();
    assert.deepEqual(commands, ['poolguard.lintWorkspace', 'poolguard.restartServer', 'poolguard.showOutput']);
    for (const command of manifest.contributes.commands) assert.equal(command.category, 'PoolGuard', command.command);
    // The client cannot be loaded outside VS Code; its command table is checked in the source instead.
    const source = fs.readFileSync(path.join(repositoryRoot, 'client/src/commands.ts'), 'utf8');
    for (const command of commands) assert.ok(source.includes(`'${command}'`), `client/src/commands.ts registers ${command}`);
  });

  it('activates on the four JavaScript and TypeScript languages the client selects', () => {
    assert.deepEqual([...manifest.activationEvents].sort(), LANGUAGES.map((language) => `onLanguage:${language}`).sort());
    const source = fs.readFileSync(path.join(repositoryRoot, 'client/src/client.ts'), 'utf8');
    for (const language of LANGUAGES) assert.ok(source.includes(`'${language}'`), `the client selects ${language}`);
  });

  it('supports untrusted workspaces (it runs no workspace code) but not virtual ones', () => {
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, true);
    assert.equal(manifest.capabilities.virtualWorkspaces, false);
  });

  it('requires the VS Code version vscode-languageclient needs', () => {
    const client = readJson<{ engines: { vscode: string } }>('node_modules/vscode-languageclient/package.json');
    assert.equal(manifest.engines.vscode, client.engines.vscode);
  });

  it('keeps the workspaces and the build, bundle and package scripts', () => {
    assert.deepEqual(manifest.workspaces, ['rules', 'server', 'client', 'bench']);
    assert.equal(manifest.scripts['prepare'], 'tsc -b');
    // `npm test` = the unit and protocol suites, the end-to-end suites in real editors, the real-code soak (README).
    assert.equal(manifest.scripts['test'], 'npm run test:unit && npm run test:e2e && npm run test:soak');
    assert.match(manifest.scripts['test:unit'] ?? '', /^tsc -b && mocha$/);
    assert.match(manifest.scripts['test:e2e'] ?? '', /^bash scripts\/e2e-setup\.sh && npm run package && mocha --config test\/e2e\/\.mocharc\.json/);
    assert.match(manifest.scripts['bundle'] ?? '', /scripts\/bundle\.mjs/);
    assert.match(manifest.scripts['package'] ?? '', /vsce package/);
    // vsce runs this before packaging, so a .vsix never ships stale bundles.
    assert.equal(manifest.scripts['vscode:prepublish'], 'npm run bundle');
  });
});
