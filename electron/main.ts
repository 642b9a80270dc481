// The Electron main process: one window, locked down (DESIGN §2), the renderer served from the
// app's own `app://pos/` origin, and every IPC call routed through the contract's dispatch. All the
// work is in the services (electron/services.ts), which run the same under plain Node.
import { app, BrowserWindow, ipcMain, protocol, session, type IpcMainInvokeEvent } from 'electron';
import { mkdirSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { channelNames, EVENT_CHANNEL, IPC_PREFIX } from '../shared/ipc';
import { createLogger } from './log';
import { createRotatingLogFile } from './backup/rotating-log-file';
import { appPaths } from './platform/app-paths';
import { createElectronPrinter } from './platform/printer';
import { createSafeStorageBox } from './platform/secrets';
import { createAppDispatch } from './ipc/app-dispatch';
import type { Dispatch } from './ipc/dispatch';
import { startServices } from './services';

const APP_ORIGIN = 'app://pos';
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  // Two windows on one journal would race on the same sales: the second start only focuses the first.
  app.quit();
}

let mainWindow: BrowserWindow | null = null;

async function start(): Promise<void> {
  const paths = appPaths();
  mkdirSync(paths.dataDir, { recursive: true });
  const log = createLogger(createRotatingLogFile({ folder: paths.dataDir }).sink);
  const printer = createElectronPrinter({ pageUrl: `${APP_ORIGIN}/index.html`, preload: paths.preload });
  const created = await startServices({
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
  if (!created.ok) {
    log.error('services did not start', { code: created.error.code });
    const { dialog } = await import('electron');
    dialog.showErrorBox('Recharge POS', `${created.error.code}: ${created.error.message}`);
    app.quit();
    return;
  }
  const services = created.value;
  serveRenderer(paths.rendererDir);
  lockDownSession();
  registerIpc(createAppDispatch(services));
  mainWindow = createWindow(paths.preload);
  services.events.subscribe((name, payload) => mainWindow?.webContents.send(EVENT_CHANNEL, { name, payload }));
  app.on('before-quit', () => {
    printer.close();
    void services.stop();
  });
}

function serveRenderer(rendererDir: string) {
  protocol.handle('app', async (request) => {
    const url = new URL(request.url);
    const relative = normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, '') || 'index.html';
    const file = join(rendererDir, relative);
    if (url.host !== 'pos' || !file.startsWith(rendererDir + sep)) return new Response('not found', { status: 404 });
    const response = await fetch(pathToFileURL(file).toString()).catch(() => null);
    if (!response) return new Response('not found', { status: 404 });
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', CSP);
    return new Response(response.body, { status: response.status, headers });
  });
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
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
    },
  });
  window.removeMenu();
  window.once('ready-to-show', () => window.show());
  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}

app.on('second-instance', () => {
  if (mainWindow) {
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  }
});
app.on('window-all-closed', () => app.quit());
void app.whenReady().then(start);
