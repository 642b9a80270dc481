// The application core's start and stop (electron/services.ts): awaited steps whose errors are
// values. A start that fails half-way stops what it had started (the database closed, no port held);
// stop is idempotent and leaves no write-ahead log open.
import { existsSync, mkdirSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../electron/log';
import { DATABASE_FILE, startServices } from '../../../electron/services';
import { openDatabase } from '../../../electron/store/database';
import { makeTempDir, MIGRATIONS_DIR } from '../../support/temp-dir';

const temp = makeTempDir('pos-core-');
let blocker: Server | null = null;

afterEach(async () => {
  await new Promise<void>((resolve) => (blocker ? blocker.close(() => resolve()) : resolve()));
  blocker = null;
});

const deps = (dataDir: string) => ({ dataDir, migrationsDir: MIGRATIONS_DIR, now: Date.now, log: createLogger(() => undefined), shell: 'web' as const, version: 'test' });

describe('the application core', () => {
  it('a start whose webhook port is taken comes back as app.start_failed and leaves the database closed', async () => {
    blocker = createServer();
    await new Promise<void>((resolve) => blocker!.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as AddressInfo).port;
    const dataDir = join(temp.dir, 'busy');
    mkdirSync(dataDir);
    const started = await startServices({ ...deps(dataDir), sales: { startReconciler: false, webhook: { enabled: true, port } } });
    expect(started).toMatchObject({ ok: false, error: { code: 'app.start_failed', params: { detail: expect.stringContaining('EADDRINUSE') } } });
    expect(existsSync(join(dataDir, `${DATABASE_FILE}-wal`))).toBe(false);
    const reopened = openDatabase(join(dataDir, DATABASE_FILE), { migrationsDir: MIGRATIONS_DIR });
    expect(reopened.ok).toBe(true);
    if (reopened.ok) reopened.value.close();
  });

  it('stop closes the database once, however often it is called', async () => {
    const dataDir = join(temp.dir, 'stop');
    mkdirSync(dataDir);
    const started = await startServices({ ...deps(dataDir), sales: { startReconciler: false } });
    if (!started.ok) throw new Error(started.error.message);
    const services = started.value;
    expect(services.db.open).toBe(true);
    const [first, second] = await Promise.all([services.stop(), services.stop()]);
    expect(first).toEqual({ ok: true, value: undefined });
    expect(second).toEqual(first);
    expect(services.db.open).toBe(false);
    expect(existsSync(join(dataDir, `${DATABASE_FILE}-wal`))).toBe(false);
  });

  it('a stop step that throws comes back as app.stop_failed, and the steps after it still run', async () => {
    const dataDir = join(temp.dir, 'stop-fails');
    mkdirSync(dataDir);
    const lines: string[] = [];
    const started = await startServices({
      ...deps(dataDir),
      log: createLogger((line) => lines.push(line)),
      sales: { startReconciler: false },
      // The backup schedule (every 24 h by default) is armed at start; its stop throws.
      timer: {
        every: () => () => {
          throw new Error('timer would not stop');
        },
      },
    });
    if (!started.ok) throw new Error(started.error.message);
    expect(await started.value.stop()).toMatchObject({ ok: false, error: { code: 'app.stop_failed', message: 'timer would not stop' } });
    expect(started.value.db.open).toBe(false);
    expect(lines.some((line) => line.includes('stop failed'))).toBe(true);
  });
});
