// The one grouping behind the owner's hub view and the shop-wide Z report: counters under their
// shop, subtotals and the total per currency (YER and USD never added together), the provider split,
// and counters that joined but sold nothing still listed.
import { describe, expect, it } from 'vitest';
import { groupHubTotals } from '../../../shared/hub-totals';
import type { HubTotals } from '../../../shared/ipc/hub';

const counter = (shop: string, number: number, unsettled = 0) => ({ shopId: shop === 'A' ? 1 : 2, shop, counter: number, label: `Till ${number}`, unsettled, lastHeardAt: 1_000 + number });

const totals: HubTotals = {
  from: 0,
  to: 86_400_000,
  readAt: 5_000,
  queuedHere: 0,
  counters: [counter('A', 2), counter('A', 1, 3), counter('A', 3), counter('B', 1)],
  rows: [
    { shopId: 1, shop: 'A', counter: 2, label: 'Till 2', provider: 'weta', sales: 2, total: { minor: 300_00, currency: 'YER' } },
    { shopId: 1, shop: 'A', counter: 1, label: 'Till 1', provider: 'alqimah', sales: 1, total: { minor: 1_000_00, currency: 'YER' } },
    { shopId: 1, shop: 'A', counter: 1, label: 'Till 1', provider: 'alqimah', sales: 1, total: { minor: 5_00, currency: 'USD' } },
    { shopId: 1, shop: 'A', counter: 1, label: 'Till 1', provider: 'weta', sales: 4, total: { minor: 2_000_00, currency: 'YER' } },
    { shopId: 2, shop: 'B', counter: 1, label: 'Till 1', provider: 'weta', sales: 1, total: { minor: 700_00, currency: 'YER' } },
  ],
};

describe('groupHubTotals', () => {
  const grouped = groupHubTotals(totals);

  it('lists every counter under its shop in number order, those with no sale too', () => {
    expect(grouped.shops.map((s) => [s.shop, s.counters.map((c) => c.counter)])).toEqual([
      ['A', [1, 2, 3]],
      ['B', [1]],
    ]);
    const idle = grouped.shops[0]!.counters[2]!;
    expect(idle).toMatchObject({ sales: 0, amounts: [], byProvider: [], lastHeardAt: 1_003 });
  });

  it('sums each counter, shop and the total per currency, never adding YER to USD', () => {
    const till1 = grouped.shops[0]!.counters[0]!;
    expect(till1.sales).toBe(6);
    expect(till1.amounts).toEqual([
      { minor: 1_000_00 + 2_000_00, currency: 'YER' },
      { minor: 5_00, currency: 'USD' },
    ]);
    expect(grouped.shops[0]!.amounts).toEqual([
      { minor: 3_300_00, currency: 'YER' },
      { minor: 5_00, currency: 'USD' },
    ]);
    expect(grouped.amounts).toEqual([
      { minor: 4_000_00, currency: 'YER' },
      { minor: 5_00, currency: 'USD' },
    ]);
    expect(grouped.sales).toBe(9);
  });

  it('splits by provider at every level', () => {
    expect(grouped.shops[0]!.byProvider).toEqual([
      { provider: 'alqimah', sales: 2, amounts: [{ minor: 1_000_00, currency: 'YER' }, { minor: 5_00, currency: 'USD' }] },
      { provider: 'weta', sales: 6, amounts: [{ minor: 2_300_00, currency: 'YER' }] },
    ]);
    expect(grouped.byProvider.find((p) => p.provider === 'weta')).toEqual({ provider: 'weta', sales: 7, amounts: [{ minor: 3_000_00, currency: 'YER' }] });
  });

  it('counts what is still unsettled on the hub per counter, shop and in total', () => {
    expect(grouped.shops[0]!.counters[0]!.unsettled).toBe(3);
    expect(grouped.shops[0]!.unsettled).toBe(3);
    expect(grouped.unsettled).toBe(3);
  });

  it('keeps two shops of one name apart, by the hub\'s id', () => {
    const twins = groupHubTotals({
      ...totals,
      counters: [],
      rows: [
        { shopId: 1, shop: 'Al-Amal', counter: 1, label: 'Till 1', provider: 'weta', sales: 1, total: { minor: 100_00, currency: 'YER' } },
        { shopId: 2, shop: 'Al-Amal', counter: 1, label: 'Till 1', provider: 'weta', sales: 1, total: { minor: 200_00, currency: 'YER' } },
      ],
    });
    expect(twins.shops.map((s) => [s.shopId, s.amounts])).toEqual([
      [1, [{ minor: 100_00, currency: 'YER' }]],
      [2, [{ minor: 200_00, currency: 'YER' }]],
    ]);
  });
});
