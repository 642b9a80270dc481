// The owner's totals from the hub, grouped the way the dashboard and the shop-wide Z report show
// them: each counter, each shop's subtotal, and the grand total, every figure per currency (YER and
// USD are never added together) and split by provider. One grouping for screen and paper, so the
// two can never disagree.
import type { ProviderId } from './domain';
import type { HubTotals } from './ipc/hub';
import { addAmount, type Money } from './money';

export type ProviderSplit = { provider: ProviderId; sales: number; amounts: Money[] };
export type TotalsLine = { sales: number; amounts: Money[]; byProvider: ProviderSplit[] };
export type CounterTotals = TotalsLine & { counter: number | null; label: string; unsettled: number; lastHeardAt: number | null };
export type ShopTotals = TotalsLine & { shopId: number; shop: string; counters: CounterTotals[]; unsettled: number };
export type GroupedHubTotals = TotalsLine & { shops: ShopTotals[]; unsettled: number };

const emptyLine = (): TotalsLine => ({ sales: 0, amounts: [], byProvider: [] });

function add(line: TotalsLine, provider: ProviderId, sales: number, total: Money): void {
  line.sales += sales;
  addAmount(line.amounts, total.minor, total.currency);
  let split = line.byProvider.find((p) => p.provider === provider);
  if (!split) {
    split = { provider, sales: 0, amounts: [] };
    line.byProvider.push(split);
    line.byProvider.sort((a, b) => a.provider.localeCompare(b.provider));
  }
  split.sales += sales;
  addAmount(split.amounts, total.minor, total.currency);
}

export function groupHubTotals(totals: HubTotals): GroupedHubTotals {
  const grand: GroupedHubTotals = { ...emptyLine(), shops: [], unsettled: 0 };
  const shopOf = (shopId: number, name: string): ShopTotals => {
    let shop = grand.shops.find((s) => s.shopId === shopId);
    if (!shop) {
      shop = { ...emptyLine(), shopId, shop: name, counters: [], unsettled: 0 };
      grand.shops.push(shop);
    }
    return shop;
  };
  const counterOf = (shop: ShopTotals, counter: number | null, label: string): CounterTotals => {
    let found = shop.counters.find((c) => c.counter === counter && c.label === label);
    if (!found) {
      found = { ...emptyLine(), counter, label, unsettled: 0, lastHeardAt: null };
      shop.counters.push(found);
    }
    return found;
  };
  for (const c of totals.counters) {
    const shop = shopOf(c.shopId, c.shop);
    const counter = counterOf(shop, c.counter, c.label);
    counter.unsettled += c.unsettled;
    counter.lastHeardAt = c.lastHeardAt;
    shop.unsettled += c.unsettled;
    grand.unsettled += c.unsettled;
  }
  for (const row of totals.rows) {
    const shop = shopOf(row.shopId, row.shop);
    for (const line of [counterOf(shop, row.counter, row.label), shop, grand]) add(line, row.provider, row.sales, row.total);
  }
  for (const shop of grand.shops) shop.counters.sort((a, b) => (a.counter ?? 0) - (b.counter ?? 0));
  return grand;
}
