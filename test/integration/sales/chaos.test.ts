// Chaos (docs/architecture.md, "Testing layers"): N sales through both providers while the simulators add latency, drop 20% of
// answers after the charge, leave 10% pending for 1-5 checks, and answer 5% with a 5xx before the
// charge. Asserted and printed: no id charged twice, every charged id in the journal with the
// provider's final state, every sale final within its status-check budget.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Product } from '../../../shared/domain';
import { money } from '../../../shared/money';
import { chargesOf, simulatorState, startRig, WETA_USER, type Rig } from './sale-rig';

const N = Number(process.env.CHAOS_SALES ?? 1000);
const CONCURRENCY = 8;
const MAX_CHECKS = 10;
let rig: Rig;

beforeAll(async () => {
  // Weta first for offers, Al-Qimah for amounts (Weta sells no free amounts): both providers carry load.
  rig = await startRig({ order: ['weta', 'alqimah'], reconciler: { maxChecks: MAX_CHECKS, concurrency: 8 }, timeoutMs: 1_000 });
  const a = rig.alqimah.knobs;
  a.latency = { next: 0, probability: 0.5, ms: 10, only: ['payment', 'global'] };
  a.dropAfterCharge = { next: 0, probability: 0.2, only: ['payment'] };
  a.pending = { next: 0, probability: 0.1, checks: 2, outcome: 'succeeded' };
  a.serverErrorBeforeCharge = { next: 0, probability: 0.05, only: ['payment'] };
  rig.weta.knobs.latencyMs = 5;
  rig.weta.knobs.probability = { server_error: 0.05, drop_after_charge: 0.2, pending_success: 0.05, pending_ban: 0.05 };
});

afterAll(async () => {
  await rig?.close();
});

describe('chaos', () => {
  it(`${N} sales under faults: no id charged twice, none lost, all final within the check budget`, async () => {
    const started = Date.now();
    let next = 0;
    const submitted: string[] = [];
    const worker = async () => {
      while (next < N && Date.now() - started < 45_000) {
        const i = next++;
        // Vary the pending length (1-5 checks) and outcome per sale.
        rig.alqimah.knobs.pending.checks = (i % 5) + 1;
        rig.alqimah.knobs.pending.outcome = i % 3 === 0 ? 'failed' : 'succeeded';
        rig.weta.knobs.pendingChecks = (i % 5) + 1;
        const product: Product = i % 2 === 0 ? { kind: 'amount', amount: money((100 + (i % 50)) * 100) } : { kind: 'offer', code: String((i % 6) + 1) };
        const number = `77${String(1_000_000 + i).padStart(7, '0')}`;
        const r = await rig.sales.engine.submit({ number, product, submitKey: `chaos-${i}-key`, confirmDuplicate: true });
        if (r.ok) submitted.push(r.value.id);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const afterSales = rig.sales.journal.unresolved().length;
    const rounds = await rig.reconcileAll(10 * 60_000, 40);

    const rows = rig.db.prepare('SELECT tx_id, provider, state, checks FROM sales').all() as { tx_id: number; provider: 'alqimah' | 'weta'; state: string; checks: number }[];
    let doubleCharges = 0;
    let lost = 0;
    let mismatched = 0;
    for (const row of rows) {
      const id = String(row.tx_id);
      if (chargesOf(rig, row.provider, id) > 1) doubleCharges++;
      const sim = simulatorState(rig, row.provider, id);
      // A sale the provider never saw must be failed; one it saw must carry the provider's final state.
      if ((sim ?? 'failed') !== row.state) mismatched++;
    }
    const journalIds = new Set(rows.map((r) => String(r.tx_id)));
    for (const c of rig.alqimah.ledger.charges) if (!journalIds.has(c.txId)) lost++;
    for (const e of rig.weta.ledger.entries) if (e.username === WETA_USER.username && e.kind === 'charge' && !journalIds.has(String(e.transId))) lost++;
    const wetaCharges = new Map<number, number>();
    for (const e of rig.weta.ledger.entries) if (e.kind === 'charge') wetaCharges.set(e.transId, (wetaCharges.get(e.transId) ?? 0) + 1);
    doubleCharges += [...wetaCharges.values()].filter((n) => n > 1).length;
    const unresolved = rig.sales.journal.unresolved().length;
    const maxChecks = Math.max(0, ...rows.map((r) => r.checks));
    const states = Object.fromEntries(['succeeded', 'failed'].map((s) => [s, rows.filter((r) => r.state === s).length]));
    const figures = {
      sales: rows.length,
      alqimah: rows.filter((r) => r.provider === 'alqimah').length,
      weta: rows.filter((r) => r.provider === 'weta').length,
      openAfterSubmit: afterSales,
      reconcileRounds: rounds,
      ...states,
      doubleCharges,
      lost,
      mismatched,
      unresolved,
      maxChecksUsed: maxChecks,
      seconds: (Date.now() - started) / 1000,
    };
    console.table(figures);
    expect(rows.length).toBe(N);
    expect(submitted.length).toBe(N);
    expect(afterSales).toBeGreaterThan(N * 0.1);
    expect(doubleCharges).toBe(0);
    expect(lost).toBe(0);
    expect(mismatched).toBe(0);
    expect(unresolved).toBe(0);
    expect(maxChecks).toBeLessThanOrEqual(MAX_CHECKS);
  }, 90_000);
});
