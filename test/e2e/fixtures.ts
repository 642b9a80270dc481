// Each test gets its own web shell (fresh data folder, OS-picked port) and a page opened on it.
// Screenshots meant for people go to artefacts/screenshots/ (not committed).
import { test as base, expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, startShell, type Shell } from '../harness/shell';

export const ARTEFACTS = join(REPO_ROOT, 'artefacts', 'screenshots');

export const test = base.extend<{ shell: Shell; app: Page }>({
  shell: async ({}, use) => {
    const logs: string[] = [];
    const shell = await startShell({ logSink: (line) => logs.push(line) });
    await use(shell);
    await shell.close();
  },
  app: async ({ page, shell }, use) => {
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    await page.goto(shell.url);
    await expect(page.locator('.app-header')).toBeVisible();
    await use(page);
    expect(problems, 'the page logged errors').toEqual([]);
  },
});

export async function keepScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTEFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTEFACTS, `${name}.png`), fullPage: true });
}

export { expect };
