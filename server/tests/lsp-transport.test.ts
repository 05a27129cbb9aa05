/** `poolguard-lsp` as a program: both transports an editor uses, and the command line without one. */
import * as assert from 'node:assert/strict';
import { fork, spawnSync } from 'node:child_process';

import { createMessageConnection, IPCMessageReader, IPCMessageWriter } from 'vscode-jsonrpc/node';
import {
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol';

import { PER_REQUEST_SOURCE } from './helpers/cli';
import { clientCapabilities, LSP_BIN, uriOf } from './helpers/lsp-client';

describe('poolguard-lsp', function () {
  this.timeout(60_000);

  it('serves over --node-ipc (the VS Code client’s transport)', async () => {
    const child = fork(LSP_BIN, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    const connection = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    const uri = uriOf('src/ipc.ts');
    const published = new Promise<PublishDiagnosticsParams>((resolve) => connection.onNotification(PublishDiagnosticsNotification.type, resolve));
    connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => ({})));
    connection.onRequest('client/registerCapability', () => undefined);
    connection.listen();
    try {
      const result = await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: clientCapabilities({}), workspaceFolders: null });
      assert.equal(result.serverInfo?.name, 'poolguard');
      await connection.sendNotification(InitializedNotification.type, {});
      await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'typescript', version: 1, text: PER_REQUEST_SOURCE } });
      const params = await published;
      assert.deepEqual(params.diagnostics.map((diagnostic) => diagnostic.code), ['poolguard/no-client-per-request']);
      await connection.sendRequest(ShutdownRequest.type);
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      await connection.sendNotification(ExitNotification.type);
      assert.equal(await exited, 0);
    } finally {
      connection.dispose();
      child.kill();
    }
  });

  it('without a transport prints its usage and exits 2; --version prints the version', () => {
    const bare = spawnSync(process.execPath, [LSP_BIN], { encoding: 'utf8' });
    assert.equal(bare.status, 2);
    assert.match(bare.stderr, /^Usage: poolguard-lsp --stdio \| --node-ipc/u);
    assert.equal(bare.stdout, '');
    const version = spawnSync(process.execPath, [LSP_BIN, '--version'], { encoding: 'utf8' });
    assert.equal(version.status, 0);
    assert.match(version.stdout, /^\d+\.\d+\.\d+\n$/u);
  });
});
