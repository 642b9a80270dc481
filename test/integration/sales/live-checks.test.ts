// A sale in doubt is followed live on the counter (issue 11 item 2): every status check, even one
// that moves nothing, is published with how many checks were made, when the last one was answered
// and when the next one is due, so "last check at / next check" never goes stale.
import { randomUUID } from 'node:crypto';
import { afterEach, expect, it } from 'vitest';
import type { SaleView } from '../../../shared/ipc/sales';
import { money } from '../../../shared/money';
import { startRig, type Rig } from './sale-rig';

let rig: Rig | null = null;
afterEach(async () => {
  await rig?.close();
  rig = null;
});

it('a check that changes nothing is still published, with the last and the next check', async () => {
  rig = await startRig();
  rig.alqimah.knobs.pending = { next: 1, probability: 0, checks: 1000, outcome: 'succeeded' };
  const sold = await rig.sales.engine.submit({ number: '771234567', product: { kind: 'amount', amount: money(1_000_00) }, submitKey: randomUUID() });
  if (!sold.ok) throw new Error(sold.error.message);
  expect(sold.value).toMatchObject({ state: 'pending', checks: 0, lastCheckAt: null });
  expect(sold.value.nextCheckAt).toBeGreaterThan(rig.clock.t);

  const views = () => rig!.events.filter((e) => e.name === 'sale.updated').map((e) => e.payload as SaleView).filter((v) => v.id === sold.value.id);
  const before = views().length;
  for (let check = 1; check <= 2; check++) {
    rig.clock.t += 10 * 60_000;
    await rig.sales.reconciler.runDue();
    const seen = views();
    expect(seen).toHaveLength(before + check);
    expect(seen.at(-1)).toMatchObject({ state: 'pending', checks: check, lastCheckAt: rig.clock.t });
    expect(seen.at(-1)!.nextCheckAt).toBeGreaterThan(rig.clock.t);
  }
});
