// The owner's view across tills and shops, judged from outside: three tills of one shop sell on a
// real PostgreSQL hub over both simulators, each closes its shift, and the shop-wide Z report the
// owner prints must give, to the rial, each till's own Z report total, each till's journal per
// provider, and the simulators' ledgers; a second shop of the same owner shows apart, with its own
// subtotal, in the grand total. A counter's role cannot read the owner's totals (row-level security),
// and the channels are the owner's.
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../electron/log';
import { openHubPool, parseHubAddress } from '../../../electron/hub/hub-connection';
import { ownerTotals } from '../../../electron/hub/hub-totals';
import type { PrinterAdapter } from '../../../electron/printing/receipt-printer';
import { groupHubTotals } from '../../../shared/hub-totals';
import type { HubTotals } from '../../../shared/ipc/hub';
import type { HubZReportDocument, PrintDocument } from '../../../shared/ipc/printing';
import type { ZReport } from '../../../shared/ipc/shifts';
import { money, type Money } from '../../../shared/money';
import type { Result } from '../../../shared/result';
import { POSTGRES_MISSING } from '../../support/postgres';
import { makeTempDir } from '../../support/temp-dir';
import { startTestServices } from '../../support/test-services';
import { startTestPrinter, type TestPrinter } from '../../harness/test-printer';
import { counterOptions, counterPassword, createShopFrom, eventually, joinShopFrom, startHubRig, type Counter, type HubRig } from './hub-rig';

const ctx = { trustedSender: true };
const ROUNDS = Number(process.env.HUB_ROUNDS ?? 8);
let rig: HubRig;
let printer: TestPrinter;
const tills: Counter[] = [];
const drawn: PrintDocument[] = [];
const temp = makeTempDir('pos-hub-owner-');
const dayStart = Date.now() - 3_600_000;

/** Draws each slip as a black block and keeps the document, so the test reads what was printed. */
const adapter: PrinterAdapter = {
  capture: async (doc, widthDots) => {
    drawn.push(doc);
    const png = new PNG({ width: widthDots, height: 40 });
    for (let i = 0; i < png.data.length; i += 4) png.data.set([0, 0, 0, 255], i);
    return PNG.sync.write(png);
  },
};

function value<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value as T;
}

function queued(till: Counter): number {
  return till.services.db.prepare('SELECT count(*) FROM hub_outbox').pluck().get() as number;
}

/** What a till's journal sold (succeeded, not training) per provider, in YER minor units. */
function journalByProvider(till: Counter): Record<string, number> {
  const rows = till.services.db
    .prepare("SELECT provider, sum(price_minor) AS minor FROM sales WHERE state = 'succeeded' AND training = 0 GROUP BY provider")
    .all() as { provider: string; minor: number }[];
  return Object.fromEntries(rows.map((r) => [r.provider, r.minor]));
}

const yer = (amounts: Money[]) => amounts.find((m) => m.currency === 'YER')?.minor ?? 0;

describe.skipIf(POSTGRES_MISSING !== null)("the owner's totals and shop-wide Z report from the hub", () => {
  beforeAll(async () => {
    rig = await startHubRig();
    printer = await startTestPrinter();
    const owner = await startTestServices({ dataDir: temp.dir, ...counterOptions(rig.alqimah.url, rig.weta.url), printer: adapter });
    tills.push({ dir: temp.dir, services: owner, close: () => owner.stop() });
    tills.push(await rig.counter(), await rig.counter());
    value(await createShopFrom(rig, tills[0]!));
    await joinShopFrom(rig, tills[0]!, tills[1]!, 'Till 2');
    await joinShopFrom(rig, tills[0]!, tills[2]!, 'Till 3');
    value(await owner.dispatch('printer.set', { host: printer.host, port: printer.port, paperWidth: '58' }, ctx));
  }, 60_000);
  afterAll(async () => {
    await tills[0]?.close();
    await printer?.close();
    await rig?.close();
    temp.remove();
  });

  it("the shop-wide Z report equals each till's own Z report, journal and the simulators' ledgers, to the rial", async () => {
    for (const till of tills) value(await till.services.dispatch('shift.open', {}, ctx));
    // Some sales stay in doubt a while, so the hub also holds unsettled rows before the reconcilers settle them.
    rig.alqimah.knobs.pending = { next: 0, probability: 0.3, checks: 1, outcome: 'succeeded' };
    rig.weta.knobs.probability = { pending_success: 0.2, pending_ban: 0.15 };
    for (let round = 0; round < ROUNDS; round++) {
      await Promise.all(
        tills.map(async (till, i) => {
          const product = (round + i) % 2 === 0 ? { kind: 'amount' as const, amount: money((200 + round * 10 + i) * 100) } : { kind: 'offer' as const, code: String(1 + ((round + i) % 5)) };
          value(await till.services.sales.engine.submit({ number: `778${i}${String(round).padStart(5, '0')}`, product, submitKey: `owner-totals-${i}-${round}-key` }));
        }),
      );
    }
    rig.alqimah.knobs.pending = { next: 0, probability: 0, checks: 1, outcome: 'succeeded' };
    rig.weta.knobs.probability = {};
    for (let pass = 0; pass < 60 && tills.some((t) => t.services.sales.journal.unresolved().length > 0); pass++) {
      await new Promise((r) => setTimeout(r, 25));
      for (const till of tills) await till.services.sales.reconciler.runDue();
    }
    expect(tills.every((t) => t.services.sales.journal.unresolved().length === 0)).toBe(true);
    expect(await eventually(() => tills.every((t) => queued(t) === 0), 20_000)).toBe(true);
    const zReports = [];
    for (const till of tills) zReports.push(value<{ report: ZReport }>(await till.services.dispatch('shift.close', {}, ctx)).report);

    // A second shop of the same owner, with one counter and one settled sale, written as the owner.
    const [shop2] = await rig.asOwner<{ id: string }>("INSERT INTO pos_hub.shops (name) VALUES ('Second shop') RETURNING id");
    const [counter2] = await rig.asOwner<{ id: string }>(
      "INSERT INTO pos_hub.counters (shop_id, role_name, label, number, joined_at) VALUES ($1, 'pos_counter_other_shop', 'Far till', 1, now()) RETURNING id",
      [shop2!.id],
    );
    await rig.asOwner(
      `INSERT INTO pos_hub.sales (shop_id, counter_id, tx_id, provider, network, number, product, price_minor, price_currency, state, training, created_at, updated_at)
       VALUES ($1, $2, 1, 'weta', 'yemen_mobile', '777555000', '{}', 432100, 'YER', 'succeeded', false, $3, $3),
              ($1, $2, 2, 'weta', 'yemen_mobile', '777555001', '{}', 999900, 'YER', 'succeeded', true, $3, $3)`,
      [shop2!.id, counter2!.id, Date.now()],
    );

    const doc = value<HubZReportDocument>(await tills[0]!.services.dispatch('hubZReport.print', { from: dayStart, to: Date.now() + 60_000 }, ctx));
    const [job] = await printer.waitForJobs(1);
    expect(job!.endsWithCut).toBe(true);
    expect(drawn.at(-1)).toEqual(doc);
    expect(doc.kind).toBe('hub-z-report');
    expect(doc.totals.queuedHere).toBe(0);
    expect(doc.totals.readAt).toBeGreaterThan(dayStart);

    const grouped = groupHubTotals(doc.totals);
    expect(grouped.shops.map((s) => s.shop)).toEqual(['Al-Amal shop', 'Second shop']);
    const shop = grouped.shops[0]!;
    expect(shop.counters.map((c) => c.counter)).toEqual([1, 2, 3]);
    const alqimahLedger = rig.alqimah.ledger.charges.reduce((s, c) => s + c.minor, 0) - rig.alqimah.ledger.refunds.reduce((s, c) => s + c.minor, 0);
    const wetaLedger = Math.round(rig.weta.ledger.entries.reduce((s, e) => s + (e.kind === 'charge' ? e.amount : -e.amount), 0) * 100);
    for (const [i, counter] of shop.counters.entries()) {
      const z = zReports[i]!.summary.succeeded;
      expect(z.count).toBeGreaterThan(0);
      // Each counter's line is that till's own Z report: count and amount per currency.
      expect(counter.sales).toBe(z.count);
      expect(counter.amounts).toEqual(z.amounts);
      const journal = journalByProvider(tills[i]!);
      for (const split of counter.byProvider) expect(yer(split.amounts), `till ${i + 1} ${split.provider}`).toBe(journal[split.provider]);
      expect(counter.unsettled).toBe(0);
      expect(counter.lastHeardAt).not.toBeNull();
    }
    const provider = (p: string) => shop.byProvider.find((s) => s.provider === p)!;
    expect(yer(provider('alqimah').amounts)).toBeGreaterThan(0);
    expect(yer(provider('weta').amounts)).toBeGreaterThan(0);
    expect(yer(provider('alqimah').amounts)).toBe(alqimahLedger);
    expect(yer(provider('weta').amounts)).toBe(wetaLedger);
    expect(yer(shop.amounts)).toBe(zReports.reduce((sum, z) => sum + yer(z.summary.succeeded.amounts), 0));
    // The second shop: its own subtotal (its training sale left out), and in the grand total.
    expect(grouped.shops[1]!.sales).toBe(1);
    expect(yer(grouped.shops[1]!.amounts)).toBe(4321_00);
    expect(yer(grouped.amounts)).toBe(yer(shop.amounts) + 4321_00);
    expect(grouped.sales).toBe(shop.sales + 1);
    console.log(JSON.stringify({ sales: grouped.sales, alqimah: alqimahLedger, weta: wetaLedger, perTill: zReports.map((z) => yer(z.summary.succeeded.amounts)) }));
  }, 90_000);

  it("a till's unsent sales show on the owner's totals until they reach the hub", async () => {
    const role = (tills[0]!.services.db.prepare('SELECT role FROM hub_link').get() as { role: string }).role;
    // The hub refuses till 1's shipments for a while (as when its role lost its rights): its outbox fills.
    await rig.sql(rig.pg.superuser.user, rig.pg.superuser.password, `REVOKE INSERT, UPDATE ON pos_hub.sales FROM ${role}`);
    try {
      value(await tills[0]!.services.sales.engine.submit({ number: '778999001', product: { kind: 'amount', amount: money(300_00) }, submitKey: 'owner-unsent-1-key' }));
      expect(queued(tills[0]!)).toBeGreaterThan(0);
      const totals = value<HubTotals>(await tills[0]!.services.dispatch('hub.totals', { from: dayStart, to: Date.now() + 60_000 }, ctx));
      expect(totals.queuedHere).toBe(1);
    } finally {
      await rig.sql(rig.pg.superuser.user, rig.pg.superuser.password, `GRANT INSERT, UPDATE ON pos_hub.sales TO ${role}`);
    }
    expect(await eventually(() => queued(tills[0]!) === 0, 20_000)).toBe(true);
    const totals = value<HubTotals>(await tills[0]!.services.dispatch('hub.totals', { from: dayStart, to: Date.now() + 60_000 }, ctx));
    expect(totals.queuedHere).toBe(0);
  }, 60_000);

  it("the hub away: the owner's totals say so, and since when", async () => {
    rig.pg.stop();
    try {
      const before = Date.now();
      const read = await tills[0]!.services.dispatch('hub.totals', { from: dayStart, to: Date.now() }, ctx);
      expect(!read.ok && read.error.code).toBe('hub.unreachable');
      const status = value<{ unreachableSince: number | null }>(await tills[0]!.services.dispatch('hub.status', {}, ctx));
      expect(status.unreachableSince).not.toBeNull();
      expect(status.unreachableSince!).toBeLessThanOrEqual(Date.now());
      expect(status.unreachableSince!).toBeGreaterThanOrEqual(before - 60_000);
      const print = await tills[0]!.services.dispatch('hubZReport.print', { from: dayStart, to: Date.now() }, ctx);
      expect(!print.ok && print.error.code).toBe('hub.unreachable');
    } finally {
      rig.pg.start();
    }
    expect(await eventually(async () => (await tills[0]!.services.dispatch('hub.totals', { from: dayStart, to: Date.now() }, ctx)).ok)).toBe(true);
  }, 60_000);

  it("a counter's role cannot read the owner's totals: row-level security keeps it to its own shop, and the channels are the owner's", async () => {
    const link = tills[1]!.services.db.prepare('SELECT role FROM hub_link').get() as { role: string };
    const address = parseHubAddress(rig.address)!;
    const pool = openHubPool(address, link.role, counterPassword(tills[1]!)!, createLogger(() => undefined), 1);
    try {
      const seen = await ownerTotals(pool, 0, Date.now() + 60_000, Date.now());
      expect(new Set(seen.rows.map((r) => r.shop))).toEqual(new Set(['Al-Amal shop']));
      expect(new Set(seen.counters.map((c) => c.shop))).toEqual(new Set(['Al-Amal shop']));
      await expect(pool.query('SELECT * FROM pos_hub.balance_readings')).rejects.toThrow(/permission denied/);
    } finally {
      await pool.end();
    }
    const owners = await rig.asOwner<{ shop: string }>('SELECT DISTINCT sh.name AS shop FROM pos_hub.sales s JOIN pos_hub.shops sh ON sh.id = s.shop_id');
    expect(owners).toHaveLength(2);
    // Another till holds no owner role: the channels answer so, and print nothing.
    const jobs = printer.jobs.length;
    for (const name of ['hub.totals', 'hubZReport.print'] as const) {
      const answer = await tills[1]!.services.dispatch(name, { from: dayStart, to: Date.now() }, ctx);
      expect(!answer.ok && answer.error.code).toBe('hub.not_linked');
    }
    // On the owner's till, a cashier who is not the owner is refused before the hub is asked.
    const owner = tills[0]!.services;
    value(await owner.dispatch('cashiers.save', { id: 'owner', name: 'Owner', role: 'owner', pin: '9876' }, ctx));
    const cashier = value<{ id: string }>(await owner.dispatch('cashiers.save', { name: 'Ali', role: 'cashier', pin: '1357' }, ctx));
    value(await owner.dispatch('session.signIn', { cashierId: cashier.id, pin: '1357' }, ctx));
    for (const name of ['hub.totals', 'hubZReport.print'] as const) {
      const answer = await owner.dispatch(name, { from: dayStart, to: Date.now() }, ctx);
      expect(!answer.ok && answer.error.code).toBe('auth.forbidden');
    }
    expect(printer.jobs.length).toBe(jobs);
  }, 30_000);
});
