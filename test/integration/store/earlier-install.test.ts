// A deleted pos.sqlite is said at start, not silently a fresh install (issue 9, defect 9): the
// traces an earlier install leaves (backups, key file, log) and the newest backup, offered through
// `app.earlierInstall`, gone once that backup is restored.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../support/temp-dir';
import { startBackOffice, value, type Harness } from '../back-office/back-office-harness';

let temp: ReturnType<typeof makeTempDir>;
let h: Harness;
let clock = Date.UTC(2026, 10, 23, 6, 0, 0);
const now = () => clock;
beforeEach(() => {
  temp = makeTempDir();
});
afterEach(async () => {
  await h.close();
  temp.remove();
});

describe('an earlier install with its database gone', () => {
  it('a first start says nothing', async () => {
    h = await startBackOffice(temp.dir, { now });
    expect(value(await h.call('app.earlierInstall', {}))).toBeNull();
  });

  it('is said at start with what was found, offers the newest backup, and is gone once it is restored', async () => {
    h = await startBackOffice(temp.dir, { now });
    value(await h.call('settings.set', { shopName: 'محل الأمل', counterNumber: 4 }));
    value(await h.call('backup.now', {}));
    clock += 3_600_000;
    const newest = value(await h.call('backup.now', {}));
    await h.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(join(temp.dir, `pos.sqlite${suffix}`), { force: true });

    clock += 3_600_000;
    h = await startBackOffice(temp.dir, { now });
    expect(value(await h.call('settings.get', {})).shopName).toBe('');
    const notice = value(await h.call('app.earlierInstall', {}));
    expect(notice?.traces).toEqual(expect.arrayContaining(['backups', 'log']));
    expect(notice?.newestBackup?.name).toBe(newest.name);
    expect(h.logText()).toContain('earlier install');

    value(await h.call('backup.restore', { name: newest.name }));
    expect(value(await h.call('app.earlierInstall', {}))).toBeNull();
    expect(value(await h.call('settings.get', {}))).toMatchObject({ shopName: 'محل الأمل', counterNumber: 4 });
    // And a restart on the restored database is an ordinary start.
    await h.close();
    h = await startBackOffice(temp.dir, { now });
    expect(value(await h.call('app.earlierInstall', {}))).toBeNull();
  });
});
