/**
 * `poolguard.ignore`: globs of files not to lint. They use gitignore syntax (the `ignore` package, already what the
 * CLI uses for `.gitignore`), relative to the workspace folder that contains the file: `generated/`, `*.gen.ts`,
 * `legacy/**`, `!legacy/keep.ts`. A file outside every folder is matched by its path from the file-system root.
 *
 * ESLint's default ignores (`node_modules`, `.git`) always apply, as under `eslint`: PoolGuard never reports on
 * dependencies, even when one is opened in the editor.
 */
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';

import type { WorkspaceFolders } from './workspace-folders';

const DEFAULT_IGNORES: readonly string[] = ['node_modules/', '.git/'];

export class IgnoreGlobs {
  /** Compiled matchers per pattern list; settings change rarely and are shared by all files of a folder. */
  private readonly compiled = new Map<string, Ignore>();

  constructor(private readonly folders: WorkspaceFolders) {}

  isIgnored(filePath: string, patterns: readonly string[]): boolean {
    const folder = this.folders.containing(filePath);
    const base = folder?.path ?? path.parse(filePath).root;
    const relative = path.relative(base, filePath).split(path.sep).join('/');
    // `ignore` throws on paths it cannot take as relative (`''`, `../x`); those are not under any pattern.
    if (relative === '' || relative.startsWith('../')) return false;
    return this.matcher(patterns).ignores(relative);
  }

  private matcher(patterns: readonly string[]): Ignore {
    const key = JSON.stringify(patterns);
    let matcher = this.compiled.get(key);
    if (matcher === undefined) {
      matcher = ignore().add([...DEFAULT_IGNORES, ...patterns]);
      this.compiled.set(key, matcher);
    }
    return matcher;
  }
}
