import Database from 'better-sqlite3';
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, readMigrations, schemaVersion } from '../../../electron/store/database';
import { createSettingsRepository } from '../../../electron/store/settings-repository';
import { MIGRATIONS_DIR, makeTempDir } from '../../support/temp-dir';

let temp = makeTempDir();
afterEach(() => {
  temp.remove();
  temp = makeTempDir();
});

function open(file = join(temp.dir, 'pos.sqlite'), migrationsDir = MIGRATIONS_DIR) {
  return openDatabase(file, { migrationsDir });
}

describe('opening the database', () => {
  it('applies every migration and records it in user_version', () => {
    const result = open();
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(schemaVersion(result.value)).toBe(readMigrations(MIGRATIONS_DIR).length);
    expect(result.value.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(result.value.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(result.value.pragma('foreign_keys', { simple: true })).toBe(1);
    result.value.close();
  });

  it('is idempotent: a second open applies nothing and keeps the data', () => {
    const first = open();
    if (!first.ok) throw new Error(first.error.message);
    createSettingsRepository(first.value, () => 1).update({ shopName: 'بقالة الأمل' });
    first.value.close();
    const second = open();
    if (!second.ok) throw new Error(second.error.message);
    expect(createSettingsRepository(second.value, () => 2).read().shopName).toBe('بقالة الأمل');
    second.value.close();
  });

  it('refuses a database from a newer version of the app with a clear code', () => {
    const file = join(temp.dir, 'pos.sqlite');
    const first = open(file);
    if (!first.ok) throw new Error(first.error.message);
    first.value.pragma('user_version = 999');
    first.value.close();
    const again = open(file);
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error.code).toBe('store.db_newer_than_app');
  });

  it('refuses a corrupt file with a clear code instead of crashing', () => {
    const file = join(temp.dir, 'pos.sqlite');
    writeFileSync(file, Buffer.alloc(8192, 0x41));
    const result = open(file);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('store.db_corrupt');
  });

  it('refuses a database whose applied history differs from the files', () => {
    const file = join(temp.dir, 'pos.sqlite');
    const first = open(file);
    if (!first.ok) throw new Error(first.error.message);
    first.value.close();
    const altered = join(temp.dir, 'migrations');
    mkdirSync(altered);
    for (const name of readdirSync(MIGRATIONS_DIR)) {
      copyFileSync(join(MIGRATIONS_DIR, name), join(altered, name.replace('001_foundation', '001_renamed')));
    }
    const result = open(file, altered);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('store.db_history_mismatch');
  });

  it('rolls back a failing migration whole: the version does not move', () => {
    const dir = join(temp.dir, 'migrations');
    mkdirSync(dir);
    for (const name of readdirSync(MIGRATIONS_DIR)) copyFileSync(join(MIGRATIONS_DIR, name), join(dir, name));
    const next = String(readdirSync(MIGRATIONS_DIR).length + 1).padStart(3, '0');
    writeFileSync(join(dir, `${next}_broken.sql`), 'CREATE TABLE half (x INTEGER) STRICT; INSERT INTO missing VALUES (1);');
    const file = join(temp.dir, 'pos.sqlite');
    expect(open(file, dir).ok).toBe(false);
    const db = new Database(file);
    expect(db.pragma('user_version', { simple: true })).toBe(Number(next) - 1);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'half'").get()).toEqual({ n: 0 });
    db.close();
  });
});

describe('settings', () => {
  it('fall back to the default for a stored value the schema refuses', () => {
    const result = open();
    if (!result.ok) throw new Error(result.error.message);
    result.value.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('counterNumber', '\"abc\"', 0)").run();
    const settings = createSettingsRepository(result.value, () => 0).read();
    expect(settings.counterNumber).toBe(1);
    expect(settings.language).toBe('ar');
    result.value.close();
  });
});
