// The shop hub in real Chromium through two web shells (two tills, two data folders) and a real
// PostgreSQL: the owner creates the shop in Settings on till 1, till 2 joins with a one-time code;
// a sale left in doubt on till 1 is found from till 2's history, marked as till 1's, and once it
// settles its receipt is reprinted from till 2, as a copy, on a printer.
import { createLogger } from '../../electron/log';
import { startShell, type Shell } from '../harness/shell';
import { blackRatio, startTestPrinter, type TestPrinter } from '../harness/test-printer';
import { POSTGRES_MISSING } from '../support/postgres';
import { counterOptions, startHubRig, WETA_ACCOUNT, type HubRig } from '../integration/hub/hub-rig';
import { defaultSimAccount } from '../../electron/providers/alqimah/simulator';
import { money } from '../../shared/money';
import { expect, keepScreenshot, test } from './fixtures';
import { fillCreateShop, openHubTab } from './hub-tab';

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

  test('owner creates the shop, a second till joins, and finds and reprints a sale in doubt of till 1 once it settles', async ({ browser }) => {
    const context = await browser.newContext();
    const page1 = await context.newPage();
    const page2 = await context.newPage();
    const shells: Shell[] = [];
    try {
      const till1 = await startShell({ deps: counterOptions(rig.alqimah.url, rig.weta.url) });
      shells.push(till1);
      const till2 = await startShell({
        deps: {
          ...counterOptions(rig.alqimah.url, rig.weta.url),
          log: createLogger(() => undefined),
          printer: { capture: async () => page2.locator('[data-testid="receipt"][data-kind="copy"]').screenshot() },
        },
      });
      shells.push(till2);

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
      await expect
        .poll(async () => {
          await page2.getByTestId('history-search').fill('');
          await page2.getByTestId('history-search').fill('123321');
          return row.getAttribute('class');
        })
        .toMatch(/state-succeeded/);
      await row.click();
      await expect(page2.getByTestId('receipt').getByTestId('receipt-copy')).toBeVisible();
      await page2.getByTestId('history-reprint').click();
      await expect(page2.getByTestId('history-printed')).toBeVisible();
      const [job] = await printer.waitForJobs(1);
      expect(job!.endsWithCut).toBe(true);
      expect(blackRatio(job!)).toBeGreaterThan(0.03);
      await keepScreenshot(page2, 'history-hub-other-till-ar');

      // The owner sees today's settled sale under till 1, from the hub.
      await page1.reload();
      await openHubTab(page1);
      await expect(page1.getByTestId('hub-totals').locator('tbody tr')).toHaveCount(1);
      await expect(page1.getByTestId('hub-totals').locator('tbody tr')).toContainText('الصندوق 1');
      await keepScreenshot(page1, 'settings-hub-totals-ar');

      // The owner checks the provider balance drift twice: the first check is the baseline, the
      // second compares with it across both tills (none sold in between: no drift).
      const drift = page1.getByTestId('hub-drift');
      await drift.getByTestId('hub-drift-check').click();
      await expect(drift.locator('tbody tr')).toHaveCount(2);
      await expect(drift.getByTestId('hub-drift-weta')).toContainText('الفحص الأول');
      await drift.getByTestId('hub-drift-check').click();
      await expect(drift.getByTestId('hub-drift-weta')).toContainText('منذ');
      await expect(drift.getByTestId('hub-drift-alqimah')).not.toContainText('الفحص الأول');
      await keepScreenshot(page1, 'settings-hub-drift-ar');
    } finally {
      await context.close();
      for (const shell of shells) await shell.close();
    }
  });
});
