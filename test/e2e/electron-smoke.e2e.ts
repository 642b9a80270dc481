// The real desktop app, launched through Playwright's Electron support. Where Electron's binary is
// not installed (Electron 45's package fetches it on first use; ELECTRON_SKIP_BINARY_DOWNLOAD=1 on the
// CI machine) it reports itself skipped with that reason. There, the bundled main process still runs,
// under Node against the Electron stand-in (test/integration/desktop/), and the web shell covers the rest.
import { _electron as electron, expect, test } from '@playwright/test';
import { execSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { electronBinary } from '../../build/scripts/electron-binary.mjs';
import { REPO_ROOT } from '../harness/shell';

const binary = electronBinary();

test.describe('the Electron app', () => {
  test.skip(
    !binary,
    "Electron's binary is not installed here (`npx install-electron` fetches it); the main process runs under the Electron stand-in in test/integration/desktop/ instead",
  );

  test('starts locked down, in Arabic, with the contract bridged', async () => {
    execSync('npm run build --silent && node build/scripts/rebuild-native.mjs', { cwd: REPO_ROOT, stdio: 'inherit' });
    const userData = mkdtempSync(join(tmpdir(), 'pos-electron-'));
    const app = await electron.launch({
      executablePath: binary!,
      args: [REPO_ROOT, `--user-data-dir=${userData}`],
      cwd: REPO_ROOT,
    });
    try {
      const page = await app.firstWindow();
      await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
      await expect(page.locator('.app-title')).toHaveText('نقطة بيع الشحن');
      const isolated = await page.evaluate(() => ({
        node: typeof (globalThis as { require?: unknown }).require,
        process: typeof (globalThis as { process?: unknown }).process,
        pos: typeof window.pos?.invoke,
      }));
      expect(isolated).toEqual({ node: 'undefined', process: 'undefined', pos: 'function' });
      const health = await page.evaluate(() => window.pos.invoke('app.health', {}));
      expect(health).toMatchObject({ ok: true, value: { db: true } });
      const navigated = await app.evaluate(async ({ BrowserWindow }) => {
        const contents = BrowserWindow.getAllWindows()[0]!.webContents;
        await contents.executeJavaScript("location.href = 'https://example.com/'").catch(() => undefined);
        await new Promise((resolve) => setTimeout(resolve, 500));
        return contents.getURL();
      });
      expect(navigated.startsWith('app://pos/')).toBe(true);
      const opened = await page.evaluate(() => window.open('https://example.com') === null);
      expect(opened).toBe(true);
    } finally {
      await app.close();
    }
  });
});
