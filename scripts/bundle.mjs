#!/usr/bin/env node
/**
 * Bundles the VS Code extension into two self-contained CommonJS files at the repository root, which is the
 * extension's root (`package.json` is its manifest):
 *   dist/extension.js  the client (client/src/extension.ts); `vscode` is provided by the extension host
 *   dist/server.js     the language server (server/src/lsp/main.ts, as compiled by tsc) with ESLint's Linter, the TS
 *                      parser and the rules
 * The .vsix ships only these two files (see .vscodeignore), so the installed extension needs no node_modules.
 *
 * Usage: node scripts/bundle.mjs [client|server ...]   (default: both)
 * Run `tsc -b` first (`npm run bundle` does): the server and the rules are bundled from their compiled output.
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** @type {esbuild.BuildOptions} */
const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  absWorkingDir: root,
  logLevel: 'warning',
  metafile: true,
  // Nothing to map back to in the .vsix (maps are not shipped); stack traces name the bundled functions instead.
  sourcemap: false,
  // Keep the license headers packages mark as legal (`/*! */`, `@license`): the bundles redistribute their code.
  legalComments: 'eof',
  // Smaller downloads and faster loads (the server is mostly TypeScript, which the parser needs: about 14 MB as
  // written, 6 MB minified). keepNames keeps class and function names in stack traces that reach the output channel.
  minify: true,
  keepNames: true,
};

/** @type {Record<string, esbuild.BuildOptions>} */
const bundles = {
  client: {
    ...common,
    entryPoints: ['client/src/extension.ts'],
    outfile: 'dist/extension.js',
    external: ['vscode'],
  },
  server: {
    ...common,
    // The compiled entry, not the .ts: `cli/version.ts` reads `../../../package.json`, which is the server's
    // package.json only from `server/dist/src/cli/` (from the source it would be the extension's manifest).
    entryPoints: ['server/dist/src/lsp/main.js'],
    outfile: 'dist/server.js',
    // @typescript-eslint/utils loads ESLint's full API, whose config loader imports jiti — but only inside
    // `loadJiti()`, to read an eslint.config.ts. The server lints with an in-memory config and never gets there,
    // so jiti stays out of the bundle (test/packaging.test.ts runs the bundle with no node_modules around it).
    external: ['jiti'],
  },
};

const requested = process.argv.slice(2);
const names = requested.length > 0 ? requested : Object.keys(bundles);
for (const name of names) {
  const options = bundles[name];
  if (options === undefined) {
    console.error(`bundle: unknown bundle '${name}' (expected ${Object.keys(bundles).join(' or ')})`);
    process.exit(2);
  }
  const started = Date.now();
  const result = await esbuild.build(options);
  const bytes = Object.values(result.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
  console.log(`bundle: ${options.outfile} ${(bytes / 1024 / 1024).toFixed(2)} MB in ${Date.now() - started} ms`);
}
