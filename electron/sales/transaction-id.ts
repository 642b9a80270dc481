// Our transaction ids (docs/architecture.md, "Sales"): what each provider is paid and asked about, so they must be
// unique across restarts, reinstalls and every counter sharing one provider account. An id is
// (milliseconds since 2024-01-01 UTC) × 100 + counter number: the time part survives a reinstall,
// the counter part separates tills, and the last id issued per counter is persisted so ids keep
// increasing when the clock steps back. It stays a safe JS integer (Weta wants a JSON integer)
// until about the year 4800.
import type { Db } from '../store/database';

export const TX_EPOCH_MS = Date.UTC(2024, 0, 1);
const COUNTERS = 100;

export function createTransactionIds(db: Db) {
  const select = db.prepare('SELECT last_issued FROM transaction_ids WHERE counter = ?').pluck();
  const upsert = db.prepare(
    'INSERT INTO transaction_ids (counter, last_issued) VALUES (?, ?) ON CONFLICT(counter) DO UPDATE SET last_issued = excluded.last_issued',
  );
  return {
    /**
     * Issues the next id for a counter. Call it inside the transaction that writes the sale, so an
     * id is only ever used once it is on disk with its sale.
     */
    issue(counter: number, now: number): number {
      if (!Number.isInteger(counter) || counter < 0 || counter >= COUNTERS) throw new RangeError(`counter ${counter} is not 0-99`);
      const last = (select.get(counter) as number | undefined) ?? 0;
      const fromClock = Math.max(0, Math.floor(now) - TX_EPOCH_MS) * COUNTERS + counter;
      // last + 100 keeps the counter digits and moves past a clock that stepped back.
      const id = Math.max(fromClock, last + COUNTERS);
      if (!Number.isSafeInteger(id)) throw new RangeError('transaction id beyond a safe integer');
      upsert.run(counter, id);
      return id;
    },
  };
}
export type TransactionIds = ReturnType<typeof createTransactionIds>;

/** The counter number inside an id. */
export function counterOf(txId: number): number {
  return txId % COUNTERS;
}
