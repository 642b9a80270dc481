// Training mode's practice numbers against the Al-Qimah simulator over real HTTP: each documented
// number ends as the training banner says, judged by the simulator's own ledger.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createAlqimahProvider } from '../../../electron/providers/alqimah/client';
import { startAlqimahSimulator, type AlqimahSimulator } from '../../harness/simulator-faults/alqimah';
import { createLogger } from '../../../electron/log';
import { money } from '../../../shared/money';
import { PRACTICE_NUMBERS } from '../../../shared/training';

let sim: AlqimahSimulator;
beforeEach(async () => {
  sim = await startAlqimahSimulator({ seed: 3, practice: Object.fromEntries(PRACTICE_NUMBERS.map((p) => [p.number, p.outcome])) });
});
afterEach(async () => {
  await sim.close();
});

const numberOf = (outcome: string) => ({ national: PRACTICE_NUMBERS.find((p) => p.outcome === outcome)!.number, network: 'yemen_mobile' as const });

it('practice numbers end checked-then-succeeded, failed, or in doubt; any other number succeeds at once', async () => {
  const provider = createAlqimahProvider({ baseUrl: sim.url, now: Date.now, timeoutMs: 2000, credentials: async () => ({ ...sim.account }), log: createLogger(() => undefined) });
  const product = { kind: 'amount' as const, amount: money(500_00) };

  const later = await provider.pay({ txId: '5000001', number: numberOf('pendingThenSucceeds'), product });
  expect(later.state).toBe('pending');
  expect((await provider.status({ txId: '5000001', number: numberOf('pendingThenSucceeds') })).state).toBe('succeeded');

  const fails = await provider.pay({ txId: '5000002', number: numberOf('fails'), product });
  expect(fails.state).toBe('failed');
  expect(sim.ledger.chargesFor('5000002')).toBe(0);

  expect((await provider.pay({ txId: '5000003', number: numberOf('staysInDoubt'), product })).state).toBe('pending');
  for (let i = 0; i < 5; i++) expect((await provider.status({ txId: '5000003', number: numberOf('staysInDoubt') })).state).toBe('pending');

  expect((await provider.pay({ txId: '5000004', number: { national: '771234567', network: 'yemen_mobile' }, product })).state).toBe('succeeded');
  expect(sim.ledger.charges.map((c) => c.txId)).toEqual(['5000001', '5000003', '5000004']);
});
