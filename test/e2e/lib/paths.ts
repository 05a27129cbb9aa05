/** Where things are, from the compiled location test/e2e/dist/lib/. */
import * as path from 'node:path';

export const repositoryRoot = path.resolve(__dirname, '../../../..');
export const e2eRoot = path.join(repositoryRoot, 'test', 'e2e');
/** Installed by scripts/e2e-setup.sh (gitignored). */
export const toolsDirectory = path.join(repositoryRoot, '.e2e');
export const fixtureWorkspace = path.join(e2eRoot, 'fixtures', 'workspace');
/** The compiled in-editor suite, loaded by the extension host (`extensionTestsPath`). */
export const suiteEntry = path.join(e2eRoot, 'dist', 'vscode', 'suite', 'index.js');
/** The packaged extension, built by `npm run package` (which `npm run test:e2e` runs first). */
export const vsixPath = path.join(repositoryRoot, 'poolguard-vscode-0.1.0.vsix');
export const screenshotsDirectory = path.join(repositoryRoot, 'docs', 'images');
export const SETUP_HINT = 'run `bash scripts/e2e-setup.sh` (npm run test:e2e does)';
