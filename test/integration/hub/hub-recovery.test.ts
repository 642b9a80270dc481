// The hub comes back after an outage: shipping and history must find it promptly, not when the
// shipper's back-off next expires. The till here backs off for 10-20 s after its first failure (a
// long outage's back-off, reached at once), so only the prompt path can meet the bounds: a history
// search, or a sale, tries the hub again once the last attempt is a couple of seconds old, and an
// answer wakes the shipper. Judged on the hub's rows, without ever calling shipNow.
import { createServer, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { money } from '../../../shared/money';
import type { HistoryPage } from '../../../shared/ipc/history';
import { DEFAULT_SHIPPER } from '../../../electron/hub/shipper';
import { POSTGRES_MISSING } from '../../support/postgres';
import { eventually, ownersTill, startHubRig, type Counter, type HubRig } from './hub-rig';

const ctx = { trustedSender: true };
const SHIPPER = { hubShipper: { idleMs: 30, backoffBaseMs: 20_000, backoffMaxMs: 60_000 } };
/** Far below the back-off this till is in (at least 10 s), and the old 60 s maximum. */
const PROMPT_MS = 4_000;
let rig: HubRig;
let till: Counter;
let sold = 0;

const queued = () => till.services.db.prepare('SELECT count(*) FROM hub_outbox').pluck().get() as number;

async function sell(): Promise<void> {
  sold++;
  const number = `7771${String(sold).padStart(5, '0')}`;
  const sale = await till.services.sales.engine.submit({ number, product: { kind: 'amount', amount: money(150_00) }, submitKey: `recovery-${sold}-key` });
  expect(sale.ok, JSON.stringify(sale)).toBe(true);
}

/** The hub stops, five sales queue, and it starts again once a probe is due (but the back-off is not). */
async function outage(): Promise<void> {
  rig.pg.stop();
  for (let i = 0; i < 5; i++) await sell();
  expect(await eventually(() => till.services.hub.status().unreachableSince !== null, 5_000)).toBe(true);
  expect(queued()).toBeGreaterThanOrEqual(5);
  await new Promise((r) => setTimeout(r, DEFAULT_SHIPPER.probeEveryMs + 300));
  rig.pg.start();
}

async function hubMatchesJournal(): Promise<void> {
  const hub = await rig.asOwner<{ n: string }>("SELECT count(*) AS n FROM pos_hub.sales WHERE state = 'succeeded'");
  const journal = till.services.db.prepare("SELECT count(*) FROM sales WHERE state = 'succeeded'").pluck().get() as number;
  expect(Number(hub[0]!.n)).toBe(journal);
  expect(journal).toBe(sold);
}

describe.skipIf(POSTGRES_MISSING !== null)('the hub back after an outage', () => {
  beforeAll(async () => {
    rig = await startHubRig();
    till = await ownersTill(rig, SHIPPER);
    await sell();
    expect(await eventually(() => queued() === 0)).toBe(true);
  }, 60_000);
  afterAll(async () => {
    await rig?.close();
  });

  it('a history search right after the hub is back answers "all counters" and the queue drains at once', async () => {
    await outage();
    const back = Date.now();
    const found = (await till.services.dispatch('history.search', { text: '777100001' }, ctx)) as { ok: true; value: HistoryPage };
    expect(found.value.scope).toEqual({ allCounters: true, hubUnreachableSince: null });
    expect(found.value.sales.map((s) => s.number)).toEqual(['777100001']);
    expect(await eventually(() => queued() === 0, PROMPT_MS)).toBe(true);
    console.log(JSON.stringify({ drainedAfterSearchMs: Date.now() - back }));
    expect(Date.now() - back).toBeLessThan(PROMPT_MS);
    expect(till.services.hub.status().unreachableSince).toBeNull();
    await hubMatchesJournal();
  });

  it('a sale right after the hub is back drains the queue at once', async () => {
    await outage();
    const back = Date.now();
    await sell();
    expect(await eventually(() => queued() === 0, PROMPT_MS)).toBe(true);
    console.log(JSON.stringify({ drainedAfterSaleMs: Date.now() - back }));
    expect(Date.now() - back).toBeLessThan(PROMPT_MS);
    await hubMatchesJournal();
  });

  it('a hub that takes connections but never answers: five searches in a row wait one search time-out, not five', async () => {
    expect(queued()).toBe(0);
    rig.pg.stop();
    // Its port now accepts and then says nothing, like a hub computer that hangs.
    const sockets: Socket[] = [];
    const hanging = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => hanging.listen(rig.pg.port, '127.0.0.1', resolve));
    try {
      const started = Date.now();
      for (let i = 0; i < 5; i++) {
        const page = (await till.services.dispatch('history.search', { text: '7771' }, ctx)) as { ok: true; value: HistoryPage };
        expect(page.value.scope?.allCounters).toBe(false);
        expect(page.value.sales.length).toBeGreaterThan(0);
      }
      const waitedMs = Date.now() - started;
      console.log(JSON.stringify({ fiveSearchesOnAHangingHubMs: waitedMs }));
      expect(waitedMs).toBeLessThan(3_000);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => hanging.close(resolve));
      rig.pg.start();
    }
    expect(till.services.hub.status().unreachableSince).not.toBeNull();
    // The hub back and a sale shipped to it: the till no longer says the hub is away, searched or not.
    await sell();
    expect(await eventually(() => queued() === 0 && till.services.hub.status().unreachableSince === null, PROMPT_MS)).toBe(true);
    await hubMatchesJournal();
  });
});
