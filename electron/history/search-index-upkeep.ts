// Keeps the history's trigram index in few segments. FTS5 writes each transaction's terms as a new
// small segment and merges them only loosely as it goes, and a search reads every segment: over a
// year of sales the difference is several times the search time (test/bench/history.bench.ts,
// HISTORY_BENCH_MERGE=0). So, when the counter is idle, merge a little at a time — a bounded step
// that never holds the database for long — until there is nothing left to merge.
import type { Db } from '../store/database';

/** Pages merged per step: a few milliseconds of work. */
const PAGES_PER_STEP = 16;

export function createSearchIndexUpkeep(db: Db) {
  const merge = db.prepare("INSERT INTO sale_search (sale_search, rank) VALUES ('merge', ?)");
  const changes = db.prepare('SELECT total_changes()').pluck();
  return {
    /** One bounded merge step; false once the index had nothing left to merge. */
    step(): boolean {
      const before = changes.get() as number;
      // Negative: merge segments of every level, not only levels that already hold several.
      merge.run(-PAGES_PER_STEP);
      // FTS5's documented signal: fewer than two changes means the merge found no work.
      return (changes.get() as number) - before >= 2;
    },
  };
}

/**
 * Runs a few merge steps every `everyMs`, only when no sale was made for `quietMs` (a step can hold
 * the database for a few hundred milliseconds on a large index: never while the counter is busy).
 * Returns a stop.
 */
export function scheduleSearchIndexUpkeep(db: Db, now: () => number, everyMs = 30_000, stepsPerTick = 4, quietMs = 120_000): () => void {
  const upkeep = createSearchIndexUpkeep(db);
  const lastSale = db.prepare('SELECT max(created_at) FROM sales').pluck();
  const timer = setInterval(() => {
    if (now() - ((lastSale.get() as number | null) ?? 0) < quietMs) return;
    for (let i = 0; i < stepsPerTick && upkeep.step(); i++);
  }, everyMs);
  timer.unref?.();
  return () => clearInterval(timer);
}
