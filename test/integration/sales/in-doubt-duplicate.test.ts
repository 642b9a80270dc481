// Selling again while the last sale of the same number and product is still in doubt (issue 11
// item 3, issue 9 defect 4): the quote names that sale and its state at any age, and the engine
// refuses a second sale on the ordinary duplicate confirmation; only a confirmation naming that
// very sale goes through. The simulator's ledger is the judge of what was charged.
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { money } from '../../../shared/money';
import { startRig, type Rig } from './sale-rig';

const topUp = { kind: 'amount' as const, amount: money(1_000_00) };
let rig: Rig | null = null;

afterEach(async () => {
  await rig?.close();
  rig = null;
});

describe('a second sale over one still in doubt', () => {
  it('is named by the quote, refused on a plain duplicate confirmation, and sold only when that sale is named', async () => {
    rig = await startRig({ settings: { duplicateWindowMinutes: 5 } });
    rig.alqimah.knobs.pending = { next: 1, probability: 0, checks: 1000, outcome: 'succeeded' };
    const first = await rig.sales.engine.submit({ number: '771234567', product: topUp, submitKey: randomUUID() });
    if (!first.ok) throw new Error(first.error.message);
    expect(first.value.state).toBe('pending');

    // Long past the duplicate window, the sale still in doubt is still named.
    rig.clock.t += 60 * 60_000;
    const quote = await rig.sales.engine.quote({ number: '771234567', product: topUp });
    expect(quote.ok && quote.value.duplicateOf).toMatchObject({ id: first.value.id, state: 'pending' });

    for (const request of [{}, { confirmDuplicate: true }, { confirmDuplicate: true, confirmInDoubt: '12345' }]) {
      const again = await rig.sales.engine.submit({ number: '771234567', product: topUp, submitKey: randomUUID(), ...request });
      expect(again.ok).toBe(false);
      if (!again.ok) expect(again.error).toMatchObject({ code: 'sale.in_doubt_needs_confirm', params: { id: first.value.id, detail: 'pending' } });
    }
    expect(rig.alqimah.ledger.charges).toHaveLength(1);

    const confirmed = await rig.sales.engine.submit({ number: '771234567', product: topUp, submitKey: randomUUID(), confirmInDoubt: first.value.id });
    expect(confirmed.ok).toBe(true);
    expect(rig.alqimah.ledger.charges).toHaveLength(2);
    expect(rig.sales.journal.get(Number(first.value.id))?.state).toBe('pending');
  });

  it('a settled earlier sale is only the ordinary duplicate', async () => {
    rig = await startRig({ settings: { duplicateWindowMinutes: 5 } });
    const first = await rig.sales.engine.submit({ number: '771234567', product: topUp, submitKey: randomUUID() });
    expect(first.ok && first.value.state).toBe('succeeded');
    const plain = await rig.sales.engine.submit({ number: '771234567', product: topUp, submitKey: randomUUID() });
    expect(!plain.ok && plain.error.code).toBe('sale.duplicate_needs_confirm');
    const again = await rig.sales.engine.submit({ number: '771234567', product: topUp, submitKey: randomUUID(), confirmDuplicate: true });
    expect(again.ok && again.value.state).toBe('succeeded');
    expect(rig.alqimah.ledger.charges).toHaveLength(2);
  });
});
