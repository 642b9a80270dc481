// A fresh folder per test for real SQLite files; removed afterwards.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../electron/store/database';

export function makeTempDir(prefix = 'pos-test-'): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export const MIGRATIONS_DIR = join(import.meta.dirname, '..', '..', 'electron', 'store', 'migrations');

/** A migrated database file in a fresh folder; `close` closes it and removes the folder. */
export function openTempDatabase(): { db: Db; close: () => void } {
  const temp = makeTempDir();
  const opened = openDatabase(join(temp.dir, 'pos.sqlite'), { migrationsDir: MIGRATIONS_DIR });
  if (!opened.ok) throw new Error(opened.error.message);
  return {
    db: opened.value,
    close: () => {
      opened.value.close();
      temp.remove();
    },
  };
}
