// The owner's view across tills and shops, read with the owner's role (which owns the hub's tables
// and so sees every shop): settled sales that are not training, by shop, counter and provider, and
// every counter that joined, with what of the period is still unsettled and when it was last heard
// from. A sale's amount is what the provider charged, or the amount sold when it named no price:
// the rule of the till's own Z report (electron/reports/sales-summary.ts), so the two agree.
import type { HubTotals } from '../../shared/ipc/hub';
import type { HubPool } from './hub-connection';

const AMOUNT = "coalesce(s.price_minor, (s.product #>> '{amount,minor}')::bigint)";
const CURRENCY = "coalesce(s.price_currency, s.product #>> '{amount,currency}', 'YER')";

export async function ownerTotals(pool: HubPool, from: number, to: number, readAt: number): Promise<Omit<HubTotals, 'queuedHere'>> {
  const rows = (
    await pool.query<{ shop_id: string; shop: string; counter: number | null; label: string; provider: 'alqimah' | 'weta'; sales: string; total: string; currency: 'YER' | 'USD' }>(
      `SELECT sh.id::text AS shop_id, sh.name AS shop, c.number AS counter, c.label, s.provider, count(*)::text AS sales,
         coalesce(sum(${AMOUNT}), 0)::text AS total, ${CURRENCY} AS currency
       FROM pos_hub.sales s JOIN pos_hub.counters c ON c.id = s.counter_id JOIN pos_hub.shops sh ON sh.id = s.shop_id
       WHERE s.state = 'succeeded' AND NOT s.training AND s.created_at >= $1 AND s.created_at < $2
       GROUP BY sh.id, sh.name, c.number, c.label, s.provider, ${CURRENCY}
       ORDER BY sh.id, c.number, s.provider`,
      [from, to],
    )
  ).rows;
  const counters = (
    await pool.query<{ shop_id: string; shop: string; counter: number | null; label: string; unsettled: string; last_heard: string | null }>(
      `SELECT sh.id::text AS shop_id, sh.name AS shop, c.number AS counter, c.label,
         (SELECT count(*) FROM pos_hub.sales s WHERE s.counter_id = c.id AND NOT s.training AND s.state NOT IN ('succeeded', 'failed')
            AND s.created_at >= $1 AND s.created_at < $2)::text AS unsettled,
         (SELECT (extract(epoch FROM max(s.received_at)) * 1000)::bigint::text FROM pos_hub.sales s WHERE s.counter_id = c.id) AS last_heard
       FROM pos_hub.counters c JOIN pos_hub.shops sh ON sh.id = c.shop_id
       WHERE c.joined_at IS NOT NULL
       ORDER BY sh.id, c.number`,
      [from, to],
    )
  ).rows;
  return {
    from,
    to,
    readAt,
    rows: rows.map((r) => ({
      shopId: Number(r.shop_id),
      shop: r.shop,
      counter: r.counter,
      label: r.label,
      provider: r.provider,
      sales: Number(r.sales),
      total: { minor: Number(r.total), currency: r.currency },
    })),
    counters: counters.map((c) => ({
      shopId: Number(c.shop_id),
      shop: c.shop,
      counter: c.counter,
      label: c.label,
      unsettled: Number(c.unsettled),
      lastHeardAt: c.last_heard === null ? null : Number(c.last_heard),
    })),
  };
}
