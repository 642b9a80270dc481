// The owner's Settings tabs in Chromium keep every value across a restart of the web shell (same
// data folder, new process and port), with the language button pressed twice in between: a save
// of one tab, or of the language, moves no other value (issue 9, defect 1).
import { test as base, expect, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startShell, type Shell } from '../harness/shell';
import { keepScreenshot } from './fixtures';

const GENERAL = {
  shopName: 'محل النور للشحن',
  receiptFooter: 'شكراً لزيارتكم',
  counterNumber: '7',
  duplicateWindowMinutes: '12',
  backupKeep: '60',
  alqimahUrl: 'http://127.0.0.1:9/rest-api',
} as const;
const PRINTER = { host: '192.0.2.10', port: '9101', feedLines: '6' } as const;

async function openTab(page: Page, tab: string) {
  await page.getByTestId('nav-settings').click();
  await page.getByTestId(`settings-tab-${tab}`).click();
}

async function expectEveryValue(page: Page) {
  await openTab(page, 'general');
  for (const [key, value] of Object.entries(GENERAL)) await expect(page.getByTestId(`setting-${key}`)).toHaveValue(value);
  await expect(page.getByTestId('setting-digitStyle')).toHaveValue('arabic');
  await openTab(page, 'printer');
  for (const [key, value] of Object.entries(PRINTER)) await expect(page.getByTestId(`printer-${key}`)).toHaveValue(value);
  await expect(page.getByTestId('printer-paperWidth')).toHaveValue('58');
  await expect(page.getByTestId('printer-autoPrint')).not.toBeChecked();
  await openTab(page, 'routes');
  await expect(page.getByTestId('route-you')).toHaveValue('weta,alqimah');
  await expect(page.getByTestId('route-sabafon')).toHaveValue('weta');
}

base('every settings tab keeps its values across a restart, the language switched twice', async ({ page }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pos-e2e-settings-'));
  let shell: Shell | null = await startShell({ dataDir });
  try {
    await page.goto(shell.url);
    await openTab(page, 'general');
    for (const [key, value] of Object.entries(GENERAL)) await page.getByTestId(`setting-${key}`).fill(value);
    await page.getByTestId('setting-digitStyle').selectOption('arabic');
    await page.getByTestId('settings-save').click();
    await expect(page.getByTestId('settings-saved')).toBeVisible();

    await page.getByTestId('language-switch').click();
    await openTab(page, 'printer');
    for (const [key, value] of Object.entries(PRINTER)) await page.getByTestId(`printer-${key}`).fill(value);
    await page.getByTestId('printer-paperWidth').selectOption('58');
    await page.getByTestId('printer-autoPrint').uncheck();
    await page.getByTestId('printer-save').click();
    await expect(page.getByTestId('printer-saved')).toBeVisible();

    await openTab(page, 'routes');
    await page.getByTestId('route-you').selectOption('weta,alqimah');
    await expect.poll(() => shell!.services.settings.read().providerRoutes.you).toEqual(['weta', 'alqimah']);
    await page.getByTestId('route-sabafon').selectOption('weta');
    await expect.poll(() => shell!.services.settings.read().providerRoutes.sabafon).toEqual(['weta']);
    await page.getByTestId('language-switch').click();
    await expect.poll(() => shell!.services.settings.read().language).toBe('ar');
    await expectEveryValue(page);

    await shell.close();
    shell = null;
    shell = await startShell({ dataDir });
    await page.goto(shell.url);
    await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
    await expectEveryValue(page);
    await keepScreenshot(page, 'settings-after-restart-ar');
  } finally {
    await shell?.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
