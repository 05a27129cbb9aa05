/** A throw-away copy of the fixture workspace: the tests apply fixes, save files and write settings into it. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { fixtureWorkspace } from './paths';

export interface TempWorkspace {
  readonly path: string;
  dispose(): void;
}

export function copyFixtureWorkspace(prefix = 'poolguard-e2e-'): TempWorkspace {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const workspace = path.join(root, 'workspace');
  fs.cpSync(fixtureWorkspace, workspace, { recursive: true });
  return { path: workspace, dispose: () => fs.rmSync(root, { recursive: true, force: true }) };
}
