// The notice a cashier or owner sees when pos.sqlite is gone from a folder that held the app
// (issue 9, defect 9): in Chromium on the web shell, in Arabic, restoring the offered backup
// brings the shop back and the notice goes.
import { test as base, expect } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startShell } from '../harness/shell';
import { keepScreenshot } from './fixtures';

base('a lost database is said at start and the newest backup restores the shop', async ({ page }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pos-e2e-lost-'));
  try {
    const first = await startShell({ dataDir });
    first.services.settings.update({ shopName: 'محل الأمل للشحن' });
    const backup = await first.services.backups.backupNow();
    expect(backup.ok).toBe(true);
    await first.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(join(dataDir, `pos.sqlite${suffix}`), { force: true });

    const shell = await startShell({ dataDir });
    try {
      await page.goto(shell.url);
      const notice = page.getByTestId('earlier-install');
      await expect(notice).toBeVisible();
      await expect(notice).toContainText('قاعدة بيانات البرنامج مفقودة');
      await expect(notice).toContainText('نسخ احتياطية');
      if (backup.ok) await expect(notice).toContainText(backup.value.name);
      await keepScreenshot(page, 'earlier-install-ar');
      await page.getByTestId('earlier-install-restore').click();
      await expect(notice).toBeHidden();
      expect(shell.services.settings.read().shopName).toBe('محل الأمل للشحن');
      // A reload (the next start of the window) says nothing any more.
      await page.reload();
      await expect(page.locator('.app-header')).toBeVisible();
      await expect(page.getByTestId('earlier-install')).toHaveCount(0);
    } finally {
      await shell.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
