// The Hub tab with a hub that speaks TLS only (a real PostgreSQL, `ssl=on`, `hostssl` only, a
// certificate made for the test), in real Chromium through two web shells that treat the hub as
// another computer: a wrong certificate and bad PEM text are refused with their translated error;
// the right one, chosen as a file, creates the shop; the second till joins with the code alone.
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, startShell, type Shell } from '../harness/shell';
import { POSTGRES_MISSING } from '../support/postgres';
import { makeTestCertificate, OPENSSL_MISSING, type TestCertificate } from '../support/test-certificate';
import { counterOptions, startHubRig, type HubRig } from '../integration/hub/hub-rig';
import { expect, keepScreenshot, test } from './fixtures';
import { fillCreateShop, openHubTab } from './hub-tab';

/** The Arabic texts the screen must show (Arabic is the reference). */
const ar = JSON.parse(readFileSync(join(REPO_ROOT, 'renderer/i18n/locales/ar/errors.json'), 'utf8')) as { hub: { tls_untrusted: string; invalid_certificate: string } };

test.describe('shop hub over TLS', () => {
  test.skip(POSTGRES_MISSING !== null || OPENSSL_MISSING !== null, POSTGRES_MISSING ?? OPENSSL_MISSING ?? '');
  let hub: TestCertificate;
  let impostor: TestCertificate;
  let rig: HubRig;
  const tills: Shell[] = [];
  test.beforeAll(async () => {
    hub = makeTestCertificate();
    impostor = makeTestCertificate({ commonName: 'impostor' });
    rig = await startHubRig({ tls: hub });
    // Both tills treat the hub as another computer: TLS always, verified.
    const deps = { ...counterOptions(rig.alqimah.url, rig.weta.url), hubAlwaysTls: true };
    tills.push(await startShell({ deps }), await startShell({ deps }));
  });
  test.afterAll(async () => {
    for (const till of tills) await till.close();
    await rig?.close();
  });

  test('the certificate field: a wrong certificate and bad PEM are refused, said so; the right file creates the shop; a till joins with the code alone', async ({ browser }) => {
    const context = await browser.newContext();
    try {
      const [page1, page2] = [await context.newPage(), await context.newPage()];
      await page1.goto(tills[0]!.url);
      await openHubTab(page1);
      await fillCreateShop(page1, rig.address, 'محل الأمان', 'الصندوق 1');

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
      await page2.goto(tills[1]!.url);
      await openHubTab(page2);
      await page2.getByTestId('hub-joinAddress').fill(rig.address);
      await page2.getByTestId('hub-code').fill(code);
      await page2.getByTestId('hub-join-submit').click();
      await expect(page2.getByTestId('hub-counter-number')).toHaveText('2');
      await expect(page2.getByTestId('hub-fingerprint')).toHaveText(fingerprint);
    } finally {
      await context.close();
    }
  });
});
