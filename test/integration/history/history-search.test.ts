// The offline history over a real SQLite file: sales written by the journal are found by any part
// of their number, our id or the provider's reference, filtered, paged newest first, with details.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { historySearchRequestSchema, type HistorySearchRequest } from '../../../shared/ipc/history';
import { money } from '../../../shared/money';
import { createHistory } from '../../../electron/history/history-search';
import { createJournal, type Journal } from '../../../electron/sales/journal';
import { openDatabase, type Db } from '../../../electron/store/database';
import { makeTempDir, MIGRATIONS_DIR } from '../../support/temp-dir';

let temp: ReturnType<typeof makeTempDir>;
let db: Db;
let journal: Journal;
let clock = Date.UTC(2026, 10, 1, 9, 0);

beforeEach(() => {
  temp = makeTempDir();
  const opened = openDatabase(join(temp.dir, 'pos.sqlite'), { migrationsDir: MIGRATIONS_DIR });
  if (!opened.ok) throw new Error(opened.error.message);
  db = opened.value;
  journal = createJournal(db, () => clock);
});
afterEach(() => {
  db.close();
  temp.remove();
});

function sell(number: string, options: { network?: 'yemen_mobile' | 'you'; cashier?: string; ref?: string; state?: 'succeeded' | 'failed' | 'unknown'; training?: boolean } = {}) {
  clock += 60_000;
  const sale = journal.create({
    counter: 1,
    provider: 'alqimah',
    network: options.network ?? 'yemen_mobile',
    number,
    product: { kind: 'amount', amount: money(100_00) },
    cashierId: options.cashier ?? 'c1',
    training: options.training ?? false,
  });
  clock += 1000;
  journal.move(sale.txId, 'sent', {}, clock + 5000);
  const state = options.state ?? 'succeeded';
  clock += 1000;
  journal.move(sale.txId, state, state === 'succeeded' ? { providerRef: options.ref ?? `REF-${number}`, price: money(100_00) } : {}, null);
  return String(sale.txId);
}

const search = (history: ReturnType<typeof createHistory>, request: HistorySearchRequest) =>
  history.search(historySearchRequestSchema.parse(request));

describe('history search', () => {
  it('finds a sale by any part of its number, of our id and of the provider reference', () => {
    const history = createHistory(db, journal);
    const a = sell('777123456', { ref: 'AQ-99812' });
    const b = sell('733987654', { network: 'you', ref: 'W-55501' });
    sell('771000000');
    expect(search(history, { text: '2345' }).sales.map((s) => s.id)).toEqual([a]);
    expect(search(history, { text: '٩٨٧٦' }).sales.map((s) => s.id)).toEqual([b]);
    expect(search(history, { text: '+967 777 123 456' }).sales.map((s) => s.id)).toEqual([a]);
    expect(search(history, { text: b.slice(3, 12) }).sales.map((s) => s.id)).toEqual([b]);
    expect(search(history, { text: 'aq-998' }).sales.map((s) => s.id)).toEqual([a]);
    expect(search(history, { text: '555' }).sales.map((s) => s.id)).toEqual([b]);
    // Shorter than a trigram: the start of a number.
    expect(search(history, { text: '73' }).sales.map((s) => s.id)).toEqual([b]);
    expect(search(history, { text: 'no-such' }).sales).toEqual([]);
  });

  it('filters by network, state, cashier, training and date, newest first, one page at a time', () => {
    const history = createHistory(db, journal);
    const ids: string[] = [];
    const start = clock;
    for (let i = 0; i < 25; i++) {
      ids.push(sell(`77712${String(i).padStart(4, '0')}`, { cashier: i % 2 ? 'odd' : 'even', state: i % 5 === 0 ? 'unknown' : 'succeeded', training: i === 3 }));
    }
    const newestFirst = [...ids].reverse();
    const first = search(history, { limit: 10 });
    expect(first.sales.map((s) => s.id)).toEqual(newestFirst.slice(0, 10));
    const second = search(history, { limit: 10, cursor: first.nextCursor! });
    expect(second.sales.map((s) => s.id)).toEqual(newestFirst.slice(10, 20));
    const third = search(history, { limit: 10, cursor: second.nextCursor! });
    expect(third.sales.map((s) => s.id)).toEqual(newestFirst.slice(20));
    expect(third.nextCursor).toBeNull();

    expect(search(history, { state: 'unknown' }).sales.map((s) => s.id)).toEqual([ids[20], ids[15], ids[10], ids[5], ids[0]]);
    expect(search(history, { cashierId: 'odd' }).sales).toHaveLength(12);
    expect(search(history, { training: true }).sales.map((s) => s.id)).toEqual([ids[3]]);
    expect(search(history, { network: 'you' }).sales).toEqual([]);
    expect(search(history, { text: '7771200', state: 'unknown', cashierId: 'even' }).sales).toHaveLength(3);
    // Sales 5 to 9: each sale takes 62 s of the clock.
    const from = start + 5 * 62_000;
    const to = start + 10 * 62_000;
    expect(search(history, { from, to }).sales.map((s) => s.id)).toEqual(newestFirst.slice(15, 20));
  });

  it('gives a sale with its status timeline, and what was printed for it', () => {
    const history = createHistory(db, journal);
    const id = sell('777123456', { state: 'unknown' });
    const detail = history.detail(id)!;
    expect(detail.sale.timeline.map((t) => t.state)).toEqual(['created', 'sent', 'unknown']);
    expect(detail.prints).toEqual([]);
    expect(history.detail('999')).toBeNull();
  });

  it('keeps the index in step when a reference arrives later', () => {
    const history = createHistory(db, journal);
    const id = sell('777123456', { state: 'unknown' });
    expect(search(history, { text: 'LATE-REF' }).sales).toEqual([]);
    journal.move(Number(id), 'succeeded', { providerRef: 'LATE-REF-1' }, null);
    expect(search(history, { text: 'late-ref' }).sales.map((s) => s.id)).toEqual([id]);
  });

  it('reads each kind of page from an index in its order, never scanning or sorting the sales table', () => {
    const history = createHistory(db, journal);
    const kinds: HistorySearchRequest[] = [{ text: '12345' }, { text: 'AQ-99' }, { network: 'you', state: 'failed' }, { cashierId: 'c1' }, { state: 'unknown' }];
    for (const kind of kinds) {
      const plan = history.plan(historySearchRequestSchema.parse(kind)).join(' | ');
      expect(plan, JSON.stringify(kind)).not.toMatch(/SCAN s$|SCAN s \||TEMP B-TREE/);
    }
    // Two digits: newest first with no sort, stopping at a full page.
    expect(history.plan(historySearchRequestSchema.parse({ text: '77' })).join(' | ')).not.toMatch(/TEMP B-TREE/);
  });
});
