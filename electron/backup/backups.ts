// Database backups (docs/architecture.md, "Storage"): better-sqlite3's online backup, which copies a consistent snapshot while sales
// go on, by hand and on a schedule (timer injected, so tests drive it). A restore checks and
// migrates a copy of the backup, carries the live journal's sales and the till's hub identity
// (carry-hub.ts) into it, backs up the current database, then copies the checked copy INTO the
// open database through SQLite's backup API: one write transaction on the live file, so every
// service keeps its connection and a crash mid-restore leaves the old database, never half of each.
import Database from 'better-sqlite3';
import { copyFileSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { err, ok, type Result } from '../../shared/result';
import type { Logger } from '../providers/provider';
import { migrate, readMigrations, schemaVersion, type Db, type Migration } from '../store/database';
import { checkCandidate } from './candidate';
import { carryHubIdentity, otherCountersBackup } from './carry-hub';
import { carryLiveSales } from './carry-sales';

export type Timer = { every(ms: number, fn: () => void): () => void };
export const realTimer: Timer = {
  every(ms, fn) {
    const handle = setInterval(fn, ms);
    handle.unref?.();
    return () => clearInterval(handle);
  },
};

export type BackupsDeps = {
  db: Db;
  dbFile: string;
  folder: string;
  migrationsDir: string;
  nativeBinding?: string;
  now: () => number;
  log: Logger;
  keep: () => number;
};

export type BackupFile = { name: string; bytes: number; createdAt: number };
export type RestoreOutcome = { restored: string; safetyCopy: string; schemaVersion: number; carriedSales: number; salesToAsk: number };
const NAME = /^pos-[\w-]+\.sqlite$/;

export function createBackups(deps: BackupsDeps) {
  mkdirSync(deps.folder, { recursive: true });
  let running: Promise<Result<BackupFile>> | null = null;
  let restoring = false;

  function list(): BackupFile[] {
    return readdirSync(deps.folder)
      .filter((name) => NAME.test(name))
      .map((name) => {
        const stat = statSync(join(deps.folder, name));
        return { name, bytes: stat.size, createdAt: Math.round(stat.mtimeMs) };
      })
      .sort((a, b) => b.name.localeCompare(a.name));
  }

  function stamp(kind: string): string {
    return `pos-${new Date(deps.now()).toISOString().replace(/[:.]/g, '-')}-${kind}.sqlite`;
  }

  async function write(kind: string): Promise<Result<BackupFile>> {
    const name = stamp(kind);
    const file = join(deps.folder, name);
    try {
      await deps.db.backup(file);
    } catch (cause) {
      rmSync(file, { force: true });
      deps.log.error('backup failed', { error: cause as Error });
      return err('backup.failed', 'backup failed', { detail: (cause as Error).message.slice(0, 200) });
    }
    prune();
    const stat = statSync(file);
    deps.log.info('database backed up', { name, bytes: stat.size });
    return ok({ name, bytes: stat.size, createdAt: Math.round(stat.mtimeMs) });
  }

  /** Keeps the newest `keep()` scheduled/hand backups; safety copies taken before a restore are kept too. */
  function prune() {
    const old = list().filter((f) => !f.name.endsWith('-before-restore.sqlite')).slice(deps.keep());
    for (const file of old) rmSync(join(deps.folder, file.name), { force: true });
  }

  function backupNow(kind = 'manual'): Promise<Result<BackupFile>> {
    // One at a time: a second press while one runs gets the same backup.
    running ??= write(kind).finally(() => (running = null));
    return running;
  }

  /**
   * Copies the backup aside, checks the copy completely and brings it up to this app's schema; the
   * live database is not touched by any of it. Returns the open, checked copy.
   */
  function prepareCandidate(name: string, copy: string): Result<Db> {
    try {
      copyFileSync(join(deps.folder, name), copy);
    } catch (cause) {
      return err('backup.invalid_file', 'cannot copy', { detail: (cause as Error).message.slice(0, 200) });
    }
    let candidate: Db;
    try {
      candidate = new Database(copy, { fileMustExist: true, ...(deps.nativeBinding ? { nativeBinding: deps.nativeBinding } : {}) });
    } catch (cause) {
      return err('backup.invalid_file', 'cannot open', { detail: (cause as Error).message.slice(0, 200) });
    }
    const migrations = readMigrations(deps.migrationsDir);
    const checked = checkCandidate(candidate, migrations);
    const migrated = checked.ok ? migrateCandidate(candidate, migrations) : checked;
    if (!migrated.ok) {
      candidate.close();
      return migrated;
    }
    return ok(candidate);
  }

  function migrateCandidate(candidate: Db, migrations: Migration[]): Result<number> {
    try {
      candidate.pragma('foreign_keys = ON');
      return migrate(candidate, migrations);
    } catch (cause) {
      return err('backup.invalid_file', 'cannot be brought up to date', { detail: (cause as Error).message.slice(0, 200) });
    }
  }

  function removeCopy(copy: string) {
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(copy + suffix, { force: true });
  }

  /**
   * Replaces the live database with a backup, losing no sale: the backup is checked and migrated on
   * a copy, the live journal's sales are carried into that copy (electron/backup/carry-sales.ts),
   * and only then is the copy written over the live database, in one transaction through SQLite's
   * backup API, so every service keeps its connection. Anything refused leaves the live file as it was.
   */
  async function restore(name: string): Promise<Result<RestoreOutcome>> {
    if (restoring) return err('backup.restoring', 'a restore is already running');
    restoring = true;
    try {
      return await restoreChecked(name);
    } finally {
      restoring = false;
    }
  }

  async function restoreChecked(name: string): Promise<Result<RestoreOutcome>> {
    if (!NAME.test(name) || !list().some((f) => f.name === name)) return err('backup.not_found', 'no such backup');
    const copy = join(deps.folder, `.restoring-${process.pid}-${deps.now()}.sqlite`);
    const prepared = prepareCandidate(name, copy);
    if (!prepared.ok) {
      removeCopy(copy);
      return prepared;
    }
    const candidate = prepared.value;
    try {
      const otherCounter = otherCountersBackup(candidate, deps.db);
      if (otherCounter !== null) return err('backup.other_counter', 'a backup of another till of the shop', { counter: otherCounter });
      const safety = await write('before-restore');
      if (!safety.ok) return safety;
      // The carry and the start of the copy run in one turn of the event loop, and no new sale starts
      // while a restore runs (electron/ipc/handlers/sales.ts): a sale in the live journal is in the
      // copy; one that moves on after the carry is still open there and the reconciler settles it by
      // asking the provider.
      // The hub tables first: with the live link in the copy, carrying the sales queues them for the hub.
      const hub = carryHubIdentity(candidate, deps.dbFile, deps.now);
      const carried = carryLiveSales(candidate, deps.dbFile, deps.now);
      // Every page in one step: the live database takes the copy as one transaction.
      await candidate.backup(deps.dbFile, { progress: () => 1_000_000_000 });
      deps.log.info('database restored', { from: name, safetyCopy: safety.value.name, carried: carried.carried, toAsk: carried.toAsk, hubLinked: hub.linked, queuedForHub: hub.queued });
      return ok({ restored: name, safetyCopy: safety.value.name, schemaVersion: schemaVersion(deps.db), carriedSales: carried.carried, salesToAsk: carried.toAsk });
    } catch (cause) {
      deps.log.error('restore failed', { error: cause as Error });
      return err('backup.failed', 'restore failed', { detail: (cause as Error).message.slice(0, 200) });
    } finally {
      candidate.close();
      removeCopy(copy);
    }
  }

  return {
    folder: deps.folder,
    list,
    backupNow,
    restore,
    /** True while a restore runs: no new sale may start (electron/ipc/handlers/sales.ts). */
    restoring: () => restoring,
    /** Backs up every `hours` (0: never); returns the stop function. */
    schedule(timer: Timer, hours: number): () => void {
      if (hours <= 0) return () => undefined;
      return timer.every(hours * 3_600_000, () => void backupNow('scheduled'));
    },
  };
}
export type Backups = ReturnType<typeof createBackups>;
