// Backups on real SQLite files: online backup by hand and on an injected timer, pruning, a
// restore that replaces the live database in place (services keep working), and files refused
// before anything is replaced (garbage, a corrupt page, a newer schema). Plus the log rotation.
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Timer } from '../../../electron/backup/backups';
import { createRotatingLogFile } from '../../../electron/backup/rotating-log-file';
import { makeTempDir } from '../../support/temp-dir';
import { startBackOffice, value, type Harness } from './back-office-harness';

let temp = makeTempDir();
let h: Harness;
let clock = Date.UTC(2026, 10, 23, 6, 0, 0);
const ticks: { ms: number; fn: () => void }[] = [];
const timer: Timer = {
  every(ms, fn) {
    const entry = { ms, fn };
    ticks.push(entry);
    return () => ticks.splice(ticks.indexOf(entry), 1);
  },
};

beforeEach(async () => {
  temp = makeTempDir();
  ticks.length = 0;
  h = await startBackOffice(temp.dir, { now: () => clock, timer });
});
afterEach(async () => {
  await h.close();
  temp.remove();
});

const folder = () => join(temp.dir, 'backups');

describe('backups', () => {
  it('backs up by hand and restores in place: the live services see the old data and keep working', async () => {
    value(await h.call('settings.set', { shopName: 'محل الأمل' }));
    const file = value(await h.call('backup.now', {}));
    expect(file.name).toMatch(/^pos-2026-11-23T06-00-00-000Z-manual\.sqlite$/);
    clock += 1000;
    value(await h.call('settings.set', { shopName: 'changed' }));
    value(await h.call('cashiers.save', { name: 'new cashier', role: 'cashier', pin: '4321' }));

    const restored = value(await h.call('backup.restore', { name: file.name }));
    expect(restored.safetyCopy).toMatch(/before-restore/);
    expect(value(await h.call('settings.get', {})).shopName).toBe('محل الأمل');
    expect(value(await h.call('cashiers.list', {})).cashiers.map((c) => c.name)).not.toContain('new cashier');
    // The same connection goes on writing, and the database is whole.
    value(await h.call('settings.set', { shopName: 'after' }));
    expect(h.services.db.pragma('integrity_check', { simple: true })).toBe('ok');
    // The safety copy holds what the restore replaced.
    const safety = new Database(join(folder(), restored.safetyCopy), { readonly: true });
    expect((safety.prepare("SELECT value FROM settings WHERE key = 'shopName'").get() as { value: string }).value).toBe('"changed"');
    safety.close();
    // A restart opens the restored file normally.
    await h.close();
    h = await startBackOffice(temp.dir, { now: () => clock, timer });
    expect(value(await h.call('settings.get', {})).shopName).toBe('after');
  });

  it('refuses a garbage file, a corrupt file and a newer schema before replacing anything', async () => {
    value(await h.call('settings.set', { shopName: 'keep me' }));
    writeFileSync(join(folder(), 'pos-garbage.sqlite'), 'this is not a database at all'.repeat(100));
    const garbage = await h.call('backup.restore', { name: 'pos-garbage.sqlite' });
    expect(!garbage.ok && garbage.error.code).toBe('backup.invalid_file');

    const good = value(await h.call('backup.now', {}));
    const newer = join(folder(), 'pos-newer.sqlite');
    copyFileSync(join(folder(), good.name), newer);
    const db = new Database(newer);
    db.pragma('user_version = 999');
    db.close();
    const refused = await h.call('backup.restore', { name: 'pos-newer.sqlite' });
    expect(!refused.ok && refused.error.code).toBe('backup.newer_schema');

    const corrupt = join(folder(), 'pos-corrupt.sqlite');
    const bytes = readFileSync(join(folder(), good.name));
    // Scribble over the b-tree header of every page after the first: the schema still reads, the tables do not.
    expect(bytes.length).toBeGreaterThan(4096 * 3);
    for (let page = 1; page * 4096 < bytes.length; page++) for (let i = 0; i < 12; i++) bytes[page * 4096 + i] = 0xa5;
    writeFileSync(corrupt, bytes);
    const bad = await h.call('backup.restore', { name: 'pos-corrupt.sqlite' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(['backup.invalid_file']).toContain(bad.error.code);

    const missing = await h.call('backup.restore', { name: 'pos-nothing.sqlite' });
    expect(!missing.ok && missing.error.code).toBe('backup.not_found');
    expect(value(await h.call('settings.get', {})).shopName).toBe('keep me');
    expect(readdirSync(folder()).some((f) => f.includes('before-restore'))).toBe(false);
  });

  it('backs up on the schedule from settings, keeps only the newest N, and reschedules when the setting changes', async () => {
    expect(ticks).toHaveLength(1);
    expect(ticks[0]!.ms).toBe(24 * 3_600_000);
    value(await h.call('settings.set', { backupKeep: 2, backupEveryHours: 6 }));
    expect(ticks.map((t) => t.ms)).toEqual([6 * 3_600_000]);
    for (let i = 0; i < 4; i++) {
      clock += 6 * 3_600_000;
      ticks[0]!.fn();
      await new Promise((r) => setTimeout(r, 50));
      for (let k = 0; k < 50 && !readdirSync(folder()).some((f) => f.includes(new Date(clock).toISOString().slice(0, 13))); k++) await new Promise((r) => setTimeout(r, 20));
    }
    const files = value(await h.call('backup.list', {})).files;
    expect(files.map((f) => f.name)).toHaveLength(2);
    expect(files.every((f) => f.name.endsWith('-scheduled.sqlite'))).toBe(true);
    value(await h.call('settings.set', { backupEveryHours: 0 }));
    expect(ticks).toHaveLength(0);
  });
});

describe('the rotating log file', () => {
  it('rotates by size into N files and drops the oldest', () => {
    const log = createRotatingLogFile({ folder: temp.dir, name: 'r.log', maxBytes: 1000, files: 3 });
    for (let i = 0; i < 200; i++) log.sink(`line ${i} ${'x'.repeat(40)}`);
    const files = readdirSync(temp.dir).filter((f) => f.startsWith('r.log')).sort();
    expect(files).toEqual(['r.log', 'r.log.1', 'r.log.2', 'r.log.3']);
    for (const f of files) expect(readFileSync(join(temp.dir, f)).length).toBeLessThanOrEqual(1000);
    expect(readFileSync(join(temp.dir, 'r.log'), 'utf8')).toContain('line 199');
    expect(existsSync(join(temp.dir, 'r.log.4'))).toBe(false);
  });
});
