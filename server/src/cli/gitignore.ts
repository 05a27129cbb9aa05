/**
 * `.gitignore` matching with git's semantics, using the `ignore` package for the patterns themselves:
 * - each `.gitignore` applies to paths relative to its own directory;
 * - a deeper `.gitignore` overrides a shallower one (`!keep.js` in `src/.gitignore` re-includes a file);
 * - nothing inside an ignored directory can be re-included, whatever deeper files say.
 * Files are read lazily, once per directory.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';

function toPosix(relative: string): string {
  return relative.split(path.sep).join('/');
}

/** True when `child` is `parent` or inside it. */
export function isInside(parent: string, child: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

export class GitignoreMatcher {
  private readonly rules = new Map<string, Ignore | null>();
  private readonly directoryVerdicts = new Map<string, boolean>();

  /** @param base the top directory whose `.gitignore` (and those below it) count, e.g. the repository root. */
  constructor(private readonly base: string) {}

  /** Whether `target` (absolute, inside `base`) is ignored, by its own patterns or through an ignored ancestor. */
  isIgnored(target: string, isDirectory: boolean): boolean {
    if (!isInside(this.base, target) || target === this.base) return false;
    const parent = path.dirname(target);
    if (parent !== this.base && this.isIgnored(parent, true)) return true;
    if (!isDirectory) return this.matches(target, false);
    let verdict = this.directoryVerdicts.get(target);
    if (verdict === undefined) {
      verdict = this.matches(target, true);
      this.directoryVerdicts.set(target, verdict);
    }
    return verdict;
  }

  /** The deepest `.gitignore` with a matching (or negating) pattern decides, as in git. */
  private matches(target: string, isDirectory: boolean): boolean {
    for (let directory = path.dirname(target); isInside(this.base, directory); directory = path.dirname(directory)) {
      const rules = this.rulesOf(directory);
      if (rules !== null) {
        const relative = toPosix(path.relative(directory, target)) + (isDirectory ? '/' : '');
        const { ignored, unignored } = rules.test(relative);
        if (ignored) return true;
        if (unignored) return false;
      }
      if (directory === this.base) break;
    }
    return false;
  }

  private rulesOf(directory: string): Ignore | null {
    let rules = this.rules.get(directory);
    if (rules === undefined) {
      rules = readGitignore(path.join(directory, '.gitignore'));
      this.rules.set(directory, rules);
    }
    return rules;
  }
}

/** A missing or unreadable `.gitignore` ignores nothing; it must never stop a lint run. */
function readGitignore(file: string): Ignore | null {
  try {
    return ignore().add(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}
