// History across the shop's tills, from the hub: the same search as the local history
// (electron/history/history-search.ts) — any part of a number, of our id or of the provider's
// reference, with the same filters, newest first by transaction id — over every till of this
// till's shop (row-level security keeps it to that shop).
import type { HistoryDetail, HistoryPage, HistoryQuery, HistoryRow } from '../../shared/ipc/history';
import type { Network, Product, ProviderId, SaleState } from '../../shared/domain';
import { appErrorSchema } from '../../shared/result';
import { searchTerms } from '../history/history-search';
import type { HubPool } from './hub-connection';

type HubSaleRow = {
  tx_id: string;
  counter: number;
  provider: ProviderId;
  network: Network;
  number: string;
  product: Product;
  price_minor: string | null;
  price_currency: 'YER' | 'USD' | null;
  state: SaleState;
  provider_ref: string | null;
  message: string | null;
  error_code: string | null;
  cashier_id: string | null;
  training: boolean;
  created_at: string;
  updated_at: string;
};

const COLUMNS = `s.tx_id, c.number AS counter, s.provider, s.network, s.number, s.product, s.price_minor, s.price_currency, s.state,
  s.provider_ref, s.message, s.error_code, s.cashier_id, s.training, s.created_at, s.updated_at`;

function toRow(row: HubSaleRow): HistoryRow {
  const error = row.error_code === null ? null : appErrorSchema.safeParse({ code: row.error_code, message: '' });
  return {
    id: row.tx_id,
    counter: row.counter,
    provider: row.provider,
    network: row.network,
    number: row.number,
    product: row.product,
    price: row.price_minor === null || row.price_currency === null ? null : { minor: Number(row.price_minor), currency: row.price_currency },
    state: row.state,
    providerRef: row.provider_ref,
    message: row.message,
    error: error === null ? null : error.success ? error.data : { code: 'internal', message: '' },
    training: row.training,
    cashierId: row.cashier_id,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    // The reconciler's schedule lives on the till that made the sale, not on the hub.
    checks: 0,
    lastCheckAt: null,
    nextCheckAt: null,
  };
}

/** The length of the grams in the hub's search index (pos_hub.search_grams). */
const GRAM = 5;

/**
 * The grams that together cover a term: every GRAM-character stretch from its start, and its last.
 * None for a shorter term: it is common enough that reading the newest sales first fills a page soon.
 */
export function coveringGrams(term: string): string[] {
  if (term.length < GRAM) return [];
  const grams = new Set<string>();
  for (let start = 0; start + GRAM <= term.length; start += GRAM) grams.add(term.slice(start, start + GRAM));
  grams.add(term.slice(-GRAM));
  return [...grams];
}

export async function searchHubHistory(pool: HubPool, q: HistoryQuery): Promise<HistoryPage> {
  const terms: string[] = [];
  const grams: string[] = [];
  const prefix: string[] = [];
  for (const term of searchTerms(q.text ?? '')) {
    // Shorter than a trigram: the start of a number, as the local history does.
    if (term.length < 3) prefix.push(`${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    else {
      terms.push(term.toLowerCase());
      grams.push(coveringGrams(term.toLowerCase()).join('\u001f'));
    }
  }
  const rows = (
    await pool.query<HubSaleRow>('SELECT * FROM pos_hub.search_shop_sales($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)', [
      terms,
      grams,
      prefix,
      q.from ?? null,
      q.to ?? null,
      q.network ?? null,
      q.state ?? null,
      q.cashierId ?? null,
      q.training ?? null,
      q.cursor ?? null,
      q.limit + 1,
    ])
  ).rows;
  const page = rows.slice(0, q.limit).map(toRow);
  return { sales: page, nextCursor: rows.length > q.limit ? page[page.length - 1]!.id : null, scope: { allCounters: true, hubUnreachableSince: null } };
}

/** A sale of another till of the shop, as the hub has it: its current state, no local timeline or prints. */
export async function hubSaleDetail(pool: HubPool, id: string): Promise<HistoryDetail | null> {
  const rows = (await pool.query<HubSaleRow>(`SELECT ${COLUMNS} FROM pos_hub.sales s JOIN pos_hub.counters c ON c.id = s.counter_id WHERE s.tx_id = $1 LIMIT 1`, [id])).rows;
  if (rows.length === 0) return null;
  const row = toRow(rows[0]!);
  return { sale: { ...row, timeline: [{ state: row.state, at: row.updatedAt, note: null }] }, prints: [] };
}
