// Properties of the Weta client and simulator together, over real HTTP on 127.0.0.1, with random
// fault sequences from fast-check (bounded in runs, sales per run and wall time).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWetaProvider } from '../../../electron/providers/weta/client';
import { startWetaSimulator, type WetaFault, type WetaSimulator } from '../../harness/simulator-faults/weta';
import type { SubscriberNumber } from '../../../electron/providers/provider';

const YM: SubscriberNumber = { national: '771234567', network: 'yemen_mobile' };

const faultArb: fc.Arbitrary<WetaFault | null> = fc.oneof(
  fc.constant(null),
  fc.constant({ kind: 'drop_after_charge' } as const),
  fc.constant({ kind: 'malformed_json' } as const),
  fc.constant({ kind: 'token_expired' } as const),
  fc.constantFrom(500, 502, 503).map((status) => ({ kind: 'server_error', status }) as const),
  fc.constantFrom(1000, 1001, 1002, 1003, 1004, 1005).map((code) => ({ kind: 'api_error', code }) as WetaFault),
  fc.record({ kind: fc.constant('pending' as const), checks: fc.integer({ min: 0, max: 2 }), then: fc.constantFrom('succeeded' as const, 'failed' as const) }),
  fc.constant({ kind: 'latency', ms: 250 } as const),
);

let sim: WetaSimulator;
beforeAll(async () => {
  sim = await startWetaSimulator({ seed: 3, users: [{ username: 'agent', password: 'property-pass', balance: 100_000_000 }] });
});
afterAll(async () => {
  await sim.close();
});

describe('fix delay (properties)', () => {
  it('a trans_id is charged at most once, and the status call settles every sale to what the ledger shows', async () => {
    let nextId = 9_000_000_000_000;
    const deadline = Date.now() + 20_000;
    await fc.assert(
      fc.asyncProperty(fc.array(faultArb, { minLength: 1, maxLength: 8 }), async (faults) => {
        if (Date.now() > deadline) return;
        const provider = createWetaProvider({
          baseUrl: sim.url,
          now: Date.now,
          timeoutMs: 150,
          credentials: async () => ({ username: 'agent', password: 'property-pass' }),
          log: { info() {}, warn() {}, error() {} },
        });
        for (const fault of faults) {
          const id = String(nextId++);
          if (fault) sim.knobs.next('/bill/weta-offer', fault);
          const first = await provider.pay({ txId: id, number: YM, product: { kind: 'offer', code: '1' } });
          let state: string = first.state;
          for (let check = 0; check < 4 && (state === 'pending' || state === 'unknown'); check++) {
            const s = await provider.status({ txId: id, number: YM });
            state = s.state === 'not_found' ? 'failed' : s.state;
          }
          const net = sim.ledger.chargesFor('agent', Number(id));
          expect(net === 0 || net === 1).toBe(true);
          expect(state).toBe(net === 1 ? 'succeeded' : 'failed');
        }
      }),
      { numRuns: 25, seed: 11 },
    );
  });
});
