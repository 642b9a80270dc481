// Opens the one SQLite database with the durability settings every sale depends on (WAL,
// synchronous=FULL: a state change is on disk before it is acted on) and brings its schema up to
// date. A database this app cannot use (newer, corrupt, a different migration history) is a
// value with a stable code, never a crash, so the app can tell the owner what to do.
import Database from 'better-sqlite3';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { err, ok, type Result } from '../../shared/result';

export type Db = Database.Database;

/** 'RPOS' in the file header (migration 006): tells this app's databases from any other SQLite file. */
export const APPLICATION_ID = 1380994899;

export type OpenOptions = {
  migrationsDir: string;
  /** better-sqlite3's `nativeBinding`: the Electron build of the addon, where one is used. */
  nativeBinding?: string;
  readonly?: boolean;
};

export type Migration = { version: number; name: string; sql: string };

/** Numbered `NNN_name.sql` files, in order, with no gap and no duplicate. */
export function readMigrations(dir: string): Migration[] {
  const files = readdirSync(dir).filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f)).sort();
  return files.map((file, index) => {
    const version = Number(file.slice(0, 3));
    if (version !== index + 1) throw new Error(`migration ${file} is out of sequence: expected ${index + 1}`);
    return { version, name: file, sql: readFileSync(join(dir, file), 'utf8') };
  });
}

export function openDatabase(file: string, options: OpenOptions): Result<Db> {
  let db: Db;
  try {
    db = new Database(file, {
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
      ...(options.readonly ? { readonly: true } : {}),
    });
  } catch (cause) {
    return err('store.db_corrupt', `cannot open database: ${(cause as Error).message}`);
  }
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') {
      db.close();
      return err('store.db_corrupt', `database integrity check failed: ${String(check)}`);
    }
    const migrated = migrate(db, readMigrations(options.migrationsDir));
    if (!migrated.ok) {
      db.close();
      return migrated;
    }
    return ok(db);
  } catch (cause) {
    try {
      db.close();
    } catch {
      /* already unusable */
    }
    const message = (cause as Error).message;
    const corrupt = /not a database|malformed|corrupt/i.test(message);
    return err(corrupt ? 'store.db_corrupt' : 'internal', `cannot prepare database: ${message}`);
  }
}

/**
 * Applies each pending migration in its own transaction that also sets `user_version`, so a crash
 * leaves the database at one version or the next, never between. Records each applied file's name
 * so a database from a different history is refused rather than silently mis-read.
 */
export function migrate(db: Db, migrations: Migration[]): Result<number> {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.length;
  if (current > latest) {
    return err('store.db_newer_than_app', `database schema ${current} is newer than this app's ${latest}`, {
      found: current,
      supported: latest,
    });
  }
  if (current > 0) {
    const applied = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all() as {
      version: number;
      name: string;
    }[];
    for (const row of applied) {
      if (migrations[row.version - 1]?.name !== row.name) {
        return err('store.db_history_mismatch', `migration ${row.version} was ${row.name}, this app has ${migrations[row.version - 1]?.name ?? 'none'}`);
      }
    }
  }
  for (const migration of migrations.slice(current)) {
    db.transaction(() => {
      db.exec(migration.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        migration.version,
        migration.name,
        Date.now(),
      );
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return ok(latest);
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}
