/**
 * The CLI's fast path (`resultWithoutLint`): a file that cannot have a finding is answered without ESLint. It must be
 * sound — whenever it answers, the answer is exactly the full lint's — which is checked here on real code: the source
 * files of packages in node_modules, and the same files cut short (mid-keystroke states that do not parse).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { lintText, resultWithoutLint } from '../src/engine';
import { parsesCleanly } from '../src/engine/syntax-gate';
import { PER_REQUEST_SOURCE } from './helpers/cli';

const repositoryRoot = path.resolve(__dirname, '../../..');
/** Packages whose sources mix JS styles (CJS, ESM, classes, async, JSX-free TS output); all installed by `npm ci`. */
const PACKAGES = ['pg', 'pg-pool', 'ioredis/built', 'express/lib', 'undici/lib', 'mocha/lib', 'fast-glob/out', 'vscode-languageserver/lib'];
const EXTENSIONS = new Set(['.js', '.cjs', '.mjs', '.ts', '.mts', '.cts']);
const MAX_BYTES = 100_000;

function sourceFiles(directory: string): string[] {
  if (!fs.existsSync(directory)) return [];
  const files: string[] = [];
  for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') files.push(...sourceFiles(full));
    } else if (EXTENSIONS.has(path.extname(entry.name)) && !entry.name.endsWith('.d.ts') && fs.statSync(full).size <= MAX_BYTES) {
      files.push(full);
    }
  }
  return files.sort();
}

const modules = path.join(repositoryRoot, 'node_modules');
const corpus = PACKAGES.flatMap((name) => sourceFiles(path.join(modules, name)));
/**
 * The name a corpus file is linted under. Not its real path: ESLint ignores everything under node_modules/, so the
 * full lint would answer "nothing" there and the comparison would prove nothing.
 */
const lintName = (file: string): string => path.join(repositoryRoot, 'corpus', path.relative(modules, file));

describe('engine: the fast path for files that cannot have a finding', function () {
  this.timeout(120_000);

  it('answers a driver-free file that parses, with exactly the full lint result', () => {
    const text = "import express from 'express';\nexport const app = express();\n";
    const fast = resultWithoutLint(text, 'src/app.ts');
    assert.ok(fast);
    assert.deepEqual(fast, lintText(text, 'src/app.ts'));
  });

  it('leaves a file with a catalogue import, or a declared factory name, to the full lint', () => {
    assert.equal(resultWithoutLint(PER_REQUEST_SOURCE, 'src/routes.ts'), undefined);
    const factory = "import { createDb } from './db';\nexport const db = createDb();\n";
    assert.ok(resultWithoutLint(factory, 'src/db-user.ts'));
    assert.equal(resultWithoutLint(factory, 'src/db-user.ts', { clientFactories: [{ module: './db', name: 'createDb', kind: 'pool' }] }), undefined);
  });

  it('leaves a file that does not parse to the full lint, which reports the parse error', () => {
    const text = "export const x = ;\n";
    assert.equal(resultWithoutLint(text, 'src/broken.ts'), undefined);
    const [message] = lintText(text, 'src/broken.ts').messages;
    assert.equal(message?.fatal, true);
  });

  it(`is sound on real code: ${PACKAGES.join(', ')} from node_modules`, () => {
    assert.ok(corpus.length > 200, `expected a few hundred files, found ${corpus.length}`);
    let answered = 0;
    for (const file of corpus) {
      const text = fs.readFileSync(file, 'utf8');
      const fast = resultWithoutLint(text, lintName(file));
      if (fast === undefined) continue;
      answered++;
      assert.deepEqual(fast, lintText(text, lintName(file)), file);
    }
    // The point of the fast path: most real files name no driver.
    assert.ok(answered > corpus.length * 0.8, `answered ${answered} of ${corpus.length}`);
  });

  it("agrees with typescript-estree on which real files, cut short, do not parse", () => {
    let cuts = 0;
    // Every 7th file, cut at 5 places each: thousands of mid-keystroke states would take minutes.
    for (const file of corpus.filter((_, index) => index % 7 === 0)) {
      const text = fs.readFileSync(file, 'utf8');
      for (const fraction of [0.13, 0.31, 0.5, 0.77, 0.94]) {
        const cut = text.slice(0, Math.floor(text.length * fraction));
        const fatal = lintText(cut, lintName(file)).messages.some((message) => message.fatal === true);
        assert.equal(parsesCleanly(cut, lintName(file)), !fatal, `${file} cut at ${cut.length} characters`);
        cuts++;
      }
    }
    assert.ok(cuts > 100, `${cuts} cuts`);
  });
});
