/** The CLI's version: the `poolguard` package's, read at run time so it has one source. */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- package.json sits outside rootDir
const { version } = require('../../../package.json') as { version: string };

export const POOLGUARD_VERSION: string = version;
