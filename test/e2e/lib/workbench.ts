/**
 * Driving the VS Code web workbench (1.100) like a user: keyboard and mouse only, selectors from the rendered DOM.
 * Everything is scoped to `.editor-instance`, because other views (chat, output) embed Monaco editors too.
 */
import * as assert from 'node:assert/strict';

import type { Locator, Page } from 'playwright-core';

import { delay } from './processes';

export const EDITOR = '.editor-instance .monaco-editor';

export async function waitForWorkbench(page: Page): Promise<void> {
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
}

/** Quick Open (Ctrl+P), the file name, Enter. */
export async function openFile(page: Page, name: string): Promise<void> {
  await page.locator('.monaco-workbench .part.editor').click();
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 10_000 });
  await input.fill(name);
  await page.locator('.quick-input-list .monaco-list-row').first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
  await page.locator(`${EDITOR} .view-lines`).waitFor({ timeout: 10_000 });
}

/** Clicks at the start of the text of the rendered line whose text starts with `prefix`. */
export async function clickLine(page: Page, prefix: string): Promise<void> {
  const line = page.locator(`${EDITOR} .view-lines .view-line`).filter({ hasText: prefix.replace(/ /gu, '\u00a0') });
  await line.first().click({ position: { x: 4, y: 4 } });
}

export function squiggles(page: Page, kind: 'error' | 'warning'): Locator {
  return page.locator(`${EDITOR} .squiggly-${kind}`);
}

/**
 * Opens the Quick Fix menu (Ctrl+.) with the cursor inside `target` (a squiggle: quick fixes are offered for the
 * diagnostics under the cursor). The first attempts right after start-up often show no menu (the request is
 * cancelled while the workbench starts), so it retries like an impatient user.
 */
export async function openQuickFix(page: Page, target: Locator): Promise<Locator> {
  const rows = page.locator('.action-widget .monaco-list-row');
  for (let attempt = 1; attempt <= 10; attempt++) {
    await page.keyboard.press('Escape');
    const box = await target.boundingBox();
    assert.ok(box, 'the quick-fix target is on screen');
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.keyboard.press('Control+.');
    try {
      await rows.first().waitFor({ timeout: 3_000 });
      return rows;
    } catch {
      await delay(500);
    }
  }
  assert.fail('the Quick Fix menu did not open after 10 attempts');
}

/** Moves the menu's focus to the action whose label starts with `title` (labels may gain ", Quick Fix"), and runs it. */
export async function chooseAction(page: Page, rows: Locator, title: string): Promise<void> {
  const labels = await rows.evaluateAll((elements) => elements.map((element) => element.getAttribute('aria-label') ?? ''));
  const index = labels.findIndex((label) => label.startsWith(title));
  assert.ok(index >= 0, `"${title}" not in the Quick Fix menu: ${JSON.stringify(labels)}`);
  for (let step = 0; step < labels.length; step++) {
    const focused = await page.locator('.action-widget .monaco-list-row.focused').getAttribute('aria-label');
    if (focused?.startsWith(title) === true) {
      await page.keyboard.press('Enter');
      return;
    }
    await page.keyboard.press('ArrowDown');
  }
  assert.fail(`could not focus "${title}" in the Quick Fix menu`);
}
