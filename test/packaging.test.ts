/**
 * The VS Code extension as it ships: `npm run package` builds the .vsix, which must hold only the two bundles and
 * the docs, and the server bundle taken out of it must work on its own (no node_modules next to it) as a real LSP
 * server over stdio. VS Code itself cannot run here; the client is covered by type-checking and the manifest tests.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { builtinModules } from 'node:module';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

import {
  createMessageConnection,
  IPCMessageReader,
  IPCMessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import type {
  ConfigurationParams,
  Diagnostic,
  DocumentDiagnosticReport,
  InitializeResult,
  PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol';

import { extractZipEntry, readZipEntries, type ZipEntry } from './helpers/zip';

const repositoryRoot = path.resolve(__dirname, '../..');
const manifest = JSON.parse(fs.readFileSync(path.join(repositoryRoot, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  contributes: { configuration: { properties: Record<string, { default?: unknown }> } };
};
const vsixPath = path.join(repositoryRoot, `${manifest.name}-${manifest.version}.vsix`);

const MAX_VSIX_BYTES = 10 * 1024 * 1024;

/** What the .vsix may contain: the bundles, the manifest, the docs, and vsce's own two files. */
const EXPECTED_ENTRIES = [
  '[Content_Types].xml',
  'extension.vsixmanifest',
  'extension/LICENSE.txt',
  'extension/dist/extension.js',
  'extension/dist/server.js',
  'extension/package.json',
  'extension/readme.md',
];

describe('VS Code extension package (npm run package)', function () {
  // tsc -b (a no-op after `npm test`'s build), two esbuild bundles and vsce: about 5 s warm, more on a cold cache.
  this.timeout(300_000);

  let vsix: Buffer;
  let entries: ZipEntry[];

  before(() => {
    fs.rmSync(vsixPath, { force: true });
    const run = spawnSync('npm', ['run', 'package'], { cwd: repositoryRoot, encoding: 'utf8', timeout: 280_000 });
    assert.equal(run.status, 0, `npm run package failed (${run.error?.message ?? `exit ${run.status}`}):\n${run.stdout}\n${run.stderr}`);
    vsix = fs.readFileSync(vsixPath);
    entries = readZipEntries(vsix);
  });

  it(`writes ${path.basename(vsixPath)} at the repository root, under 10 MB`, () => {
    assert.ok(vsix.length < MAX_VSIX_BYTES, `${vsix.length} bytes`);
  });

  it('contains exactly the two bundles, package.json, README and LICENSE', () => {
    assert.deepEqual(entries.map((entry) => entry.name).sort(), EXPECTED_ENTRIES);
  });

  it('ships self-contained bundles: they load only Node built-ins (and the client, vscode)', () => {
    const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
    const allowed: Record<string, Set<string>> = {
      'extension/dist/extension.js': new Set(['vscode']),
      'extension/dist/server.js': new Set([
        // ESLint's config loader imports jiti only to load an eslint.config.ts, which the server never does (it
        // lints with an in-memory config), so the bundle leaves it external rather than ship it.
        'jiti',
        'jiti/package.json',
        // TypeScript's `sys` tries it inside a try/catch, for source maps in its own stack traces.
        'source-map-support',
      ]),
    };
    for (const [name, extra] of Object.entries(allowed)) {
      const text = extractZipEntry(vsix, entryNamed(entries, name)).toString('utf8');
      // Literal specifiers only: `import("${x}")` in a template or a message is not a module the bundle loads.
      const specifiers = text.matchAll(/\b(?:require|import)\("([^"${}]+)"\)/g);
      const required = new Set([...specifiers].map((match) => match[1] ?? ''));
      const unexpected = [...required].filter((id) => !builtins.has(id) && !extra.has(id));
      assert.deepEqual(unexpected, [], `${name} requires modules that are not in the .vsix`);
    }
  });

  describe('the bundled language server, run from the .vsix alone', () => {
    let directory: string;
    let server: ChildProcessWithoutNullStreams;
    let connection: MessageConnection;
    let stderr = '';
    const published = new Map<string, Diagnostic[]>();
    const publishedListeners = new Set<() => void>();

    before(() => {
      // A temp directory has no node_modules above it: whatever the bundle needs must be inside it.
      directory = fs.mkdtempSync(path.join(os.tmpdir(), 'poolguard-vsix-'));
      fs.writeFileSync(path.join(directory, 'server.js'), extractZipEntry(vsix, entryNamed(entries, 'extension/dist/server.js')));
      server = spawn(process.execPath, ['server.js', '--stdio'], { cwd: directory, stdio: 'pipe' });
      server.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      connection = createMessageConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
      // Answer as VS Code would with the contributed defaults, linting at once rather than after the debounce.
      connection.onRequest('workspace/configuration', (params: ConfigurationParams) =>
        params.items.map((item) => (item.section === 'poolguard' || item.section === undefined ? poolguardSettings() : null)),
      );
      connection.onRequest('client/registerCapability', () => null);
      connection.onRequest('client/unregisterCapability', () => null);
      connection.onRequest('window/workDoneProgress/create', () => null);
      connection.onRequest('workspace/diagnostic/refresh', () => null);
      connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
        published.set(params.uri, params.diagnostics);
        for (const listener of publishedListeners) listener();
      });
      connection.listen();
    });

    after(async function () {
      this.timeout(10_000);
      const exited = new Promise<void>((resolve) => {
        if (server.exitCode !== null || server.signalCode !== null) resolve();
        else server.once('exit', () => resolve());
      });
      try {
        await withTimeout(connection.sendRequest('shutdown'), 5_000, 'shutdown');
        await connection.sendNotification('exit');
        await withTimeout(exited, 5_000, 'exit after the exit notification');
      } finally {
        connection.dispose();
        if (server.exitCode === null && server.signalCode === null) server.kill();
        fs.rmSync(directory, { recursive: true, force: true });
      }
    });

    let capabilities: InitializeResult['capabilities'];

    it('answers initialize with its capabilities', async () => {
      const result = await withTimeout(
        connection.sendRequest<InitializeResult>('initialize', {
          processId: process.pid,
          rootUri: pathToFileURL(directory).href,
          workspaceFolders: [{ uri: pathToFileURL(directory).href, name: 'vsix' }],
          capabilities: {
            workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: true } },
            textDocument: {
              synchronization: { didSave: true },
              publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true },
              diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
              codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } } },
              hover: { contentFormat: ['markdown', 'plaintext'] },
            },
          },
        }),
        20_000,
        () => `initialize (server stderr: ${stderr})`,
      );
      capabilities = result.capabilities;
      const server = JSON.parse(fs.readFileSync(path.join(repositoryRoot, 'server/package.json'), 'utf8')) as { version: string };
      assert.deepEqual(result.serverInfo, { name: 'poolguard', version: server.version });
      assert.ok(capabilities.textDocumentSync !== undefined, 'textDocumentSync');
      assert.ok(capabilities.codeActionProvider, 'codeActionProvider');
      assert.ok(capabilities.hoverProvider, 'hoverProvider');
      assert.ok(
        capabilities.executeCommandProvider?.commands.includes('poolguard.server.lintWorkspace'),
        `executeCommandProvider: ${JSON.stringify(capabilities.executeCommandProvider)}`,
      );
      await connection.sendNotification('initialized', {});
    });

    it('reports poolguard/no-client-per-request for a Redis client built in an Express route', async () => {
      assert.ok(capabilities, 'initialize ran');
      const file = path.join(directory, 'app.ts');
      const text = [
        "import express from 'express';",
        "import Redis from 'ioredis';",
        '',
        'const app = express();',
        '',
        "app.get('/users/:id', async (req, res) => {",
        '  const redis = new Redis();',
        '  res.json(await redis.get(`user:${req.params.id}`));',
        '});',
        '',
        'app.listen(3000);',
        '',
      ].join('\n');
      fs.writeFileSync(file, text);
      const uri = pathToFileURL(file).href;
      await connection.sendNotification('textDocument/didOpen', {
        textDocument: { uri, languageId: 'typescript', version: 1, text },
      });

      const diagnostics = await withTimeout(diagnosticsFor(uri), 20_000, () => `diagnostics for app.ts (server stderr: ${stderr})`);
      const finding = diagnostics.find((diagnostic) => diagnostic.code === 'poolguard/no-client-per-request');
      assert.ok(finding, JSON.stringify(diagnostics));
      assert.equal(finding.source, 'poolguard');
      // `new Redis()` on line 7, column 17 (1-based): LSP positions are 0-based.
      assert.deepEqual(finding.range.start, { line: 6, character: 16 });
    });

    it('also starts the way the VS Code client starts it: --node-ipc over an IPC channel', async () => {
      // What vscode-languageclient does for `TransportKind.ipc` (client/src/client.ts): spawn with an 'ipc' stdio slot.
      const child = spawn(process.execPath, ['server.js', '--node-ipc', `--clientProcessId=${process.pid}`], {
        cwd: directory,
        stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
      });
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      const ipc = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
      ipc.listen();
      try {
        const result = await withTimeout(
          ipc.sendRequest<InitializeResult>('initialize', { processId: process.pid, rootUri: null, capabilities: {} }),
          20_000,
          'initialize over IPC',
        );
        assert.equal(result.serverInfo?.name, 'poolguard');
        await ipc.sendRequest('shutdown');
        await ipc.sendNotification('exit');
        assert.equal(await withTimeout(exited, 5_000, 'exit over IPC'), 0);
      } finally {
        ipc.dispose();
        if (child.exitCode === null && child.signalCode === null) child.kill();
      }
    });

    /** Pulls when the server offers pull diagnostics (what VS Code does then), else waits for a push. */
    async function diagnosticsFor(uri: string): Promise<Diagnostic[]> {
      if (capabilities.diagnosticProvider !== undefined) {
        const report = await connection.sendRequest<DocumentDiagnosticReport>('textDocument/diagnostic', {
          textDocument: { uri },
        });
        assert.equal(report.kind, 'full');
        return report.items;
      }
      return new Promise((resolve) => {
        const check = (): void => {
          const diagnostics = published.get(uri);
          if (diagnostics !== undefined && diagnostics.length > 0) {
            publishedListeners.delete(check);
            resolve(diagnostics);
          }
        };
        publishedListeners.add(check);
        check();
      });
    }
  });
});

/** The `poolguard` section as VS Code sends it with no user settings: the manifest's defaults, nested by dots. */
function poolguardSettings(): Record<string, unknown> {
  const settings: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(manifest.contributes.configuration.properties)) {
    const parts = key.split('.').slice(1);
    let target = settings;
    for (const part of parts.slice(0, -1)) target = (target[part] ??= {}) as Record<string, unknown>;
    target[parts.at(-1) ?? ''] = schema.default;
  }
  return { ...settings, debounceMs: 0 };
}

function entryNamed(entries: ZipEntry[], name: string): ZipEntry {
  const entry = entries.find((candidate) => candidate.name === name);
  assert.ok(entry, `${name} is in the .vsix`);
  return entry;
}

/** `what` may be a function, to describe the wait with what is known when it times out (e.g. the server's stderr). */
function withTimeout<T>(promise: Promise<T>, milliseconds: number, what: string | (() => string)): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const description = typeof what === 'string' ? what : what();
      reject(new Error(`timed out after ${milliseconds} ms waiting for ${description}`));
    }, milliseconds);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
