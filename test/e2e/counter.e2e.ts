// The counter in real Chromium against the web shell in training mode (the providers' simulators
// run inside the main process): every cashier flow, in Arabic and in English, from the keyboard,
// through `sale.quote` and `sale.submit`, followed to its outcome; the journal is read back to
// prove a double Enter sold once. Screenshots go to artefacts/screenshots/.
import type { Page } from '@playwright/test';
import type { Network } from '../../shared/domain';
import type { SaleView } from '../../shared/ipc/sales';
import type { Shell } from '../harness/shell';
import { expect, keepScreenshot, test } from './fixtures';

const LANGUAGES = ['ar', 'en'] as const;
type Language = (typeof LANGUAGES)[number];

// What each language calls things: the tests read the screen as the cashier does.
const WORDS = {
  ar: { yemen_mobile: 'يمن موبايل', you: 'يو', sabafon: 'سبأفون', y: 'واي', yemen_4g: 'يمن 4G', landline: 'هاتف ثابت', adsl: 'إنترنت ADSL', success: 'تمت العملية بنجاح', alqimah: 'القمة', weta: 'ويتا', tooShort: 'الرقم قصير جداً.', unknownPrefix: '8 ليست بداية شبكة يمنية: راجع أول الأرقام.' },
  en: { yemen_mobile: 'Yemen Mobile', you: 'YOU', sabafon: 'Sabafon', y: 'Y', yemen_4g: 'Yemen 4G', landline: 'Landline', adsl: 'ADSL', success: 'Sale succeeded', alqimah: 'Al-Qimah', weta: 'Weta', tooShort: 'The number is too short.', unknownPrefix: '8 is not a Yemeni network: check the first digits.' },
} as const;

async function openCounter(page: Page, shell: Shell, language: Language) {
  shell.services.settings.update({ language });
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', language);
  await expect(page.locator('html')).toHaveAttribute('dir', language === 'ar' ? 'rtl' : 'ltr');
  await expect(page.getByTestId('number-input')).toBeFocused();
}

function salesInJournal(shell: Shell): { tx_id: number; number: string; network: string; state: string; product: string }[] {
  return shell.services.db.prepare('SELECT tx_id, number, network, state, product FROM sales ORDER BY tx_id').all() as never;
}

/** Types a number, presses Enter, answers the landline/ADSL question by its key when asked. */
async function enterNumber(page: Page, typed: string, pick?: Network) {
  await page.getByTestId('number-input').pressSequentially(typed);
  await page.keyboard.press('Enter');
  if (pick) {
    await expect(page.getByTestId('network-choice')).toBeVisible();
    await page.keyboard.press(pick === 'landline' ? '1' : '2');
  }
  await expect(page.getByTestId('product-step')).toBeVisible();
}

/** `gameCard`: a game card is not sold to a network, so its summary shows none. */
async function confirmAndSucceed(page: Page, shell: Shell, language: Language, expected: { network: Network; national: string; gameCard?: boolean }) {
  const confirm = page.getByTestId('confirm');
  await expect(confirm).toBeVisible();
  if (expected.gameCard) await expect(confirm.getByTestId('network-badge')).toHaveCount(0);
  else await expect(confirm.getByTestId('network-badge')).toHaveText(WORDS[language][expected.network]);
  await expect(page.getByTestId('confirm-number')).toHaveText(expected.national);
  await expect(page.getByTestId('confirm-provider')).toHaveText(WORDS[language].alqimah);
  await expect(page.getByTestId('confirm-button')).toBeFocused();
  const before = salesInJournal(shell).length;
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('outcome')).toHaveAttribute('data-state', 'succeeded', { timeout: 20_000 });
  await expect(page.getByTestId('outcome-title')).toHaveText(WORDS[language].success);
  const sales = salesInJournal(shell);
  expect(sales).toHaveLength(before + 1);
  expect(sales.at(-1)).toMatchObject({ number: expected.national, network: expected.network, state: 'succeeded' });
  return sales.at(-1)!;
}

for (const language of LANGUAGES) {
  test.describe(`counter (${language})`, () => {
    test('the number shows its network as digits come, in any digits; wrong numbers say why', async ({ app, shell }) => {
      await openCounter(app, shell, language);
      const input = app.getByTestId('number-input');
      await input.pressSequentially('٧٧');
      await expect(app.getByTestId('number-networks')).toHaveText(WORDS[language].yemen_mobile);
      await input.pressSequentially('١٢٣٤٥٦٧');
      await expect(app.getByTestId('number-status')).toContainText('771234567');
      await input.fill('');
      await input.pressSequentially('+967 73-111 2233');
      await expect(app.getByTestId('number-networks')).toHaveText(WORDS[language].you);
      await input.fill('');
      await input.pressSequentially('۰۷۱۱۲۳۴۵۶۷');
      await expect(app.getByTestId('number-networks')).toHaveText(WORDS[language].sabafon);
      await input.fill('');
      await input.pressSequentially('00967 70 123 4567');
      await expect(app.getByTestId('number-networks')).toHaveText(WORDS[language].y);
      await input.fill('');
      await input.pressSequentially('106123456');
      await expect(app.getByTestId('number-networks')).toHaveText(WORDS[language].yemen_4g);
      await input.fill('');
      await input.pressSequentially('01234567');
      await expect(app.getByTestId('number-networks')).toContainText(WORDS[language].landline);
      await expect(app.getByTestId('number-networks')).toContainText(WORDS[language].adsl);
      await input.fill('');
      await input.pressSequentially('8');
      await expect(app.getByTestId('number-status')).toHaveText(WORDS[language].unknownPrefix);
      await input.fill('');
      await input.pressSequentially('77123');
      await app.keyboard.press('Enter');
      await expect(app.getByTestId('number-status')).toHaveText(WORDS[language].tooShort);
      await expect(app.getByTestId('sale-screen')).toHaveAttribute('data-step', 'number');
      await expect(app.getByTestId('shortcut-list')).toBeVisible();
      await keepScreenshot(app, `counter-number-error-${language}`);
    });

    test('top-up by amount: Yemen Mobile by preset, landline and ADSL asked once, Yemen 4G typed', async ({ app, shell }) => {
      await openCounter(app, shell, language);
      await enterNumber(app, '٧٧١٢٣٤٥٦٧');
      await app.getByTestId('preset-500').click();
      await expect(app.getByTestId('confirm-price')).toContainText(language === 'ar' ? '٥٠٠' : '500');
      await keepScreenshot(app, `counter-confirm-amount-${language}`);
      const mobile = await confirmAndSucceed(app, shell, language, { network: 'yemen_mobile', national: '771234567' });
      expect(JSON.parse(mobile.product)).toEqual({ kind: 'amount', amount: { minor: 500_00, currency: 'YER' } });
      await keepScreenshot(app, `counter-outcome-${language}`);

      for (const [typed, network, amount] of [
        ['01234567', 'landline', '1000'],
        ['0 2345678', 'adsl', '2500'],
        ['10612345', 'yemen_4g', '٣٠٠'],
      ] as const) {
        await app.keyboard.press('Escape');
        await expect(app.getByTestId('number-input')).toBeFocused();
        await expect(app.getByTestId('number-input')).toHaveValue('');
        await enterNumber(app, typed, network === 'yemen_4g' ? undefined : network);
        await expect(app.getByTestId('top-up-value')).toBeFocused();
        await app.keyboard.type(amount);
        await app.keyboard.press('Enter');
        const sale = await confirmAndSucceed(app, shell, language, { network, national: typed.replace(/\D/g, '').replace(/^0/, '') });
        const minor = Number(amount.replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x660))) * 100;
        expect(JSON.parse(sale.product)).toEqual({ kind: 'amount', amount: { minor, currency: 'YER' } });
      }
    });

    test('top-up by units on Sabafon, YOU and Y: price = units × unit price before confirming', async ({ app, shell }) => {
      await openCounter(app, shell, language);
      for (const [typed, network] of [
        ['711234567', 'sabafon'],
        ['731234567', 'you'],
        ['701234567', 'y'],
      ] as const) {
        await enterNumber(app, typed);
        await app.keyboard.type('100');
        await expect(app.getByTestId('unit-price')).toContainText('=');
        await app.keyboard.press('Enter');
        await expect(app.getByTestId('confirm-unit-price')).toBeVisible();
        const price = await app.getByTestId('confirm-price').locator('.money').first().getAttribute('data-minor');
        const unit = await app.getByTestId('confirm-unit-price').locator('.money').getAttribute('data-minor');
        expect(Number(price)).toBe(Number(unit) * 100);
        if (network === 'sabafon') await keepScreenshot(app, `counter-confirm-units-${language}`);
        const sale = await confirmAndSucceed(app, shell, language, { network, national: typed });
        expect(JSON.parse(sale.product)).toEqual({ kind: 'units', units: 100 });
        await app.keyboard.press('Escape');
      }
    });

    test('a package for the number, picked from the keyboard', async ({ app, shell }) => {
      await openCounter(app, shell, language);
      await enterNumber(app, '711234567');
      await app.keyboard.press('Alt+2');
      const offer = app.getByTestId('offer').first();
      await expect(offer).toBeFocused();
      const code = await offer.getAttribute('data-code');
      await keepScreenshot(app, `counter-offers-${language}`);
      await app.keyboard.press('Enter');
      const sale = await confirmAndSucceed(app, shell, language, { network: 'sabafon', national: '711234567' });
      expect(JSON.parse(sale.product)).toMatchObject({ kind: 'offer', code });
    });

    test("a Weta package asks prepaid or postpaid and sells through Weta; an Al-Qimah package asks nothing", async ({ app, shell }) => {
      await openCounter(app, shell, language);
      await enterNumber(app, '771234567');
      await app.keyboard.press('Alt+2');
      const wetaOffer = app.locator('[data-testid="offer"][data-provider="weta"]').first();
      const code = await wetaOffer.getAttribute('data-code');
      await wetaOffer.click();
      await expect(app.getByTestId('confirm-provider')).toHaveText(WORDS[language].weta);
      await expect(app.getByTestId('line-type-prepaid')).toBeChecked();
      await app.getByTestId('line-type-postpaid').check();
      await expect(app.getByTestId('confirm-button')).toBeFocused();
      await keepScreenshot(app, `counter-confirm-line-type-${language}`);
      await app.keyboard.press('Enter');
      await expect(app.getByTestId('outcome')).toHaveAttribute('data-state', 'succeeded', { timeout: 20_000 });
      const sold = shell.services.db.prepare('SELECT provider, subscriber_type, product FROM sales ORDER BY tx_id DESC LIMIT 1').get() as { provider: string; subscriber_type: string; product: string };
      expect(sold).toMatchObject({ provider: 'weta', subscriber_type: 'postpaid' });
      expect(JSON.parse(sold.product)).toMatchObject({ kind: 'offer', code, provider: 'weta' });

      await app.keyboard.press('Escape');
      await enterNumber(app, '711234567');
      await app.keyboard.press('Alt+2');
      await app.locator('[data-testid="offer"][data-provider="alqimah"]').first().click();
      await expect(app.getByTestId('confirm-provider')).toHaveText(WORDS[language].alqimah);
      await expect(app.getByTestId('line-type')).toHaveCount(0);
    });

    test('subscriber queries show a readable card and sell nothing', async ({ app, shell }) => {
      await openCounter(app, shell, language);
      await enterNumber(app, '771234567');
      await app.keyboard.press('Alt+3');
      await expect(app.getByTestId('query-balance')).toBeFocused();
      await app.keyboard.press('Enter');
      const card = app.getByTestId('query-card');
      await expect(card).toBeVisible();
      await expect(card.getByTestId('query-balance')).not.toBeEmpty();
      await app.getByTestId('query-loan').click();
      await expect(card.getByTestId('query-loan')).toBeVisible();
      await app.getByTestId('query-offers').click();
      await expect(card.getByTestId('query-offers').locator('li').first()).toBeVisible();
      await keepScreenshot(app, `counter-query-${language}`);
      expect(salesInJournal(shell)).toHaveLength(0);
    });

    test('a game card: catalogue searched, form from its required fields, quantity within its rules', async ({ app, shell }) => {
      await openCounter(app, shell, language);
      await enterNumber(app, '771234567');
      await app.keyboard.press('Alt+4');
      await expect(app.getByTestId('catalogue-item').first()).toBeVisible();
      await expect(app.getByTestId('catalogue-fetched')).not.toBeEmpty();
      const search = app.getByTestId('catalogue-search');
      await expect(search).toBeFocused();
      const count = await app.getByTestId('catalogue-item').count();
      await search.fill('٦٠');
      await expect.poll(() => app.getByTestId('catalogue-item').count()).toBeLessThan(count);
      await keepScreenshot(app, `counter-catalogue-${language}`);
      await app.keyboard.press('ArrowDown');
      await app.keyboard.press('Enter');
      const form = app.getByTestId('game-form');
      await expect(form).toBeVisible();
      await app.keyboard.press('Enter');
      await expect(app.getByTestId('game-error')).toBeVisible();
      const field = form.locator('[data-testid^="game-field-"]').first();
      await field.fill('5123456789');
      const quantity = app.getByTestId('game-quantity');
      if (await quantity.isEditable()) {
        await quantity.fill('100000');
        await field.press('Enter');
        await expect(app.getByTestId('game-error')).toBeVisible();
        await quantity.fill('1');
      }
      await keepScreenshot(app, `counter-game-form-${language}`);
      await field.press('Enter');
      const sale = await confirmAndSucceed(app, shell, language, { network: 'yemen_mobile', national: '771234567', gameCard: true });
      const product = JSON.parse(sale.product);
      expect(product).toMatchObject({ kind: 'game', quantity: 1 });
      expect(Object.values(product.fields)).toEqual(['5123456789']);
    });

    test('the outcome follows the sale live: checking until it settles, a failure with its translated reason', async ({ app, shell }) => {
      await openCounter(app, shell, language);
      // The provider's answer is held back as if unclear (the submit and every re-read say
      // `unknown`): the counter shows "checking" until the sale settles.
      let holdBack = true;
      for (const channel of ['sale.submit', 'sale.get']) {
        await app.route(`**/__pos/invoke/${channel}`, async (route) => {
          const response = await route.fetch();
          const body = await response.json();
          if (body.ok && holdBack) body.value = { ...body.value, state: 'unknown', updatedAt: body.value.updatedAt - 1 };
          await route.fulfill({ response, json: body });
        });
      }
      await enterNumber(app, '771234567');
      await app.keyboard.type('300');
      await app.keyboard.press('Enter');
      await expect(app.getByTestId('confirm-button')).toBeFocused();
      await app.keyboard.press('Enter');
      await expect(app.getByTestId('outcome')).toHaveAttribute('data-state', 'unknown');
      await expect(app.getByTestId('outcome-checking')).toBeVisible();
      await keepScreenshot(app, `counter-outcome-checking-${language}`);
      await app.waitForTimeout(500);
      await expect(app.getByTestId('outcome')).toHaveAttribute('data-state', 'unknown');
      holdBack = false;
      await expect(app.getByTestId('outcome')).toHaveAttribute('data-state', 'succeeded', { timeout: 15_000 });
      holdBack = true;

      // A later state pushed by the main process (`sale.updated`) replaces what is shown.
      await app.keyboard.press('Escape');
      await enterNumber(app, '731234567');
      await app.keyboard.type('50');
      await app.keyboard.press('Enter');
      await expect(app.getByTestId('confirm-button')).toBeFocused();
      await app.keyboard.press('Enter');
      await expect(app.getByTestId('outcome')).toHaveAttribute('data-state', 'unknown');
      const id = await app.getByTestId('outcome-id').textContent();
      const current = await shell.dispatch('sale.get', { id }, { trustedSender: true });
      if (!current.ok) throw new Error('sale.get failed');
      shell.services.events.emit('sale.updated', {
        ...(current.value as SaleView),
        state: 'failed',
        error: { code: 'provider.insufficient_balance', message: 'insufficient' },
        updatedAt: Date.now() + 60_000,
      });
      await expect(app.getByTestId('outcome')).toHaveAttribute('data-state', 'failed');
      await expect(app.getByTestId('outcome-reason')).toHaveText(language === 'ar' ? /رصيد/ : /balance/i);
      await keepScreenshot(app, `counter-outcome-failed-${language}`);
    });

    test('a double Enter on the summary sells once; the number is then a recent one', async ({ app, shell }) => {
      await openCounter(app, shell, language);
      await enterNumber(app, '781234567');
      await app.keyboard.type('700');
      await app.keyboard.press('Enter');
      await expect(app.getByTestId('confirm-button')).toBeFocused();
      await app.keyboard.press('Enter');
      await app.keyboard.press('Enter');
      await app.keyboard.press('Enter');
      await expect(app.getByTestId('outcome')).toHaveAttribute('data-state', 'succeeded', { timeout: 20_000 });
      expect(salesInJournal(shell)).toHaveLength(1);
      // P prints through the receipts channel; whatever the printer says comes back translated.
      await app.keyboard.press('p');
      await expect(app.getByTestId('print-status')).toBeVisible();
      await expect(app.getByTestId('print-status')).not.toContainText('printer.');
      // The same sale again is a soft duplicate: one press acknowledges, a double Enter sells nothing more.
      await app.waitForTimeout(800);
      await app.keyboard.press('Enter');
      await expect(app.getByTestId('number-input')).toBeFocused();
      expect(salesInJournal(shell)).toHaveLength(1);
      await enterNumber(app, '781234567');
      await app.keyboard.type('700');
      await app.keyboard.press('Enter');
      await expect(app.getByTestId('duplicate-warning')).toBeVisible();
      await expect(app.getByTestId('confirm-button')).toBeFocused();
      await app.keyboard.press('Enter');
      await app.keyboard.press('Enter');
      await expect(app.getByTestId('duplicate-warning')).toHaveAttribute('data-acknowledged', 'true');
      await keepScreenshot(app, `counter-duplicate-${language}`);
      await app.waitForTimeout(300);
      expect(salesInJournal(shell)).toHaveLength(1);
      await app.waitForTimeout(500);
      await app.keyboard.press('Enter');
      await expect(app.getByTestId('outcome')).toHaveAttribute('data-state', 'succeeded', { timeout: 20_000 });
      expect(salesInJournal(shell)).toHaveLength(2);
      await app.waitForTimeout(800);
      await app.keyboard.press('Enter');
      await expect(app.getByTestId('number-input')).toBeFocused();

      // The number sold to is a recent one, with its badge, reachable from the keyboard.
      const recent = app.getByTestId('recent-number').first();
      await expect(recent).toContainText('781234567');
      await expect(recent.getByTestId('network-badge')).toHaveText(WORDS[language].yemen_mobile);
      await app.keyboard.press('ArrowDown');
      await expect(recent).toBeFocused();
      await app.keyboard.press('Enter');
      await expect(app.getByTestId('target-number')).toHaveText('781234567');
      // Esc backs out of each step to the number.
      await app.keyboard.press('Escape');
      await expect(app.getByTestId('number-input')).toBeFocused();
    });
  });
}

test('the catalogue screen lists cached cards offline with prices in both currencies', async ({ app, shell }) => {
  await app.keyboard.press('F2');
  await expect(app.getByTestId('catalogue-item').first()).toBeVisible();
  const item = app.getByTestId('catalogue-item').first();
  await expect(item.locator('.money')).toHaveCount(2);
  await expect(item.locator('.money').nth(1)).toHaveAttribute('data-currency', 'USD');
  const rows = (shell.services.db.prepare('SELECT COUNT(*) AS n FROM catalogue_items').get() as { n: number }).n;
  expect(rows).toBeGreaterThan(0);
  await item.click();
  await expect(app.getByTestId('catalogue-detail')).toBeVisible();
  await keepScreenshot(app, 'catalogue-screen-ar');

  // The providers go away (here: the training simulators stop): a refresh fails, the saved list stays.
  const names = await app.getByTestId('catalogue-item').allTextContents();
  await shell.services.sales.registry.close();
  await app.getByTestId('catalogue-refresh').click();
  await expect(app.getByTestId('catalogue-offline')).toBeVisible();
  expect(await app.getByTestId('catalogue-item').allTextContents()).toEqual(names);
  await keepScreenshot(app, 'catalogue-screen-offline-ar');
});
