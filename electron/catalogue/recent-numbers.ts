// The numbers the counter sold to most recently, persisted so they survive a restart and can be
// picked from the keyboard. Bounded: only the newest few hundred are kept.
import type { Network } from '../../shared/domain';
import { networkSchema } from '../../shared/domain';
import type { RecentNumber } from '../../shared/ipc/counter';
import type { Db } from '../store/database';

const KEEP = 200;

export type RecentNumbers = ReturnType<typeof createRecentNumbers>;

export function createRecentNumbers(db: Db, now: () => number) {
  const upsert = db.prepare(
    `INSERT INTO recent_numbers (number, network, used_at, uses) VALUES (?, ?, ?, 1)
     ON CONFLICT (number) DO UPDATE SET network = excluded.network, used_at = excluded.used_at, uses = uses + 1`,
  );
  const prune = db.prepare(
    'DELETE FROM recent_numbers WHERE number NOT IN (SELECT number FROM recent_numbers ORDER BY used_at DESC, number LIMIT ?)',
  );
  const select = db.prepare<[number], { number: string; network: string; used_at: number; uses: number }>(
    'SELECT number, network, used_at, uses FROM recent_numbers ORDER BY used_at DESC, number LIMIT ?',
  );
  const remember = db.transaction((national: string, network: Network, at: number) => {
    upsert.run(national, network, at);
    prune.run(KEEP);
  });

  return {
    list(limit = 10): RecentNumber[] {
      return select.all(limit).flatMap((row) => {
        const network = networkSchema.safeParse(row.network);
        return network.success ? [{ number: row.number, network: network.data, usedAt: row.used_at, uses: row.uses }] : [];
      });
    },
    remember(national: string, network: Network): void {
      remember(national, network, now());
    },
  };
}
