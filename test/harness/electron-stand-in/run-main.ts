// Runs the bundled main process (dist/electron/main.cjs) under Node with the stand-in as `electron`
// (CommonJS require and ES import both redirected; nothing else is), and takes orders from the test
// over the child-process channel: what a user, the OS or a page would do to the running app.
// Started by test/support/desktop-app.ts as: node --import tsx --unhandled-rejections=warn-with-error-code run-main.ts (Electron's own mode since electron#37464)
import Module, { createRequire, register } from 'node:module';
import { join } from 'node:path';
import * as electron from './electron';
import { app, BrowserWindow, ipcMain, net, record, session, type WebContents } from './electron';

(globalThis as { __posElectronStandIn?: unknown }).__posElectronStandIn = electron;
register('./resolve-hooks.mjs', import.meta.url);
const moduleInternals = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
const load = moduleInternals._load;
moduleInternals._load = function (request: string, ...rest: unknown[]) {
  return request === 'electron' ? electron : load.call(this, request, ...rest);
};

// Electron's default for an uncaught exception in the main process: an error box, and the app goes on.
process.on('uncaughtException', (error) => {
  electron.dialog.showErrorBox('A JavaScript error occurred in the main process', `Uncaught Exception:\n${error.stack ?? String(error)}`);
});

/** The app's own window: the one not showing the receipt page. */
function mainWindow(): BrowserWindow | undefined {
  return BrowserWindow.getAllWindows().find((w) => !w.webContents.mainFrame.url.includes('#receipt') && w.options.show === false && !w.options.paintWhenInitiallyHidden);
}

/**
 * What the OS or the user does reaches the app from Electron's own loop, not from inside a call of the
 * app's: a handler that throws there is an uncaught exception (Electron's error box), as in Electron.
 */
function fromTheOs(action: () => void): Promise<true> {
  return new Promise((resolve) =>
    setImmediate(() => {
      resolve(true);
      action();
    }),
  );
}

type Command = { id: number; cmd: string; [key: string]: unknown };

function pos(contents: WebContents) {
  return contents.world?.exposed.pos as { invoke: (name: string, payload: unknown) => Promise<unknown> } | undefined;
}

async function run(command: Command): Promise<unknown> {
  const window = mainWindow();
  switch (command.cmd) {
    case 'state':
      return {
        ready: app.isReady(),
        channels: ipcMain.standInChannels(),
        windows: BrowserWindow.getAllWindows().map((w) => ({
          id: w.id,
          options: w.options,
          url: w.webContents.mainFrame.url,
          visible: w.visible,
          focused: w.focused,
          minimized: w.minimized,
          main: w === window,
          exposed: Object.keys(w.webContents.world?.exposed ?? {}),
          posKeys: Object.keys(pos(w.webContents) ?? {}),
        })),
        ...record,
      };
    case 'fetch': {
      const response = await net.fetch(String(command.url));
      const body = await response.arrayBuffer();
      return { status: response.status, contentType: response.headers.get('content-type'), csp: response.headers.get('content-security-policy'), bytes: body.byteLength };
    }
    case 'invoke': {
      if (!window) throw new Error('no app window');
      const contents = window.webContents;
      if (command.via === 'preload') return pos(contents)!.invoke(String(command.channel), command.payload);
      if (command.via === 'child-frame') {
        const frame = { url: 'https://evil.example/', routingId: 7, processId: contents.id, parent: contents.mainFrame };
        return ipcMain.standInInvoke(contents, frame, `pos:${String(command.channel)}`, command.payload);
      }
      if (command.via === 'other-page') {
        const shown = contents.mainFrame.url;
        contents.mainFrame.url = 'https://evil.example/';
        try {
          return await ipcMain.standInInvoke(contents, contents.mainFrame, `pos:${String(command.channel)}`, command.payload);
        } finally {
          contents.mainFrame.url = shown;
        }
      }
      throw new Error(`unknown via ${String(command.via)}`);
    }
    case 'navigate':
      return window!.webContents.standInNavigate(String(command.url));
    case 'windowOpen':
      return window!.webContents.standInWindowOpen(String(command.url));
    case 'permission': {
      const contents = window!.webContents;
      const requested = await (session.defaultSession as unknown as { standInRequestPermission: (c: WebContents, p: string) => Promise<boolean> }).standInRequestPermission(
        contents,
        String(command.permission),
      );
      const checked = (session.defaultSession as unknown as { standInCheckPermission: (c: WebContents, p: string) => boolean }).standInCheckPermission(contents, String(command.permission));
      return { requested, checked };
    }
    case 'closeWindow':
      return fromTheOs(() => window!.close());
    case 'minimize':
      return fromTheOs(() => window!.minimize());
    case 'secondInstance':
      return fromTheOs(() => app.emit('second-instance', new electron.StandInEvent(), [process.execPath, '.'], process.cwd(), {}));
    case 'quit':
      return fromTheOs(() => app.quit());
    default:
      throw new Error(`unknown command ${command.cmd}`);
  }
}

process.on('message', (message: Command) => {
  run(message).then(
    (value) => process.send?.({ id: message.id, ok: true, value }),
    (error: unknown) => process.send?.({ id: message.id, ok: false, error: String(error) }),
  );
});

const appPath = app.getAppPath();
createRequire(join(appPath, 'package.json'))(join(appPath, 'dist', 'electron', 'main.cjs'));
setImmediate(() => app.standInLaunch());
