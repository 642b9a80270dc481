// The Electron main process: one window, locked down (docs/architecture.md, "Trust boundary"), the
// renderer served from the app's own `app://pos/` origin, and every IPC call routed through the
// contract's dispatch. All the work is in the application core (electron/services.ts), which runs
// the same under plain Node; this file only starts it, shows it and stops it.
import { app, BrowserWindow, dialog, ipcMain, net, protocol, session, type IpcMainInvokeEvent } from 'electron';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { channelNames, EVENT_CHANNEL, IPC_PREFIX } from '../shared/ipc';
import { err, ok, type AppError, type Result } from '../shared/result';
import { createRotatingLogFile } from './backup/rotating-log-file';
import { createAppDispatch } from './ipc/app-dispatch';
import type { Dispatch } from './ipc/dispatch';
import { createLogger, type LogSink } from './log';
import { appPaths } from './platform/app-paths';
import { createElectronPrinter } from './platform/printer';
import { createSafeStorageBox } from './platform/secrets';
import { lockedDownWebPreferences } from './platform/web-preferences';
import { startServices, type Services } from './services';
import { startFailureText } from './start-failure-text';

const APP_ORIGIN = 'app://pos';
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
/** Module scripts are refused by Chromium unless served as JavaScript: the type is set, not guessed. */
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};
/** How long quitting waits for the services to stop (a sale on the wire settles or stays journaled as sent). */
const STOP_WITHIN_MS = 8_000;

protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
app.enableSandbox();

type Running = { services: Services; closePrinter: () => void; preload: string };
let running: Running | null = null;
let mainWindow: BrowserWindow | null = null;
let stopping: Promise<void> | null = null;
let stopped = false;

async function start(): Promise<Result<void>> {
  const paths = appPaths();
  const writable = ensureWritableFolder(paths.dataDir);
  if (!writable.ok) return writable;
  // Two windows on one journal would race on the same sales: a second start only focuses the first.
  // The lock lives in the data folder, which is why that folder is checked first.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return ok(undefined);
  }
  const log = createLogger(neverThrows(createRotatingLogFile({ folder: paths.dataDir }).sink));
  const printer = createElectronPrinter({ pageUrl: `${APP_ORIGIN}/index.html`, preload: paths.preload });
  const started = await startServices({
    dataDir: paths.dataDir,
    migrationsDir: paths.migrationsDir,
    now: Date.now,
    log,
    shell: 'electron',
    version: app.getVersion(),
    secretBox: createSafeStorageBox(),
    printer,
    ...(paths.nativeBinding ? { nativeBinding: paths.nativeBinding } : {}),
  });
  if (!started.ok) return started;
  const services = started.value;
  running = { services, closePrinter: printer.close, preload: paths.preload };
  serveRenderer(paths.rendererDir);
  lockDownSession();
  registerIpc(createAppDispatch(services));
  mainWindow = createWindow(paths.preload);
  services.events.subscribe((name, payload) => {
    if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(EVENT_CHANNEL, { name, payload });
  });
  return ok(undefined);
}

/** The data folder exists and takes a write; the single-instance lock and the database both need it. */
function ensureWritableFolder(folder: string): Result<void> {
  try {
    mkdirSync(folder, { recursive: true });
    const probe = join(folder, `.write-test-${process.pid}`);
    writeFileSync(probe, '');
    rmSync(probe, { force: true });
    return ok(undefined);
  } catch (cause) {
    return err('app.data_folder_unwritable', `cannot write to ${folder}: ${(cause as Error).message}`, { folder });
  }
}

/** The log must never be what stops the app: a line that cannot be written is dropped. */
function neverThrows(sink: LogSink): LogSink {
  return (line) => {
    try {
      sink(line);
    } catch {
      // The disk or the folder refused the line; the app goes on, the dialogs say what matters.
    }
  };
}

/** Every start failure ends the same way: one dialog in the computer's language, and a non-zero exit. */
async function failStart(error: AppError) {
  const { title, content } = startFailureText(error, app.getLocale());
  dialog.showErrorBox(title, content);
  if (running) await stopServices(running);
  app.exit(1);
}

function serveRenderer(rendererDir: string) {
  protocol.handle('app', async (request) => {
    const file = rendererFile(rendererDir, new URL(request.url));
    // Electron's net.fetch reads file: URLs; Node's global fetch does not.
    const response = file ? await net.fetch(pathToFileURL(file).toString()).catch(() => null) : null;
    if (!response || !response.ok) return new Response('not found', { status: 404, headers: { 'Content-Security-Policy': CSP } });
    const headers = new Headers(response.headers);
    const type = MIME[extname(file!).toLowerCase()];
    if (type) headers.set('Content-Type', type);
    headers.set('Content-Security-Policy', CSP);
    return new Response(response.body, { status: response.status, headers });
  });
}

/** The file under dist/renderer a URL names, or null for another host, a path that leaves it, or no such file. */
function rendererFile(rendererDir: string, url: URL): string | null {
  if (url.host !== 'pos') return null;
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  const relative = normalize(path).replace(/^([/\\])+/, '') || 'index.html';
  const file = join(rendererDir, relative);
  // A folder is not a page: Chromium would answer it with a listing.
  return file.startsWith(rendererDir + sep) && isFile(file) ? file : null;
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function lockDownSession() {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (event, url) => {
      if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}

/** The sender must be the main frame of our own window, showing our own page. */
function isAppSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return (
    mainWindow !== null &&
    !mainWindow.isDestroyed() &&
    event.sender === mainWindow.webContents &&
    frame !== null &&
    frame === mainWindow.webContents.mainFrame &&
    frame.url.startsWith(`${APP_ORIGIN}/`)
  );
}

function registerIpc(dispatch: Dispatch) {
  for (const name of channelNames) {
    ipcMain.handle(IPC_PREFIX + name, (event, payload) => dispatch(name, payload, { trustedSender: isAppSender(event) }));
  }
}

function createWindow(preload: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Recharge POS',
    webPreferences: lockedDownWebPreferences(preload),
  });
  window.removeMenu();
  window.once('ready-to-show', () => window.show());
  // The app is its one window: the hidden print window must not keep it running once this one is closed.
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
    app.quit();
  });
  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}

/** Stops the services, bounded: a quit must end even if a provider never answers. */
async function stopServices(current: Running): Promise<void> {
  current.closePrinter();
  const timedOut = new Promise<'timed out'>((resolve) => setTimeout(() => resolve('timed out'), STOP_WITHIN_MS).unref());
  const outcome = await Promise.race([current.services.stop(), timedOut]);
  if (outcome === 'timed out') current.services.deps.log.error('services did not stop in time', { withinMs: STOP_WITHIN_MS });
}

// Quitting waits for the core to stop: in-flight sales settle or stay journaled as sent, and the
// database is closed before the process ends.
app.on('before-quit', (event) => {
  if (stopped || !running) return;
  event.preventDefault();
  // No new sale may start while the core stops: the window goes out of reach at once.
  if (mainWindow && !mainWindow.isDestroyed()) mainWindow.hide();
  stopping ??= stopServices(running).finally(() => {
    stopped = true;
    app.quit();
  });
});

app.on('second-instance', () => {
  if (stopping || !running) return;
  if (mainWindow && !mainWindow.isDestroyed()) {
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
    return;
  }
  mainWindow = createWindow(running.preload);
});
app.on('window-all-closed', () => app.quit());

app
  .whenReady()
  .then(start)
  .then(
    (started) => {
      if (!started.ok) return failStart(started.error);
    },
    (cause: unknown) => failStart({ code: 'app.start_failed', message: String(cause), params: { detail: cause instanceof Error ? cause.message : String(cause) } }),
  );
