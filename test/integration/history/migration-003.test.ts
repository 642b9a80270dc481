// Migration 003 on its own: a journal written before the history index existed is indexed by the
// migration itself, and the triggers keep later sales and late references searchable.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { join } from 'node:path';
import { migrate, readMigrations, type Db } from '../../../electron/store/database';
import Database from 'better-sqlite3';
import { makeTempDir, MIGRATIONS_DIR } from '../../support/temp-dir';

let temp: ReturnType<typeof makeTempDir>;
let db: Db;
beforeEach(() => {
  temp = makeTempDir();
  db = new Database(join(temp.dir, 'pos.sqlite'));
});
afterEach(() => {
  db.close();
  temp.remove();
});

const insertSale = (txId: number, number: string, ref: string | null) =>
  db
    .prepare(
      `INSERT INTO sales (tx_id, provider, network, number, product, product_key, state, provider_ref, training, created_at, updated_at)
       VALUES (?, 'weta', 'yemen_mobile', ?, '{}', 'k', 'succeeded', ?, 0, 1, 1)`,
    )
    .run(txId, number, ref);

const found = (text: string) =>
  (db.prepare('SELECT rowid FROM sale_search WHERE sale_search MATCH ? ORDER BY rowid').pluck().all(`"${text}"`) as number[]);

it('indexes the sales already in the journal, then follows new sales and late references', () => {
  const migrations = readMigrations(MIGRATIONS_DIR);
  expect(migrations[2]!.name).toBe('003_history.sql');
  expect(migrate(db, migrations.slice(0, 2))).toEqual({ ok: true, value: 2 });
  insertSale(1001, '777123456', 'AQ-1');
  insertSale(1002, '733000111', null);

  expect(migrate(db, migrations.slice(0, 3))).toEqual({ ok: true, value: 3 });
  expect(found('23456')).toEqual([1001]);
  expect(found('1002')).toEqual([1002]);
  expect(found('aq-1')).toEqual([1001]);

  insertSale(1003, '771999888', null);
  expect(found('99988')).toEqual([1003]);
  db.prepare("UPDATE sales SET provider_ref = 'LATE-77' WHERE tx_id = 1002").run();
  expect(found('late-7')).toEqual([1002]);
  db.prepare("UPDATE sales SET state = 'failed' WHERE tx_id = 1003").run();
  expect(found('99988')).toEqual([1003]);
  expect(db.prepare("SELECT count(*) FROM sale_search").pluck().get()).toBe(3);
});

it('merges the index a bounded step at a time until nothing is left, and searches still find every sale', async () => {
  const { createSearchIndexUpkeep } = await import('../../../electron/history/search-index-upkeep');
  migrate(db, readMigrations(MIGRATIONS_DIR));
  // Many small transactions: many segments, as a day of sales leaves them.
  for (let i = 0; i < 400; i++) insertSale(10_000 + i, `77${String(1_000_000 + i * 37).padStart(7, '0')}`, `R${i}`);
  const segments = () => (db.prepare("SELECT count(*) FROM sale_search_data WHERE id > 10").pluck().get() as number);
  const before = segments();
  const upkeep = createSearchIndexUpkeep(db);
  let steps = 0;
  while (upkeep.step() && steps < 1000) steps++;
  expect(steps).toBeGreaterThan(0);
  expect(steps).toBeLessThan(1000);
  expect(upkeep.step()).toBe(false);
  expect(segments()).toBeLessThanOrEqual(before);
  expect(found('R399')).toEqual([10_399]);
  expect(found(`77${String(1_000_000 + 5 * 37).padStart(7, '0')}`.slice(-5))).toContain(10_005);
});
