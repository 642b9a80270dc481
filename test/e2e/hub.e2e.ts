// The shop hub in real Chromium through three web shells (three tills, three data folders) and a
// real PostgreSQL: the owner creates the shop in Settings on till 1, tills 2 and 3 join with one-time
// codes and are given numbers 2 and 3; a sale left in doubt on till 1 is found from till 2's history,
// marked as till 1's, and once it settles its receipt is reprinted from till 2, as a copy, on a
// printer. The owner's Reports then show every counter from the hub, the shop's subtotal and the
// total (in Arabic, then English), print the shop-wide Z report, and say so when the hub is away.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger } from '../../electron/log';
import { chromiumPrinter } from '../harness/chromium-printer';
import { startShell, type Shell } from '../harness/shell';
import { blackRatio, jobToPng, startTestPrinter, type TestPrinter } from '../harness/test-printer';
import { POSTGRES_MISSING } from '../support/postgres';
import { counterOptions, startHubRig, WETA_ACCOUNT, type HubRig } from '../integration/hub/hub-rig';
import { defaultSimAccount } from '../../electron/providers/alqimah/simulator';
import { money } from '../../shared/money';
import { inDigitStyle } from '../../shared/numbers';
import type { Page } from '@playwright/test';
import { ARTEFACTS, expect, keepScreenshot, test } from './fixtures';
import { fillCreateShop, openHubTab, pressUntil } from './hub-tab';

/** Reports (F4). */
const openReports = (page: Page) => pressUntil(page, 'F4', 'day-report');

/** What a till's journal sold (succeeded, not training), in YER minor units: the figure its own Z report gives. */
function journalSold(shell: Shell): number {
  return shell.services.db.prepare("SELECT coalesce(sum(price_minor), 0) FROM sales WHERE state = 'succeeded' AND training = 0").pluck().get() as number;
}

test.describe('shop hub', () => {
  test.skip(POSTGRES_MISSING !== null, POSTGRES_MISSING ?? '');
  let rig: HubRig;
  let printer: TestPrinter;
  test.beforeAll(async () => {
    rig = await startHubRig();
    printer = await startTestPrinter();
  });
  test.afterAll(async () => {
    await printer?.close();
    await rig?.close();
  });

  test('owner creates the shop, two tills join, one finds and reprints a sale in doubt of till 1; the owner sees and prints every counter from the hub', async ({ browser }) => {
    test.setTimeout(90_000);
    const context = await browser.newContext();
    const page1 = await context.newPage();
    const page2 = await context.newPage();
    const page3 = await context.newPage();
    const shells: Shell[] = [];
    try {
      let till1Url = '';
      const till1 = await startShell({ deps: { ...counterOptions(rig.alqimah.url, rig.weta.url), printer: chromiumPrinter(() => context.newPage(), () => till1Url) } });
      till1Url = till1.url;
      shells.push(till1);
      const till2 = await startShell({
        deps: {
          ...counterOptions(rig.alqimah.url, rig.weta.url),
          log: createLogger(() => undefined),
          printer: { capture: async () => page2.locator('[data-testid="receipt"][data-kind="copy"]').screenshot() },
        },
      });
      shells.push(till2);
      const till3 = await startShell({ deps: { ...counterOptions(rig.alqimah.url, rig.weta.url), log: createLogger(() => undefined) } });
      shells.push(till3);

      // Till 1's own provider accounts (the same ones the simulators hold), which its balance drift check reads.
      till1.services.accounts.set('alqimah', { ...defaultSimAccount });
      till1.services.accounts.set('weta', { ...WETA_ACCOUNT });
      till1.services.settings.update({ providerUrls: { alqimah: rig.alqimah.url, weta: rig.weta.url } });

      // Till 1: the owner creates the shop from Settings and is counter 1.
      await page1.goto(till1.url);
      await openHubTab(page1);
      await fillCreateShop(page1, rig.address, 'محل الأمل', 'الصندوق 1');
      await page1.getByTestId('hub-create-submit').click();
      await expect(page1.getByTestId('hub-counter-number')).toHaveText('1');
      await expect(page1.getByTestId('hub-shop')).toHaveText('محل الأمل');
      await page1.getByTestId('hub-newCounterLabel').fill('الصندوق 2');
      await page1.getByTestId('hub-code-submit').click();
      const code = (await page1.getByTestId('hub-code-value').textContent())!.trim();
      await keepScreenshot(page1, 'settings-hub-owner-ar');

      // Till 2 joins with the code and is given number 2.
      await page2.goto(till2.url);
      await openHubTab(page2);
      await page2.getByTestId('hub-joinAddress').fill(rig.address);
      await page2.getByTestId('hub-code').fill(code);
      await page2.getByTestId('hub-join-submit').click();
      await expect(page2.getByTestId('hub-counter-number')).toHaveText('2');
      await page2.evaluate(({ port }) => window.pos.invoke('printer.set', { host: '127.0.0.1', port, paperWidth: '58' }), { port: printer.port });

      // Till 3 joins with a second code and is given number 3.
      await page1.getByTestId('hub-newCounterLabel').fill('الصندوق 3');
      await page1.getByTestId('hub-code-submit').click();
      await expect(page1.getByTestId('hub-code-value')).not.toHaveText(code);
      const code3 = (await page1.getByTestId('hub-code-value').textContent())!.trim();
      await page3.goto(till3.url);
      await openHubTab(page3);
      await page3.getByTestId('hub-joinAddress').fill(rig.address);
      await page3.getByTestId('hub-code').fill(code3);
      await page3.getByTestId('hub-join-submit').click();
      await expect(page3.getByTestId('hub-counter-number')).toHaveText('3');

      // A sale on till 1 whose answer is lost after the provider charged it: in doubt.
      rig.alqimah.knobs.dropAfterCharge = { next: 1, probability: 0, only: ['payment'] };
      const sale = await till1.services.sales.engine.submit({ number: '777123321', product: { kind: 'amount', amount: money(1_500_00) }, submitKey: 'hub-e2e-sale-key' });
      expect(sale.ok && sale.value.state).toBe('unknown');
      const id = sale.ok ? sale.value.id : '';

      // Till 2 finds it through the hub: all counters, till 1's, still in doubt.
      await expect(async () => {
        await page2.keyboard.press('F3');
        await expect(page2.getByTestId('history-search')).toBeVisible({ timeout: 2_000 });
      }).toPass();
      await page2.getByTestId('history-search').fill('123321');
      const row = page2.getByTestId(`history-row-${id}`);
      await expect(row).toBeVisible();
      await expect(row.getByTestId('history-row-counter')).toHaveText('نقطة 1');
      await expect(row).toHaveClass(/state-unknown/);
      await expect(page2.getByTestId('history-scope')).toHaveText('كل نقاط البيع في المحل (من الخادم).');

      // Till 1's reconciler settles it; till 2 sees it settled and reprints it as a copy.
      await expect
        .poll(async () => {
          await till1.services.sales.reconciler.runDue();
          return till1.services.sales.journal.get(Number(id))?.state;
        })
        .toBe('succeeded');
      // Each look is a search not made before (another part of the number): a repeated search may
      // be answered from the screen's cache, and the hub's news comes from another till, not an event here.
      const looks = ['23321', '7123321', '77123321', '777123321', '71233', '12332', '771233', '7712332', '712332'];
      let look = 0;
      await expect
        .poll(async () => {
          await page2.getByTestId('history-search').fill(looks[look++ % looks.length]!);
          return (await row.count()) > 0 ? row.getAttribute('class') : null;
        })
        .toMatch(/state-succeeded/);
      // The copy is drawn from till 2's page (its printer's capture): in front, it is not throttled.
      await page2.bringToFront();
      await row.click();
      await expect(page2.getByTestId('receipt').getByTestId('receipt-copy')).toBeVisible();
      await page2.getByTestId('history-reprint').click();
      await expect(page2.getByTestId('history-printed')).toBeVisible();
      const [job] = await printer.waitForJobs(1);
      expect(job!.endsWithCut).toBe(true);
      expect(blackRatio(job!)).toBeGreaterThan(0.03);
      await keepScreenshot(page2, 'history-hub-other-till-ar');

      // Tills 2 and 3 sell too, over both providers (an amount on Al-Qimah, a package on Weta).
      for (const [i, till] of [till2, till3].entries()) {
        const amount = await till.services.sales.engine.submit({ number: `77700020${i}`, product: { kind: 'amount', amount: money((700 + i * 100) * 100) }, submitKey: `hub-e2e-amount-${i}-key` });
        expect(amount.ok && amount.value.state).toBe('succeeded');
        const offer = await till.services.sales.engine.submit({ number: `77700030${i}`, product: { kind: 'offer', code: String(2 + i) }, submitKey: `hub-e2e-offer-${i}-key` });
        expect(offer.ok && offer.value.state).toBe('succeeded');
      }
      const tills = [till1, till2, till3];
      const queued = (shell: Shell) => shell.services.db.prepare('SELECT count(*) FROM hub_outbox').pluck().get() as number;
      await expect.poll(() => tills.every((t) => queued(t) === 0)).toBe(true);
      const sold = tills.map(journalSold);
      expect(sold.every((minor) => minor > 0)).toBe(true);
      const providers = new Set(tills.flatMap((t) => t.services.db.prepare("SELECT DISTINCT provider FROM sales WHERE state = 'succeeded'").pluck().all()));
      expect(providers).toEqual(new Set(['alqimah', 'weta']));

      // The owner's Reports: every counter from the hub, the shop's subtotal and the total, each
      // counter's figure that till's own journal, to the rial.
      // The owner's digits are Arabic-Indic: Reports and the slip follow them.
      await page1.evaluate(({ port }) => window.pos.invoke('printer.set', { host: '127.0.0.1', port, paperWidth: '80' }), { port: printer.port });
      till1.services.settings.update({ digitStyle: 'arabic' });
      await page1.reload();
      await openReports(page1);
      // Till 1's own notice that its sale in doubt settled, out of the way of the screenshots.
      for (const dismiss of await page1.getByTestId('settled-dismiss').all()) await dismiss.click();
      const hubDay = page1.getByTestId('hub-day');
      await expect(hubDay.getByRole('heading')).toHaveText('كل نقاط البيع (من الخادم)');
      await expect(hubDay.getByTestId('hub-day-shop-0')).toContainText('محل الأمل');
      for (const [i, minor] of sold.entries()) {
        const row = hubDay.getByTestId(`hub-day-counter-0-${i + 1}`);
        await expect(row).toContainText(`الصندوق ${inDigitStyle(String(i + 1), 'arabic')}`);
        await expect(row.getByTestId(`hub-day-counter-0-${i + 1}-total`).locator('.money')).toHaveAttribute('data-minor', String(minor));
      }
      const shopTotal = String(sold.reduce((a, b) => a + b, 0));
      await expect(hubDay.getByTestId('hub-day-subtotal-0-total').locator('.money')).toHaveAttribute('data-minor', shopTotal);
      await expect(hubDay.getByTestId('hub-day-total-total').locator('.money')).toHaveAttribute('data-minor', shopTotal);
      await expect(hubDay.getByTestId('hub-day-total-sales')).toHaveText('٥');
      await expect(hubDay.getByTestId('hub-day-counter-0-3')).toContainText('نقطة ٣');
      await expect(hubDay.getByTestId('hub-day-total-alqimah')).toBeVisible();
      await expect(hubDay.getByTestId('hub-day-total-weta')).toBeVisible();
      // The till's own day report still shows beside it.
      await expect(page1.getByTestId('day-report')).toBeVisible();
      // An earlier day: every counter is listed, none sold.
      await hubDay.getByTestId('hub-day-date').fill('2026-01-01');
      await expect(hubDay.getByTestId('hub-day-total-sales')).toHaveText('٠');
      await expect(hubDay.getByTestId('hub-day-counter-0-3-total')).toHaveText('—');
      await hubDay.getByTestId('hub-day-date').fill(new Date(Date.now() - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 10));
      await expect(hubDay.getByTestId('hub-day-counter-0-3')).toBeVisible();
      await hubDay.getByTestId('hub-day-date').blur();
      await keepScreenshot(page1, 'reports-hub-all-counters-ar');

      // The shop-wide Z report on the receipt printer: drawn by the app's print window, ends with a cut.
      await hubDay.getByTestId('hub-z-print').click();
      await expect(hubDay.getByTestId('hub-z-printed')).toBeVisible();
      const zJob = (await printer.waitForJobs(2))[1]!;
      expect(zJob.widthDots).toBe(576);
      expect(zJob.endsWithCut).toBe(true);
      expect(zJob.unknown).toEqual([]);
      expect(zJob.height).toBeGreaterThan(600);
      expect(blackRatio(zJob)).toBeGreaterThan(0.03);
      mkdirSync(ARTEFACTS, { recursive: true });
      writeFileSync(join(ARTEFACTS, 'hub-z-report-80mm-ar.png'), jobToPng(zJob));

      // The owner checks the provider balance drift twice, in Reports: the first check is the
      // baseline, the second compares with it across all three tills (none sold in between: no drift).
      const drift = page1.getByTestId('hub-drift');
      await drift.getByTestId('hub-drift-check').click();
      await expect(drift.locator('tbody tr')).toHaveCount(2);
      await expect(drift.getByTestId('hub-drift-weta')).toContainText('الفحص الأول');
      await drift.getByTestId('hub-drift-check').click();
      await expect(drift.getByTestId('hub-drift-weta')).toContainText('منذ');
      await expect(drift.getByTestId('hub-drift-alqimah')).not.toContainText('الفحص الأول');
      await keepScreenshot(page1, 'reports-hub-drift-ar');

      // In English (a lighter run): the same counters and total.
      till1.services.settings.update({ language: 'en', digitStyle: 'western' });
      await page1.reload();
      await openReports(page1);
      await expect(hubDay.getByRole('heading')).toHaveText('All counters (from the hub)');
      await expect(hubDay.getByTestId('hub-day-counter-0-3')).toContainText('Counter 3');
      await expect(hubDay.getByTestId('hub-day-total-sales')).toHaveText('5');
      await expect(hubDay.getByTestId('hub-day-subtotal-0')).toContainText('subtotal');
      await expect(hubDay.getByTestId('hub-day-total-total').locator('.money')).toHaveAttribute('data-minor', shopTotal);
      await keepScreenshot(page1, 'reports-hub-all-counters-en');

      // The hub away: a note says so and since when, never an empty table; the till's own day stays.
      rig.pg.stop();
      try {
        await hubDay.getByTestId('hub-day-refresh').click();
        await expect(hubDay.getByTestId('hub-day-unreachable')).toContainText('The hub cannot be reached (since');
        await expect(hubDay.locator('table')).toHaveCount(0);
        await expect(page1.getByTestId('day-report')).toBeVisible();
        await keepScreenshot(page1, 'reports-hub-unreachable-en');
      } finally {
        rig.pg.start();
      }
    } finally {
      await context.close();
      for (const shell of shells) await shell.close();
    }
  });
});
