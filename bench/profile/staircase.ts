/**
 * The cost of one editor lint, stage by stage, on the same text: from TypeScript's parse (the floor) up to the full
 * PoolGuard lint. Each row adds one layer, so the differences say where the time goes.
 */
import { parse as estreeParse } from '@typescript-eslint/typescript-estree';
import { parseForESLint } from '@typescript-eslint/parser';
import * as path from 'node:path';
import * as ts from 'typescript';

import { repositoryRoot } from '../common/paths';

/** The compiled engine, loaded by path: bench/dist/ is not where server/src/ would resolve relatively. */
type EngineModule = typeof import('../../server/src/engine');
const { createEngine } = require(path.join(repositoryRoot, 'server', 'dist', 'src', 'engine')) as EngineModule;

export interface Stage {
  readonly name: string;
  readonly what: string;
  readonly run: (text: string) => unknown;
}

export function stages(fileName: string): Stage[] {
  const engine = createEngine();
  return [
    {
      name: '`ts.createSourceFile`',
      what: 'TypeScript parse: the floor',
      run: (text) => ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS),
    },
    {
      name: 'typescript-estree, no tokens/comments',
      what: '+ conversion to ESTree',
      run: (text) => estreeParse(text, { filePath: fileName, loc: true, range: true, tokens: false, comment: false }),
    },
    {
      name: 'typescript-estree, with tokens/comments',
      what: '+ the token list ESLint requires',
      run: (text) => estreeParse(text, { filePath: fileName, loc: true, range: true, tokens: true, comment: true }),
    },
    {
      name: '`parseForESLint`',
      what: '+ scope analysis',
      run: (text) => parseForESLint(text, { filePath: fileName, range: true, loc: true, tokens: true, comment: true, sourceType: 'module', ecmaVersion: 'latest' }),
    },
    {
      name: 'ESLint `Linter.verify`, no rules',
      what: "+ ESLint's own per-file work (SourceCode, traversal, code paths, directives)",
      // The engine's own Linter and config with every rule off.
      run: (text) => engine.parse(text, fileName),
    },
    {
      name: 'PoolGuard editor lint (6 rules)',
      what: "+ PoolGuard's rules: the language server's lint",
      run: (text) => engine.lintForEditor(text, fileName, {}),
    },
  ];
}
