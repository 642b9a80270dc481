// The back office as the owner and a busy cashier use it, in Arabic and English, through the web
// shell and real Chromium (issue 11 items 11, 13, 15, 16): the history at 1366×768 keyboard first,
// the owner's digit style everywhere, closing a shift with a printed Z report, and training sales.
// A receipt printer is the test printer on loopback, fed by the app's own print window.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { money } from '../../shared/money';
import { createJournal } from '../../electron/sales/journal';
import { startShell, type Shell } from '../harness/shell';
import { chromiumPrinter } from '../harness/chromium-printer';
import { blackRatio, jobToPng, startTestPrinter, type TestPrinter } from '../harness/test-printer';
import { ARTEFACTS, expect, test } from './fixtures';

const ARABIC_INDIC = /[\u0660-\u0669]/;
const WESTERN = /[0-9]/;

type Office = { shell: Shell; app: Page; printer: TestPrinter; close(): Promise<void> };

/** A shell whose receipt printer is the test printer, drawn by a second page of the same app. */
async function openOffice(context: BrowserContext, page: Page, language: 'ar' | 'en', paperWidth: '58' | '80' = '58'): Promise<Office> {
  const printer = await startTestPrinter();
  let appUrl = '';
  const shell = await startShell({ deps: { printer: chromiumPrinter(() => context.newPage(), () => appUrl) } });
  appUrl = shell.url;
  shell.services.settings.update({ language, shopName: language === 'ar' ? 'محل النور للاتصالات' : 'Al-Noor Telecom' });
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(shell.url);
  await expect(page.locator('.app-header')).toBeVisible();
  await page.evaluate(({ port, paperWidth }) => window.pos.invoke('printer.set', { host: '127.0.0.1', port, paperWidth }), { port: printer.port, paperWidth });
  return {
    shell,
    app: page,
    printer,
    async close() {
      await shell.close();
      await printer.close();
    },
  };
}

type Seeded = { id: string; number: string; minor: number };

/** Sales as the journal writes them, each a different number and amount, settled as succeeded. */
function seedSales(shell: Shell, count: number): Seeded[] {
  const journal = createJournal(shell.services.db, Date.now);
  const out: Seeded[] = [];
  for (let i = 0; i < count; i++) {
    const number = `77${String(3000000 + i * 4111).padStart(7, '0')}`;
    const minor = (i + 2) * 250_00;
    const sale = journal.create({ counter: 1, provider: 'alqimah', network: 'yemen_mobile', number, product: { kind: 'amount', amount: money(minor) }, cashierId: null, training: false });
    journal.move(sale.txId, 'sent', {}, Date.now() + 60_000);
    journal.move(sale.txId, 'succeeded', { providerRef: `AQ${sale.txId}`, price: money(minor) }, null);
    out.push({ id: String(sale.txId), number, minor });
  }
  return out;
}

/** Kept with the other screenshots of a run (not committed); docs/screenshots holds the chosen ones. */
function keepScreenshot(name: string, png: Uint8Array) {
  mkdirSync(ARTEFACTS, { recursive: true });
  writeFileSync(join(ARTEFACTS, `${name}.png`), png);
}

const HISTORY_TEXT = { ar: { product: 'تعبئة رصيد' }, en: { product: 'Top-up' } } as const;

for (const language of ['ar', 'en'] as const) {
  test(`history at 1366×768 in ${language}: results under the search with amount and product, ↓/Enter opens, P reprints`, async ({ context, page }) => {
    const office = await openOffice(context, page, language);
    try {
      const { app, shell, printer } = office;
      const sales = seedSales(shell, 12);
      await app.keyboard.press('F3');
      const results = app.getByTestId('history-results');
      await expect(results.locator('li')).toHaveCount(12);

      // At least six results are on screen without scrolling, right under the search box.
      const rows = results.locator('button.history-row');
      let visible = 0;
      for (let i = 0; i < 12; i++) {
        const box = await rows.nth(i).boundingBox();
        if (box && box.y + box.height <= 768) visible++;
      }
      expect(visible).toBeGreaterThanOrEqual(6);

      // Each row carries the product and the amount, in the cashier's language.
      const newest = sales[11]!;
      const row = results.getByTestId(`history-row-${newest.id}`);
      await expect(row.getByTestId('history-row-amount').locator('.money')).toHaveAttribute('data-minor', String(newest.minor));
      await expect(row.getByTestId('history-row-amount')).toContainText('3,250');
      await expect(row.getByTestId('history-row-product')).toContainText(HISTORY_TEXT[language].product);

      // From the search box: ↓ lands on the first row, ↓ again on the second, Enter opens it.
      await expect(app.getByTestId('history-search')).toBeFocused();
      await app.keyboard.press('ArrowDown');
      await expect(rows.first()).toBeFocused();
      await app.keyboard.press('ArrowDown');
      await expect(rows.nth(1)).toBeFocused();
      await app.keyboard.press('Enter');
      const second = sales[10]!;
      await expect(app.getByTestId('history-details').getByTestId('receipt').getByTestId('receipt-number')).toContainText(second.number);

      // P reprints the focused row's receipt on the receipt printer: a copy.
      await app.keyboard.press('p');
      const [job] = await printer.waitForJobs(1);
      expect(job!.widthDots).toBe(384);
      expect(job!.endsWithCut).toBe(true);
      expect(blackRatio(job!)).toBeGreaterThan(0.02);
      await expect(app.getByTestId('history-printed')).toBeVisible();
      expect(shell.services.db.prepare('SELECT tx_id, kind FROM receipt_prints').all()).toEqual([{ tx_id: Number(second.id), kind: 'final' }]);
      await app.keyboard.press('p');
      await printer.waitForJobs(2);
      expect(shell.services.db.prepare('SELECT kind FROM receipt_prints ORDER BY id').pluck().all()).toEqual(['final', 'copy']);
      if (language === 'ar') keepScreenshot('history-list-ar', await app.screenshot());
      else keepScreenshot('history-list-en', await app.screenshot());
    } finally {
      await office.close();
    }
  });

  test(`the owner's digit style in ${language}: Western and Arabic-Indic on money, numbers, ids, dates and the printed receipt`, async ({ context, page }) => {
    const office = await openOffice(context, page, language);
    try {
      const { app, shell, printer } = office;
      const [sale] = seedSales(shell, 1);
      await app.keyboard.press('F3');
      const row = app.getByTestId(`history-row-${sale!.id}`);
      await row.click();
      const details = app.getByTestId('history-details');
      await expect(details.getByTestId('receipt')).toBeVisible();

      // Western (the default): not one Arabic-Indic digit on the history screen or its receipt.
      await expect(row).toContainText('500');
      expect(await app.locator('main').innerText()).not.toMatch(ARABIC_INDIC);

      // The owner picks Arabic-Indic in Settings; every number follows at once.
      await app.keyboard.press('F5');
      await app.getByTestId('setting-digitStyle').selectOption('arabic');
      await app.getByTestId('settings-save').click();
      await expect(app.getByTestId('settings-saved')).toBeVisible();
      await app.keyboard.press('F3');
      await app.getByTestId(`history-row-${sale!.id}`).click();
      await expect(app.getByTestId(`history-row-${sale!.id}`).locator('.history-row-number')).toHaveText(toArabicIndic(sale!.number));
      await expect(details.getByTestId('receipt').getByTestId('receipt-transaction-id')).toContainText(toArabicIndic(sale!.id));
      const shown = await app.locator('.history-body').innerText();
      // The provider's reference (letters and digits, read back to the provider) stays as written.
      expect(shown.replaceAll(`AQ${sale!.id}`, '')).not.toMatch(WESTERN);

      // The printed receipt carries the same digits: its document says so, and it prints.
      await details.getByTestId('history-reprint').click();
      await printer.waitForJobs(1);
      const preview = await app.evaluate((id) => window.pos.invoke('receipt.preview', { id }), sale!.id);
      expect(preview).toMatchObject({ ok: true, value: { digitStyle: 'arabic' } });
      // After a restart the choice still holds.
      await app.reload();
      await expect(app.locator('.app-header')).toBeVisible();
      await app.keyboard.press('F3');
      await expect(app.getByTestId(`history-row-${sale!.id}`).locator('.history-row-number')).toHaveText(toArabicIndic(sale!.number));
    } finally {
      await office.close();
    }
  });
}

function toArabicIndic(text: string): string {
  return text.replace(/[0-9]/g, (d) => String.fromCharCode(0x0660 + Number(d)));
}



/** Sales a cashier made in the open shift, as the journal writes them (training: the app is in training mode). */
function seedShiftSales(shell: Shell, cashierId: string, minors: number[]): void {
  const journal = createJournal(shell.services.db, Date.now);
  for (const [i, minor] of minors.entries()) {
    const sale = journal.create({ counter: 1, provider: 'weta', network: 'you', number: `73${String(1000000 + i).padStart(7, '0')}`, product: { kind: 'amount', amount: money(minor) }, cashierId, training: true });
    journal.move(sale.txId, 'sent', {}, Date.now() + 60_000);
    journal.move(sale.txId, 'succeeded', { providerRef: `W${sale.txId}`, price: money(minor) }, null);
  }
}

const SHIFT_TEXT = {
  ar: { confirm: 'إغلاق ورديتك الآن؟', training: 'تدريب (ليست أموالاً)' },
  en: { confirm: 'Close your shift now?', training: 'Training (practice, not money)' },
} as const;

for (const language of ['ar', 'en'] as const) {
  test(`closing a shift in ${language}: confirmed first, the Z report prints on 58 mm, past shifts list their Z reports`, async ({ context, page }) => {
    const office = await openOffice(context, page, language, '58');
    try {
      const { app, shell, printer } = office;
      const owner = shell.services.session.current()!;
      await app.keyboard.press('F4');
      await app.getByTestId('shift-open-button').click();
      await expect(app.getByTestId('shift-open')).toBeVisible();
      seedShiftSales(shell, owner.id, [1_000_00, 2_500_00]);
      const openShifts = () => shell.services.db.prepare('SELECT COUNT(*) FROM shifts WHERE closed_at IS NULL').pluck().get();

      // The first press only asks; a stray Enter lands on "keep it open".
      await app.getByTestId('shift-close').click();
      await expect(app.getByTestId('shift-close-confirmation')).toContainText(SHIFT_TEXT[language].confirm);
      await expect(app.getByTestId('shift-close-cancel')).toBeFocused();
      await app.keyboard.press('Enter');
      await expect(app.getByTestId('shift-close-confirmation')).toHaveCount(0);
      expect(openShifts()).toBe(1);
      expect(printer.jobs).toHaveLength(0);

      // Confirmed: closed, and the Z report comes out of the receipt printer by itself.
      await app.getByTestId('shift-close').click();
      await app.getByTestId('shift-close-confirm').click();
      const z = app.getByTestId('shift').getByTestId('z-report');
      // Training sales fill the Z report apart from the real figures, marked as training.
      await expect(z.getByTestId('z-training-sold').locator('.money')).toHaveAttribute('data-minor', String(3_500_00));
      await expect(z.getByTestId('z-training-sold')).toContainText(SHIFT_TEXT[language].training);
      await expect(z.getByTestId('z-total')).toHaveText('—');
      const [job] = await printer.waitForJobs(1);
      expect(job!.widthDots).toBe(384);
      expect(job!.endsWithCut).toBe(true);
      expect(job!.unknown).toEqual([]);
      expect(job!.height).toBeGreaterThan(300);
      expect(blackRatio(job!)).toBeGreaterThan(0.03);
      await expect(z.getByTestId('z-printed')).toBeVisible();
      expect(openShifts()).toBe(0);
      keepScreenshot(`z-report-58mm-${language}`, jobToPng(job!));

      // A second shift; the owner then lists both and reprints the first one's Z report.
      await app.getByTestId('shift-open-button').click();
      await app.getByTestId('shift-close').click();
      await app.getByTestId('shift-close-confirm').click();
      await printer.waitForJobs(2);
      const shifts = shell.services.db.prepare('SELECT id FROM shifts ORDER BY id').pluck().all() as number[];
      const past = app.getByTestId('past-shifts');
      await expect(past.locator('button.past-shift')).toHaveCount(2);
      await past.getByTestId(`past-shift-${shifts[0]}`).click();
      const firstZ = past.locator(`[data-testid="z-report"][data-shift-id="${shifts[0]}"]`);
      await expect(firstZ.getByTestId('z-training-sold').locator('.money')).toHaveAttribute('data-minor', String(3_500_00));
      // Reprinted on 80 mm paper: the same report at 576 dots.
      // The whole printer config is sent: printer.set's partial schema fills missing keys with defaults.
      await app.evaluate((port) => window.pos.invoke('printer.set', { host: '127.0.0.1', port, paperWidth: '80' }), printer.port);
      await firstZ.getByTestId('z-print').click();
      const reprint = (await printer.waitForJobs(3))[2]!;
      expect(reprint.widthDots).toBe(576);
      expect(reprint.endsWithCut).toBe(true);
      await expect(firstZ.getByTestId('z-printed')).toBeVisible();
      // The day's dashboard counts the training sales too, marked as training.
      await expect(app.getByTestId('day-training-sold').locator('.money')).toHaveAttribute('data-minor', String(3_500_00));
      await expect(app.getByTestId('day-total').locator('.money')).toHaveCount(0);
    } finally {
      await office.close();
    }
  });
}

const TRAINING_TEXT = {
  ar: { leave: 'الإعدادات (F5)', pendingThenSucceeds: 'قيد التحقق ثم تنجح', fails: 'تفشل', staysInDoubt: 'تبقى قيد التحقق' },
  en: { leave: 'Settings (F5)', pendingThenSucceeds: 'is checked, then succeeds', fails: 'fails', staysInDoubt: 'stays being checked' },
} as const;

/** A 500 YER top-up typed at the counter, keyboard only, up to the outcome screen. */
async function sellAtCounter(app: Page, number: string) {
  // From the last outcome back to an empty number (Esc, as the counter's own tests do).
  if (await app.getByTestId('outcome').isVisible()) await app.keyboard.press('Escape');
  const input = app.getByTestId('number-input');
  await input.fill('');
  await input.pressSequentially(number);
  await app.keyboard.press('Enter');
  await expect(app.getByTestId('top-up-value')).toBeFocused();
  await app.keyboard.type('500');
  await app.keyboard.press('Enter');
  await expect(app.getByTestId('confirm-button')).toBeFocused();
  await app.keyboard.press('Enter');
  await expect(app.getByTestId('outcome')).toBeVisible({ timeout: 20_000 });
}

function stateOf(shell: Shell, number: string): string {
  return shell.services.db.prepare('SELECT state FROM sales WHERE number = ? ORDER BY tx_id DESC LIMIT 1').pluck().get(number) as string;
}

for (const language of ['ar', 'en'] as const) {
  test(`training in ${language}: the banner's practice numbers end checked-then-succeeded, failed, or in doubt`, async ({ app, shell }) => {
    expect(shell.services.isTraining()).toBe(true);
    if (language === 'en') await app.getByTestId('language-switch').click();
    const banner = app.getByTestId('training-banner');
    await expect(banner.getByTestId('training-leave')).toContainText(TRAINING_TEXT[language].leave);
    for (const outcome of ['pendingThenSucceeds', 'fails', 'staysInDoubt'] as const) {
      await expect(banner.getByTestId(`practice-${outcome}`)).toContainText(TRAINING_TEXT[language][outcome]);
    }
    const numberOf = async (outcome: string) => (await banner.getByTestId(`practice-${outcome}`).locator('bdi').innerText()).trim();

    const fails = await numberOf('fails');
    await sellAtCounter(app, fails);
    await expect(app.getByTestId('outcome')).toHaveAttribute('data-state', 'failed');
    expect(stateOf(shell, fails)).toBe('failed');

    const later = await numberOf('pendingThenSucceeds');
    await sellAtCounter(app, later);
    await expect(app.getByTestId('outcome')).toHaveAttribute('data-state', 'pending');
    expect(stateOf(shell, later)).toBe('pending');

    const doubt = await numberOf('staysInDoubt');
    await sellAtCounter(app, doubt);
    await expect(app.getByTestId('outcome')).toHaveAttribute('data-state', 'pending');

    // Asked again: the first settles as succeeded, the other is still being checked.
    expect(await app.evaluate(() => window.pos.invoke('sale.recheck', {}))).toMatchObject({ ok: true });
    await expect.poll(() => stateOf(shell, later)).toBe('succeeded');
    expect(stateOf(shell, doubt)).toBe('pending');
    await app.keyboard.press('F3');
    await expect(app.getByTestId('history-attention').locator('button.history-row')).toHaveCount(1);
    const training = shell.services.db.prepare('SELECT COUNT(*) FROM sales WHERE training = 1').pluck().get();
    expect(training).toBe(3);
  });
}

const WORDS_TEXT = {
  ar: { paid: 'يقول المزوّد إن الدفع تم.', provider: 'القمة', playerId: 'رقم اللاعب (ID)' },
  en: { paid: 'The provider says the payment went through.', provider: 'Al-Qimah', playerId: 'Player ID' },
} as const;

for (const language of ['ar', 'en'] as const) {
  test(`the cashier's words in ${language}: provider text mapped, raw only under details, notes and field labels translated`, async ({ app, shell }) => {
    if (language === 'en') await app.getByTestId('language-switch').click();
    await sellAtCounter(app, '771234567');
    const outcome = app.getByTestId('outcome');
    await expect(outcome).toHaveAttribute('data-state', 'succeeded');
    // The simulator answers the document's "Payment succcess": said in our words, raw kept under details.
    const message = app.getByTestId('outcome-provider-message');
    await expect(message).toContainText(WORDS_TEXT[language].paid);
    expect(await outcome.innerText()).not.toContain('succcess');
    await message.locator('summary').click();
    await expect(app.getByTestId('outcome-provider-message-raw')).toHaveText('Payment succcess');
    expect(await app.getByTestId('outcome-provider-message-raw').evaluate((e) => e.tagName)).toBe('BDI');

    // The timeline names the provider in the cashier's language, never "alqimah".
    await app.keyboard.press('F3');
    const id = shell.services.db.prepare('SELECT tx_id FROM sales').pluck().get() as number;
    await app.getByTestId(`history-row-${id}`).click();
    const timeline = app.getByTestId('history-timeline');
    await expect(timeline).toContainText(WORDS_TEXT[language].provider);
    expect(await timeline.innerText()).not.toMatch(/alqimah/);

    // A game card's required field, named in the cashier's language.
    await app.keyboard.press('F2');
    await app.getByTestId('catalogue-search').fill('325');
    await app.getByTestId('catalogue-item').first().click();
    await expect(app.getByTestId('catalogue-detail').locator('.field-label').first()).toHaveText(WORDS_TEXT[language].playerId);
  });
}
