// The agent balance the counter shows (issue 11 item 4): seen after each sale, kept across a
// restart from the journal with the time it was seen, and asked of the provider when never seen.
// The simulator's ledger is the judge of the figure.
import { randomUUID } from 'node:crypto';
import { afterEach, expect, it } from 'vitest';
import { money } from '../../../shared/money';
import { startRig, type Rig } from './sale-rig';

let rig: Rig | null = null;
afterEach(async () => {
  await rig?.close();
  rig = null;
});

it('is the ledger balance after a sale, and survives a restart with the time it was seen', async () => {
  rig = await startRig({ order: ['alqimah'] });
  const asked = await rig.sales.engine.balances(false);
  expect(asked.find((b) => b.provider === 'alqimah')?.seen?.balance.minor).toBe(rig.alqimah.ledger.balanceMinor);

  rig.clock.t += 60_000;
  const sold = await rig.sales.engine.submit({ number: '771234567', product: { kind: 'amount', amount: money(1_500_00) }, submitKey: randomUUID() });
  expect(sold.ok && sold.value.state).toBe('succeeded');
  const seenAt = rig.clock.t;
  const after = (await rig.sales.engine.balances(false)).find((b) => b.provider === 'alqimah')!;
  expect(after.seen).toEqual({ provider: 'alqimah', balance: money(rig.alqimah.ledger.balanceMinor), at: seenAt });
  const updates = rig.events.filter((e) => e.name === 'balance.updated');
  expect(updates.at(-1)?.payload).toEqual(after.seen);

  await rig.restart();
  rig.clock.t += 10 * 60_000;
  // Nothing asked: the journal's last seen balance, still dated when it was seen.
  rig.alqimah.ledger.balanceMinor += 1;
  const restarted = (await rig.sales.engine.balances(false)).find((b) => b.provider === 'alqimah')!;
  expect(restarted.seen).toEqual({ provider: 'alqimah', balance: money(rig.alqimah.ledger.balanceMinor - 1), at: seenAt });
  const refreshed = (await rig.sales.engine.balances(true)).find((b) => b.provider === 'alqimah')!;
  expect(refreshed.seen?.balance.minor).toBe(rig.alqimah.ledger.balanceMinor);
});
