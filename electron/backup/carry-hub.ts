// A restore and the shop hub (docs/architecture.md, "The shop hub"): which shop this till belongs to, as
// which counter, with which password, is the till's identity, not its history. A backup taken
// before joining would otherwise un-join the till while the hub still holds its counter, and a
// backup of another till would bring that till's identity and number. So the live hub tables go
// into the restored copy whatever the backup says, the counter number stays the one the hub gave,
// and every sale the restore brings or changes is queued for the hub again (the hub only ever
// moves a row forward, so a sale it already has is sent again harmlessly).
import type { Db } from '../store/database';
import { columnsOf } from './carry-sales';

const HUB_TABLES = ['hub_link', 'hub_owner', 'hub_secrets', 'hub_pending_join', 'hub_outbox'] as const;

/**
 * The counter number of another till of a shop that `candidate` was taken on, or null when it is
 * this till's own backup or was taken in no shop. Restoring it would ship that till's sales again
 * as this till's, and the hub would count them twice, so such a backup is refused.
 */
export function otherCountersBackup(candidate: Db, live: Db): number | null {
  const select = 'SELECT shop_id AS shop, counter_id AS counter, counter_number AS number FROM hub_link';
  const theirs = candidate.prepare(select).get() as { shop: number; counter: number; number: number } | undefined;
  if (!theirs) return null;
  const mine = live.prepare(select).get() as { shop: number; counter: number } | undefined;
  return mine?.shop === theirs.shop && mine.counter === theirs.counter ? null : theirs.number;
}

/**
 * Replaces the hub tables of `target` (open, migrated to the same schema) with those of the live
 * database at `liveFile`; run before carryLiveSales, whose journal writes then queue each carried
 * sale through the outbox trigger. Returns how many of the backup's own sales were queued.
 */
export function carryHubIdentity(target: Db, liveFile: string, now: () => number): { linked: boolean; queued: number } {
  target.prepare('ATTACH DATABASE ? AS live').run(liveFile);
  try {
    return target.transaction(() => {
      for (const table of HUB_TABLES) {
        const columns = columnsOf(target, table);
        target.exec(`DELETE FROM main.${table}; INSERT INTO main.${table} (${columns}) SELECT ${columns} FROM live.${table};`);
      }
      const link = target.prepare('SELECT counter_number FROM main.hub_link').get() as { counter_number: number } | undefined;
      if (!link) return { linked: false, queued: 0 };
      target
        .prepare(`INSERT INTO main.settings (key, value, updated_at) VALUES ('counterNumber', ?, ?)
          ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`)
        .run(JSON.stringify(link.counter_number), now());
      // The backup's sales the live journal does not have: the hub may never have heard of them.
      const queued = target
        .prepare('INSERT INTO main.hub_outbox (tx_id) SELECT tx_id FROM main.sales WHERE tx_id NOT IN (SELECT tx_id FROM live.sales) ORDER BY tx_id')
        .run().changes;
      return { linked: true, queued };
    })();
  } finally {
    target.exec('DETACH DATABASE live');
  }
}
