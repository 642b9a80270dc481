// Keeps the history's trigram index in few segments. FTS5 writes each transaction's terms as a new
// small segment and merges them only loosely as it goes, and a search reads every segment: over a
// year of sales the difference is several times the search time (test/bench/history.bench.ts,
// HISTORY_BENCH_MERGE=0). So, when the counter is idle, merge a little at a time — a bounded step
// that never holds the database for long — until there is nothing left to merge.
import type { Db } from '../store/database';

/** Pages merged per step: a few milliseconds of work. */
const PAGES_PER_STEP = 64;

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

/** Runs merge steps every `everyMs` (idle time between sales), a few per tick; returns a stop. */
export function scheduleSearchIndexUpkeep(db: Db, everyMs = 30_000, stepsPerTick = 8): () => void {
  const upkeep = createSearchIndexUpkeep(db);
  const timer = setInterval(() => {
    for (let i = 0; i < stepsPerTick && upkeep.step(); i++);
  }, everyMs);
  timer.unref?.();
  return () => clearInterval(timer);
}
