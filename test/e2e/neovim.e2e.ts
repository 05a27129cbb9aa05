/**
 * PoolGuard's language server in a real non-VS-Code client: Neovim 0.7 (Debian 12's), configured with nothing but
 * the README's "Neovim 0.7–0.10" block, taken verbatim from README.md (the block after the marker comment
 * `<!-- neovim-0.7-config: … -->`) and loaded as the init file. `poolguard-lsp` resolves from PATH, as the README
 * tells users to arrange (here: the repository's node_modules/.bin, where the `poolguard` workspace links it).
 *
 * test/e2e/neovim/driver.lua drives the editor and writes a JSON report of what it saw; the assertions are here,
 * so a failure shows the expected and the actual value.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { HOIST_TITLE as PREFERRED_TITLE, HOISTED_TEXT as FIXED_TEXT } from './lib/expected';
import { e2eRoot, repositoryRoot, SETUP_HINT } from './lib/paths';
import { spawnGroup, withTimeout } from './lib/processes';
import { copyFixtureWorkspace, type TempWorkspace } from './lib/workspace';

const README = path.join(repositoryRoot, 'README.md');
const README_MARKER = '<!-- neovim-0.7-config: tested by test/e2e/neovim.e2e.ts -->';
const DRIVER = path.join(e2eRoot, 'neovim', 'driver.lua');
const NODE_BIN = path.join(repositoryRoot, 'node_modules', '.bin');
const LANGUAGE_SERVER = path.join(NODE_BIN, 'poolguard-lsp');
const NVIM_TIMEOUT_MS = 60_000;

const RULE = 'poolguard/no-client-per-request';
/** Constructs a client (else the server's prefilter skips the file without parsing it), then fails to parse. */
const BROKEN_TEXT = `import Redis from 'ioredis';

export const redis = new Redis({ host: 'cache' });
const x = ;
`;

/** What the tests compare of a diagnostic (the message is checked on its own). */
interface ShownDiagnostic {
  lnum: number;
  col: number;
  severity: string;
  source: string | undefined;
  code: string | undefined;
}

/** The JSON report of driver.lua (Lua nil fields are absent). */
interface ReportDiagnostic extends ShownDiagnostic {
  end_lnum: number;
  end_col: number;
  message: string;
}

interface ReportClient {
  count: number;
  id: number;
  root_dir: string;
  cmd: string[];
  settings: unknown;
}

interface ReportAction {
  title: string;
  kind?: string;
  isPreferred: boolean;
  has_edit: boolean;
}

interface NeovimReport {
  scenario: string;
  nvim: string;
  error?: string;
  clients_stopped: boolean;
  clients?: Record<string, ReportClient>;
  clients_seen?: unknown;
  same_client?: boolean;
  // quick-fix
  filetype?: string;
  diagnostics?: ReportDiagnostic[];
  actions?: ReportAction[];
  applied?: string;
  text_after_fix?: string;
  diagnostics_after_fix?: ReportDiagnostic[];
  settings_diagnostics?: ReportDiagnostic[];
  // parse-error
  broken_diagnostics?: ReportDiagnostic[];
  repaired_text?: string;
  repaired_diagnostics?: ReportDiagnostic[];
  other_diagnostics?: ReportDiagnostic[];
  client_alive?: boolean;
}

interface NeovimRun {
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly timedOut: boolean;
  readonly report: NeovimReport | undefined;
  /** Everything a failure message should show: exit, report, Neovim's output, the LSP log. */
  readonly context: string;
}

/** The body of the fenced block right after `marker` in a Markdown text (the marker line, then the opening fence). */
function fencedBlockAfter(markdown: string, marker: string, language: string): string {
  const lines = markdown.split(/\r?\n/);
  const markerLine = lines.findIndex((line) => line.trim() === marker);
  assert.notEqual(markerLine, -1, `README.md has no line ${marker}`);
  const fence = lines[markerLine + 1] ?? '';
  assert.equal(fence.trim(), `\`\`\`${language}`, `the line after ${marker} in README.md must open a \`\`\`${language} block`);
  const end = lines.findIndex((line, index) => index > markerLine + 1 && line.trim() === '```');
  assert.notEqual(end, -1, `the \`\`\`${language} block after ${marker} in README.md is never closed`);
  return `${lines.slice(markerLine + 2, end).join('\n')}\n`;
}

/** A path as one argument of an Ex command (`:luafile <path>`). */
function exArgument(file: string): string {
  return file.replace(/[\\ \t%#|"]/g, (character) => `\\${character}`);
}

function tail(text: string, max = 6_000): string {
  return text.length <= max ? text : `…${text.slice(-max)}`;
}

function readIfPresent(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function requireNeovim(): void {
  const probe = spawnSync('nvim', ['--version'], { encoding: 'utf8', timeout: 10_000 });
  if (probe.error !== undefined || probe.status !== 0) {
    const why = probe.error?.message ?? `exit code ${String(probe.status)}: ${probe.stderr}`;
    assert.fail(`Neovim (nvim) is not usable (${why}); ${SETUP_HINT}`);
  }
  assert.ok(fs.existsSync(LANGUAGE_SERVER), `${LANGUAGE_SERVER} is missing: run npm ci (it links the poolguard workspace's bins)`);
  const entry = path.join(repositoryRoot, 'server', 'dist', 'src', 'lsp', 'main.js');
  assert.ok(fs.existsSync(entry), `${entry} is missing: build the language server with \`npx tsc -b\``);
}

/**
 * Runs `nvim --headless -u <README block> -i NONE -n <file> -c 'luafile driver.lua'` in the workspace, with PATH
 * leading to `poolguard-lsp` and XDG folders of its own (no user config or plugins; the LSP log stays in the temp dir).
 */
async function runNeovim(workspace: string, file: string, scenario: string): Promise<NeovimRun> {
  const scratch = path.dirname(workspace);
  const init = path.join(scratch, 'init.lua');
  fs.writeFileSync(init, fencedBlockAfter(fs.readFileSync(README, 'utf8'), README_MARKER, 'lua'));
  const reportFile = path.join(scratch, `report-${scenario}.json`);
  const xdg = path.join(scratch, 'xdg');
  const lspLog = path.join(xdg, 'cache', 'nvim', 'lsp.log');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${NODE_BIN}${path.delimiter}${process.env['PATH'] ?? ''}`,
    XDG_CONFIG_HOME: path.join(xdg, 'config'),
    XDG_DATA_HOME: path.join(xdg, 'data'),
    XDG_CACHE_HOME: path.join(xdg, 'cache'),
    XDG_STATE_HOME: path.join(xdg, 'state'),
    POOLGUARD_E2E_SCENARIO: scenario,
    POOLGUARD_E2E_REPORT: reportFile,
    POOLGUARD_E2E_WORKSPACE: workspace,
  };
  const args = ['--headless', '-u', init, '-i', 'NONE', '-n', file, '-c', `luafile ${exArgument(DRIVER)}`];
  const nvim = spawnGroup('nvim', args, { cwd: workspace, env });
  const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    nvim.child.once('close', (code, signal) => resolve({ code, signal }));
  });
  let exit: { code: number | null; signal: NodeJS.Signals | null } = { code: null, signal: null };
  let timedOut = false;
  try {
    exit = await withTimeout(closed, NVIM_TIMEOUT_MS, 'nvim did not exit');
  } catch {
    timedOut = true;
  } finally {
    // Also ends a language server that outlived Neovim: it runs in nvim's process group.
    await nvim.stop();
  }
  const reportText = readIfPresent(reportFile);
  let report: NeovimReport | undefined;
  if (reportText !== '') {
    const parsed: unknown = JSON.parse(reportText);
    report = parsed as NeovimReport;
  }
  const context = [
    `nvim ${args.join(' ')}`,
    timedOut ? `timed out after ${NVIM_TIMEOUT_MS} ms (process group killed)` : `exit code ${String(exit.code)}, signal ${String(exit.signal)}`,
    `report: ${reportText === '' ? '(none written)' : JSON.stringify(report, null, 2)}`,
    `nvim output:\n${tail(nvim.output()) || '(none)'}`,
    `lsp.log:\n${tail(readIfPresent(lspLog)) || '(none)'}`,
  ].join('\n');
  return { exitCode: exit.code, signal: exit.signal, timedOut, report, context };
}

/** A report of a scenario that ran to its end, or an assertion error with everything there is to see. */
function completed(run: NeovimRun): NeovimReport {
  assert.ok(!run.timedOut, `Neovim did not finish\n${run.context}`);
  assert.ok(run.report !== undefined, `driver.lua wrote no report\n${run.context}`);
  assert.equal(run.report.error, undefined, `driver.lua could not finish the scenario\n${run.context}`);
  assert.equal(run.exitCode, 0, `Neovim exited with ${String(run.exitCode)}\n${run.context}`);
  assert.equal(run.report.clients_stopped, true, `the language server did not stop with :lua vim.lsp.stop_client()\n${run.context}`);
  return run.report;
}

function shown(diagnostics: readonly ReportDiagnostic[] | undefined): ShownDiagnostic[] | undefined {
  return diagnostics?.map(({ lnum, col, severity, source, code }) => ({ lnum, col, severity, source, code }));
}

/** The client the README's config started for `label`'s file: one, named poolguard, rooted at the workspace. */
function assertReadmeClient(report: NeovimReport, label: string, workspace: string, context: string): void {
  const client = report.clients?.[label];
  assert.ok(client !== undefined, `no client recorded for ${label}\n${context}`);
  assert.deepStrictEqual(
    { count: client.count, root_dir: client.root_dir, cmd: client.cmd },
    { count: 1, root_dir: workspace, cmd: ['poolguard-lsp', '--stdio'] },
    `the README's config should attach one poolguard client, rooted at the folder with package.json\n${context}`,
  );
}

describe('Neovim with the README configuration (poolguard-lsp --stdio)', function () {
  this.timeout(NVIM_TIMEOUT_MS + 30_000);

  let temp: TempWorkspace | undefined;
  let workspace = '';

  before(function () {
    requireNeovim();
  });

  beforeEach(function () {
    temp = copyFixtureWorkspace('poolguard-e2e-nvim-');
    // Neovim names buffers by the real path of its working directory.
    workspace = fs.realpathSync(temp.path);
  });

  afterEach(function () {
    temp?.dispose();
    temp = undefined;
  });

  it('reports no-client-per-request, applies the preferred quick fix and clears the diagnostic', async function () {
    const run = await runNeovim(workspace, 'src/no-client-per-request.ts', 'quick-fix');
    const report = completed(run);
    const { context } = run;

    assert.equal(report.filetype, 'typescript', `Neovim should detect the TypeScript file type\n${context}`);
    assertReadmeClient(report, 'no-client-per-request', workspace, context);

    assert.deepStrictEqual(
      shown(report.diagnostics),
      [{ lnum: 6, col: 16, severity: 'ERROR', source: 'poolguard', code: RULE }],
      `diagnostics of src/no-client-per-request.ts\n${context}`,
    );
    assert.match(report.diagnostics?.[0]?.message ?? '', /new Redis\(\) runs on every request/, `diagnostic message\n${context}`);

    const actions = report.actions ?? [];
    assert.deepStrictEqual(
      actions.filter((action) => action.isPreferred).map((action) => action.title),
      [PREFERRED_TITLE],
      `the preferred quick fix\n${context}`,
    );
    assert.deepStrictEqual(
      actions.filter((action) => action.title.startsWith('Disable ')).map((action) => action.title),
      [`Disable ${RULE} for this line`, `Disable ${RULE} for this file`],
      `the disable quick fixes\n${context}`,
    );
    assert.equal(report.applied, PREFERRED_TITLE, context);
    assert.equal(report.text_after_fix, FIXED_TEXT, `the buffer after the preferred quick fix\n${context}`);
    assert.deepStrictEqual(shown(report.diagnostics_after_fix), [], `diagnostics after the quick fix (should clear)\n${context}`);

    // The README's settings reach the server: require-pool-limit is at error there (recommended: warn).
    assertReadmeClient(report, 'require-pool-limit', workspace, context);
    assert.equal(report.same_client, true, `a second file of the project should reuse the project's client\n${context}`);
    assert.deepStrictEqual(
      shown(report.settings_diagnostics),
      [{ lnum: 2, col: 21, severity: 'ERROR', source: 'poolguard', code: 'poolguard/require-pool-limit' }],
      `diagnostics of src/require-pool-limit.ts: severity ERROR comes from the README's settings (WARN means they never reached the server)\n${context}`,
    );
  });

  it('shows a parse error as one hint, keeps running and still lints the other files', async function () {
    fs.writeFileSync(path.join(workspace, 'src', 'broken.ts'), BROKEN_TEXT);
    const run = await runNeovim(workspace, 'src/broken.ts', 'parse-error');
    const report = completed(run);
    const { context } = run;

    assertReadmeClient(report, 'broken', workspace, context);
    assert.deepStrictEqual(
      shown(report.broken_diagnostics),
      [{ lnum: 3, col: 10, severity: 'HINT', source: 'poolguard', code: undefined }],
      `diagnostics of src/broken.ts (\`const x = ;\`)\n${context}`,
    );
    assert.match(
      report.broken_diagnostics?.[0]?.message ?? '',
      /^PoolGuard could not check this file until it parses\. Parsing error: Expression expected/,
      `parse error message\n${context}`,
    );

    assert.equal(report.repaired_text, BROKEN_TEXT.replace('const x = ;', 'export const x = 1;'), `the repaired buffer\n${context}`);
    assert.deepStrictEqual(shown(report.repaired_diagnostics), [], `diagnostics once the file parses (should clear)\n${context}`);

    assert.equal(report.same_client, true, `the other file should reuse the project's client\n${context}`);
    assert.equal(report.client_alive, true, `the language server should still be running\n${context}`);
    assert.deepStrictEqual(
      shown(report.other_diagnostics),
      [{ lnum: 6, col: 16, severity: 'ERROR', source: 'poolguard', code: RULE }],
      `diagnostics of src/no-client-per-request.ts after the parse error\n${context}`,
    );
  });
});
