// The history screen in Arabic and English, through the web shell and real Chromium: sales written
// by the journal are found by part of the number, of our id and of the provider's reference,
// filtered, paged, opened with their timeline and receipt; a reprint in the web shell, which has
// no printer, says so in the cashier's language.
import { money } from '../../shared/money';
import { createJournal } from '../../electron/sales/journal';
import type { Shell } from '../harness/shell';
import { expect, keepScreenshot, test } from './fixtures';

type Seeded = { id: string; number: string; ref: string | null; state: string };

function seedSales(shell: Shell): Seeded[] {
  const journal = createJournal(shell.services.db, Date.now);
  const out: Seeded[] = [];
  for (let i = 0; i < 60; i++) {
    const number = `7${i % 2 ? '7' : '3'}${String(1000000 + i * 7919).padStart(7, '0')}`;
    const sale = journal.create({
      counter: 1,
      provider: i % 2 ? 'alqimah' : 'weta',
      network: i % 2 ? 'yemen_mobile' : 'you',
      number,
      product: { kind: 'amount', amount: money((i + 1) * 100_00) },
      cashierId: i % 3 ? 'ahmed' : 'sara',
      training: i % 10 === 0,
    });
    journal.move(sale.txId, 'sent', {}, Date.now() + 60_000);
    const state = i % 7 === 3 ? 'unknown' : i % 11 === 5 ? 'failed' : 'succeeded';
    const ref = state === 'succeeded' ? `REF${String(90000 + i)}` : null;
    journal.move(
      sale.txId,
      state,
      state === 'succeeded' ? { providerRef: ref!, price: money((i + 1) * 100_00) } : state === 'failed' ? { error: { code: 'provider.insufficient_balance', message: 'x' } } : { note: 'time-out' },
      state === 'unknown' ? Date.now() + 60_000 : null,
    );
    out.push({ id: String(sale.txId), number, ref, state });
  }
  return out;
}

for (const language of ['ar', 'en'] as const) {
  test(`history in ${language}: search, filters, pages, details and a reprint the web shell cannot print`, async ({ app, shell }) => {
    const sales = seedSales(shell);
    if (language === 'en') await app.getByTestId('language-switch').click();
    await app.keyboard.press('F3');
    const results = app.getByTestId('history-results');

    // Newest first, 50 a page, then the rest.
    await expect(results.locator('li')).toHaveCount(50);
    await expect(results.locator('li').first()).toContainText(sales[59]!.number);
    await app.getByTestId('history-more').click();
    await expect(results.locator('li')).toHaveCount(60);
    await expect(app.getByTestId('history-more')).toHaveCount(0);

    // Part of a number, typed in Arabic-Indic digits.
    const target = sales[41]!;
    const part = target.number.slice(3, 8);
    const arabicDigits = [...part].map((d) => String.fromCharCode(0x0660 + Number(d))).join('');
    await app.getByTestId('history-search').fill(language === 'ar' ? arabicDigits : part);
    await expect(results.locator('li')).toHaveCount(sales.filter((s) => s.number.includes(part)).length);
    await expect(results.getByTestId(`history-row-${target.id}`)).toBeVisible();
    await expect(results.getByTestId(`history-row-${target.id}`).locator('.history-row-number')).toHaveAttribute('dir', 'ltr');

    // Our id and the provider's reference.
    await app.getByTestId('history-search').fill(target.id.slice(-9));
    await expect(results.locator('li')).toHaveCount(1);
    await app.getByTestId('history-search').fill(sales[44]!.ref!.toLowerCase());
    await expect(results.locator('li')).toHaveCount(1);
    await expect(results.getByTestId(`history-row-${sales[44]!.id}`)).toBeVisible();
    await app.getByTestId('history-search').fill('');

    // Filters: state, then network with cashier.
    await app.getByTestId('history-filters-toggle').click();
    await app.getByTestId('history-filter-state').selectOption('unknown');
    await expect(results.locator('li')).toHaveCount(sales.filter((s) => s.state === 'unknown').length);
    await app.getByTestId('history-filter-state').selectOption('');
    await app.getByTestId('history-filter-network').selectOption('you');
    await app.getByTestId('history-filter-cashier').fill('sara');
    const expected = sales.filter((s, i) => i % 2 === 0 && i % 3 === 0);
    await expect(results.locator('li')).toHaveCount(expected.length);
    const today = new Date();
    const iso = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    await app.getByTestId('history-filter-from').fill(iso(new Date(today.getTime() + 86_400_000)));
    await expect(app.getByTestId('history-empty')).toBeVisible();
    await app.getByTestId('history-filter-clear').click();
    // Back to the unfiltered list, with both pages it had already loaded.
    await expect(results.locator('li')).toHaveCount(60);

    // A sale still checking: its timeline and a provisional receipt.
    const checking = sales.find((s) => s.state === 'unknown')!;
    await app.getByTestId('history-search').fill(checking.number);
    // Sales still checking are listed on top until they settle (the engine's sale.attention).
    await expect(app.getByTestId('history-attention').getByTestId(`history-row-${checking.id}`)).toBeVisible();
    await results.getByTestId(`history-row-${checking.id}`).click();
    const timeline = app.getByTestId('history-timeline').locator('li');
    await expect(timeline).toHaveCount(3);
    await expect(timeline.nth(2)).toHaveAttribute('data-state', 'unknown');
    await expect(app.getByTestId('receipt').getByTestId('receipt-provisional')).toBeVisible();
    await expect(app.getByTestId('receipt').getByTestId('receipt-number').locator('bdi')).toHaveText(checking.number);
    await keepScreenshot(app, `history-details-${language}`);

    // The web shell prints nothing: the cashier is told so, in their language.
    await app.getByTestId('history-reprint').click();
    await expect(app.getByTestId('history-print-error')).toHaveText(
      language === 'ar' ? 'الطباعة غير متاحة هنا. استخدم ملف PDF بدلاً منها.' : 'Printing is not available here. Use the PDF instead.',
    );
    const prints = shell.services.db.prepare('SELECT kind, error_code FROM receipt_prints WHERE tx_id = ?').all(Number(checking.id));
    expect(prints).toEqual([{ kind: 'provisional', error_code: 'printer.unavailable' }]);
  });
}
