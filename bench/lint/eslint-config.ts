/**
 * ESLint's side of the comparison: a flat config in bench/.work/lint with eslint-plugin-poolguard's recommended
 * rules and typescript-eslint's parser (no type information), set up exactly like the engine's in-memory config
 * (server/src/engine/config.ts: `ecmaVersion: 'latest'`, `sourceType: 'module'` and `commonjs` for .cjs/.cts, JSX
 * in .js, unused-disable-directive reports off), so both run the same rules on the same ASTs. Parser and plugin
 * are the repository's own (resolved from its node_modules), the same modules the CLI loads.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { eslintConfigPath, packageRoot } from './paths';

export function writeEslintConfig(): string {
  const parser = require.resolve('@typescript-eslint/parser', { paths: [packageRoot('@typescript-eslint/parser')] });
  const plugin = path.join(packageRoot('eslint-plugin-poolguard'));
  const text = `// Written by bench/lint (do not edit): ESLint + eslint-plugin-poolguard, set up like PoolGuard's engine.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const tsParser = require(${JSON.stringify(parser)});
const poolguard = require(${JSON.stringify(plugin)});

export default [
  {
    name: 'bench/poolguard',
    files: ['**/*.{js,cjs,mjs,jsx,ts,cts,mts,tsx}'],
    languageOptions: {
      parser: tsParser,
      ecmaVersion: 'latest',
      sourceType: 'module',
      parserOptions: { ecmaFeatures: { jsx: true } },
    },
    plugins: { poolguard },
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    rules: { ...poolguard.configs.recommended.rules },
  },
  { name: 'bench/poolguard-commonjs', files: ['**/*.{cjs,cts}'], languageOptions: { sourceType: 'commonjs' } },
];
`;
  fs.mkdirSync(path.dirname(eslintConfigPath), { recursive: true });
  fs.writeFileSync(eslintConfigPath, text);
  return eslintConfigPath;
}

export function eslintBinary(): string {
  return path.join(packageRoot('eslint'), 'bin', 'eslint.js');
}
