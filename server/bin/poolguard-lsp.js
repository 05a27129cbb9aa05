#!/usr/bin/env node
'use strict';
// Thin launcher: the language server is compiled TypeScript (built by the workspace's `prepare` on `npm ci`);
// requiring its entry point starts it. Usage: poolguard-lsp --stdio | --node-ipc
require('../dist/src/lsp/main.js');
