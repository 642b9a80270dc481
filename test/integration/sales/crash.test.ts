// Crash (docs/architecture.md, "Sales", "Testing layers"): the sale services run in a child process against a file database and
// are SIGKILLed at a random moment of a sale; the app restarts, reconciles, and the journal and the
// providers' ledgers must agree exactly: nothing sold twice, nothing lost, the database intact.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chargesOf, simulatorState, startRig, WETA_USER, type Rig } from './sale-rig';
import { runUntilKilled } from '../../support/kill-child';

// The 50 runs; each is a child process start, a sale or two and a kill (about a second).
const RUNS = Number(process.env.CRASH_RUNS ?? 50);
const TIME_LIMIT_MS = 120_000;
let rig: Rig;

beforeAll(async () => {
  rig = await startRig({ order: ['weta', 'alqimah'], reconciler: { maxChecks: 10 } });
  rig.alqimah.knobs.latency = { next: 0, probability: 1, ms: 15, only: ['payment'] };
  rig.alqimah.knobs.dropAfterCharge = { next: 0, probability: 0.2, only: ['payment'] };
  rig.alqimah.knobs.pending = { next: 0, probability: 0.1, checks: 2, outcome: 'succeeded' };
  rig.weta.knobs.latencyMs = 15;
  rig.weta.knobs.probability = { drop_after_charge: 0.2, pending_success: 0.1 };
});

afterAll(async () => {
  await rig?.close();
});

function runChild(run: number, killAfterMs: number): Promise<void> {
  return runUntilKilled(join(import.meta.dirname, 'crash-child.ts'), [rig.dir, rig.alqimah.url, rig.weta.url, String(run)], killAfterMs);
}

describe('crash', () => {
  it(`${RUNS} kills at random points of a sale: after restart and reconcile, journal and ledgers agree exactly`, async () => {
    const started = Date.now();
    let runs = 0;
    let openAtRestart = 0;
    let createdAtRestart = 0;
    for (let run = 1; run <= RUNS && Date.now() - started < TIME_LIMIT_MS; run++) {
      await runChild(run, 50 + Math.floor(Math.random() * 400));
      // A payment the child wrote just before the kill is charged by the simulators after their
      // 15 ms latency, in real time, while the reconcile below moves its clock 10 minutes a round:
      // without this wait the not-found grace could pass before the provider has the sale (seen
      // once in CI: a charged sale failed), which ten real minutes never allow.
      await new Promise((resolve) => setTimeout(resolve, 200));
      runs++;
      const open = rig.sales.journal.unresolved();
      openAtRestart += open.length;
      createdAtRestart += open.filter((s) => s.state === 'created').length;
      await rig.restart();
      await rig.sales.reconciler.start();
      await rig.reconcileAll(10 * 60_000, 40);
    }
    const rows = rig.db.prepare('SELECT tx_id, provider, state FROM sales').all() as { tx_id: number; provider: 'alqimah' | 'weta'; state: string }[];
    const ids = new Set(rows.map((r) => String(r.tx_id)));
    let doubleCharges = 0;
    let mismatched = 0;
    for (const row of rows) {
      if (chargesOf(rig, row.provider, String(row.tx_id)) > 1) doubleCharges++;
      if ((simulatorState(rig, row.provider, String(row.tx_id)) ?? 'failed') !== row.state) mismatched++;
    }
    let lost = 0;
    for (const c of rig.alqimah.ledger.charges) if (!ids.has(c.txId)) lost++;
    for (const e of rig.weta.ledger.entries) if (e.username === WETA_USER.username && e.kind === 'charge' && !ids.has(String(e.transId))) lost++;
    const integrity = rig.db.pragma('integrity_check', { simple: true });
    const figures = { runs, sales: rows.length, openAtRestart, createdAtRestart, doubleCharges, lost, mismatched, unresolved: rig.sales.journal.unresolved().length, integrity, seconds: (Date.now() - started) / 1000 };
    console.table(figures);
    expect(runs).toBeGreaterThanOrEqual(Math.min(RUNS, 25));
    expect(rows.length).toBeGreaterThan(runs);
    expect(doubleCharges).toBe(0);
    expect(lost).toBe(0);
    expect(mismatched).toBe(0);
    expect(figures.unresolved).toBe(0);
    expect(integrity).toBe('ok');
  }, TIME_LIMIT_MS + 60_000);
});
