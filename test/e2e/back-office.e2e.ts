// The back office in Arabic and English through the web shell and real Chromium: settings refused
// with a translated reason; provider accounts set, tested against a loopback simulator and never
// shown again; sign-in with a wrong-PIN lock-out; a shift opened and closed with its Z report; the
// history exported as CSV; a backup restored.
import { readFileSync } from 'node:fs';
import { money } from '../../shared/money';
import { createJournal } from '../../electron/sales/journal';
import { startAlqimahSimulator } from '../harness/simulator-faults/alqimah';
import type { Shell } from '../harness/shell';
import { expect, keepScreenshot, test } from './fixtures';
import type { Page } from '@playwright/test';

const ALQIMAH = { userName: 'shop-user', password: 'shop-password-1', accountNumber: '100200', apiToken: 'sim-api-token-0123456789' };
const OWNER_PIN = '482916';

const TEXT = {
  ar: { counterInvalid: 'أدخل عدداً صحيحاً من 0 إلى 99.', locked: 'ثانية', wrongPin: 'الرمز السري' },
  en: { counterInvalid: 'Enter a whole number from 0 to 99.', locked: 'Wait 30 seconds', wrongPin: 'Wrong PIN.' },
} as const;

async function openSettings(app: Page, tab: string) {
  await app.getByTestId('nav-settings').click();
  await app.getByTestId(`settings-tab-${tab}`).click();
}

async function setOwnerPin(app: Page) {
  await openSettings(app, 'cashiers');
  await app.getByTestId('cashier-pin-owner').fill(OWNER_PIN);
  await app.getByTestId('cashier-save-owner').click();
  await expect(app.getByTestId('cashiers')).toContainText(/Sign-in is on|تسجيل الدخول مفعّل/);
}

function seedSales(shell: Shell, cashierId: string): number[] {
  const journal = createJournal(shell.services.db, Date.now);
  const unresolved: number[] = [];
  const rows = [
    { number: '771234567', network: 'yemen_mobile', minor: 1000_00, training: false, ok: true },
    { number: '731234567', network: 'you', minor: 500_00, training: false, ok: true },
    { number: '771111111', network: 'yemen_mobile', minor: 700_00, training: false, ok: false },
    { number: '772222222', network: 'yemen_mobile', minor: 9000_00, training: true, ok: true },
  ] as const;
  for (const r of rows) {
    const sale = journal.create({ counter: 1, provider: 'alqimah', network: r.network, number: r.number, product: { kind: 'amount', amount: money(r.minor) }, cashierId, training: r.training });
    journal.move(sale.txId, 'sent', {}, Date.now() + 60_000);
    journal.move(sale.txId, r.ok ? 'succeeded' : 'unknown', r.ok ? { providerRef: `R${sale.txId}`, price: money(r.minor), message: 'تمت العملية بنجاح' } : { note: 'time-out' }, r.ok ? null : Date.now() + 60_000);
    if (!r.ok) unresolved.push(sale.txId);
  }
  return unresolved;
}

for (const language of ['ar', 'en'] as const) {
  test(`settings and accounts in ${language}: a refused value is explained, accounts are written but never read back`, async ({ app, shell }) => {
    const sim = await startAlqimahSimulator({ account: ALQIMAH, balanceMinor: 250_000_00 });
    try {
      if (language === 'en') await app.getByTestId('language-switch').click();

      await openSettings(app, 'general');
      await app.getByTestId('setting-counterNumber').fill('150');
      await app.getByTestId('setting-shopName').fill('محل النور');
      await app.getByTestId('settings-save').click();
      await expect(app.getByTestId('invalid-counterNumber')).toHaveText(TEXT[language].counterInvalid);
      await expect(app.getByTestId('setting-counterNumber')).toHaveAttribute('aria-invalid', 'true');
      expect(shell.services.settings.read().shopName).toBe('');
      await keepScreenshot(app, `back-office-settings-invalid-${language}`);
      await app.getByTestId('setting-counterNumber').fill('٧');
      await app.getByTestId('setting-alqimahUrl').fill('not a url');
      await app.getByTestId('settings-save').click();
      await expect(app.getByTestId('invalid-alqimahUrl')).toBeVisible();
      await expect(app.getByTestId('invalid-counterNumber')).toHaveCount(0);
      await app.getByTestId('setting-alqimahUrl').fill(sim.url);
      await app.getByTestId('settings-save').click();
      await expect(app.getByTestId('settings-saved')).toBeVisible();
      expect(shell.services.settings.read()).toMatchObject({ counterNumber: 7, shopName: 'محل النور', providerUrls: { alqimah: sim.url } });

      // Accounts need the owner PIN first.
      await openSettings(app, 'accounts');
      await app.getByTestId('account-alqimah-userName').fill(ALQIMAH.userName);
      await app.getByTestId('account-alqimah-save').click();
      await expect(app.getByTestId('account-alqimah-error')).toContainText(language === 'ar' ? 'رمز المالك' : 'owner PIN');

      await setOwnerPin(app);
      await openSettings(app, 'accounts');
      for (const [field, value] of Object.entries(ALQIMAH)) await app.getByTestId(`account-alqimah-${field}`).fill(value);
      await app.getByTestId('account-alqimah-save').click();
      await expect(app.getByTestId('account-alqimah-state')).toHaveText(language === 'ar' ? 'معيّن' : 'Set');
      for (const field of Object.keys(ALQIMAH)) await expect(app.getByTestId(`account-alqimah-${field}`)).toHaveValue('');
      await expect(app.getByTestId('account-alqimah-userName-state')).toContainText('er');
      await app.getByTestId('account-alqimah-test-button').click();
      await expect(app.getByTestId('account-alqimah-test')).toContainText(language === 'ar' ? 'رصيد الوكيل' : 'Agent balance');
      await expect(app.getByTestId('account-alqimah-test').locator('.money')).toHaveAttribute('data-minor', String(250_000_00));
      await keepScreenshot(app, `back-office-accounts-${language}`);

      // Nothing secret anywhere in the page, even after a reload.
      await app.reload();
      await openSettings(app, 'accounts');
      await expect(app.getByTestId('account-alqimah-state')).toBeVisible();
      const html = await app.content();
      for (const secret of [ALQIMAH.password, ALQIMAH.apiToken, ALQIMAH.accountNumber, OWNER_PIN]) expect(html).not.toContain(secret);
      expect(await shell.services.accounts.credentialsFor('alqimah')).toEqual(ALQIMAH);
    } finally {
      await sim.close();
    }
  });

  test(`sign-in and shift in ${language}: wrong PINs lock out, a shift closes with its Z report`, async ({ app, shell }) => {
    if (language === 'en') await app.getByTestId('language-switch').click();
    await setOwnerPin(app);
    await app.getByTestId('cashier-name-new').fill('سارة');
    await app.getByTestId('cashier-pin-new').fill('1357');
    await app.getByTestId('cashier-save-new').click();
    await expect.poll(() => shell.services.session.list().map((c) => c.name)).toContain('سارة');
    const sara = shell.services.session.list().find((c) => c.name === 'سارة')!;
    await expect(app.getByTestId(`cashier-${sara.id}`)).toBeVisible();

    await app.getByTestId('sign-out').click();
    await expect(app.getByTestId('sign-in')).toBeVisible();
    await app.getByTestId(`sign-in-person-${sara.id}`).click();
    for (let i = 0; i < 2; i++) {
      await app.getByTestId('sign-in-pin').fill('0000');
      await app.getByTestId('sign-in-submit').click();
      await expect(app.getByTestId('sign-in-error')).toContainText(TEXT[language].wrongPin);
    }
    await app.getByTestId('sign-in-pin').fill('0000');
    await app.getByTestId('sign-in-submit').click();
    await expect(app.getByTestId('sign-in-error')).toContainText(TEXT[language].locked);
    await keepScreenshot(app, `back-office-locked-${language}`);
    // The right PIN is refused while locked.
    await app.getByTestId('sign-in-pin').fill('1357');
    await app.getByTestId('sign-in-submit').click();
    await expect(app.getByTestId('sign-in-error')).toContainText(TEXT[language].locked);

    // The owner signs in; a cashier's settings screen would be refused, the owner's is not.
    await app.getByTestId('sign-in-person-owner').click();
    await app.getByTestId('sign-in-pin').fill(OWNER_PIN);
    await app.getByTestId('sign-in-submit').click();
    await expect(app.getByTestId('session-name')).toBeVisible();

    await app.getByTestId('nav-reports').click();
    await app.getByTestId('shift-open-button').click();
    await expect(app.getByTestId('shift-open')).toBeVisible();
    seedSales(shell, 'owner');
    await app.getByTestId('shift-close').click();
    await app.getByTestId('shift-close-confirm').click();
    const z = app.getByTestId('z-report');
    await expect(z).toBeVisible();
    await expect(app.getByTestId('z-total').locator('.money')).toHaveAttribute('data-minor', String(1500_00));
    await expect(app.getByTestId('z-pending')).toHaveText(/^(1|١)$/);
    await expect(app.getByTestId('z-training')).toHaveText(/^(1|١)$/);
    await expect(app.getByTestId('chart-hours').locator('rect.chart-bar')).toHaveCount(24);
    await expect(app.getByTestId('chart-networks').locator('rect.chart-bar')).toHaveCount(2);
    await keepScreenshot(app, `back-office-z-report-${language}`);
  });

  test(`CSV and backup in ${language}: the history downloads with a BOM and Arabic, a backup restores`, async ({ app, shell }) => {
    if (language === 'en') await app.getByTestId('language-switch').click();
    const unresolved = seedSales(shell, 'owner');
    await app.getByTestId('nav-reports').click();
    const download = app.waitForEvent('download');
    await app.getByTestId('csv-download').click();
    const file = await (await download).path();
    const bytes = readFileSync(file!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text).toContain('تمت العملية بنجاح');
    expect(text).toContain('771234567');
    expect(text).not.toContain('772222222');
    // Digits follow the owner's digit style, Western by default.
    await expect(app.getByTestId('csv-message')).toContainText('3');

    shell.services.settings.update({ shopName: 'قبل' });
    await openSettings(app, 'backup');
    await app.getByTestId('backup-now').click();
    await expect(app.getByTestId('backup-done')).toBeVisible();
    shell.services.settings.update({ shopName: 'بعد' });
    // A sale still being checked does not block the restore: it is carried into the restored database.
    await app.getByTestId('backup-restore').first().click();
    await app.getByTestId('backup-restore-confirm').click();
    await expect(app.getByTestId('restore-done')).toBeVisible();
    const journal = createJournal(shell.services.db, Date.now);
    for (const txId of unresolved) expect(journal.get(txId)?.state).toBe('unknown');
    expect(shell.services.settings.read().shopName).toBe('قبل');
    await expect(app.getByTestId('backup-list').locator('li')).toHaveCount(2);
    await keepScreenshot(app, `back-office-backup-${language}`);
  });
}
