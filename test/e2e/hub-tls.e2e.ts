// The Hub tab with a hub that speaks TLS only (a real PostgreSQL, `ssl=on`, `hostssl` only, a
// certificate made for the test), in real Chromium through two web shells that treat the hub as
// another computer: a wrong certificate and bad PEM text are refused with their translated error;
// the right one, chosen as a file, creates the shop; the second till joins with the code alone.
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { REPO_ROOT, startShell, type Shell } from '../harness/shell';
import { POSTGRES_MISSING } from '../support/postgres';
import { makeTestCertificate } from '../support/test-certificate';
import { counterOptions, OWNER, startHubRig, type HubRig } from '../integration/hub/hub-rig';
import { expect, keepScreenshot, test } from './fixtures';

/** The Arabic texts the screen must show (Arabic is the reference). */
const ar = JSON.parse(readFileSync(join(REPO_ROOT, 'renderer/i18n/locales/ar/errors.json'), 'utf8')) as { hub: { tls_untrusted: string; invalid_certificate: string } };

async function openHubTab(page: Page): Promise<void> {
  await expect(page.locator('.app-header')).toBeVisible();
  await expect(async () => {
    await page.keyboard.press('F5');
    await expect(page.getByTestId('settings-tab-hub')).toBeVisible({ timeout: 2_000 });
  }).toPass();
  await page.getByTestId('settings-tab-hub').click();
}

test.describe('shop hub over TLS', () => {
  test.skip(POSTGRES_MISSING !== null, POSTGRES_MISSING ?? '');
  const hub = makeTestCertificate();
  const impostor = makeTestCertificate({ commonName: 'impostor' });
  let rig: HubRig;
  test.beforeAll(async () => {
    rig = await startHubRig({ tls: hub });
  });
  test.afterAll(async () => {
    await rig?.close();
  });

  test('the certificate field: a wrong certificate and bad PEM are refused, said so; the right file creates the shop; a till joins with the code alone', async ({ browser }) => {
    const context = await browser.newContext();
    const page1 = await context.newPage();
    const page2 = await context.newPage();
    const shells: Shell[] = [];
    try {
      const deps = { ...counterOptions(rig.alqimah.url, rig.weta.url), hubAlwaysTls: true };
      const till1 = await startShell({ deps });
      shells.push(till1);
      const till2 = await startShell({ deps });
      shells.push(till2);

      await page1.goto(till1.url);
      await openHubTab(page1);
      await page1.getByTestId('hub-address').fill(rig.address);
      await page1.getByTestId('hub-user').fill(OWNER.user);
      await page1.getByTestId('hub-password').fill(OWNER.password);
      await page1.getByTestId('hub-shopName').fill('محل الأمان');
      await page1.getByTestId('hub-counterLabel').fill('الصندوق 1');

      // Another self-signed certificate: the hub's is not trusted.
      await page1.getByTestId('hub-create').getByTestId('hub-certificate').fill(impostor.certificate);
      await page1.getByTestId('hub-create-submit').click();
      await expect(page1.getByTestId('hub-create-error')).toHaveText(ar.hub.tls_untrusted);
      // The private key pasted by mistake: not a certificate, and never echoed back.
      await page1.getByTestId('hub-create').getByTestId('hub-certificate').fill(hub.key);
      await page1.getByTestId('hub-create-submit').click();
      await expect(page1.getByTestId('hub-create-error')).toHaveText(ar.hub.invalid_certificate);
      await keepScreenshot(page1, 'settings-hub-tls-error-ar');

      // The right certificate, chosen as a file.
      await page1.getByTestId('hub-create').getByTestId('hub-certificate-file').setInputFiles({ name: 'hub.crt', mimeType: 'application/x-pem-file', buffer: Buffer.from(hub.certificate) });
      await expect(page1.getByTestId('hub-create').getByTestId('hub-certificate')).toHaveValue(hub.certificate);
      await page1.getByTestId('hub-create-submit').click();
      await expect(page1.getByTestId('hub-counter-number')).toHaveText('1');
      const fingerprint = new X509Certificate(hub.certificate).fingerprint256;
      await expect(page1.getByTestId('hub-fingerprint')).toHaveText(fingerprint);
      await page1.getByTestId('hub-newCounterLabel').fill('الصندوق 2');
      await page1.getByTestId('hub-code-submit').click();
      const code = (await page1.getByTestId('hub-code-value').textContent())!.trim();
      expect(code.split('-')).toHaveLength(4);
      await expect(page1.getByTestId('hub-code-fingerprint')).toContainText(fingerprint);
      await keepScreenshot(page1, 'settings-hub-tls-owner-ar');

      // Till 2: the code alone is enough; it finds on the hub the certificate the code names.
      await page2.goto(till2.url);
      await openHubTab(page2);
      await page2.getByTestId('hub-joinAddress').fill(rig.address);
      await page2.getByTestId('hub-code').fill(code);
      await page2.getByTestId('hub-join-submit').click();
      await expect(page2.getByTestId('hub-counter-number')).toHaveText('2');
      await expect(page2.getByTestId('hub-fingerprint')).toHaveText(fingerprint);
    } finally {
      await context.close();
      for (const shell of shells) await shell.close();
    }
  });
});
