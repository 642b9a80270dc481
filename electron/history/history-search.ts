// The offline history (docs/architecture.md, "Storage"): every sale found by any part of its number, our transaction id
// or the provider's reference (the trigram index of migration 003), filtered by date, network,
// state, cashier and training, a page at a time, newest first. Results are ordered by tx_id: an
// id is the creation time in it (electron/sales/transaction-id.ts), so every index that ends in
// tx_id — the FTS rowid included — reads a page in order and stops, with no sort over the matches.
import type { HistoryDetail, HistoryPage, HistoryQuery, HistoryRow } from '../../shared/ipc/history';
import { toAsciiDigits, toNationalDigits } from '../../shared/numbers';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../store/database';
import { saleSummary, type Journal, type Sale } from '../sales/journal';
import { TX_EPOCH_MS } from '../sales/transaction-id';

/** The trigram tokenizer needs three characters; shorter text matches the start of a number. */
const TRIGRAM = 3;
/** Characters of a term asked of the index: three trigrams. */
const WINDOW = 5;
const CLOCK_SLACK_MS = 86_400_000;

/** A history row is the journal's summary of a sale (its view without the timeline). */
export function toHistoryRow(sale: Sale): HistoryRow {
  return saleSummary(sale);
}

/**
 * What the cashier typed, as the terms stored in the index: a number (any digit style, spaces,
 * +967, 00967, a trunk 0) in its national form and as typed; anything else (a provider reference
 * like "AQ-998") as typed, its digits made ASCII.
 */
export function searchTerms(text: string): string[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  const digits = toAsciiDigits(trimmed);
  if (/^\+?\d+$/.test(digits)) {
    const terms = new Set([digits.replace(/^\+/, '')]);
    const national = toNationalDigits(digits);
    if (national.length > 0) terms.add(national);
    return [...terms];
  }
  return [trimmed.replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (d) => String((d.codePointAt(0)! - 0x0660) % 0x90))];
}

/** The stretch of WINDOW characters with the most distinct ones, the last such: the fewest rows share it. */
export function rarestWindow(term: string): string {
  if (term.length <= WINDOW) return term;
  let best = term.slice(-WINDOW);
  let bestScore = new Set(best).size;
  for (let start = term.length - WINDOW - 1; start >= 0; start--) {
    const window = term.slice(start, start + WINDOW);
    const score = new Set(window).size;
    if (score > bestScore) {
      best = window;
      bestScore = score;
    }
  }
  return best;
}

function ftsPhrase(term: string): string {
  return `"${term.replace(/"/g, '""')}"`;
}

export function createHistory(db: Db, journal: Journal) {
  // A search reads a few hundred kilobytes of index pages; SQLite's default 2 MB page cache keeps
  // too few of them between searches over a million sales. 64 MB is small beside a shop PC's RAM.
  if ((db.pragma('cache_size', { simple: true }) as number) > -65_536) db.pragma('cache_size = -65536');
  const selectPrints = db.prepare('SELECT kind, at, error_code AS errorCode FROM receipt_prints WHERE tx_id = ? ORDER BY id');
  const statements = new Map<string, Statement<unknown[]>>();
  function prepared(sql: string): Statement<unknown[]> {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare<unknown[]>(sql).pluck();
      statements.set(sql, statement);
    }
    return statement;
  }

  /** The query of one page: one row more than asked, to know whether another page follows. */
  function pageQuery(q: HistoryQuery): { sql: string; params: (string | number)[] } {
    const where: string[] = [];
    const params: (string | number)[] = [];
    const terms = searchTerms(q.text ?? '');
    const long = terms.filter((t) => t.length >= TRIGRAM);
    let from = 'sales s';
    let order = 's.tx_id';
    if (terms.length > 0 && long.length === terms.length) {
      from = 'sale_search f JOIN sales s ON s.tx_id = f.rowid';
      order = 'f.rowid';
      // A long phrase is slow in a trigram index of digits (every trigram of it is common), so the
      // index is asked for WINDOW characters of the term — its most varied stretch, towards its
      // end — and the few rows it gives are checked for the whole term.
      where.push('sale_search MATCH ?');
      params.push([...new Set(long.map((t) => ftsPhrase(rarestWindow(t))))].join(' OR '));
      const checked = long.filter((t) => t.length > WINDOW);
      if (checked.length === long.length) {
        where.push(`(${checked.map(() => '(instr(s.number, ?) OR instr(s.tx_id, ?) OR instr(lower(s.provider_ref), lower(?)))').join(' OR ')})`);
        for (const t of checked) params.push(t, t, t);
      }
    } else if (terms.length > 0) {
      // Too short for a trigram: the start of a number, read newest first until a page is full
      // (`+` keeps SQLite off the number index, whose matches it would have to sort).
      where.push(`(${terms.map(() => '+s.number GLOB ?').join(' OR ')})`);
      for (const t of terms) params.push(`${t.replace(/[*?[\]]/g, '')}*`);
    }
    if (q.from !== undefined) {
      where.push('s.created_at >= ?', `${order} >= ?`);
      // An id is never below its creation time's (it only moves up past a clock that stepped back).
      params.push(q.from, Math.max(0, q.from - TX_EPOCH_MS) * 100);
    }
    if (q.to !== undefined) {
      where.push('s.created_at < ?', `${order} < ?`);
      // An id runs ahead of its creation time only after the clock stepped back; a day of slack
      // covers time-zone and daylight-saving slips, so a page need not read every newer match.
      params.push(q.to, (Math.max(0, q.to - TX_EPOCH_MS) + CLOCK_SLACK_MS) * 100);
    }
    if (q.network !== undefined) {
      where.push('s.network = ?');
      params.push(q.network);
    }
    if (q.state !== undefined) {
      where.push('s.state = ?');
      params.push(q.state);
    }
    if (q.cashierId !== undefined) {
      where.push('s.cashier_id = ?');
      params.push(q.cashierId);
    }
    if (q.training !== undefined) {
      where.push('s.training = ?');
      params.push(q.training ? 1 : 0);
    }
    if (q.cursor !== undefined) {
      where.push(`${order} < ?`);
      params.push(Number(q.cursor));
    }
    const sql = `SELECT s.tx_id FROM ${from}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY ${order} DESC LIMIT ?`;
    return { sql, params: [...params, q.limit + 1] };
  }

  function pageIds(q: HistoryQuery): number[] {
    const { sql, params } = pageQuery(q);
    return prepared(sql).all(...params) as number[];
  }

  return {
    search(q: HistoryQuery): HistoryPage {
      const ids = pageIds(q);
      const page = ids.slice(0, q.limit);
      const sales = page.map((id) => journal.get(id)).filter((s): s is Sale => s !== null).map(toHistoryRow);
      return { sales, nextCursor: ids.length > q.limit ? String(page[page.length - 1]) : null };
    },
    detail(id: string): HistoryDetail | null {
      const sale = journal.get(Number(id));
      if (!sale) return null;
      return {
        sale: journal.view(sale),
        prints: selectPrints.all(sale.txId) as HistoryDetail['prints'],
      };
    },
    /** How SQLite reads a page query: the benchmark and the tests check that no full scan sneaks in. */
    plan(q: HistoryQuery): string[] {
      const { sql, params } = pageQuery(q);
      return (db.prepare<unknown[]>(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail);
    },
  };
}
export type History = ReturnType<typeof createHistory>;
