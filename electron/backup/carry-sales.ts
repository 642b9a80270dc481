// What a restore must never forget (issue 9, defect 2): a sale is money that moved (or may have),
// so the live journal's sales go into the restored database whatever the backup says about them.
// A sale the live journal knows replaces the backup's copy of it, with its timeline, provider
// answers and receipt prints; the per-counter last transaction id keeps the larger of the two, so
// no id is issued twice. A sale the live journal does not know (the backup is all there is) and
// that the backup caught before it was sent may have been sent after all: it is left for the
// reconciler to ask the provider about, never failed by assumption.
import type { Db } from '../store/database';
import { createJournal } from '../sales/journal';

const CHILD_TABLES = ['sale_transitions', 'sale_exchanges', 'receipt_prints'] as const;

/** The columns of `table` in `db`, comma-separated, without `without`. */
export function columnsOf(db: Db, table: string, without: string[] = []): string {
  const columns = db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[];
  return columns.filter((c) => !without.includes(c)).join(', ');
}

export type CarryOutcome = {
  /** Live sales written over the backup's (or added to it). */
  carried: number;
  /** Sales only the backup knows, left open and due for a status check now. */
  toAsk: number;
};

/** Carries the live journal at `liveFile` into `target` (open, migrated to the same schema). */
export function carryLiveSales(target: Db, liveFile: string, now: () => number): CarryOutcome {
  target.prepare('ATTACH DATABASE ? AS live').run(liveFile);
  try {
    return target.transaction(() => {
      target.exec(`CREATE TEMP TABLE carry (tx_id INTEGER PRIMARY KEY);
        INSERT INTO carry SELECT l.tx_id FROM live.sales l LEFT JOIN main.sales m ON m.tx_id = l.tx_id
          WHERE m.tx_id IS NULL OR l.updated_at != m.updated_at OR l.state != m.state OR l.checks != m.checks;`);
      const carried = target.prepare('SELECT COUNT(*) FROM carry').pluck().get() as number;
      const saleColumns = columnsOf(target, 'sales');
      const updatable = columnsOf(target, 'sales', ['tx_id']);
      // An UPDATE, not a delete and insert: the history search index follows inserts and ref changes.
      target.exec(`UPDATE main.sales SET (${updatable}) = (SELECT ${updatable} FROM live.sales l WHERE l.tx_id = main.sales.tx_id)
        WHERE tx_id IN (SELECT tx_id FROM carry)`);
      target.exec(`INSERT INTO main.sales (${saleColumns}) SELECT ${saleColumns} FROM live.sales
        WHERE tx_id IN (SELECT tx_id FROM carry) AND tx_id NOT IN (SELECT tx_id FROM main.sales)`);
      for (const table of CHILD_TABLES) {
        const columns = columnsOf(target, table, ['id']);
        target.exec(`DELETE FROM main.${table} WHERE tx_id IN (SELECT tx_id FROM carry)`);
        target.exec(`INSERT INTO main.${table} (${columns}) SELECT ${columns} FROM live.${table}
          WHERE tx_id IN (SELECT tx_id FROM carry) ORDER BY id`);
      }
      target.exec(`INSERT INTO main.transaction_ids (counter, last_issued) SELECT counter, last_issued FROM live.transaction_ids WHERE true
        ON CONFLICT (counter) DO UPDATE SET last_issued = max(last_issued, excluded.last_issued)`);

      const backupOnly = target
        .prepare(`SELECT tx_id, state FROM main.sales WHERE state IN ('created', 'sent', 'pending', 'unknown')
          AND tx_id NOT IN (SELECT tx_id FROM live.sales)`)
        .all() as { tx_id: number; state: string }[];
      const journal = createJournal(target, now);
      for (const sale of backupOnly) {
        if (sale.state === 'created') {
          journal.move(sale.tx_id, 'unknown', { note: 'restored from a backup taken before it was sent: the provider is asked' }, now());
        } else {
          journal.scheduleCheck(sale.tx_id, now());
        }
      }
      target.exec('DROP TABLE temp.carry');
      return { carried, toAsk: backupOnly.length };
    })();
  } finally {
    target.exec('DETACH DATABASE live');
  }
}
