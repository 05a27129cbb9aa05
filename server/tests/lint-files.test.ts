/** The CLI's per-file loop, in-process: per-file failures stay per file. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { lintFiles } from '../src/cli/lint-files';
import { BROKEN_SOURCE, CLEAN_SOURCE, makeTree, removeTrees } from './helpers/cli';

describe('lintFiles', () => {
  after(removeTrees);

  it('an unreadable file is a fatal message on that file; the others are still linted', async () => {
    const root = makeTree({ 'a.js': CLEAN_SOURCE, 'c.ts': BROKEN_SOURCE });
    const missing = path.join(root, 'b.js'); // vanished between selection and reading
    const files = [path.join(root, 'a.js'), missing, path.join(root, 'c.ts')];
    const results = await lintFiles({ files, ignoredFiles: [], ignoredDirectories: [] }, { settings: {}, fix: false });
    assert.deepEqual(results.map((result) => result.filePath), files);
    assert.deepEqual(results[0]?.messages, []);
    assert.equal(results[1]?.messages[0]?.ruleId, null);
    assert.equal(results[1]?.messages[0]?.fatal, true);
    assert.match(results[1]?.messages[0]?.message ?? '', /^Cannot read file: ENOENT/u);
    assert.equal(results[1]?.messages[0]?.line, undefined, 'a file-level notice has no position');
    assert.equal(results[1]?.errorCount, 1);
    assert.match(results[2]?.messages[0]?.message ?? '', /^Parsing error:/u);
  });

  it('with fix, a file is written only when its text changed', async () => {
    const root = makeTree({ 'a.js': CLEAN_SOURCE });
    const file = path.join(root, 'a.js');
    const old = new Date('2020-01-01T00:00:00Z');
    fs.utimesSync(file, old, old);
    await lintFiles({ files: [file], ignoredFiles: [], ignoredDirectories: [] }, { settings: {}, fix: true });
    assert.equal(fs.statSync(file).mtimeMs, old.getTime());
  });
});
