// A till SIGKILLed at random moments while it sells and ships to a real PostgreSQL hub: after a
// restart it loses nothing and sends nothing twice. Judged on the hub's rows against the journal:
// every sale there once, in its final state, written at most once per state it went through.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POSTGRES_MISSING } from '../../support/postgres';
import { eventually, OWNER, startHubRig, type Counter, type HubRig } from './hub-rig';
import { runUntilKilled } from '../../support/kill-child';

const RUNS = Number(process.env.HUB_KILL_RUNS ?? 12);
const TIME_LIMIT_MS = 60_000;
const ctx = { trustedSender: true };
let rig: HubRig;
let dir: string;

function runChild(run: number, killAfterMs: number): Promise<void> {
  return runUntilKilled(join(import.meta.dirname, 'hub-kill-child.ts'), [dir, rig.alqimah.url, rig.weta.url, String(run)], killAfterMs);
}

describe.skipIf(POSTGRES_MISSING !== null)('a till killed while shipping', () => {
  beforeAll(async () => {
    rig = await startHubRig();
    const till = await rig.counter();
    dir = till.dir;
    const created = await till.services.dispatch(
      'hub.createShop',
      { address: rig.address, user: OWNER.user, password: OWNER.password, shopName: 'Kill shop', counterLabel: 'Till 1' },
      ctx,
    );
    expect(created.ok, JSON.stringify(created)).toBe(true);
    await till.close();
  }, 60_000);
  afterAll(async () => {
    await rig?.close();
  });

  it(`${RUNS} SIGKILLs mid-sale and mid-ship: after restart every sale is on the hub once, in its journal state`, async () => {
    const started = Date.now();
    let runs = 0;
    let queuedAtKill = 0;
    let killsWithQueue = 0;
    for (let run = 1; run <= RUNS && Date.now() - started < TIME_LIMIT_MS; run++) {
      await runChild(run, 100 + Math.floor(Math.random() * 500));
      runs++;
      const db = new Database(join(dir, 'pos.sqlite'), { readonly: true });
      const queued = db.prepare('SELECT count(*) FROM hub_outbox').pluck().get() as number;
      db.close();
      queuedAtKill += queued;
      if (queued > 0) killsWithQueue++;
    }
    const till: Counter = await rig.counter(dir);
    await till.services.sales.reconciler.start();
    for (let pass = 0; pass < 50 && till.services.sales.journal.unresolved().length > 0; pass++) {
      await new Promise((r) => setTimeout(r, 25));
      await till.services.sales.reconciler.runDue();
    }
    expect(till.services.sales.journal.unresolved()).toHaveLength(0);
    expect(await eventually(() => (till.services.db.prepare('SELECT count(*) FROM hub_outbox').pluck().get() as number) === 0, 20_000)).toBe(true);

    const journal = till.services.db
      .prepare('SELECT s.tx_id, s.state, s.price_minor, (SELECT count(*) FROM sale_transitions t WHERE t.tx_id = s.tx_id) AS transitions FROM sales s')
      .all() as { tx_id: number; state: string; price_minor: number | null; transitions: number }[];
    const hub = await rig.asOwner<{ tx_id: string; state: string; price_minor: string | null; writes: number }>('SELECT tx_id, state, price_minor, writes FROM pos_hub.sales');
    const onHub = new Map(hub.map((r) => [Number(r.tx_id), r]));
    let lost = 0;
    let wrongState = 0;
    let writtenTwice = 0;
    for (const row of journal) {
      const there = onHub.get(row.tx_id);
      if (!there) lost++;
      else {
        if (there.state !== row.state || (there.price_minor === null ? null : Number(there.price_minor)) !== row.price_minor) wrongState++;
        if (there.writes > row.transitions) writtenTwice++;
      }
    }
    const figures = { runs, sales: journal.length, hubRows: hub.length, killsWithQueue, queuedAtKill, lost, wrongState, writtenTwice, seconds: (Date.now() - started) / 1000 };
    console.log(JSON.stringify(figures));
    expect(runs).toBeGreaterThanOrEqual(Math.min(RUNS, 6));
    expect(journal.length).toBeGreaterThan(runs);
    expect(hub.length).toBe(journal.length);
    expect(lost).toBe(0);
    expect(wrongState).toBe(0);
    expect(writtenTwice).toBe(0);
  }, 120_000);
});
