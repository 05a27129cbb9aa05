#!/usr/bin/env node
'use strict';
// Thin launcher: the CLI is compiled TypeScript (built by the workspace's `prepare` on `npm ci`).
require('../dist/src/cli/main.js').main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error) => {
    process.stderr.write(`poolguard: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
