// Property of the simulator's ledger, through the real client over HTTP: whatever mix of reused ids,
// dropped answers and pending operations, a TransactionID is charged at most once and the agent
// balance equals the start minus the net charges.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAlqimahProvider } from '../../../electron/providers/alqimah/client';
import { startAlqimahSimulator, type AlqimahSimulator } from '../../harness/simulator-faults/alqimah';
import { money } from '../../../shared/money';

let sim: AlqimahSimulator;
beforeAll(async () => {
  sim = await startAlqimahSimulator({ seed: 11, recordRequests: false, balanceMinor: 1_000_000_000 });
});
afterAll(async () => {
  await sim.close();
});

describe('Payment Operations ledger', () => {
  it('a transaction id is charged at most once, and the balance matches the net charges', async () => {
    const start = sim.ledger.balanceMinor;
    const p = createAlqimahProvider({
      baseUrl: sim.url,
      now: Date.now,
      timeoutMs: 2000,
      credentials: async () => ({ ...sim.account }),
      log: { info() {}, warn() {}, error() {} },
    });
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ id: fc.integer({ min: 0, max: 5 }), amount: fc.integer({ min: 1, max: 500 }), fault: fc.constantFrom('none', 'drop', 'pending', 'fail', 'bad') }), { minLength: 1, maxLength: 15 }),
        async (steps) => {
          run += 1;
          for (const step of steps) {
            sim.knobs.dropAfterCharge.next = step.fault === 'drop' ? 1 : 0;
            sim.knobs.malformedJson.next = step.fault === 'bad' ? 1 : 0;
            sim.knobs.failPayment.next = step.fault === 'fail' ? 1 : 0;
            Object.assign(sim.knobs.pending, { next: step.fault === 'pending' ? 1 : 0, checks: 0, outcome: 'failed' });
            const txId = String(run * 100 + step.id);
            const out = await p.pay({ txId, number: { national: '777777777', network: 'yemen_mobile' }, product: { kind: 'amount', amount: money(step.amount * 100) } });
            if (out.state === 'pending') await p.status({ txId, number: { national: '777777777', network: 'yemen_mobile' } });
            expect(sim.ledger.chargesFor(txId)).toBeLessThanOrEqual(1);
          }
        },
      ),
      { numRuns: 40, seed: 42 },
    );
    const net = sim.ledger.charges.reduce((s, c) => s + c.minor, 0) - sim.ledger.refunds.reduce((s, c) => s + c.minor, 0);
    expect(sim.ledger.balanceMinor).toBe(start - net);
    expect(new Set(sim.ledger.charges.map((c) => c.txId)).size).toBe(sim.ledger.charges.length);
  });
});
