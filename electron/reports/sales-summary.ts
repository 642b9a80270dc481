// Sums of the sales journal for reports and the Z report, straight from SQLite in integer minor
// units per currency. A sale's amount is what the provider charged, or the amount sold when the
// provider named no price. Training sales are never added to real ones: they are counted apart
// (how many, and what was "sold" in practice) so a cashier practising sees the reports fill.
import type { Network, SaleState } from '../../shared/domain';
import { addAmount, type Currency, type Money } from '../../shared/money';
import type { SalesSummary } from '../../shared/ipc/reports';
import type { Db } from '../store/database';

export type SummaryFilter = { from: number; to: number; cashierId?: string };

const AMOUNT = "COALESCE(price_minor, json_extract(product, '$.amount.minor'))";
const CURRENCY = "COALESCE(price_currency, json_extract(product, '$.amount.currency'), 'YER')";

type Bucket = { count: number; amounts: Money[] };

function addTo(bucket: Bucket, minor: number | null, currency: Currency) {
  addAmount(bucket.amounts, minor, currency);
}

type Row = { network: Network; kind: string; state: SaleState; currency: Currency; n: number; minor: number | null };

export function summarizeSales(db: Db, filter: SummaryFilter): SalesSummary {
  const where = `created_at >= @from AND created_at < @to${filter.cashierId ? ' AND cashier_id = @cashierId' : ''}`;
  const params = { from: filter.from, to: filter.to, ...(filter.cashierId ? { cashierId: filter.cashierId } : {}) };
  const rows = db
    .prepare(
      `SELECT network, json_extract(product, '$.kind') AS kind, state, ${CURRENCY} AS currency, COUNT(*) AS n, SUM(${AMOUNT}) AS minor
       FROM sales WHERE training = 0 AND ${where} GROUP BY 1, 2, 3, 4`,
    )
    .all(params) as Row[];
  const training = (db.prepare(`SELECT COUNT(*) AS n FROM sales WHERE training = 1 AND ${where}`).get(params) as { n: number }).n;
  const trainingSold: Bucket = { count: 0, amounts: [] };
  const practice = db
    .prepare(`SELECT ${CURRENCY} AS currency, COUNT(*) AS n, SUM(${AMOUNT}) AS minor FROM sales WHERE training = 1 AND state = 'succeeded' AND ${where} GROUP BY 1`)
    .all(params) as { currency: Currency; n: number; minor: number | null }[];
  for (const row of practice) {
    trainingSold.count += row.n;
    addTo(trainingSold, row.minor, row.currency);
  }

  const byNetwork = new Map<Network, Bucket>();
  const byProduct = new Map<string, Bucket>();
  const byState = new Map<SaleState, Bucket>();
  const succeeded: Bucket = { count: 0, amounts: [] };
  let count = 0;
  let pendingCount = 0;
  const bucketOf = <K>(map: Map<K, Bucket>, key: K) => map.get(key) ?? map.set(key, { count: 0, amounts: [] }).get(key)!;
  for (const row of rows) {
    count += row.n;
    const state = bucketOf(byState, row.state);
    state.count += row.n;
    addTo(state, row.minor, row.currency);
    if (row.state !== 'succeeded' && row.state !== 'failed') pendingCount += row.n;
    if (row.state !== 'succeeded') continue;
    // Network and product columns show what was sold; failed sales are only in byState.
    for (const bucket of [bucketOf(byNetwork, row.network), bucketOf(byProduct, row.kind), succeeded]) {
      bucket.count += row.n;
      addTo(bucket, row.minor, row.currency);
    }
  }
  return {
    from: filter.from,
    to: filter.to,
    byNetwork: [...byNetwork].map(([network, b]) => ({ network, ...b })),
    byProduct: [...byProduct].map(([kind, b]) => ({ kind, ...b })),
    byState: [...byState].map(([state, b]) => ({ state, ...b })),
    succeeded,
    pendingCount,
    count,
    trainingExcluded: training,
    trainingSold,
  };
}

/** Succeeded sales per hour for the 24 hours from `from`. */
export function salesByHour(db: Db, from: number): { hour: number; count: number; amounts: Money[] }[] {
  const rows = db
    .prepare(
      `SELECT CAST((created_at - @from) / 3600000 AS INTEGER) AS hour, ${CURRENCY} AS currency, COUNT(*) AS n, SUM(${AMOUNT}) AS minor
       FROM sales WHERE training = 0 AND state = 'succeeded' AND created_at >= @from AND created_at < @to GROUP BY 1, 2`,
    )
    .all({ from, to: from + 24 * 3_600_000 }) as { hour: number; currency: Currency; n: number; minor: number | null }[];
  const hours = Array.from({ length: 24 }, (_, hour) => ({ hour, count: 0, amounts: [] as Money[] }));
  for (const row of rows) {
    const bucket = hours[row.hour]!;
    bucket.count += row.n;
    addTo(bucket, row.minor, row.currency);
  }
  return hours;
}

/** What one provider sold (succeeded, not training) in a period, in its currency: for the balance check. */
export function providerSales(db: Db, provider: string, from: number, to: number, currency: Currency): number {
  const row = db
    .prepare(
      `SELECT SUM(${AMOUNT}) AS minor FROM sales
       WHERE training = 0 AND state = 'succeeded' AND provider = ? AND created_at >= ? AND created_at < ? AND ${CURRENCY} = ?`,
    )
    .get(provider, from, to, currency) as { minor: number | null };
  return row.minor ?? 0;
}
