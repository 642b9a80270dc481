// Journey: two counters of one shop on the same provider accounts (two data folders, counter
// numbers 1 and 2), selling at the same moments to the same simulators. Their clocks are read to
// the second, so both issue ids in the same time slot: only the counter digits keep them apart.
// Settings saves on either (a tab that does not name the counter number, the language button)
// must leave its counter number alone, across a restart. Judged by the simulators' ledgers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { counterOf } from '../../electron/sales/transaction-id';
import { makeTempDir } from '../support/temp-dir';
import { connectAccounts, openApp, sell, settled, startSimulators, value, yer, type Harness, type Simulators } from './support/journey-app';
import { journalSales, judge } from './support/ledger-judge';

const PAIRS = process.env.POS_LONG === '1' ? 150 : 12;
const WETA_600 = { kind: 'offer', code: '1', name: '600', provider: 'weta' } as const;
/** Both counters read the same clock to the second. */
const now = () => Math.floor(Date.now() / 1000) * 1000;

let sims: Simulators;
const folders = [makeTempDir('pos-counter1-'), makeTempDir('pos-counter2-')];
let counters: Harness[] = [];
beforeAll(async () => {
  sims = await startSimulators();
});
afterAll(async () => {
  await Promise.all(counters.map((c) => c.close()));
  await sims.close();
  for (const f of folders) f.remove();
});

async function openBoth() {
  counters = await Promise.all(folders.map((f) => openApp(f.dir, { now })));
}

/** Each pair: both counters press confirm at once, alternately to Al-Qimah and to Weta. */
async function interleaved(pairs: number, from: number) {
  for (let i = 0; i < pairs; i++) {
    const alqimah = i % 2 === 0;
    await Promise.all(
      counters.map((c, k) => sell(c, `${alqimah ? '77' : '73'}${String(1_000_000 + from + i * 2 + k).slice(-7)}`, alqimah ? yer(200 + i) : WETA_600)),
    );
  }
}

describe('two counters on one provider account', () => {
  it('never send the same TransactionID, and no settings save changes a counter number', async () => {
    await openBoth();
    for (const [k, c] of counters.entries()) {
      await connectAccounts(c, sims);
      value(await c.call('settings.set', { counterNumber: k + 1, providerRoutes: { you: ['weta'], yemen_mobile: ['alqimah'] } }));
    }
    await Promise.all(counters.map((c) => c.close()));
    await openBoth();

    await interleaved(PAIRS, 0);
    // Saves that do not name the counter number: the language button twice, the receipt text, routes.
    for (const c of counters) {
      value(await c.call('settings.set', { language: 'en' }));
      value(await c.call('settings.set', { language: 'ar' }));
      value(await c.call('settings.set', { shopName: 'الأمل', receiptFooter: 'شكراً' }));
      value(await c.call('settings.set', { providerRoutes: { you: ['weta', 'alqimah'], yemen_mobile: ['alqimah'] } }));
    }
    expect(await Promise.all(counters.map(async (c) => value(await c.call('settings.get', {})).counterNumber))).toEqual([1, 2]);
    await Promise.all(counters.map((c) => c.close()));
    await openBoth();
    expect(await Promise.all(counters.map(async (c) => value(await c.call('settings.get', {})).counterNumber))).toEqual([1, 2]);

    await interleaved(PAIRS, 1000);
    await Promise.all(counters.map((c) => settled(c)));

    for (const [k, c] of counters.entries()) {
      const ids = journalSales(c).map((s) => s.txId);
      expect(ids).toHaveLength(2 * PAIRS);
      expect(new Set(ids.map(counterOf))).toEqual(new Set([k + 1]));
    }
    // The counters really did share time slots: ids that differ only in the counter digits.
    const first = new Set(journalSales(counters[0]!).map((s) => Math.floor(s.txId / 100)));
    const shared = journalSales(counters[1]!).filter((s) => first.has(Math.floor(s.txId / 100))).length;
    expect(shared).toBeGreaterThan(0);
    const verdict = judge(counters, sims);
    expect(verdict).toMatchObject({ sales: 4 * PAIRS, open: [], disagreements: [], forgotten: [], reused: [], difference: { alqimah: 0, weta: 0 } });
    expect(verdict.succeeded).toBe(4 * PAIRS);
    console.info(`two-counters journey: ${verdict.sales} sales from 2 counters, ${shared} ids sharing a time slot with the other counter, 1 restart each, rial difference ${JSON.stringify(verdict.difference)}`);
  });
});
