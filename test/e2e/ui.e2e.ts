/**
 * The released artifact in a real browser: the .vsix from `npm run package` installed into code-server, driven by
 * headless Chromium with the keyboard and mouse as a user would. It also takes the README's screenshots:
 * `POOLGUARD_SCREENSHOTS=docs` writes them to docs/images/ (npm run screenshots), otherwise to .e2e/screenshots/.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { Page } from 'playwright-core';

import { launchChromium, type Browser } from './lib/browser';
import { startCodeServer, type CodeServer } from './lib/code-server';
import { SETUP_HINT, screenshotsDirectory, toolsDirectory, vsixPath } from './lib/paths';
import { EDITOR, chooseAction, clickLine, openFile, openQuickFix, squiggles, waitForWorkbench } from './lib/workbench';
import { HOISTED_TEXT } from './lib/expected';
import { copyFixtureWorkspace, type TempWorkspace } from './lib/workspace';

const shotsDirectory = process.env.POOLGUARD_SCREENSHOTS === 'docs' ? screenshotsDirectory : path.join(toolsDirectory, 'screenshots');


describe('PoolGuard .vsix in code-server, driven through Chromium', function () {
  this.timeout(180_000);

  let workspace: TempWorkspace;
  let server: CodeServer;
  let browser: Browser;
  let page: Page;

  async function screenshot(name: string): Promise<void> {
    fs.mkdirSync(shotsDirectory, { recursive: true });
    await page.screenshot({ path: path.join(shotsDirectory, name) });
  }

  before(async () => {
    assert.ok(fs.existsSync(vsixPath), `${vsixPath} is missing: run \`npm run package\` (npm run test:e2e does)`);
    workspace = copyFixtureWorkspace();
    server = await startCodeServer({
      workspace: workspace.path,
      trusted: true,
      vsixFiles: [vsixPath],
      settings: {
        // Only PoolGuard's findings on screen: the fixture has no node_modules, so the built-in TypeScript checker
        // would underline every import ("Cannot find module 'express'").
        'typescript.validate.enable': false,
        'javascript.validate.enable': false,
        'editor.minimap.enabled': false,
        'workbench.colorTheme': 'Default Dark Modern',
        'editor.fontSize': 15,
        'chat.commandCenter.enabled': false,
        'workbench.secondarySideBar.defaultVisibility': 'hidden',
      },
    });
    browser = await launchChromium();
    page = await browser.context.newPage();
    await page.goto(server.workbenchUrl());
    await waitForWorkbench(page);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    workspace?.dispose();
  });

  it('underlines a client built per request', async () => {
    await openFile(page, 'no-client-per-request.ts');
    // The installed extension activates on the TypeScript file and its server lints it.
    await squiggles(page, 'error').first().waitFor({ timeout: 60_000 });
    assert.equal(await squiggles(page, 'error').count(), 1);
    await screenshot('squiggle.png');
  });

  it('explains the finding and the client on hover', async () => {
    const box = await squiggles(page, 'error').first().boundingBox();
    assert.ok(box, 'the squiggle is on screen');
    // On the `{` of `new Redis({ host: 'cache' })` (28 monospaced characters): PoolGuard's hover covers the whole
    // construction, and the built-in TypeScript hover has nothing to say about punctuation.
    await page.mouse.move(box.x + (box.width * 10.5) / 28, box.y + box.height / 2);
    const hover = page.locator('.monaco-hover').filter({ hasText: 'ioredis' });
    await hover.first().waitFor({ timeout: 15_000 });
    // The built-in TypeScript extension fills its part of the same hover later ("(loading...)" until then).
    await page
      .waitForFunction(() => !(document.querySelector('.monaco-hover')?.textContent ?? '').includes('(loading...)'), undefined, { timeout: 10_000 })
      .catch(() => undefined);
    const text = await hover.first().innerText();
    // VS Code's diagnostic hover (the finding and the handler it points at) above PoolGuard's own (the client).
    assert.match(text, /runs on every request/u);
    assert.match(text, /The route handler GET \/users\/:id runs this construction on every request/u);
    assert.match(text, /single connection \(eager: opens a connection as soon as it is built\)/u);
    await screenshot('hover.png');
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');
  });

  it('lists it in the Problems panel', async () => {
    await page.keyboard.press('Control+Shift+M');
    const row = page.locator('.markers-panel .monaco-list-row').filter({ hasText: 'runs on every request' });
    await row.first().waitFor({ timeout: 15_000 });
    const label = (await row.first().getAttribute('aria-label')) ?? '';
    // The row's accessible label: severity, message, position, source.
    assert.match(label, /^Error: ioredis new Redis\(\) runs on every request/u);
    assert.match(label, /at line 7 and character 17\..*generated by poolguard$/u);
    await screenshot('problems.png');
    // Back to the editor, panel closed.
    await page.keyboard.press('Control+Shift+M');
    await page.locator(`${EDITOR} .view-lines`).click();
  });

  it('hoists the client with the Quick Fix and the squiggle goes away', async () => {
    const rows = await openQuickFix(page, squiggles(page, 'error').first());
    await screenshot('quick-fix.png');
    await chooseAction(page, rows, 'Create it once, lazily, in a module-level singleton');
    await page.waitForFunction((selector) => document.querySelectorAll(selector).length === 0, `${EDITOR} .squiggly-error`, {
      timeout: 30_000,
    });
    await clickLine(page, 'function getRedis');
    await page.keyboard.press('Control+S');
    const file = path.join(workspace.path, 'src', 'no-client-per-request.ts');
    const deadline = Date.now() + 10_000;
    while (fs.readFileSync(file, 'utf8') !== HOISTED_TEXT && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(fs.readFileSync(file, 'utf8'), HOISTED_TEXT);
    await screenshot('after-fix.png');
  });
});

// The browser download and missing tools would surface as timeouts deep inside; say what to run instead.
before(() => {
  if (!fs.existsSync(path.join(toolsDirectory, 'code-server'))) throw new Error(`code-server is missing: ${SETUP_HINT}`);
});
