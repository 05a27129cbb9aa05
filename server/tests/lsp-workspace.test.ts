/** `poolguard.server.lintWorkspace`: every lintable file of the folders, published, with progress. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

import { PER_REQUEST_SOURCE, makeTree, removeTrees } from './helpers/cli';
import { LspTestClient } from './helpers/lsp-client';
import { PER_REQUEST, POOL_LIMIT } from './helpers/lsp-text';

const AGENT_SOURCE = "import { Agent } from 'undici';\nexport const agent = new Agent();\n";

function workspace(): string {
  const root = makeTree({
    '.gitignore': 'ignored-by-git/\n',
    'src/app.ts': PER_REQUEST_SOURCE,
    'src/agent.js': AGENT_SOURCE.replace("import { Agent } from 'undici';", "const { Agent } = require('undici');"),
    'src/clean.ts': 'export const x = 1;\n',
    'src/open.ts': PER_REQUEST_SOURCE,
    'src/notes.md': 'new Pool()',
    'node_modules/dep/index.js': AGENT_SOURCE,
    'dist/out.js': AGENT_SOURCE,
    'ignored-by-git/a.ts': AGENT_SOURCE,
    'generated/b.ts': AGENT_SOURCE,
  });
  fs.mkdirSync(path.join(root, '.git'));
  return root;
}

const LINT_WORKSPACE = 'poolguard.server.lintWorkspace';

describe('lsp: lint workspace command', function () {
  this.timeout(60_000);
  after(removeTrees);

  it('is declared, lints every lintable file once with progress, and skips open, ignored and skipped files', async () => {
    const root = workspace();
    const uri = (relative: string): string => pathToFileURL(path.join(root, relative)).href;
    const client = await LspTestClient.start({ workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'ws' }], settings: () => ({ ignore: ['generated/'] }) });
    try {
      assert.deepEqual(client.initializeResult?.capabilities.executeCommandProvider?.commands, [LINT_WORKSPACE]);
      // Open with other text than on disk: the editor's text wins, the workspace lint leaves it alone.
      await client.open(uri('src/open.ts'), 'export const edited = true;\n');
      assert.deepEqual(await client.diagnosticsOf(uri('src/open.ts'), 1), []);
      const since = client.diagnostics.items.length;

      const summary = await client.executeCommand(LINT_WORKSPACE);
      assert.deepEqual(summary, { files: 3, errors: 1, warnings: 1, cancelled: false });

      const published = client.diagnostics.items.slice(since).map((params) => [path.relative(root, new URL(params.uri).pathname), params.diagnostics.map((diagnostic) => diagnostic.code)]);
      assert.deepEqual(published.sort(), [
        ['src/agent.js', [POOL_LIMIT]],
        ['src/app.ts', [PER_REQUEST]],
        ['src/clean.ts', []],
      ]);
      const app = client.diagnostics.items.slice(since).find((params) => params.uri === uri('src/app.ts'));
      assert.equal(app?.version, undefined, 'a file that is not open has no version');
      assert.deepEqual((app?.diagnostics[0]?.data as { version: unknown }).version, null);

      assert.equal(client.progressCreations.items.length, 1, 'window/workDoneProgress/create');
      const token = client.progressCreations.items[0];
      const kinds = client.progress.items.filter((params) => params.token === token).map((params) => params.value.kind);
      assert.equal(kinds[0], 'begin');
      assert.equal(kinds[kinds.length - 1], 'end');
      assert.ok(kinds.filter((kind) => kind === 'report').length >= 3);
    } finally {
      await client.stop();
    }
  });

  it('for a pull client, opening a file clears what the workspace lint pushed for it', async () => {
    const root = workspace();
    const appUri = pathToFileURL(path.join(root, 'src/app.ts')).href;
    const client = await LspTestClient.start({ pull: true, workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'ws' }] });
    try {
      await client.executeCommand(LINT_WORKSPACE);
      assert.equal((await client.waitForDiagnostics(appUri)).diagnostics.length, 1);
      const since = client.diagnostics.items.length;
      await client.open(appUri, PER_REQUEST_SOURCE);
      assert.deepEqual(await client.waitForDiagnostics(appUri, () => true, since), { uri: appUri, diagnostics: [] });
      const report = await client.pull(appUri);
      assert.equal(report.kind === 'full' ? report.items.length : -1, 1, 'from now on pulled');
    } finally {
      await client.stop();
    }
  });
});
