/**
 * From a document URI to the file name the engine lints it under. The engine never reads that file — the text comes
 * from the editor — but the name decides the parser's dialect (`.ts` vs `.js`, JSX, CommonJS for `.cjs`) and what
 * the rules see as `context.filename` (Next.js `pages/api/**`, `app/**\/route.ts`).
 */
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { LINTABLE_EXTENSIONS } from '../engine';

/** VS Code's language ids for the files PoolGuard lints, and the extension to give a file name that has none. */
const LANGUAGE_EXTENSIONS: Readonly<Record<string, string>> = {
  javascript: '.js',
  javascriptreact: '.jsx',
  typescript: '.ts',
  typescriptreact: '.tsx',
};

function isLintableName(filePath: string): boolean {
  return LINTABLE_EXTENSIONS.includes(path.extname(filePath));
}

/** The path part of a URI of any scheme; `undefined` when the URI does not parse. */
function pathOfUri(uri: string): string | undefined {
  try {
    const url = new URL(uri);
    if (url.protocol === 'file:') return fileURLToPath(url);
    // `untitled:Untitled-1` and virtual file systems: a stable, absolute stand-in name.
    const name = decodeURIComponent(url.pathname).replace(/^\/+/u, '') || 'untitled';
    return path.resolve(path.sep, url.protocol.replace(/:$/u, ''), name);
  } catch {
    return undefined;
  }
}

/**
 * The file name to lint a document under, or `undefined` when PoolGuard does not lint it (another language, e.g.
 * JSON). A JS/TS document whose name has no lintable extension (`untitled:Untitled-1`, a `Jakefile`) gets the
 * extension of its language appended, so the right parser dialect applies.
 */
export function lintFileName(uri: string, languageId: string | undefined): string | undefined {
  const filePath = pathOfUri(uri);
  if (filePath === undefined) return undefined;
  if (isLintableName(filePath)) return filePath;
  const extension = languageId === undefined ? undefined : LANGUAGE_EXTENSIONS[languageId];
  return extension === undefined ? undefined : `${filePath}${extension}`;
}

/** The file-system path of a `file:` URI; `undefined` for other schemes. */
export function fileSystemPath(uri: string): string | undefined {
  try {
    const url = new URL(uri);
    return url.protocol === 'file:' ? fileURLToPath(url) : undefined;
  } catch {
    return undefined;
  }
}

export function fileUri(filePath: string): string {
  return pathToFileURL(filePath).href;
}
