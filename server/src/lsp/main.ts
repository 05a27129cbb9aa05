/**
 * Entry point of `poolguard-lsp` (and of the bundled `dist/server.js`): starts the language server when executed.
 *
 *   poolguard-lsp --stdio | --node-ipc | --socket=<port> | --pipe=<name>
 *
 * Everything is in-process and static: the engine runs the bundled rules through ESLint's `Linter` with an in-memory
 * config, and nothing is loaded from the workspace, so the server is safe in untrusted workspaces (spec §4).
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';

import { POOLGUARD_VERSION } from '../cli/version';
import { createEngine } from '../engine';
import { describeError } from './logging';
import { startServer } from './server';
import { serverPlugin } from './test-hooks';

const USAGE = `Usage: poolguard-lsp --stdio | --node-ipc | --socket=<port> | --pipe=<name>

The PoolGuard language server. Editors start it; it speaks the Language Server Protocol on the given transport.
`;

const TRANSPORTS = ['--stdio', '--node-ipc', '--socket', '--pipe'];

function hasTransport(argv: readonly string[]): boolean {
  return argv.some((arg) => TRANSPORTS.includes(arg.split('=', 1)[0] ?? arg));
}

function main(argv: readonly string[]): void {
  if (argv.includes('--version')) {
    process.stdout.write(`${POOLGUARD_VERSION}\n`);
    return;
  }
  if (argv.includes('--help') || !hasTransport(argv)) {
    // Without a transport, vscode-languageserver would throw a stack trace; a usage line is the friendlier answer.
    process.stderr.write(USAGE);
    process.exitCode = argv.includes('--help') ? 0 : 2;
    return;
  }

  const connection = createConnection(ProposedFeatures.all);
  // The last line of defence: a throw outside every handler is logged, and the server keeps serving (spec §5).
  process.on('uncaughtException', (error) => connection.console.error(`PoolGuard: uncaught exception: ${describeError(error)}`));
  process.on('unhandledRejection', (reason) => connection.console.error(`PoolGuard: unhandled rejection: ${describeError(reason)}`));
  startServer(connection, { engine: createEngine(serverPlugin()) });
}

main(process.argv.slice(2));
