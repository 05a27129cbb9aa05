/** Public entry for the driver knowledge base (`eslint-plugin-poolguard/knowledge`), e.g. for hover text. */
export { allCloseMethods, constructions, wrappers } from './drivers';
export type * from './types';
