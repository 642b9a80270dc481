// The owner's view across tills and shops, read with the owner's role (which owns the hub's tables
// and so sees every shop): settled sales that are not training, by shop, counter and provider.
import type { HubTotals } from '../../shared/ipc/hub';
import type { HubPool } from './hub-connection';

export async function ownerTotals(pool: HubPool, from: number, to: number): Promise<HubTotals> {
  const rows = (
    await pool.query<{ shop: string; counter: number | null; label: string; provider: 'alqimah' | 'weta'; sales: string; total: string; currency: 'YER' | 'USD' }>(
      `SELECT sh.name AS shop, c.number AS counter, c.label, s.provider, count(*)::text AS sales,
         coalesce(sum(s.price_minor), 0)::text AS total, coalesce(s.price_currency, 'YER') AS currency
       FROM pos_hub.sales s JOIN pos_hub.counters c ON c.id = s.counter_id JOIN pos_hub.shops sh ON sh.id = s.shop_id
       WHERE s.state = 'succeeded' AND NOT s.training AND s.created_at >= $1 AND s.created_at < $2
       GROUP BY sh.id, sh.name, c.number, c.label, s.provider, coalesce(s.price_currency, 'YER')
       ORDER BY sh.id, c.number, s.provider`,
      [from, to],
    )
  ).rows;
  return {
    rows: rows.map((r) => ({
      shop: r.shop,
      counter: r.counter,
      label: r.label,
      provider: r.provider,
      sales: Number(r.sales),
      total: { minor: Number(r.total), currency: r.currency },
    })),
  };
}
