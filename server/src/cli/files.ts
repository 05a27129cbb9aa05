/**
 * Turns the paths on the command line into the files to lint.
 *
 * Ignore rules, and why:
 * - Walking a directory never descends into node_modules, dist, build, out, coverage or .git (at any depth below
 *   the named directory), and drops files matched by `.gitignore`.
 * - `.gitignore` files count from the repository root (the nearest ancestor with a `.git`) down, as git reads
 *   them; outside a repository, from the cwd when the path is inside it, else from the named path itself.
 * - An explicitly named file that `.gitignore` matches is NOT linted. This is ESLint's behaviour for explicitly
 *   named ignored files: it reports one warning, "File ignored because of a matching ignore pattern", and does not
 *   lint the file. We do the same (see `notices.ts`), so a generated or vendored file never fails CI because a
 *   shell glob picked it up. Likewise an explicitly named file without a lintable extension gets ESLint's
 *   "no matching configuration" style warning. An explicitly named directory that `.gitignore` matches yields no
 *   files and a note on stderr.
 * - The skip list above applies only below a walked directory, never to a path the user named: it exists to keep
 *   walks fast and quiet, and naming `build/tools.js` (or running inside a folder called `build`) is deliberate.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fastGlob from 'fast-glob';

import { LINTABLE_EXTENSIONS } from '../engine';
import { UsageError } from './errors';
import { GitignoreMatcher, isInside } from './gitignore';

export const SKIPPED_DIRECTORIES: readonly string[] = ['node_modules', 'dist', 'build', 'out', 'coverage', '.git'];

const LINTABLE_PATTERN = `**/*.{${LINTABLE_EXTENSIONS.map((extension) => extension.slice(1)).join(',')}}`;

export type IgnoreReason = 'gitignore' | 'extension';

export interface FileSelection {
  /** Absolute paths, in command-line order, each directory's files sorted, no duplicates. */
  files: string[];
  /** Explicitly named files that are not linted, with the reason (reported like ESLint's ignored-file warning). */
  ignoredFiles: { filePath: string; reason: IgnoreReason }[];
  /** Explicitly named directories that `.gitignore` matches. */
  ignoredDirectories: string[];
}

export function isLintable(filePath: string): boolean {
  return LINTABLE_EXTENSIONS.includes(path.extname(filePath));
}

/** The nearest ancestor (or self) holding `.git` — a directory, or a file in worktrees and submodules. */
function repositoryRoot(start: string): string | undefined {
  for (let directory = start; ; directory = path.dirname(directory)) {
    if (fs.existsSync(path.join(directory, '.git'))) return directory;
    if (path.dirname(directory) === directory) return undefined;
  }
}

async function statOrExplain(target: string, given: string): Promise<fs.Stats> {
  try {
    return await fs.promises.stat(target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new UsageError(`no such file or directory: '${given}'`);
    throw new UsageError(`cannot access '${given}': ${code ?? String(error)}`);
  }
}

async function walk(directory: string): Promise<string[]> {
  const entries = await fastGlob(LINTABLE_PATTERN, {
    cwd: directory,
    dot: true,
    onlyFiles: true,
    // Symlinked directories can form cycles, so links are not followed (symlinked files are skipped too: their
    // target is linted where it lives, if it is part of a walked tree).
    followSymbolicLinks: false,
    // An unreadable sub-directory must not abort the whole run.
    suppressErrors: true,
    ignore: SKIPPED_DIRECTORIES.map((name) => `**/${name}/**`),
  });
  return entries.sort().map((entry) => path.join(directory, entry));
}

export async function selectFiles(paths: readonly string[], cwd: string): Promise<FileSelection> {
  const selection: FileSelection = { files: [], ignoredFiles: [], ignoredDirectories: [] };
  const seen = new Set<string>();
  const matchers = new Map<string, GitignoreMatcher>();

  const matcherFor = (target: string, namedRoot: string): GitignoreMatcher => {
    const base = repositoryRoot(namedRoot) ?? (isInside(cwd, target) ? cwd : namedRoot);
    let matcher = matchers.get(base);
    if (matcher === undefined) {
      matcher = new GitignoreMatcher(base);
      matchers.set(base, matcher);
    }
    return matcher;
  };
  const add = (filePath: string): void => {
    if (seen.has(filePath)) return;
    seen.add(filePath);
    selection.files.push(filePath);
  };

  // Check every path before linting anything, so a typo fails fast with exit 2.
  const targets = await Promise.all(
    paths.map(async (given) => {
      const target = path.resolve(cwd, given);
      return { given, target, stats: await statOrExplain(target, given) };
    }),
  );

  for (const { given, target, stats } of targets) {
    if (stats.isDirectory()) {
      const matcher = matcherFor(target, target);
      if (matcher.isIgnored(target, true)) {
        selection.ignoredDirectories.push(target);
        continue;
      }
      for (const file of await walk(target)) {
        if (!matcher.isIgnored(file, false)) add(file);
      }
    } else if (!stats.isFile()) {
      // A FIFO or device would block or stream forever when read.
      throw new UsageError(`not a regular file or directory: '${given}'`);
    } else if (!isLintable(target)) {
      selection.ignoredFiles.push({ filePath: target, reason: 'extension' });
    } else if (matcherFor(target, path.dirname(target)).isIgnored(target, false)) {
      selection.ignoredFiles.push({ filePath: target, reason: 'gitignore' });
    } else {
      add(target);
    }
  }
  return selection;
}
