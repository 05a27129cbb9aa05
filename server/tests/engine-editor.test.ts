/** The engine API the language server adds: related locations, rule options, shared factories, parse, option checks. */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';

import { createConfigBuilder } from '../src/engine/config';
import { createEngine, lintText, poolguardPlugin, relatedKey } from '../src/engine';
import { PER_REQUEST_SOURCE } from './helpers/cli';

const FILE = path.resolve('/project/src/app.ts');

describe('engine: editor API', () => {
  const engine = createEngine();

  it('lintForEditor returns the lint result plus the handler of each per-request finding', () => {
    const { result, related } = engine.lintForEditor(PER_REQUEST_SOURCE, FILE);
    assert.deepEqual(result, lintText(PER_REQUEST_SOURCE, FILE), 'the same result as the CLI gets');
    const [finding] = result.messages;
    assert.ok(finding?.ruleId);
    assert.deepEqual(related.get(relatedKey({ ruleId: finding.ruleId, line: finding.line, column: finding.column })), [
      { line: 4, column: 14, endLine: 4, endColumn: 70, message: 'The route handler GET / runs this construction on every request.' },
    ]);
    // Collected per call: a second lint does not accumulate the first one's locations.
    assert.equal(engine.lintForEditor(PER_REQUEST_SOURCE, FILE).related.size, 1);
    assert.equal(engine.lintForEditor('export {};', FILE).related.size, 0);
  });

  it('ruleOptions replace a rule’s options and keep its severity', () => {
    const text = "import { Pool } from 'pg';\nexport const pool = new Pool();\n";
    assert.deepEqual(engine.lintText(text, FILE).messages, []);
    const strict = engine.lintText(text, FILE, { ruleOptions: { 'require-pool-limit': [{ requireExplicit: true }] } });
    assert.deepEqual(strict.messages.map((message) => [message.ruleId, message.severity]), [['poolguard/require-pool-limit', 1]]);
  });

  it('clientFactories reach the rules through shared settings and are part of the config cache key', () => {
    const build = createConfigBuilder(poolguardPlugin);
    const factories = [{ module: './db', name: 'createDb', kind: 'pool' as const }];
    assert.notEqual(build({}), build({ clientFactories: factories }));
    assert.equal(build({ clientFactories: factories }), build({ clientFactories: [{ ...factories[0]! }] }));
    assert.equal(build({})[0]?.settings, undefined, 'the CLI config has no shared settings');
    const text = "import express from 'express';\nimport { createDb } from './db';\nconst app = express();\napp.get('/', (req, res) => { const db = createDb(); res.send(db); });\n";
    assert.equal(engine.lintText(text, FILE, { clientFactories: factories }).messages.length, 1);
  });

  it('parse returns the SourceCode of a parsable text only', () => {
    assert.equal(engine.parse(PER_REQUEST_SOURCE, FILE)?.ast.type, 'Program');
    assert.equal(engine.parse('const = 1;', FILE), undefined);
  });

  it('ruleOptionsProblem explains options the rule’s schema rejects', () => {
    assert.equal(engine.ruleOptionsProblem('poolguard/require-pool-limit', [{ requireExplicit: true }]), undefined);
    assert.match(engine.ruleOptionsProblem('poolguard/require-pool-limit', [{ requireExplicit: 'yes' }]) ?? '', /poolguard\/require-pool-limit.*"yes" should be boolean/u);
  });
});
