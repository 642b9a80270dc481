// A fast cashier at the counter, in Chromium through the web shell against the training simulators
// (zero latency): keys pressed 30 ms apart (a fast cashier) and 0 ms apart (as fast as the browser
// takes them). Figures: keys and time from an empty counter to the outcome of a 1,000 YER Yemen
// Mobile top-up and the keys lost on the way, the keys to start the next customer, the keys for a
// repeat customer from the recent numbers, and the time from the confirming Enter to the outcome.
// Every sale is checked in the journal: a key lost shows as a sale not made or made wrong.
import type { Page } from '@playwright/test';
import { startShell, type Shell } from '../harness/shell';
import { median, type BenchRow } from './bench-row';
import { launchChromium } from './first-paint';

const RUNS = 5;
const TOP_UP_KEYS = (number: string) => [...number, 'Enter', ...'1000', 'Enter', 'Enter'];

type Timing = { firstKeyAt: number; lastEnterAt: number; outcomeAt: number };

/**
 * Page-side clocks: the first key, the last Enter and when a succeeded outcome first shows. Kept as
 * page script text: this file is type-checked for Node, without the DOM's types.
 */
const CLOCKS = `(() => {
  window.__bench = {};
  if (window.__benchInstalled) return;
  window.__benchInstalled = true;
  window.addEventListener('keydown', (e) => {
    window.__bench.firstKeyAt ??= e.timeStamp;
    if (e.key === 'Enter') window.__bench.lastEnterAt = e.timeStamp;
  }, true);
  new MutationObserver(() => {
    if (window.__bench.outcomeAt === undefined && document.querySelector('[data-testid="outcome"][data-state="succeeded"]')) window.__bench.outcomeAt = performance.now();
  }).observe(document.body, { subtree: true, childList: true, attributes: true });
})()`;

async function startClocks(page: Page): Promise<void> {
  await page.evaluate(CLOCKS);
}

async function readClocks(page: Page): Promise<Partial<Timing>> {
  return (await page.evaluate('window.__bench')) as Partial<Timing>;
}

async function press(page: Page, keys: string[], gapMs: number): Promise<void> {
  for (const key of keys) {
    await page.keyboard.press(key);
    if (gapMs > 0) await page.waitForTimeout(gapMs);
  }
}

/** Keys still needed when the outcome did not come: where the sale stopped tells which were lost. */
async function keysLost(page: Page, shell: Shell, number: string, minor: number): Promise<number> {
  const outcome = page.locator('[data-testid="outcome"][data-state="succeeded"]');
  const reached = await outcome.waitFor({ timeout: 5_000 }).then(() => true, () => false);
  const last = shell.services.db.prepare('SELECT number, product FROM sales ORDER BY tx_id DESC LIMIT 1').get() as { number: string; product: string } | undefined;
  if (reached && last?.number === number && JSON.parse(last.product).amount?.minor === minor) return 0;
  if (reached) return Number.NaN; // a sale was made, but not the one typed
  const step = await page.getByTestId('sale-screen').getAttribute('data-step');
  if (step === 'confirm') return 1;
  if (step === 'product') return 4 - (await page.getByTestId('top-up-value').inputValue()).length + 2;
  return 9 - (await page.getByTestId('number-input').inputValue()).length + 7;
}

async function toEmptyCounter(page: Page): Promise<void> {
  await page.keyboard.press('F1');
  await page.locator('#counter-number:focus').waitFor();
  await page.waitForTimeout(100);
}

export default async function benchCashierKeys(): Promise<BenchRow[]> {
  const shell = await startShell();
  const browser = await launchChromium();
  const rows: BenchRow[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(shell.url);
    await page.locator('#counter-number:focus').waitFor();
    let serial = 0;
    const nextNumber = () => `7712${String(10_000 + serial++).slice(-5)}`;
    const confirmToOutcome: number[] = [];
    for (const gap of [30, 0]) {
      const times: number[] = [];
      let lost = 0;
      let keys = 0;
      for (let run = 0; run < RUNS; run++) {
        await toEmptyCounter(page);
        await startClocks(page);
        const number = nextNumber();
        const sequence = TOP_UP_KEYS(number);
        keys = sequence.length;
        await press(page, sequence, gap);
        lost = Math.max(lost, await keysLost(page, shell, number, 1_000_00));
        const t = await readClocks(page);
        if (t.outcomeAt !== undefined && t.firstKeyAt !== undefined && t.lastEnterAt !== undefined) {
          times.push(t.outcomeAt - t.firstKeyAt);
          confirmToOutcome.push(t.outcomeAt - t.lastEnterAt);
        }
      }
      rows.push(
        { name: `1,000 YER Yemen Mobile top-up, empty counter to outcome: keys (${gap} ms apart)`, value: keys, unit: 'keys', target: '16 keys', ok: keys <= 16 },
        { name: `1,000 YER Yemen Mobile top-up: keys lost, worst of ${RUNS} (${gap} ms apart)`, value: lost, unit: 'keys', target: '0', ok: lost === 0 },
        {
          name: `1,000 YER Yemen Mobile top-up: first key to outcome, median of ${RUNS} (${gap} ms apart)`,
          value: times.length ? Math.round(median(times)) : Number.NaN,
          unit: 'ms',
          target: 'informational',
          ok: times.length === RUNS,
        },
      );
    }
    const confirm = confirmToOutcome.length ? Math.round(median(confirmToOutcome)) : Number.NaN;
    rows.push({ name: `confirming Enter to outcome, zero-latency simulator, median of ${2 * RUNS}`, value: confirm, unit: 'ms', target: '<= 100 ms', ok: confirm <= 100 });

    // The next customer: digits typed straight onto the outcome start the number.
    let extra = 0;
    for (const gap of [30, 0]) {
      const number = nextNumber();
      await press(page, [...number], gap);
      const typed = await page.getByTestId('number-input').inputValue().catch(() => '');
      extra = Math.max(extra, typed === number ? 0 : 1);
      await press(page, ['Enter', ...'1000', 'Enter', 'Enter'], gap);
      if ((await keysLost(page, shell, number, 1_000_00)) !== 0) extra = Math.max(extra, 1);
    }
    rows.push({ name: 'keys to start the next customer from the outcome (beyond the number itself)', value: extra, unit: 'keys', target: '0 extra', ok: extra === 0 });

    // A repeat customer: the newest recent number, picked from the keyboard.
    await toEmptyCounter(page);
    const recent = (await page.getByTestId('recent-number').first().textContent())?.match(/\d{9}/)?.[0] ?? '';
    const repeat = ['ArrowDown', 'Enter', ...'2000', 'Enter', 'Enter'];
    await press(page, repeat, 30);
    const repeatLost = await keysLost(page, shell, recent, 2_000_00);
    rows.push({
      name: 'keys for a repeat customer from the recent numbers (2,000 YER top-up)',
      value: repeat.length + repeatLost,
      unit: 'keys',
      target: '<= 8 keys',
      ok: repeat.length + repeatLost <= 8,
    });
  } finally {
    await browser.close();
    await shell.close();
  }
  return rows;
}
