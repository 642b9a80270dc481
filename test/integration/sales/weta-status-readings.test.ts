// issue 9 defects 4 and 5: Weta's document gives /q/status's isDone/isBan two opposite readings.
// The client keeps the status section's; an answer that reads two ways (or bans with no documented
// reason) leaves the sale waiting for the owner with the raw answer, never failed, so neither reading
// of the simulator can lead to a silent second charge. A bill settled by status carries the price
// of the offer that was sent, not null and "connection lost".
import { afterEach, describe, expect, it } from 'vitest';
import type { Product } from '../../../shared/domain';
import { money } from '../../../shared/money';
import { settledBy } from '../../../shared/sale-settlement';
import { startRig, WETA_USER, type Rig } from './sale-rig';

const offer600: Product = { kind: 'offer', code: '1', provider: 'weta' };
const NUMBER = '777123456';
let rig: Rig;
let key = 0;
const submitKey = () => `reading-${++key}-abcdefgh`;

afterEach(async () => {
  await rig?.close();
});

const chargesTo = (r: Rig, mobile: string) =>
  r.weta.ledger.entries.filter((e) => e.mobile === mobile).reduce((n, e) => n + (e.kind === 'charge' ? 1 : -1), 0);

async function lostBill(r: Rig, fault: Parameters<Rig['weta']['knobs']['next']>[1]) {
  r.weta.knobs.next('/bill/weta-offer', fault);
  const sold = await r.sales.engine.submit({ number: NUMBER, product: offer600, submitKey: submitKey() });
  if (!sold.ok) throw new Error(sold.error.message);
  return sold.value;
}

describe('Weta /q/status readings', () => {
  it('status section reading: a dropped bill found done carries the price of the offer and says it was settled by status', async () => {
    rig = await startRig({ order: ['weta', 'alqimah'] });
    const sold = await lostBill(rig, { kind: 'drop_after_charge' });
    expect(sold.state).toBe('unknown');
    expect(sold.price).toBeNull();
    // Within the duplicate window the same sale again needs the cashier's confirmation.
    const again = await rig.sales.engine.submit({ number: NUMBER, product: offer600, submitKey: submitKey() });
    expect(!again.ok && again.error).toMatchObject({ code: 'sale.duplicate_needs_confirm', params: { id: sold.id } });

    await rig.sales.reconciler.recheck(Number(sold.id));
    const view = rig.sales.engine.get(Number(sold.id));
    expect(view.ok && view.value).toMatchObject({ state: 'succeeded', price: money(600_00), message: null, error: null });
    if (view.ok) expect(settledBy(view.value.timeline)).toBe('status');
    // The provider's ledger charged exactly that.
    const charge = rig.weta.ledger.entries.find((e) => e.transId === Number(sold.id));
    expect(charge?.amount).toBe(600);
    expect(chargesTo(rig, '967777123456')).toBe(1);
  });

  it('fix delay reading, done bill (isDone 0, isBan 1, no reason): needs attention with the raw answer, never failed, no second charge', async () => {
    rig = await startRig({ order: ['weta', 'alqimah'] });
    rig.weta.knobs.statusReading = 'fix_delay';
    const sold = await lostBill(rig, { kind: 'drop_after_charge' });
    await rig.reconcileAll(10 * 60_000, 20);
    const after = rig.sales.journal.get(Number(sold.id))!;
    expect(after.state).toBe('unknown');
    expect(after.error?.code).toBe('provider.unclear_status');
    expect(after.message).toContain('"isBan":1');
    expect(after.nextCheckAt).toBeNull();
    expect(rig.sales.engine.attention().map((s) => s.id)).toEqual([sold.id]);
    // Long after the duplicate window, the open sale is still named to the cashier.
    const quote = await rig.sales.engine.quote({ number: NUMBER, product: offer600 });
    expect(quote.ok && quote.value.duplicateOf).toMatchObject({ id: sold.id, state: 'unknown' });
    const again = await rig.sales.engine.submit({ number: NUMBER, product: offer600, submitKey: submitKey() });
    expect(!again.ok && again.error.code).toBe('sale.duplicate_needs_confirm');
    // Even with the owner's duplicate window off, an open sale is never sold again unseen.
    rig.settings.duplicateWindowMinutes = 0;
    const windowOff = await rig.sales.engine.submit({ number: NUMBER, product: offer600, submitKey: submitKey() });
    expect(!windowOff.ok && windowOff.error).toMatchObject({ code: 'sale.duplicate_needs_confirm', params: { id: sold.id } });
    expect(chargesTo(rig, '967777123456')).toBe(1);
  });

  it('fix delay reading, bill in progress (isDone 1 and isBan 1: done and banned at once): needs attention, not succeeded or failed', async () => {
    rig = await startRig({ order: ['weta', 'alqimah'] });
    rig.weta.knobs.statusReading = 'fix_delay';
    const sold = await lostBill(rig, { kind: 'pending', checks: 50, then: 'succeeded' });
    expect(sold.state).toBe('pending');
    await rig.sales.reconciler.recheck(Number(sold.id));
    const after = rig.sales.journal.get(Number(sold.id))!;
    expect(after.state).toBe('pending');
    expect(after.error?.code).toBe('provider.unclear_status');
    expect(after.message).toContain('"isDone":1');
    expect(rig.sales.journal.view(after).timeline.at(-1)?.note).toBe('needs attention: provider.unclear_status');
    expect(chargesTo(rig, '967777123456')).toBe(1);
  });

  it('fix delay reading, banned bill (isDone 0, isBan 0): read as in progress, refunded, and after a day it needs attention, never sold again unseen', async () => {
    rig = await startRig({ order: ['weta', 'alqimah'], reconciler: { maxChecks: 1000 } });
    rig.weta.knobs.statusReading = 'fix_delay';
    const sold = await lostBill(rig, { kind: 'pending', checks: 0, then: 'failed', reason: 400 });
    await rig.reconcileAll(60 * 60_000, 30);
    const after = rig.sales.journal.get(Number(sold.id))!;
    expect(after.state).toBe('pending');
    expect(after.error?.code).toBe('sale.needs_attention');
    const again = await rig.sales.engine.submit({ number: NUMBER, product: offer600, submitKey: submitKey() });
    expect(!again.ok && again.error.code).toBe('sale.duplicate_needs_confirm');
    expect(chargesTo(rig, '967777123456')).toBe(0);
    expect(rig.weta.ledger.balanceOf(WETA_USER.username)).toBe(1_000_000_000);
  });

  it('a ban whose reason is not a documented failure needs attention; a documented one (400) fails the sale', async () => {
    rig = await startRig({ order: ['weta', 'alqimah'] });
    const odd = await lostBill(rig, { kind: 'pending', checks: 0, then: 'failed', reason: 7 });
    await rig.sales.reconciler.recheck(Number(odd.id));
    expect(rig.sales.journal.get(Number(odd.id))).toMatchObject({ state: 'pending', error: { code: 'provider.unclear_status' } });
    const documented = await rig.sales.engine.submit({ number: '733123456', product: offer600, submitKey: submitKey() });
    expect(documented.ok).toBe(true);
    rig.weta.knobs.next('/bill/weta-offer', { kind: 'pending', checks: 0, then: 'failed', reason: 400 });
    const banned = await rig.sales.engine.submit({ number: '771123456', product: offer600, submitKey: submitKey() });
    if (!banned.ok) throw new Error(banned.error.message);
    await rig.sales.reconciler.recheck(Number(banned.value.id));
    expect(rig.sales.journal.get(Number(banned.value.id))).toMatchObject({ state: 'failed', error: { code: 'provider.rejected' } });
  });
});
