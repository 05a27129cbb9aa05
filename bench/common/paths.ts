/** Where the benchmarks read and write, from the compiled location bench/dist/common/. */
import * as path from 'node:path';

export const repositoryRoot = path.resolve(__dirname, '../../..');
export const benchRoot = path.join(repositoryRoot, 'bench');
/** Downloads, generated corpora, databases and logs (gitignored; safe to delete). */
export const workDirectory = path.join(benchRoot, '.work');
export const benchReadme = path.join(benchRoot, 'README.md');
export const cliBinary = path.join(repositoryRoot, 'server', 'bin', 'poolguard.js');
export const lspBinary = path.join(repositoryRoot, 'server', 'bin', 'poolguard-lsp.js');
