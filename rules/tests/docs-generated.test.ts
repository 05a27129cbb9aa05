/**
 * The rules table of `rules/README.md` and the header of every `rules/docs/<id>.md` are generated from the rules'
 * metadata by eslint-doc-generator (`npm run docs -w rules`). Its `--check` mode runs here, against the built plugin,
 * so a rule whose description, config severity or fixability changes without regenerating the docs fails `npm test`.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const packageRoot = path.resolve(__dirname, '../..');

describe('docs: generated README rules table and rule doc headers are up to date', () => {
  it('npm run docs:check -w rules passes (run `npm run docs -w rules` to regenerate)', function () {
    // Loads the plugin and the generator (a few hundred ms), plus npm's own start-up.
    this.timeout(60_000);
    const run = spawnSync('npm', ['run', '--silent', 'docs:check'], { cwd: packageRoot, encoding: 'utf8', timeout: 55_000 });
    assert.equal(
      run.status,
      0,
      `docs are out of date; run \`npm run docs -w rules\` and commit the result.\n${run.error?.message ?? ''}\n${run.stdout}\n${run.stderr}`,
    );
  });

  it('the README lists exactly the registered rules, each linking to its doc page', () => {
    // eslint-doc-generator reads the built plugin; read the same object so the assertion is about what ships.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the built entry point, as the generator loads it
    const plugin = require(path.join(packageRoot, 'dist/src/index.js')) as { rules: Record<string, unknown> };
    const readme = fs.readFileSync(path.join(packageRoot, 'README.md'), 'utf8');
    const table = /<!-- begin auto-generated rules list -->([\s\S]*)<!-- end auto-generated rules list -->/.exec(readme)?.[1] ?? '';
    const linked = [...table.matchAll(/\]\(docs\/([a-z-]+)\.md\)/g)].map((match) => match[1]).sort();
    assert.deepEqual(linked, Object.keys(plugin.rules).sort());
  });
});
