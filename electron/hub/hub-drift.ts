// The provider balance drift per provider account, across every till that sells on it. One till's
// Z report cannot tell a sale on another till from money gone missing; the hub holds every till's
// sales, so the owner's reading of the account's balance, compared with its previous one, less all
// of those tills' sales in between, leaves only what no till explains.
import type { ProviderId } from '../../shared/domain';
import type { HubDriftLine } from '../../shared/ipc/hub';
import type { Money } from '../../shared/money';
import type { HubPool } from './hub-connection';
import { inTransaction } from './hub-owner';

export type BalanceReading = { provider: ProviderId; accountKey: string; at: number; balance: Money };

/** Records `reading` on the hub (owner's role) and compares it with the account's previous reading. */
export async function accountDrift(pool: HubPool, reading: BalanceReading): Promise<HubDriftLine> {
  return inTransaction(pool, async (client) => {
    const previous = (
      await client.query<{ read_at: string; balance_minor: string; currency: string }>(
        `SELECT read_at::text, balance_minor::text, currency FROM pos_hub.balance_readings
         WHERE account_key = $1 AND read_at < $2 ORDER BY read_at DESC LIMIT 1`,
        [reading.accountKey, reading.at],
      )
    ).rows[0];
    await client.query(
      `INSERT INTO pos_hub.balance_readings (account_key, provider, read_at, balance_minor, currency) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT DO NOTHING`,
      [reading.accountKey, reading.provider, reading.at, reading.balance.minor, reading.balance.currency],
    );
    const line: HubDriftLine = { provider: reading.provider, at: reading.at, balance: reading.balance, since: null, spent: null, sold: null, drift: null, counters: 0, unsettled: 0 };
    if (!previous || previous.currency !== reading.balance.currency) return line;
    const since = Number(previous.read_at);
    const currency = reading.balance.currency;
    // Every shop the owner recorded this account for: their tills all sell on it.
    const [sales] = (
      await client.query<{ sold: string; counters: string; unsettled: string }>(
        `SELECT coalesce(sum(s.price_minor) FILTER (WHERE s.state = 'succeeded' AND coalesce(s.price_currency, 'YER') = $5), 0)::text AS sold,
           count(DISTINCT s.counter_id)::text AS counters,
           count(*) FILTER (WHERE s.state NOT IN ('succeeded', 'failed'))::text AS unsettled
         FROM pos_hub.sales s
         WHERE s.provider = $1 AND NOT s.training AND s.created_at >= $2 AND s.created_at < $3
           AND s.shop_id IN (SELECT a.shop_id FROM pos_hub.shop_accounts a WHERE a.account_key = $4)`,
        [reading.provider, since, reading.at, reading.accountKey, currency],
      )
    ).rows;
    const spent = Number(previous.balance_minor) - reading.balance.minor;
    const sold = Number(sales!.sold);
    return {
      ...line,
      since,
      spent: { minor: spent, currency },
      sold: { minor: sold, currency },
      drift: { minor: spent - sold, currency },
      counters: Number(sales!.counters),
      unsettled: Number(sales!.unsettled),
    };
  });
}
