// The counter at a busy cashier's speed (issue 11): no keystroke lost or wasted, the number read
// as the plan allows, what the cashier must see before money moves and what to do when a sale is
// in doubt. Real Chromium against the web shell in training mode, in Arabic and in English; the
// journal and the simulators' ledgers are read back, not the app's view of itself.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page, Route } from '@playwright/test';
import { defaultSimAccount, startAlqimahSimulator, type AlqimahSimulator } from '../harness/simulator-faults/alqimah';
import { startShell, type Shell } from '../harness/shell';
import { ARTEFACTS, expect, keepScreenshot, test } from './fixtures';

const LANGUAGES = ['ar', 'en'] as const;
type Language = (typeof LANGUAGES)[number];

const WORDS = {
  ar: { playerId: 'رقم اللاعب (ID)', network: 'الشبكة', yemen_mobile: 'يمن موبايل', twoMore: 'ينقص رقمان', tooShort: 'الرقم قصير جداً.', success: 'تمت العملية بنجاح' },
  en: { playerId: 'Player ID', network: 'Network', yemen_mobile: 'Yemen Mobile', twoMore: '2 more digits', tooShort: 'The number is too short.', success: 'Sale succeeded' },
} as const;

async function openCounter(page: Page, shell: Shell, language: Language) {
  shell.services.settings.update({ language });
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', language);
  await expect(page.getByTestId('number-input')).toBeFocused();
}

function salesInJournal(shell: Shell): { tx_id: number; number: string; state: string; product: string }[] {
  return shell.services.db.prepare('SELECT tx_id, number, state, product FROM sales ORDER BY tx_id').all() as never;
}

/** A top-up typed from the number field: the number, Enter, the amount (or units), Enter. */
async function typeTopUp(page: Page, number: string, amount: string) {
  await page.getByTestId('number-input').pressSequentially(number);
  await page.keyboard.press('Enter');
  await page.getByTestId('top-up-value').pressSequentially(amount);
  await page.keyboard.press('Enter');
}

/** Holds every `sale.quote` answer until `release()`: the price is "on its way" meanwhile. */
async function holdQuotes(page: Page) {
  let open: () => void = () => undefined;
  let gate = new Promise<void>((resolve) => (open = resolve));
  const handler = async (route: Route) => {
    await gate;
    await route.continue();
  };
  await page.route('**/__pos/invoke/sale.quote', handler);
  return {
    release: () => open(),
    hold: () => {
      gate = new Promise<void>((resolve) => (open = resolve));
    },
    stop: () => page.unroute('**/__pos/invoke/sale.quote', handler),
  };
}

/**
 * A shop with a real Al-Qimah account on a simulator the test holds; with `inDoubt` its first
 * payment stays pending until the test lets it settle. Checks are quick so the counter shows them live.
 */
async function startSimShop(options: { inDoubt: boolean; balanceMinor: number }): Promise<{ shell: Shell; sim: AlqimahSimulator; close(): Promise<void> }> {
  const sim = await startAlqimahSimulator({ balanceMinor: options.balanceMinor });
  if (options.inDoubt) sim.knobs.pending = { next: 1, probability: 0, checks: 100_000, outcome: 'succeeded' };
  const shell = await startShell({
    deps: {
      sales: {
        credentialsFor: async (id) => (id === 'alqimah' ? { ...defaultSimAccount } : null),
        providerUrls: { alqimah: sim.url },
        reconciler: { baseDelayMs: 4_000, maxDelayMs: 8_000, intervalMs: 500, maxChecks: 100 },
      },
    },
  });
  return {
    shell,
    sim,
    close: async () => {
      await shell.close();
      await sim.close();
    },
  };
}

for (const language of LANGUAGES) {
  test.describe(`counter journey (${language})`, () => {
    test('items 2 and 3: a sale in doubt says what to do, is checked live, is named when sold again, and its settling shows on every screen', async ({ page }) => {
      const shop = await startSimShop({ inDoubt: true, balanceMinor: 10_000_000_00 });
      try {
        const { shell, sim } = shop;
        shell.services.settings.update({ language });
        await page.goto(shell.url);
        const input = page.getByTestId('number-input');
        await expect(input).toBeFocused();
        await typeTopUp(page, '771234567', '1000');
        await expect(page.getByTestId('confirm-button')).toBeFocused();
        await page.keyboard.press('Enter');
        const outcome = page.getByTestId('outcome');
        await expect(outcome).toHaveAttribute('data-state', 'pending', { timeout: 20_000 });
        const firstId = (await page.getByTestId('outcome-id').textContent())!;
        expect(sim.ledger.chargesFor(firstId)).toBe(1);

        // One line to act on: the money has left the agent account (the provider has the sale).
        await expect(page.getByTestId('outcome-doubt-action')).toHaveAttribute('data-doubt', 'pending');
        await expect(page.getByTestId('outcome-doubt-action')).toContainText(language === 'ar' ? 'خرج المبلغ من حساب الوكيل' : 'the money has left the agent account');
        // Live: the checks go on by themselves and the screen says so.
        await expect(page.getByTestId('outcome-working')).toHaveClass(/working/);
        await expect(page.getByTestId('outcome-next-check')).toContainText(/\d/);
        const checksBefore = shell.services.sales.journal.get(Number(firstId))!.checks;
        await expect.poll(() => shell.services.sales.journal.get(Number(firstId))!.checks, { timeout: 15_000 }).toBeGreaterThan(checksBefore);
        const checks = shell.services.sales.journal.get(Number(firstId))!.checks;
        await expect(page.getByTestId('outcome-checks')).toContainText(language === 'ar' ? 'آخرها' : 'last at');
        // "Check now" says what it found.
        await page.getByTestId('outcome-recheck').click();
        await expect(page.getByTestId('outcome-recheck-result')).toBeVisible();
        await expect(page.getByTestId('outcome-recheck-result')).toContainText(language === 'ar' ? 'لا إجابة نهائية بعد' : 'still no final answer');
        expect(shell.services.sales.journal.get(Number(firstId))!.checks).toBeGreaterThan(checks);
        await keepScreenshot(page, `counter-outcome-in-doubt-${language}`);

        // The next customer is the same number and product: the earlier sale is named with its
        // state, and Enter alone does not sell again.
        await page.keyboard.type('771234567');
        await expect(input).toHaveValue('771234567');
        await expect(page.getByTestId('attention-count')).toHaveAttribute('data-count', '1');
        await page.keyboard.press('Enter');
        await page.getByTestId('top-up-value').pressSequentially('1000');
        await page.keyboard.press('Enter');
        const warning = page.getByTestId('in-doubt-warning');
        await expect(warning).toBeVisible();
        await expect(warning.getByTestId('earlier-sale')).toHaveAttribute('data-id', firstId);
        await expect(warning.getByTestId('earlier-sale')).toContainText(firstId);
        await expect(warning.getByTestId('earlier-sale')).toHaveAttribute('data-state', 'pending');
        await expect(warning).toContainText(language === 'ar' ? 'قد يشحنه مرتين' : 'may top it up twice');
        await expect(page.getByTestId('in-doubt-confirm')).toBeFocused();
        await keepScreenshot(page, `counter-confirm-in-doubt-${language}`);
        await page.keyboard.press('Enter');
        await page.keyboard.press('Enter');
        await expect(page.getByTestId('in-doubt-nudge')).toBeVisible();
        await page.waitForTimeout(300);
        expect(sim.ledger.charges).toHaveLength(1);
        await page.keyboard.press('Space');
        await expect(page.getByTestId('confirm-button')).toBeFocused();
        await page.keyboard.press('Enter');
        await expect(outcome).toHaveAttribute('data-state', 'succeeded', { timeout: 20_000 });
        expect(sim.ledger.charges).toHaveLength(2);

        // On another screen, the first sale settles: a notice and the counter say so.
        await page.keyboard.press('F3');
        await expect(page.getByTestId('attention-count')).toHaveAttribute('data-count', '1');
        sim.ledger.transactions.get(firstId)!.checksLeft = 0;
        const notice = page.getByTestId('settled-notice');
        await expect(notice).toHaveAttribute('data-id', firstId, { timeout: 20_000 });
        await expect(notice).toHaveAttribute('data-state', 'succeeded');
        await expect(page.getByTestId('attention-count')).toHaveCount(0);
        await keepScreenshot(page, `counter-settled-notice-${language}`);
        expect(sim.ledger.chargesFor(firstId)).toBe(1);
      } finally {
        await shop.close();
      }
    });

    test('item 3 / issue 9 defect 4: the ordinary duplicate warning names the earlier sale and its state', async ({ app, shell }) => {
      await openCounter(app, shell, language);
      await typeTopUp(app, '771234567', '500');
      await expect(app.getByTestId('confirm-button')).toBeFocused();
      await app.keyboard.press('Enter');
      await expect(app.getByTestId('outcome')).toHaveAttribute('data-state', 'succeeded', { timeout: 20_000 });
      const earlierId = (await app.getByTestId('outcome-id').textContent())!;
      await app.keyboard.press('F1');
      await typeTopUp(app, '771234567', '500');
      const warning = app.getByTestId('duplicate-warning');
      await expect(warning).toBeVisible();
      await expect(warning.getByTestId('earlier-sale')).toHaveAttribute('data-id', earlierId);
      await expect(warning.getByTestId('earlier-sale')).toHaveAttribute('data-state', 'succeeded');
      await expect(warning.getByTestId('earlier-sale')).toContainText(earlierId);
      await expect(warning.getByTestId('earlier-sale')).toContainText(language === 'ar' ? 'تمت بنجاح' : 'Succeeded');
      // Not in doubt: the ordinary confirmation, no box to tick.
      await expect(app.getByTestId('in-doubt-warning')).toHaveCount(0);
      expect(salesInJournal(shell)).toHaveLength(1);
    });

    test('item 1: a game card reads its Player ID back, large, on the confirm screen, the outcome and the receipt (screen and printed); no network', async ({ app, shell }) => {
      await openCounter(app, shell, language);
      await app.getByTestId('number-input').pressSequentially('771234567');
      await app.keyboard.press('Enter');
      await app.keyboard.press('Alt+4');
      await app.getByTestId('catalogue-search').fill('325');
      // Enter picks the card once the search leaves just one.
      await expect(app.getByTestId('catalogue-item')).toHaveCount(1);
      await app.keyboard.press('Enter');
      const field = app.getByTestId('game-field-PlayerID');
      await field.fill('5123456789');
      await field.press('Enter');
      const confirm = app.getByTestId('confirm');
      const readBack = app.getByTestId('confirm-game-fields').getByTestId('game-field');
      await expect(readBack).toHaveCount(1);
      await expect(readBack).toContainText(WORDS[language].playerId);
      await expect(readBack.getByTestId('game-field-value')).toHaveText('5123456789');
      // Large: bigger than the number line, so it is what the eye lands on.
      const size = await readBack.getByTestId('game-field-value').evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
      expect(size).toBeGreaterThanOrEqual(28);
      await expect(confirm.getByTestId('network-badge')).toHaveCount(0);
      await expect(confirm).not.toContainText(WORDS[language].network);
      await expect(app.getByTestId('confirm-price').locator('.money').first()).toBeVisible();
      await keepScreenshot(app, `counter-confirm-game-${language}`);
      await expect(app.getByTestId('confirm-button')).toBeFocused();
      await app.keyboard.press('Enter');
      const outcome = app.getByTestId('outcome');
      await expect(outcome).toHaveAttribute('data-state', 'succeeded', { timeout: 20_000 });
      await expect(outcome.getByTestId('game-field-value')).toHaveText('5123456789');
      await expect(outcome.getByTestId('game-field')).toContainText(WORDS[language].playerId);
      await expect(outcome.getByTestId('network-badge')).toHaveCount(0);
      const [sold] = salesInJournal(shell);
      expect(JSON.parse(sold!.product)).toMatchObject({ kind: 'game', fields: { PlayerID: '5123456789' } });

      // The receipt, on screen and as printed (PDF of the print copy, read back with pdftotext).
      await app.keyboard.press('F3');
      await app.getByTestId('history-results').getByTestId(`history-row-${sold!.tx_id}`).click();
      const receipt = app.getByTestId('receipt');
      await expect(receipt.getByTestId('receipt-game-field-PlayerID')).toContainText('5123456789');
      await expect(receipt.getByTestId('receipt-game-field-PlayerID')).toContainText(WORDS[language].playerId);
      await expect(receipt.getByTestId('receipt-network')).toHaveCount(0);
      const box = (await receipt.boundingBox())!;
      await app.emulateMedia({ media: 'print' });
      const scale = ((80 / 25.4) * 96) / box.width;
      const pdf = await app.pdf({ width: '80mm', height: `${Math.ceil(box.height * scale) + 20}px`, scale, printBackground: true, margin: { top: '0', right: '0', bottom: '0', left: '0' } });
      await app.emulateMedia({ media: 'screen' });
      mkdirSync(ARTEFACTS, { recursive: true });
      const file = join(ARTEFACTS, `receipt-game-${language}.pdf`);
      writeFileSync(file, pdf);
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-']).toString('utf8').normalize('NFKC').replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069\s]/g, '');
      expect(text).toContain('5123456789');
      // pdftotext gives Arabic in logical order, its brackets mirrored: the words are what is checked.
      expect(text).toContain(language === 'ar' ? 'رقماللاعب' : 'PlayerID');
    });

    test('item 4: the counter shows each provider\'s last known agent balance, its age, and the low-balance warning', async ({ page }) => {
      const shop = await startSimShop({ inDoubt: false, balanceMinor: 6_000_00 });
      try {
        const { shell, sim } = shop;
        shell.services.settings.update({ language, lowBalanceThreshold: 5_000_00 });
        await page.goto(shell.url);
        const line = page.getByTestId('agent-balance-alqimah');
        await expect(line.getByTestId('agent-balance-amount').locator('.money')).toHaveAttribute('data-minor', String(sim.ledger.balanceMinor));
        await expect(line.getByTestId('agent-balance-age')).not.toBeEmpty();
        await expect(line).toHaveAttribute('data-low', 'false');
        await typeTopUp(page, '771234567', '1500');
        await expect(page.getByTestId('confirm-button')).toBeFocused();
        await page.keyboard.press('Enter');
        await expect(page.getByTestId('outcome')).toHaveAttribute('data-state', 'succeeded', { timeout: 20_000 });
        expect(sim.ledger.balanceMinor).toBe(4_500_00);
        await expect(line.getByTestId('agent-balance-amount').locator('.money')).toHaveAttribute('data-minor', String(4_500_00));
        await expect(line).toHaveAttribute('data-low', 'true');
        await expect(line.getByTestId('agent-balance-low')).toContainText(language === 'ar' ? 'منخفض' : 'Low');
        await expect(line.getByTestId('agent-balance-age')).toContainText(language === 'ar' ? 'الآن' : 'now');
        await keepScreenshot(page, `counter-agent-balance-low-${language}`);
        // After a restart the last known balance is still there, with its age.
        await page.reload();
        await expect(line.getByTestId('agent-balance-amount').locator('.money')).toHaveAttribute('data-minor', String(4_500_00));
      } finally {
        await shop.close();
      }
    });

    test('item 8: a 78… mobile being typed stays a mobile; only the fixed-line plan reads as a landline, on Enter', async ({ app, shell }) => {
      await openCounter(app, shell, language);
      const input = app.getByTestId('number-input');
      await input.pressSequentially('7812345');
      await expect(app.getByTestId('number-networks')).toHaveText(WORDS[language].yemen_mobile);
      await expect(app.getByTestId('number-status')).toContainText(WORDS[language].twoMore);
      await keepScreenshot(app, `counter-number-78-growing-${language}`);
      await input.pressSequentially('67');
      await expect(app.getByTestId('number-networks')).toHaveText(WORDS[language].yemen_mobile);
      await expect(app.getByTestId('number-status')).toContainText('781234567');
      // A 7-digit 77… is a mobile missing digits: no landline, and Enter says it is short.
      await input.fill('');
      await input.pressSequentially('7712345');
      await expect(app.getByTestId('number-networks')).toHaveText(WORDS[language].yemen_mobile);
      await app.keyboard.press('Enter');
      await expect(app.getByTestId('number-status')).toHaveText(WORDS[language].tooShort);
      await expect(app.getByTestId('sale-screen')).toHaveAttribute('data-step', 'number');
      // The 7-digit 78[0-7]… is offered as a landline / ADSL only when Enter says nothing more is coming.
      await input.fill('');
      await input.pressSequentially('7812345');
      await app.keyboard.press('Enter');
      await expect(app.getByTestId('network-choice')).toBeVisible();
    });

    test('item 5: an Enter pressed before the price shows is applied when it is the typed amount, refused otherwise', async ({ app, shell }) => {
      await openCounter(app, shell, language);
      const quotes = await holdQuotes(app);
      await typeTopUp(app, '771234567', '1000');
      await expect(app.getByTestId('confirm')).toBeVisible();
      await app.keyboard.press('Enter');
      await expect(app.getByTestId('confirm-early')).toHaveAttribute('data-early', 'held');
      expect(salesInJournal(shell)).toHaveLength(0);
      quotes.release();
      await expect(app.getByTestId('outcome')).toHaveAttribute('data-state', 'succeeded', { timeout: 20_000 });
      expect(salesInJournal(shell)).toHaveLength(1);

      // Units: the price is news to the cashier, so the early Enter is refused, in words, and sells nothing.
      quotes.hold();
      await app.keyboard.press('Escape');
      await typeTopUp(app, '711234567', '100');
      await expect(app.getByTestId('confirm')).toBeVisible();
      await app.keyboard.press('Enter');
      await expect(app.getByTestId('confirm-early')).toHaveAttribute('data-early', 'held');
      quotes.release();
      await expect(app.getByTestId('confirm-early')).toHaveAttribute('data-early', 'refused');
      await expect(app.getByTestId('confirm-early')).not.toBeEmpty();
      await expect(app.getByTestId('confirm-price').locator('.money').first()).toBeVisible();
      await keepScreenshot(app, `counter-confirm-early-refused-${language}`);
      await app.waitForTimeout(300);
      expect(salesInJournal(shell)).toHaveLength(1);
      await expect(app.getByTestId('confirm-button')).toBeFocused();
      await app.keyboard.press('Enter');
      await expect(app.getByTestId('outcome')).toHaveAttribute('data-state', 'succeeded', { timeout: 20_000 });
      expect(salesInJournal(shell)).toHaveLength(2);
      await quotes.stop();
    });

    test('item 6: digits on the outcome start the next number, an Enter soon after it is a new sale, F1 everywhere, Esc selects the old number', async ({ app, shell }) => {
      await openCounter(app, shell, language);
      const input = app.getByTestId('number-input');
      await input.pressSequentially('771234567');
      await app.keyboard.press('Enter');
      await app.keyboard.type('500');
      await app.keyboard.press('Enter');
      await expect(app.getByTestId('confirm-button')).toBeFocused();
      await app.keyboard.press('Enter');
      await expect(app.getByTestId('outcome')).toHaveAttribute('data-state', 'succeeded', { timeout: 20_000 });
      // The next customer's number, typed straight onto the outcome with no key between: nothing lost.
      await app.keyboard.type('778889999', { delay: 0 });
      await expect(input).toHaveValue('778889999');
      await expect(input).toBeFocused();

      await app.keyboard.press('Enter');
      await app.keyboard.type('500');
      await app.keyboard.press('Enter');
      await app.keyboard.press('Enter');
      await expect(app.getByTestId('outcome')).toHaveAttribute('data-state', 'succeeded', { timeout: 20_000 });
      // An Enter soon after the outcome shows is a new sale: only a press within a bounce of the
      // confirming one is ignored (a person cannot press again that fast).
      await app.waitForTimeout(350);
      await app.keyboard.press('Enter');
      await expect(input).toBeFocused();
      await expect(input).toHaveValue('');
      expect(salesInJournal(shell).map((s) => s.number)).toEqual(['771234567', '778889999']);

      // Esc from the product step back to the number selects it: typing replaces it.
      await input.pressSequentially('771234567');
      await app.keyboard.press('Enter');
      await expect(app.getByTestId('product-step')).toBeVisible();
      await app.keyboard.press('Escape');
      await expect(input).toBeFocused();
      await app.keyboard.type('70');
      await expect(input).toHaveValue('70');

      // F1 from the product step, and from another screen: a new sale with an empty number.
      await input.fill('711234567');
      await app.keyboard.press('Enter');
      await expect(app.getByTestId('product-step')).toBeVisible();
      await app.keyboard.press('F1');
      await expect(input).toBeFocused();
      await expect(input).toHaveValue('');
      await input.pressSequentially('711234567');
      await app.keyboard.press('F3');
      await expect(app.getByTestId('sale-screen')).toHaveCount(0);
      await app.keyboard.press('F1');
      await expect(input).toBeFocused();
      await expect(input).toHaveValue('');
    });

    test('item 7: after the language switch, focus goes back to where the cashier was', async ({ app, shell }) => {
      await openCounter(app, shell, language);
      const input = app.getByTestId('number-input');
      await input.pressSequentially('771234567');
      await app.getByTestId('language-switch').click();
      const other = language === 'ar' ? 'en' : 'ar';
      await expect(app.locator('html')).toHaveAttribute('lang', other);
      await expect(input).toBeFocused();
      // Enter goes on with the sale, not back to the old language.
      await app.keyboard.press('Enter');
      await expect(app.getByTestId('product-step')).toBeVisible();
      await expect(app.locator('html')).toHaveAttribute('lang', other);
      await expect(app.getByTestId('top-up-value')).toBeFocused();
      await app.getByTestId('language-switch').click();
      await expect(app.locator('html')).toHaveAttribute('lang', language);
      await expect(app.getByTestId('top-up-value')).toBeFocused();
    });
  });
}
