// History search across tills on a real PostgreSQL hub, judged by a plain filter over the same
// rows: every term the cashier may type (the start of a number, 3 to 13 characters of a number,
// of our id, of a provider's reference in any case, the international form of a number), with and
// without filters, gives the same sales, newest first, as "contains it anywhere" gives.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coveringGrams } from '../../../electron/hub/hub-history';
import { searchTerms } from '../../../electron/history/history-search';
import { historySearchRequestSchema } from '../../../shared/ipc/history';
import { POSTGRES_MISSING } from '../../support/postgres';
import { createShopFrom, startHubRig, type Counter, type HubRig } from './hub-rig';

type Row = { txId: bigint; number: string; ref: string | null; state: string; network: string };

const SALES = 3_000;
const LIMIT = 50;
let rig: HubRig;
let till: Counter;
const rows: Row[] = [];

/** The oracle: the same terms, found anywhere in the number, our id or the reference; a short term starts a number. */
function expected(text: string, filter: { state?: string; network?: string } = {}): string[] {
  const terms = searchTerms(text);
  return rows
    .filter((r) => (filter.state === undefined || r.state === filter.state) && (filter.network === undefined || r.network === filter.network))
    .filter((r) =>
      terms.some((t) =>
        t.length < 3
          ? r.number.startsWith(t)
          : r.number.includes(t) || String(r.txId).includes(t) || (r.ref ?? '').toLowerCase().includes(t.toLowerCase()),
      ),
    )
    .sort((a, b) => (a.txId < b.txId ? 1 : -1))
    .slice(0, LIMIT)
    .map((r) => String(r.txId));
}

describe.skipIf(POSTGRES_MISSING !== null)('history search on the hub', () => {
  beforeAll(async () => {
    rig = await startHubRig();
    till = await rig.counter();
    const created = await createShopFrom(rig, till);
    if (!created.ok) throw new Error(JSON.stringify(created));
    const [counter] = await rig.asOwner<{ id: string; shop_id: string }>('SELECT id, shop_id FROM pos_hub.counters WHERE number = 1');
    // Deterministic, varied rows: numbers of each network's form, ids of real length, references
    // of both providers' shapes (letters in either case, digits only, none).
    let seed = 7;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648);
    for (let i = 0; i < SALES; i++) {
      const number = `${['77', '73', '71', '70', '78'][i % 5]}${String(next() % 10_000_000).padStart(7, '0')}`;
      const txId = 3_000_000_000_000n + BigInt(next()) * 100n + 1n;
      const ref = i % 7 === 0 ? null : i % 2 === 0 ? `AQ${next() % 1_000_000}x` : `${next() % 100_000_000}`;
      rows.push({ txId, number, ref, state: ['succeeded', 'failed', 'unknown'][i % 3]!, network: i % 4 === 0 ? 'sabafon' : 'yemen_mobile' });
    }
    await rig.asOwner(
      `INSERT INTO pos_hub.sales (shop_id, counter_id, tx_id, provider, network, number, product, state, provider_ref, training, created_at, updated_at)
       SELECT $1, $2, r.tx_id, 'alqimah', r.network, r.number, '{"kind":"amount","amount":{"minor":100,"currency":"YER"}}', r.state, r.ref, false, 1, 1
       FROM jsonb_to_recordset($3::jsonb) AS r(tx_id bigint, number text, ref text, state text, network text)`,
      [counter!.shop_id, counter!.id, JSON.stringify(rows.map((r) => ({ ...r, tx_id: String(r.txId), txId: undefined })))],
    );
    await rig.asOwner('ANALYZE pos_hub.sales');
  }, 90_000);
  afterAll(async () => {
    await rig?.close();
  });

  async function search(text: string, filter: { state?: string; network?: string } = {}): Promise<string[]> {
    const page = await till.services.hub.searchHistory(historySearchRequestSchema.parse({ text, limit: LIMIT, ...filter }));
    if (!page) throw new Error('the hub did not answer');
    expect(page.scope).toEqual({ allCounters: true, hubUnreachableSince: null });
    return page.sales.map((s) => s.id);
  }

  it('covers a term with the grams the hub indexes', () => {
    expect(coveringGrams('123')).toEqual([]);
    expect(coveringGrams('1234')).toEqual([]);
    expect(coveringGrams('12345')).toEqual(['12345']);
    expect(coveringGrams('771234567')).toEqual(['77123', '34567']);
    expect(coveringGrams('3000123456789')).toEqual(['30001', '23456', '56789']);
  });

  it('finds what "contains it anywhere" finds, for every kind of term', async () => {
    const texts = new Set<string>(['7', '77', '73', 'aq', 'AQ1', 'x', '00', '999', '967']);
    for (let i = 0; i < 40; i++) {
      const row = rows[(i * 131) % rows.length]!;
      const id = String(row.txId);
      texts.add(row.number); // whole number
      texts.add(row.number.slice(-6)); // last 6 digits
      texts.add(row.number.slice(-4));
      texts.add(row.number.slice(2, 5)); // 3 digits from the middle
      texts.add(`+967${row.number}`); // international form
      texts.add(id.slice(-7));
      texts.add(id);
      if (row.ref) {
        texts.add(row.ref.slice(1, 6).toUpperCase());
        texts.add(row.ref.toLowerCase());
      }
    }
    let compared = 0;
    let found = 0;
    for (const text of texts) {
      const want = expected(text);
      expect(await search(text), `search "${text}"`).toEqual(want);
      compared++;
      found += want.length;
    }
    expect(compared).toBeGreaterThan(300);
    expect(found).toBeGreaterThan(compared); // the terms do find sales: the comparison is not of empty pages
  });

  it('keeps the filters and a term together', async () => {
    for (const text of ['77', rows[5]!.number.slice(-4), 'aq']) {
      expect(await search(text, { state: 'failed' })).toEqual(expected(text, { state: 'failed' }));
      expect(await search(text, { network: 'sabafon' })).toEqual(expected(text, { network: 'sabafon' }));
    }
  });
});
