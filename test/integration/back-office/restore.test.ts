// A restore forgets no sale and settles open ones by asking the provider (issue 9, defect 2), and
// a bad backup is refused on a copy with the live database untouched and the app still starting
// (issue 9, defect 8). Real SQLite files, the Al-Qimah simulator over HTTP as the judge.
import Database from 'better-sqlite3';
import { copyFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APPLICATION_ID, migrate, readMigrations } from '../../../electron/store/database';
import { MIGRATIONS_DIR, makeTempDir } from '../../support/temp-dir';
import { OWNER, connectAccounts, openApp, sell, settled, startSimulators, value, yer, type Harness, type Simulators } from '../../journeys/support/journey-app';
import { journalSales } from '../../journeys/support/ledger-judge';

let temp: ReturnType<typeof makeTempDir>;
let sims: Simulators;
let app: Harness;
const backups = () => join(temp.dir, 'backups');

beforeEach(async () => {
  temp = makeTempDir();
  sims = await startSimulators();
  app = await openApp(temp.dir);
  await connectAccounts(app, sims);
  await app.close();
  app = await openApp(temp.dir);
});
afterEach(async () => {
  await app.close();
  await sims.close();
  temp.remove();
});

function editBackup(name: string, sql: string) {
  const db = new Database(join(backups(), name));
  db.exec(sql);
  db.close();
}

describe('a restore (defect 2)', () => {
  it('keeps every sale the live journal made after the backup, and the one in flight when it was taken', async () => {
    const before = await sell(app, '777000001', yer(500));
    expect(before.state).toBe('succeeded');
    // The next payment is answered late: the backup is taken while it is on the wire.
    sims.alqimah.knobs.latency = { next: 1, probability: 0, ms: 400, only: ['payment'] };
    const inFlight = sell(app, '777000002', yer(700));
    for (let i = 0; i < 100 && journalSales(app).length < 2; i++) await new Promise((r) => setTimeout(r, 10));
    const backup = value(await app.call('backup.now', {}));
    expect((await inFlight).state).toBe('succeeded');
    const after = await sell(app, '777000003', yer(900));

    const restored = value(await app.call('backup.restore', { name: backup.name }));
    expect(restored.carriedSales).toBeGreaterThanOrEqual(2);
    await settled(app);
    const sales = journalSales(app);
    expect(sales.map((s) => s.state)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(sales.map((s) => String(s.txId))).toContain(after.id);
    // Judged by the ledger: each sale charged exactly once, and the app's states say the same.
    for (const s of sales) expect(sims.alqimah.ledger.chargesFor(String(s.txId))).toBe(1);
    // A sale after the restore gets an id the provider has never seen.
    const usedBefore = new Set(sims.alqimah.ledger.usedIds);
    const next = await sell(app, '777000004', yer(100));
    expect(usedBefore.has(next.id)).toBe(false);
    expect(sims.alqimah.ledger.chargesFor(next.id)).toBe(1);
  });

  it('a sale the backup caught before it was sent is asked about, not failed, when the live journal does not know it', async () => {
    const sale = await sell(app, '777000005', yer(600));
    const backup = value(await app.call('backup.now', {}));
    // As if the backup had been taken between writing the sale and sending it.
    editBackup(backup.name, `UPDATE sales SET state = 'created', sent_at = NULL, price_minor = NULL, next_check_at = NULL WHERE tx_id = ${sale.id};
      DELETE FROM sale_transitions WHERE tx_id = ${sale.id} AND state != 'created'`);
    // The same computer after pos.sqlite was lost: the key file and the backups are all that is left.
    const other = makeTempDir();
    copyFileSync(join(temp.dir, 'secret.key'), join(other.dir, 'secret.key'));
    let second = await openApp(other.dir);
    try {
      copyFileSync(join(backups(), backup.name), join(other.dir, 'backups', backup.name));
      const restored = value(await second.call('backup.restore', { name: backup.name }));
      expect(restored.salesToAsk).toBe(1);
      // The restored database has the owner's PIN: the counter asks who is there.
      value(await second.call('session.signIn', { cashierId: OWNER.id, pin: OWNER.pin }));
      // Still in training until the restart: the sale waits for its real provider, it is not failed.
      await new Promise((r) => setTimeout(r, 300));
      expect(value(await second.call('sale.get', { id: sale.id })).state).toBe('unknown');
      await second.close();
      second = await openApp(other.dir);
      await settled(second);
      const view = value(await second.call('sale.get', { id: sale.id }));
      expect(view.state).toBe('succeeded');
      expect(view.price).toEqual({ minor: 600_00, currency: 'YER' });
      expect(sims.alqimah.ledger.chargesFor(sale.id)).toBe(1);
    } finally {
      await second.close();
      other.remove();
    }
  });
});

describe('a sale pressed during a restore', () => {
  it('is refused with a clear error and sends nothing; once the restore is done sales go on', async () => {
    await sell(app, '777000010', yer(300));
    const backup = value(await app.call('backup.now', {}));
    const charges = sims.alqimah.ledger.charges.length;
    const restoring = app.call('backup.restore', { name: backup.name });
    const during = await app.call('sale.submit', { number: '777000011', product: yer(400), submitKey: 'during-restore-1' });
    expect(!during.ok && during.error.code).toBe('backup.restoring');
    value(await restoring);
    expect(sims.alqimah.ledger.charges.length).toBe(charges);
    expect((await sell(app, '777000011', yer(400))).state).toBe('succeeded');
  });
});

describe('a bad backup (defect 8)', () => {
  async function expectLiveUntouchedAndStarts(shopName: string) {
    expect(value(await app.call('settings.get', {})).shopName).toBe(shopName);
    expect(readdirSync(backups()).filter((f) => f.startsWith('.restoring'))).toEqual([]);
    await app.close();
    app = await openApp(temp.dir);
    expect(value(await app.call('settings.get', {})).shopName).toBe(shopName);
    expect(value(await app.call('app.health', {})).db).toBe(true);
  }

  it('refuses a foreign SQLite file that has a settings table, and the app still starts', async () => {
    value(await app.call('settings.set', { shopName: 'live shop' }));
    const foreign = new Database(join(backups(), 'pos-foreign.sqlite'));
    foreign.exec("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT); INSERT INTO settings VALUES ('shopName', '\"foreign\"'); PRAGMA user_version = 3;");
    foreign.close();
    const refused = await app.call('backup.restore', { name: 'pos-foreign.sqlite' });
    expect(!refused.ok && refused.error.code).toBe('backup.invalid_file');
    await expectLiveUntouchedAndStarts('live shop');
  });

  it('refuses a backup of another migration history, and the app still starts', async () => {
    value(await app.call('settings.set', { shopName: 'live shop' }));
    const backup = value(await app.call('backup.now', {}));
    editBackup(backup.name, "UPDATE schema_migrations SET name = '003_something_else.sql' WHERE version = 3");
    const refused = await app.call('backup.restore', { name: backup.name });
    expect(!refused.ok && refused.error.code).toBe('backup.invalid_file');
    await expectLiveUntouchedAndStarts('live shop');
  });

  it('accepts one of our backups from before the application id, and brings it up to date', async () => {
    value(await app.call('settings.set', { shopName: 'live shop' }));
    // A backup written by a version of the app that had only the migrations before the mark.
    const migrations = readMigrations(MIGRATIONS_DIR);
    const old = new Database(join(backups(), 'pos-older-version.sqlite'));
    expect(migrate(old, migrations.slice(0, migrations.findIndex((m) => m.name.endsWith('_application_id.sql')))).ok).toBe(true);
    old.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('shopName', '\"old backup\"', 1)").run();
    old.close();
    value(await app.call('backup.restore', { name: 'pos-older-version.sqlite' }));
    expect(app.services.db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    await expectLiveUntouchedAndStarts('old backup');
  });
});
