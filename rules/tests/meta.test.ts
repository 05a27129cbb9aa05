/**
 * Meta tests (after typescript-eslint's docs/configs tests and unicorn's package test): every rule has a doc page
 * with the required sections, a test file, a config entry, a docs URL that resolves to its page, described
 * options; and every library of the knowledge base is exercised by at least one test case.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import * as parser from '@typescript-eslint/parser';
import { Linter } from 'eslint';

import plugin = require('../src/index');
import { constructions } from '../src/knowledge/drivers';
import { DOCS_BASE_URL } from '../src/util/create-rule';
import { matchConstruction } from '../src/util/match-construction';

const packageRoot = path.resolve(__dirname, '../..');
const repositoryRoot = path.resolve(packageRoot, '..');
const ruleIds = Object.keys(plugin.rules) as (keyof typeof plugin.rules)[];

describe('meta: every rule is complete', () => {
  for (const id of ruleIds) {
    describe(id, () => {
      const rule = plugin.rules[id];

      it('is registered under its own name, from a file of that name', () => {
        assert.equal(rule.name, id);
        assert.ok(fs.existsSync(path.join(packageRoot, 'src/rules', `${id}.ts`)));
      });

      it('has a doc page with the required sections', () => {
        const doc = path.join(packageRoot, 'docs', `${id}.md`);
        assert.ok(fs.existsSync(doc), `missing ${doc}`);
        const text = fs.readFileSync(doc, 'utf8');
        assert.match(text, new RegExp(`^# ${id}`, 'm'));
        for (const section of ['## Examples', '## When Not To Use It']) assert.ok(text.includes(section), `${id}.md lacks "${section}"`);
        // Options are documented where there are options (eslint-doc-generator rejects the section otherwise).
        const schemas = Array.isArray(rule.meta.schema) ? rule.meta.schema : [rule.meta.schema];
        const hasOptions = schemas.some((schema) => Object.keys((schema as { properties?: object }).properties ?? {}).length > 0);
        assert.equal(text.includes('## Options'), hasOptions, `${id}.md: an "## Options" section exactly when the rule has options`);
        assert.match(text, /❌/, 'an incorrect example');
        assert.match(text, /✅/, 'a correct example');
      });

      it('has a test file', () => {
        assert.ok(fs.existsSync(path.join(packageRoot, 'tests', `${id}.test.ts`)));
      });

      it('has a docs URL that resolves to its doc page', () => {
        const url = rule.meta.docs?.url ?? '';
        assert.equal(url, `${DOCS_BASE_URL}${id}.md`);
        const relative = url.replace(/^https:\/\/github\.com\/[^/]+\/[^/]+\/blob\/main\//, '');
        assert.ok(fs.existsSync(path.join(repositoryRoot, relative)), `${relative} does not exist`);
      });

      it('describes every option', () => {
        const schemas = (Array.isArray(rule.meta.schema) ? rule.meta.schema : [rule.meta.schema]) as { properties?: Record<string, { description?: string }> }[];
        for (const schema of schemas) {
          for (const [option, property] of Object.entries(schema.properties ?? {})) {
            assert.ok((property.description ?? '').length > 0, `${id}: option ${option} needs a description`);
          }
        }
      });

      it('is in configs.recommended with its recommended severity', () => {
        assert.equal(plugin.configs.recommended.rules?.[`poolguard/${id}`], rule.meta.docs?.recommended);
        assert.ok(plugin.configs.strict.rules?.[`poolguard/${id}`]);
      });
    });
  }

  it('configs are flat-config objects with the plugin and no files or parser', () => {
    for (const config of [plugin.configs.recommended, plugin.configs.strict]) {
      assert.deepEqual(Object.keys(config).sort(), ['name', 'plugins', 'rules']);
      assert.equal(config.plugins?.poolguard, plugin);
    }
    assert.deepEqual(Object.keys(plugin.configs.recommended.rules ?? {}).sort(), ruleIds.map((id) => `poolguard/${id}`).sort());
  });
});

/** Code snippets of every test file: string and template literals that import or require something. */
function testSnippets(): { code: string; file: string }[] {
  const snippets: { code: string; file: string }[] = [];
  const testsDir = path.join(packageRoot, 'tests');
  const files = fs.readdirSync(testsDir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'));
  for (const file of files) {
    const text = fs.readFileSync(path.join(testsDir, file), 'utf8');
    const { ast } = parser.parseForESLint(text, { range: true, loc: true, filePath: file });
    const visit = (node: TSESTree.Node): void => {
      let code: string | null = null;
      if (node.type === AST_NODE_TYPES.TemplateLiteral && node.expressions.length === 0) code = node.quasis[0].value.cooked ?? null;
      if (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') code = node.value;
      if (code && /\b(?:import|require)\b/.test(code) && code.includes('\n')) snippets.push({ code, file });
      for (const value of Object.values(node)) {
        if (Array.isArray(value)) value.forEach((item) => item && typeof item.type === 'string' && item !== node.parent && visit(item));
        else if (value && typeof value === 'object' && typeof (value as TSESTree.Node).type === 'string' && value !== node.parent) visit(value as TSESTree.Node);
      }
    };
    visit(ast);
  }
  return snippets;
}

describe('meta: every library in the knowledge base is exercised by a test', () => {
  it('each construction of the catalogue is matched in at least one test snippet', function () {
    // Lints every snippet of every test file once: seconds, not milliseconds.
    this.timeout(120_000);
    const seen = new Set<string>();
    const probe = {
      meta: { type: 'problem' as const, schema: [] },
      create(context: { sourceCode: Parameters<typeof matchConstruction>[0] }) {
        const check = (node: Parameters<typeof matchConstruction>[1]): void => {
          const match = matchConstruction(context.sourceCode, node);
          if (match) seen.add(match.construction.id);
        };
        return { NewExpression: check, CallExpression: check };
      },
    };
    const linter = new Linter({ configType: 'flat' });
    const config: Linter.Config[] = [
      {
        files: ['**/*.ts'],
        languageOptions: { parser },
        plugins: { meta: { rules: { probe: probe as unknown as NonNullable<NonNullable<Linter.Config['plugins']>[string]['rules']>[string] } } },
        rules: { 'meta/probe': 'error' },
      },
    ];
    const snippets = testSnippets();
    assert.ok(snippets.length > 50, `expected many test snippets, found ${snippets.length}`);
    for (const snippet of snippets) linter.verify(snippet.code, config, { filename: 'snippet.ts' });
    const missing = constructions.map((construction) => construction.id).filter((id) => !seen.has(id));
    assert.deepEqual(missing, [], `libraries without a test case: ${missing.join(', ')}`);
  });
});
