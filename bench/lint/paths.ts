/** Where the lint benchmark reads and writes (on top of ../common/paths). */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { benchRoot, repositoryRoot, workDirectory } from '../common/paths';

/** bench/.work/lint: the scratch npm project, the corpus, ESLint's config, the tools' raw output. */
export const lintDirectory = path.join(workDirectory, 'lint');
export const outputDirectory = path.join(lintDirectory, 'out');
export const eslintConfigPath = path.join(lintDirectory, 'eslint.config.mjs');
export const resultsPath = path.join(benchRoot, 'lint', 'results.json');
export const quickResultsPath = path.join(lintDirectory, 'results-quick.json');

/** The directory of a package as the repository resolves it (the workspace's own node_modules). */
export function packageRoot(name: string): string {
  try {
    return path.dirname(require.resolve(`${name}/package.json`, { paths: [repositoryRoot] }));
  } catch {
    // A package whose `exports` hide package.json: the hoisted location.
    return path.join(repositoryRoot, 'node_modules', ...name.split('/'));
  }
}

export function packageVersion(name: string): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(packageRoot(name), 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}
