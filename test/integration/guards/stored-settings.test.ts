// Settings stored before the contract bounded them (a package priced -500, a shop name with a
// control character) are read without locking the owner out, and without losing what was good:
// only the refused package goes, the owner's other packages and settings stay.
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/store/database';
import { createSettingsRepository } from '../../../electron/store/settings-repository';
import { MIGRATIONS_DIR, makeTempDir } from '../../support/temp-dir';

let temp = makeTempDir();
afterEach(() => {
  temp.remove();
  temp = makeTempDir();
});

it('a stored package priced below a rial is dropped alone; a bad shop name falls back alone', () => {
  const opened = openDatabase(join(temp.dir, 'pos.sqlite'), { migrationsDir: MIGRATIONS_DIR });
  if (!opened.ok) throw new Error(opened.error.message);
  const db = opened.value;
  const put = db.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, 1) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  const packages = [
    { network: 'sabafon', code: 'A1', name: 'First', price: { minor: 500_00, currency: 'YER' } },
    { network: 'sabafon', code: 'NEG', name: 'Negative', price: { minor: -500_00, currency: 'YER' } },
    { network: 'you', code: 'B2', name: 'Second' },
  ];
  put.run('packages', JSON.stringify(packages));
  put.run('shopName', JSON.stringify('Shop\u0007'));
  put.run('counterNumber', JSON.stringify(7));
  const settings = createSettingsRepository(db, () => 2).read();
  expect(settings.packages.map((p) => p.code)).toEqual(['A1', 'B2']);
  expect(settings.shopName).toBe('');
  expect(settings.counterNumber).toBe(7);
  db.close();
});
