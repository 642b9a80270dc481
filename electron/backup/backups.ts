// Database backups (docs/architecture.md, "Storage"): better-sqlite3's online backup, which copies a consistent snapshot
// while sales go on, by hand and on a schedule (timer injected, so tests drive it). Restore checks
// the file first (it opens, integrity_check is ok, its schema is not newer than this app's), backs
// up the current database, then copies the backup INTO the open database through SQLite's backup
// API: the copy is one write transaction on the live file, so every service keeps its connection
// and a crash mid-restore leaves the old database, never half of each.
import Database from 'better-sqlite3';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { err, ok, type Result } from '../../shared/result';
import type { Logger } from '../providers/provider';
import { migrate, readMigrations, schemaVersion, type Db } from '../store/database';

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
const NAME = /^pos-[\w-]+\.sqlite$/;

export function createBackups(deps: BackupsDeps) {
  mkdirSync(deps.folder, { recursive: true });
  let running: Promise<Result<BackupFile>> | null = null;

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

  /** Opens the file read-only and checks it can replace the database. */
  function check(file: string): Result<number> {
    let candidate: Db;
    try {
      candidate = new Database(file, { readonly: true, fileMustExist: true, ...(deps.nativeBinding ? { nativeBinding: deps.nativeBinding } : {}) });
    } catch (cause) {
      return err('backup.invalid_file', 'cannot open', { detail: (cause as Error).message.slice(0, 200) });
    }
    try {
      const integrity = candidate.pragma('integrity_check', { simple: true });
      if (integrity !== 'ok') return err('backup.invalid_file', 'integrity check failed', { detail: String(integrity).slice(0, 200) });
      const version = schemaVersion(candidate);
      const supported = readMigrations(deps.migrationsDir).length;
      if (version > supported) return err('backup.newer_schema', 'backup is newer', { found: version, supported });
      if (version < 1) return err('backup.invalid_file', 'not a database of this app', { detail: 'schema version 0' });
      const hasSales = candidate.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'settings'").get();
      if (!hasSales) return err('backup.invalid_file', 'not a database of this app', { detail: 'no settings table' });
      return ok(version);
    } catch (cause) {
      return err('backup.invalid_file', 'unreadable', { detail: (cause as Error).message.slice(0, 200) });
    } finally {
      candidate.close();
    }
  }

  async function restore(name: string): Promise<Result<{ restored: string; safetyCopy: string; schemaVersion: number }>> {
    if (!NAME.test(name) || !list().some((f) => f.name === name)) return err('backup.not_found', 'no such backup');
    const file = join(deps.folder, name);
    const checked = check(file);
    if (!checked.ok) return checked;
    // A sale still unresolved lives only in the current journal: replacing it would drop the
    // reconciler's only record of money that may have moved.
    const unresolved = (deps.db.prepare("SELECT COUNT(*) AS n FROM sales WHERE state IN ('created', 'sent', 'pending', 'unknown')").get() as { n: number }).n;
    if (unresolved > 0) return err('backup.unresolved_sales', 'unresolved sales in the current database', { count: unresolved });
    const safety = await write('before-restore');
    if (!safety.ok) return safety;
    const source = new Database(file, { readonly: true, ...(deps.nativeBinding ? { nativeBinding: deps.nativeBinding } : {}) });
    try {
      // Every page in one step: the live database takes the copy as one transaction.
      await source.backup(deps.dbFile, { progress: () => 1_000_000_000 });
    } catch (cause) {
      deps.log.error('restore failed', { error: cause as Error });
      return err('backup.failed', 'restore failed', { detail: (cause as Error).message.slice(0, 200) });
    } finally {
      source.close();
    }
    // An older backup is brought up to this app's schema on the live connection.
    const migrated = migrate(deps.db, readMigrations(deps.migrationsDir));
    if (!migrated.ok) return migrated;
    deps.log.info('database restored', { from: name, safetyCopy: safety.value.name });
    return ok({ restored: name, safetyCopy: safety.value.name, schemaVersion: migrated.value });
  }

  return {
    folder: deps.folder,
    list,
    backupNow,
    check,
    restore,
    /** Backs up every `hours` (0: never); returns the stop function. */
    schedule(timer: Timer, hours: number): () => void {
      if (hours <= 0) return () => undefined;
      return timer.every(hours * 3_600_000, () => void backupNow('scheduled'));
    },
  };
}
export type Backups = ReturnType<typeof createBackups>;
