/** The workspace folders the client reported (initialize, then `workspace/didChangeWorkspaceFolders`). */
import * as path from 'node:path';

import type { WorkspaceFolder, WorkspaceFoldersChangeEvent } from 'vscode-languageserver';

import { fileSystemPath } from './document-paths';

export interface Folder {
  readonly uri: string;
  /** File-system path; folders of other schemes are kept out (nothing to walk, nothing to resolve against). */
  readonly path: string;
}

export class WorkspaceFolders {
  private folders: Folder[] = [];

  constructor(initial: readonly WorkspaceFolder[]) {
    this.add(initial);
  }

  get all(): readonly Folder[] {
    return this.folders;
  }

  update(event: WorkspaceFoldersChangeEvent): void {
    const removed = new Set(event.removed.map((folder) => folder.uri));
    this.folders = this.folders.filter((folder) => !removed.has(folder.uri));
    this.add(event.added);
  }

  /** The innermost folder that contains `filePath` (nested folders exist in multi-root workspaces). */
  containing(filePath: string): Folder | undefined {
    let best: Folder | undefined;
    for (const folder of this.folders) {
      const relative = path.relative(folder.path, filePath);
      const inside = relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
      if (inside && (best === undefined || folder.path.length > best.path.length)) best = folder;
    }
    return best;
  }

  private add(folders: readonly WorkspaceFolder[]): void {
    for (const folder of folders) {
      const folderPath = fileSystemPath(folder.uri);
      if (folderPath !== undefined && !this.folders.some((known) => known.uri === folder.uri)) {
        this.folders.push({ uri: folder.uri, path: folderPath });
      }
    }
  }
}
