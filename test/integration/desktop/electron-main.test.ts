// The desktop app's Electron layer, executed: the BUNDLED dist/electron/main.cjs and preload.cjs run
// under Node with the Electron stand-in (test/harness/electron-stand-in/electron.ts, written from
// Electron's documented API), and everything else real: the services, SQLite files, the training
// simulators, an Al-Qimah simulator on 127.0.0.1 for the sale in flight.
//
// What this proves: the window's web preferences; that every file of dist/renderer is served through
// the app:// handler with its MIME type and the CSP, and nothing outside it; the contract's channels
// registered and refused to foreign frames and pages; navigation, popups and permissions refused;
// that a failed start ends in one translated dialog and a non-zero exit; that quitting waits for a
// sale in flight and closes the database; that closing the window quits after printing; that a
// second start does not crash; that the preload exposes exactly `window.pos`; that a driver print
// reaches webContents.print silently on the chosen printer.
//
// What it cannot prove (the Electron smoke test, test/e2e/electron-smoke.e2e.ts, does on a machine
// with Electron's binary): Chromium's sandbox and context isolation themselves, the renderer's code
// running in the page, real printing and drivers, the OS keychain behind safeStorage, and the OS's
// own window focus.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, relative } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../electron/log';
import { defaultSimAccount, startAlqimahSimulator, type AlqimahSimulator } from '../../harness/simulator-faults/alqimah';
import { DATABASE_FILE, startServices, type ServiceDeps } from '../../../electron/services';
import { openDatabase } from '../../../electron/store/database';
import { channelNames, IPC_PREFIX } from '../../../shared/ipc';
import { safeStorage } from '../../harness/electron-stand-in/electron';
import { buildDesktopApp, launchDesktopApp, REPO_ROOT, waitFor, type DesktopApp } from '../../support/desktop-app';
import { MIGRATIONS_DIR } from '../../support/temp-dir';
import arErrors from '../../../renderer/i18n/locales/ar/errors.json';

type Load = { url: string; status: number; contentType: string | null; csp: string | null };
type WindowState = {
  id: number;
  options: { webPreferences: Record<string, unknown> };
  url: string;
  visible: boolean;
  focused: boolean;
  minimized: boolean;
  main: boolean;
  exposed: string[];
  posKeys: string[];
};
type AppState = {
  channels: string[];
  windows: WindowState[];
  sandboxEnabled: boolean;
  privilegedSchemes: { scheme: string; privileges: Record<string, boolean> }[];
  dialogs: { title: string; content: string }[];
  prints: { options: Record<string, unknown> }[];
  loads: Load[];
};
type Envelope = { ok: boolean; value?: Record<string, unknown>; error?: { code: string } };

const RENDERER_DIR = join(REPO_ROOT, 'dist', 'renderer');
const MIME: Record<string, RegExp> = {
  '.html': /^text\/html/,
  '.js': /^text\/javascript/,
  '.css': /^text\/css/,
  '.woff2': /^font\/woff2$/,
  '.woff': /^font\/woff$/,
  '.png': /^image\/png$/,
  '.svg': /^image\/svg\+xml/,
  '.json': /^application\/json/,
};
const SALE = { number: '777123456', product: { kind: 'amount', amount: { minor: 50000, currency: 'YER' } } };

const root = mkdtempSync(join(tmpdir(), 'pos-desktop-'));
const launched: DesktopApp[] = [];
let folders = 0;

function freshUserData(): string {
  return join(root, `user-data-${++folders}`);
}

function launch(userData = freshUserData()): DesktopApp {
  const app = launchDesktopApp({ userData });
  launched.push(app);
  return app;
}

async function untilWindowShown(app: DesktopApp): Promise<AppState> {
  return waitFor(async () => {
    const state = await app.send<AppState>('state');
    return state.windows.some((w) => w.main && w.visible) ? state : null;
  }, 20_000, 'the app window to show');
}

/** A data folder prepared by the real services, as an earlier run of the app would have left it. */
async function prepareData(userData: string, change: (services: Awaited<ReturnType<typeof startServices>> & { ok: true }) => void) {
  mkdirSync(userData, { recursive: true });
  const deps: ServiceDeps = {
    dataDir: userData,
    migrationsDir: MIGRATIONS_DIR,
    now: Date.now,
    log: createLogger(() => undefined),
    shell: 'electron',
    version: 'test',
    // The same encryption the stand-in's safeStorage gives the app (electron/platform/secrets.ts).
    secretBox: { backend: 'safe-storage:basic_text', isWeak: true, encrypt: safeStorage.encryptString, decrypt: safeStorage.decryptString },
    sales: { startReconciler: false },
  };
  const started = await startServices(deps);
  if (!started.ok) throw new Error(started.error.message);
  change(started);
  await started.value.stop();
}

beforeAll(() => buildDesktopApp(), 120_000);

afterEach(() => {
  for (const app of launched.splice(0)) app.kill();
});

describe('the desktop app under the Electron stand-in', () => {
  it('opens a locked-down window and serves every renderer file through app:// with its MIME type and the CSP', async () => {
    const app = launch();
    const state = await untilWindowShown(app);
    expect(state.sandboxEnabled).toBe(true);
    expect(state.privilegedSchemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    const main = state.windows.find((w) => w.main)!;
    expect(main.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      webviewTag: false,
    });
    expect(main.options.webPreferences.preload).toMatch(/^\/.*\/dist\/electron\/preload\.cjs$/);

    // The page as the window loaded it: the HTML, its scripts and style sheets, and their fonts.
    const kinds = new Set(state.loads.map((load) => extname(new URL(load.url).pathname)));
    expect([...kinds]).toEqual(expect.arrayContaining(['.html', '.js', '.css', '.woff2']));
    for (const load of state.loads) expect({ url: load.url, status: load.status }).toEqual({ url: load.url, status: 200 });

    // Every file of dist/renderer, as the page would ask for it.
    const files = listFiles(RENDERER_DIR);
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const url = `app://pos/${relative(RENDERER_DIR, file).split('\\').join('/')}`;
      const got = await app.send<{ status: number; contentType: string | null; csp: string | null; bytes: number }>('fetch', { url });
      expect({ url, status: got.status, bytes: got.bytes }).toEqual({ url, status: 200, bytes: statSync(file).size });
      expect(got.contentType, url).toMatch(MIME[extname(file)]!);
      expect(got.csp, url).toContain("default-src 'self'");
      expect(got.csp, url).toContain("script-src 'self'");
    }
    const root = await app.send<{ status: number; contentType: string }>('fetch', { url: 'app://pos/' });
    expect(root).toMatchObject({ status: 200, contentType: expect.stringMatching(/^text\/html/) });

    // Nothing outside dist/renderer, however the path is spelled, no folder listing, and no other host.
    for (const url of ['app://pos/../package.json', 'app://pos/%2e%2e/package.json', 'app://pos/..%2f..%2fpackage.json', 'app://pos/%2e%2e%5cpackage.json', 'app://other/index.html', 'app://pos/missing.js', 'app://pos/assets/', 'app://pos/assets']) {
      const got = await app.send<{ status: number; bytes: number }>('fetch', { url });
      expect({ url, status: got.status }).toEqual({ url, status: 404 });
    }
  });

  it('registers every contract channel, exposes exactly window.pos, and refuses foreign frames, pages, navigation, popups and permissions', async () => {
    const app = launch();
    const state = await untilWindowShown(app);
    expect([...state.channels].sort()).toEqual(channelNames.map((name) => IPC_PREFIX + name).sort());
    const main = state.windows.find((w) => w.main)!;
    expect(main.exposed).toEqual(['pos']);
    expect(main.posKeys).toEqual(['invoke', 'on']);

    const info = await app.send<Envelope>('invoke', { via: 'preload', channel: 'app.info', payload: {} });
    expect(info).toMatchObject({ ok: true, value: { shell: 'electron', training: true } });
    const unknown = await app.send<Envelope>('invoke', { via: 'preload', channel: 'fs.read', payload: {} });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'ipc.unknown_channel' } });
    for (const via of ['child-frame', 'other-page']) {
      const refused = await app.send<Envelope>('invoke', { via, channel: 'app.info', payload: {} });
      expect({ via, refused }).toMatchObject({ via, refused: { ok: false, error: { code: 'ipc.forbidden_sender' } } });
    }

    expect(await app.send('navigate', { url: 'https://example.com/' })).toBe(false);
    expect(await app.send('navigate', { url: 'file:///etc/passwd' })).toBe(false);
    expect(await app.send('navigate', { url: 'app://pos/index.html#history' })).toBe(true);
    expect(await app.send('windowOpen', { url: 'https://example.com/' })).toBe('deny');
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read']) {
      expect({ permission, ...(await app.send<object>('permission', { permission })) }).toEqual({ permission, requested: false, checked: false });
    }
  });

  it('prints a receipt silently on the chosen driver printer, and closing the window then quits the app', async () => {
    const app = launch();
    await untilWindowShown(app);
    const sale = await app.send<Envelope>('invoke', { via: 'preload', channel: 'sale.submit', payload: { ...SALE, submitKey: 'desktop-print-1' } });
    expect(sale).toMatchObject({ ok: true });
    const devices = await app.send<Envelope>('invoke', { via: 'preload', channel: 'printer.devices', payload: {} });
    expect(devices).toEqual({ ok: true, value: { devices: ['XP-80'] } });
    await app.send('invoke', { via: 'preload', channel: 'printer.set', payload: { mode: 'driver', deviceName: 'XP-80', paperWidth: '80' } });
    const printed = await app.send<Envelope>('invoke', { via: 'preload', channel: 'receipt.print', payload: { id: sale.value!.id } });
    expect(printed).toMatchObject({ ok: true });
    const state = await app.send<AppState>('state');
    expect(state.prints).toHaveLength(1);
    expect(state.prints[0]!.options).toMatchObject({ silent: true, deviceName: 'XP-80', margins: { marginType: 'none' } });
    // The hidden print window loads the same page with the same preload: it is locked down the same way.
    expect(state.windows).toHaveLength(2);
    const [appWindow, printWindow] = [state.windows.find((w) => w.main)!, state.windows.find((w) => !w.main)!];
    expect(printWindow.options.webPreferences).toEqual(appWindow.options.webPreferences);

    await app.send('closeWindow');
    const code = await app.exitCode(10_000);
    expect(app.dialogs).toEqual([]);
    expect(code).toBe(0);
  });

  it('a second start focuses the live window, and one after the window closed does not crash', async () => {
    const app = launch();
    await untilWindowShown(app);
    await app.send('minimize');
    expect((await app.send<AppState>('state')).windows.filter((w) => w.main)).toMatchObject([{ minimized: true }]);
    await app.send('secondInstance');
    const state = await app.send<AppState>('state');
    expect(state.windows.filter((w) => w.main)).toMatchObject([{ visible: true, focused: true, minimized: false }]);

    // Listing the printers opens the hidden print window; then the window is closed and the app started again.
    await app.send('invoke', { via: 'preload', channel: 'printer.devices', payload: {} });
    await app.send('closeWindow');
    await app.send('secondInstance').catch(() => undefined);
    const code = await app.exitCode(10_000);
    expect(app.dialogs).toEqual([]);
    expect(code).toBe(0);
  });

  describe('a start that fails shows one translated dialog and exits non-zero', () => {
    let blocker: Server | null = null;
    afterAll(() => blocker?.close());

    async function expectFailedStart(app: DesktopApp, contains: string) {
      const code = await app.exitCode(20_000);
      expect(code, app.output()).not.toBe(0);
      expect(code).not.toBeNull();
      expect(app.dialogs).toHaveLength(1);
      expect(app.dialogs[0]!.title).toBe('نقطة بيع الشحن');
      expect(app.dialogs[0]!.content).toContain(contains);
    }

    it('when the data folder cannot be written', async () => {
      const file = join(root, `not-a-folder-${++folders}`);
      writeFileSync(file, 'a file where the data folder should be');
      const app = launch(join(file, 'data'));
      await expectFailedStart(app, join(file, 'data'));
    });

    it('when the database is corrupt, even though the log file cannot be written', async () => {
      const userData = freshUserData();
      mkdirSync(join(userData, 'pos.log'), { recursive: true });
      writeFileSync(join(userData, DATABASE_FILE), Buffer.alloc(8192, 7));
      const app = launch(userData);
      await expectFailedStart(app, arErrors.store.db_corrupt);
    });

    it("when the webhook's port is taken", async () => {
      blocker = createServer();
      await new Promise<void>((resolve) => blocker!.listen(0, '127.0.0.1', resolve));
      const port = (blocker.address() as AddressInfo).port;
      const userData = freshUserData();
      await prepareData(userData, ({ value }) => value.settings.update({ webhookEnabled: true, webhookPort: port }));
      const app = launch(userData);
      await expectFailedStart(app, String(port));
    });
  });

  describe('quitting with a sale in flight', () => {
    let sim: AlqimahSimulator;
    beforeAll(async () => {
      sim = await startAlqimahSimulator({ balanceMinor: 100_000_00 });
    });
    afterAll(() => sim.close());

    it('waits for the sale to settle, leaves it final in the journal and closes the database; the next start shows it', async () => {
      const userData = freshUserData();
      await prepareData(userData, ({ value }) => {
        expect(value.accounts.set('alqimah', defaultSimAccount).ok).toBe(true);
        value.settings.update({ providerUrls: { alqimah: sim.url, weta: '' } });
      });
      sim.knobs.latency = { next: 1, probability: 0, only: ['payment'], ms: 1_500 };
      const app = launch(userData);
      await untilWindowShown(app);
      const submitted = app.send<Envelope>('invoke', { via: 'preload', channel: 'sale.submit', payload: { ...SALE, submitKey: 'desktop-quit-1' } }).catch(() => null);
      await waitFor(() => sim.requests.some((r) => r.kind === 'payment'), 10_000, 'the payment to reach the provider');
      await app.send('quit');
      const stopping = await app.send<AppState>('state');
      expect(stopping.windows.filter((w) => w.main && w.visible)).toEqual([]);
      expect(await app.exitCode(15_000), app.output()).toBe(0);
      void submitted;

      expect(existsSync(join(userData, `${DATABASE_FILE}-wal`))).toBe(false);
      const opened = openDatabase(join(userData, DATABASE_FILE), { migrationsDir: MIGRATIONS_DIR });
      if (!opened.ok) throw new Error(opened.error.message);
      const rows = opened.value.prepare('SELECT tx_id, state FROM sales').all() as { tx_id: number; state: string }[];
      opened.value.close();
      expect(rows).toHaveLength(1);
      expect(rows[0]!.state).toBe('succeeded');
      expect(sim.ledger.chargesFor(String(rows[0]!.tx_id))).toBe(1);

      // The next start, on the same folder, shows the sale as it was settled, and sells again.
      const again = launch(userData);
      await untilWindowShown(again);
      const shown = await again.send<Envelope>('invoke', { via: 'preload', channel: 'sale.get', payload: { id: String(rows[0]!.tx_id) } });
      expect(shown).toMatchObject({ ok: true, value: { state: 'succeeded' } });
      const next = await again.send<Envelope>('invoke', { via: 'preload', channel: 'sale.submit', payload: { ...SALE, number: '771234567', submitKey: 'desktop-quit-2' } });
      expect(next).toMatchObject({ ok: true, value: { state: 'succeeded' } });
      expect(sim.ledger.transactions).toHaveLength(2);
    });
  });
});

function listFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(folder, entry.name)) : [join(folder, entry.name)],
  );
}
