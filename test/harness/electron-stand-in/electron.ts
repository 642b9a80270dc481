// A stand-in for the `electron` module, written from Electron's documentation (docs/api/app.md,
// browser-window.md, web-contents.md, protocol.md, net.md, ipc-main.md, session.md,
// safe-storage.md, dialog.md, context-bridge.md, ipc-renderer.md) for exactly the parts the app uses,
// so the BUNDLED main process (dist/electron/main.cjs) and preload (dist/electron/preload.cjs) run
// under plain Node. Everything else they touch is real: Node's global fetch, the file system,
// better-sqlite3, the services, the training simulators.
//
// What it keeps from Electron, because the app's correctness depends on it:
// - app: 'will-finish-launching' then 'ready' after the main script ran; whenReady; quit() emits
//   'before-quit' (preventable), closes every window ('close', 'closed'), then 'will-quit'
//   (preventable) and 'quit', and exits 0; 'window-all-closed' is not emitted during quit(); exit(code)
//   skips all of that; a hidden window is a window (it keeps 'window-all-closed' from firing); with no
//   'window-all-closed' listener, closing the last window quits. requestSingleInstanceLock() keeps its
//   lock in the userData folder, so it fails where that folder cannot be written.
// - BrowserWindow/webContents: options recorded; every method but isDestroyed() throws "Object has
//   been destroyed" once the window is gone; loadURL() requests the page through the registered
//   protocol handler, then its scripts, style sheets and the fonts they use, the way Chromium does,
//   and fails for a scheme nobody handles; the preload runs in a sandbox whose `require` knows only
//   'electron'; will-navigate and the window-open handler decide navigations and popups.
// - protocol.handle gets a real Request and must answer a Response; net.fetch reads file: URLs (Node's
//   global fetch does not) with the content type Chromium gives by extension, and rejects a missing
//   file with net::ERR_FILE_NOT_FOUND.
// - ipcMain.handle: one handler per channel; the event carries the sender webContents and frame;
//   results are structured-cloned; a channel without a handler rejects.
// - session.defaultSession: with no permission handler set, every permission is granted.
// - safeStorage: Linux's basic_text backend (AES-128-CBC, "v10" prefix, key from "peanuts").
// - An uncaught exception in the main process shows Electron's "A JavaScript error occurred in the
//   main process" box and the process goes on (run-main.ts); an unhandled rejection only warns.
//
// What it cannot prove (only the Electron smoke test on a machine with the binary can): Chromium's
// sandbox and context isolation themselves, the renderer's JavaScript running in the page (the page's
// assets are fetched, not executed; executeJavaScript answers only the receipt window's size query),
// real printing and printer drivers, the OS keychain, focus and window management by the OS, and
// Electron's real event timing beyond the order documented above.
import { createCipheriv, createDecipheriv, pbkdf2Sync } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';

/** Electron's Event: `preventDefault()` and `defaultPrevented`, plus whatever the event carries. */
export class StandInEvent {
  defaultPrevented = false;
  constructor(extra: Record<string, unknown> = {}) {
    Object.assign(this, extra);
  }
  preventDefault() {
    this.defaultPrevented = true;
  }
}

/** What the tests read back: every call the app made that matters to them. */
export const record = {
  sandboxEnabled: false,
  privilegedSchemes: [] as unknown[],
  dialogs: [] as { title: string; content: string }[],
  prints: [] as { options: Record<string, unknown> }[],
  loads: [] as { window: number; url: string; status: number; contentType: string | null; csp: string | null }[],
  appEvents: [] as string[],
};

const READY_ONLY = (what: string) => new Error(`${what} cannot be used before the app is ready`);
let readyState = false;
let quitting = false;
let resolveReady: () => void = () => undefined;
const readyPromise = new Promise<void>((resolve) => (resolveReady = resolve));
const paths = new Map<string, string>();
let lockFile: string | null = null;

class App extends EventEmitter {
  override emit(name: string | symbol, ...args: unknown[]): boolean {
    record.appEvents.push(String(name));
    return super.emit(name, ...args);
  }
  isReady() {
    return readyState;
  }
  whenReady() {
    return readyPromise;
  }
  enableSandbox() {
    if (readyState) throw new Error('app.enableSandbox() can only be called before app is ready');
    record.sandboxEnabled = true;
  }
  getAppPath() {
    return process.env.POS_STANDIN_APP_PATH ?? process.cwd();
  }
  getVersion() {
    return (JSON.parse(readFileSync(join(this.getAppPath(), 'package.json'), 'utf8')) as { version: string }).version;
  }
  getName() {
    return 'Recharge POS';
  }
  getLocale() {
    if (!readyState) return '';
    return process.env.POS_STANDIN_LOCALE ?? 'ar';
  }
  getPath(name: string) {
    const known = paths.get(name);
    if (known) return known;
    if (name === 'userData') return process.env.POS_STANDIN_USER_DATA ?? join(tmpdir(), 'Recharge POS');
    if (name === 'temp') return tmpdir();
    throw new Error(`Failed to get '${name}' path`);
  }
  setPath(name: string, path: string) {
    paths.set(name, path);
  }
  /** Chromium keeps the lock as a file in the profile (userData) folder. */
  requestSingleInstanceLock() {
    const folder = this.getPath('userData');
    try {
      mkdirSync(folder, { recursive: true });
      const file = join(folder, 'SingletonLock');
      if (existsSync(file)) {
        const holder = Number(readFileSync(file, 'utf8'));
        if (holder !== process.pid && isAlive(holder)) return false;
      }
      writeFileSync(file, String(process.pid));
      lockFile = file;
      return true;
    } catch {
      return false;
    }
  }
  releaseSingleInstanceLock() {
    if (lockFile) rmSync(lockFile, { force: true });
    lockFile = null;
  }
  quit() {
    if (quitting) return;
    const beforeQuit = new StandInEvent();
    this.emit('before-quit', beforeQuit);
    if (beforeQuit.defaultPrevented) return;
    quitting = true;
    for (const window of BrowserWindow.getAllWindows()) {
      window.close();
      if (!window.isDestroyed()) {
        // A window refused to close: the quit is cancelled, as in Electron.
        quitting = false;
        return;
      }
    }
    const willQuit = new StandInEvent();
    this.emit('will-quit', willQuit);
    if (willQuit.defaultPrevented) {
      quitting = false;
      return;
    }
    this.emit('quit', new StandInEvent(), 0);
    this.exit(0);
  }
  exit(code = 0) {
    for (const window of BrowserWindow.getAllWindows()) window.destroy();
    this.releaseSingleInstanceLock();
    process.exit(code);
  }
  /** Called by run-main.ts once the main script has run: Electron finishes launching. */
  standInLaunch() {
    this.emit('will-finish-launching');
    readyState = true;
    this.emit('ready', new StandInEvent(), {});
    resolveReady();
  }
  /** Quitting because the last window closed, with nobody listening to 'window-all-closed'. */
  standInAllClosed() {
    if (quitting) return;
    if (this.listenerCount('window-all-closed') > 0) this.emit('window-all-closed', new StandInEvent());
    else this.quit();
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export const app = new App();

// ---- protocol and net ----------------------------------------------------------------------

type ProtocolHandler = (request: Request) => Response | Promise<Response>;
const handlers = new Map<string, ProtocolHandler>();

export const protocol = {
  registerSchemesAsPrivileged(schemes: unknown[]) {
    if (readyState) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    record.privilegedSchemes.push(...schemes);
  },
  handle(scheme: string, handler: ProtocolHandler) {
    if (!readyState) throw READY_ONLY('protocol.handle');
    if (handlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`);
    handlers.set(scheme, handler);
  },
  isProtocolHandled(scheme: string) {
    return handlers.has(scheme);
  },
};

/** The content types Chromium gives file: URLs by their extension (net/base/mime_util.cc). */
const CHROMIUM_MIME: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

export const net = {
  async fetch(input: string | Request, init?: RequestInit): Promise<Response> {
    const url = typeof input === 'string' ? input : input.url;
    if (url.startsWith('file:')) {
      const file = fileURLToPath(url);
      if (!existsSync(file) || !statSync(file).isFile()) throw new TypeError('net::ERR_FILE_NOT_FOUND');
      const type = CHROMIUM_MIME[extname(file).toLowerCase()];
      return new Response(readFileSync(file), { status: 200, headers: type ? { 'content-type': type } : {} });
    }
    const scheme = url.slice(0, url.indexOf(':'));
    const handler = handlers.get(scheme);
    if (handler) return handler(new Request(url, init));
    return fetch(input, init);
  },
};

/** A request from a page: through the scheme's handler, or refused as Chromium refuses an unknown scheme. */
async function pageRequest(url: string): Promise<Response> {
  const scheme = url.slice(0, url.indexOf(':'));
  const handler = handlers.get(scheme);
  if (!handler) throw new Error(`ERR_UNKNOWN_URL_SCHEME (-302) loading '${url}'`);
  return handler(new Request(url));
}

// ---- ipcMain ---------------------------------------------------------------------------------

type InvokeHandler = (event: unknown, ...args: unknown[]) => unknown;
const invokeHandlers = new Map<string, InvokeHandler>();

export const ipcMain = {
  handle(channel: string, handler: InvokeHandler) {
    if (invokeHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    invokeHandlers.set(channel, handler);
  },
  removeHandler(channel: string) {
    invokeHandlers.delete(channel);
  },
  /** What a renderer's `ipcRenderer.invoke` reaches: the event names the sender and its frame. */
  async standInInvoke(sender: WebContents, senderFrame: WebFrameMain | null, channel: string, ...args: unknown[]) {
    const handler = invokeHandlers.get(channel);
    if (!handler) throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`);
    const event = { sender, senderFrame, frameId: senderFrame?.routingId ?? -1, processId: senderFrame?.processId ?? -1, type: 'frame' };
    try {
      return structuredClone(await handler(event, ...args.map((arg) => structuredClone(arg))));
    } catch (cause) {
      throw new Error(`Error invoking remote method '${channel}': ${String(cause)}`);
    }
  },
  standInChannels() {
    return [...invokeHandlers.keys()];
  },
};

// ---- session -----------------------------------------------------------------------------------

type PermissionRequestHandler = (contents: WebContents, permission: string, callback: (granted: boolean) => void, details: unknown) => void;
type PermissionCheckHandler = (contents: WebContents | null, permission: string, origin: string, details: unknown) => boolean;

class Session {
  private requestHandler: PermissionRequestHandler | null = null;
  private checkHandler: PermissionCheckHandler | null = null;
  setPermissionRequestHandler(handler: PermissionRequestHandler | null) {
    this.requestHandler = handler;
  }
  setPermissionCheckHandler(handler: PermissionCheckHandler | null) {
    this.checkHandler = handler;
  }
  /** A page asks for a permission: with no handler Electron grants it. */
  standInRequestPermission(contents: WebContents, permission: string): Promise<boolean> {
    const handler = this.requestHandler;
    if (!handler) return Promise.resolve(true);
    return new Promise((resolve) => handler(contents, permission, resolve, { requestingUrl: contents.getURL() }));
  }
  standInCheckPermission(contents: WebContents, permission: string): boolean {
    return this.checkHandler ? this.checkHandler(contents, permission, new URL(contents.getURL()).origin, {}) : true;
  }
}

export const session = {
  get defaultSession(): Session {
    if (!readyState) throw READY_ONLY('session');
    return defaultSession;
  },
};
const defaultSession = new Session();

// ---- windows -----------------------------------------------------------------------------------

let nextId = 1;
const windows = new Set<BrowserWindow>();

export type WebFrameMain = { url: string; routingId: number; processId: number; parent: WebFrameMain | null };

/** The renderer side of one page: the preload's world and its ipcRenderer listeners. */
type RendererWorld = { exposed: Record<string, unknown>; listeners: Map<string, Set<(...args: unknown[]) => void>> };

function destroyedError() {
  return new TypeError('Object has been destroyed');
}

export class WebContents extends EventEmitter {
  readonly id = nextId++;
  mainFrame: WebFrameMain = { url: '', routingId: 1, processId: this.id, parent: null };
  world: RendererWorld | null = null;
  private openHandler: ((details: { url: string; frameName: string; features: string; disposition: string }) => { action: 'allow' | 'deny' }) | null =
    null;
  destroyed = false;

  constructor(private readonly owner: BrowserWindow) {
    super();
  }
  private alive() {
    if (this.destroyed) throw destroyedError();
  }
  isDestroyed() {
    return this.destroyed;
  }
  getURL() {
    this.alive();
    return this.mainFrame.url;
  }
  setWindowOpenHandler(handler: WebContents['openHandler']) {
    this.alive();
    this.openHandler = handler;
  }
  send(channel: string, ...args: unknown[]) {
    this.alive();
    const listeners = this.world?.listeners.get(channel);
    for (const listener of listeners ?? []) listener({ sender: null }, ...args.map((arg) => structuredClone(arg)));
  }
  async loadURL(url: string): Promise<void> {
    this.alive();
    let page: Response;
    try {
      page = await pageRequest(url);
    } catch (cause) {
      this.emit('did-fail-load', new StandInEvent(), -302, String(cause), url);
      throw cause;
    }
    this.mainFrame.url = url;
    const html = await this.recordLoad(url, page);
    this.world = this.runPreload();
    if (page.ok && html !== null) {
      for (const asset of assetsOf(html)) {
        const assetUrl = new URL(asset, url).toString();
        const response = await pageRequest(assetUrl).catch(() => new Response(null, { status: 404 }));
        const text = await this.recordLoad(assetUrl, response);
        if (text !== null && assetUrl.endsWith('.css')) {
          for (const font of fontsOf(text)) {
            const fontUrl = new URL(font, assetUrl).toString();
            await this.recordLoad(fontUrl, await pageRequest(fontUrl).catch(() => new Response(null, { status: 404 })));
          }
        }
      }
    }
    if (this.destroyed) return;
    this.emit('did-finish-load', new StandInEvent());
    this.owner.emit('ready-to-show', new StandInEvent());
  }
  private async recordLoad(url: string, response: Response): Promise<string | null> {
    const contentType = response.headers.get('content-type');
    record.loads.push({ window: this.owner.id, url, status: response.status, contentType, csp: response.headers.get('content-security-policy') });
    const isText = /^(text\/|application\/json)/.test(contentType ?? '');
    const body = await response.arrayBuffer();
    return isText ? Buffer.from(body).toString('utf8') : null;
  }
  /** The preload in a sandboxed renderer: `require` knows only 'electron'; exposeInMainWorld fills the page's world. */
  private runPreload(): RendererWorld {
    const world: RendererWorld = { exposed: {}, listeners: new Map() };
    const preload = this.owner.options.webPreferences?.preload;
    if (!preload) return world;
    const rendererElectron = {
      contextBridge: {
        exposeInMainWorld(key: string, api: unknown) {
          if (key in world.exposed) throw new Error(`Cannot bind an API on top of an existing property on the window object`);
          world.exposed[key] = api;
        },
      },
      ipcRenderer: {
        invoke: (channel: string, ...args: unknown[]) => ipcMain.standInInvoke(this, this.mainFrame, channel, ...args),
        on(channel: string, listener: (...args: unknown[]) => void) {
          if (!world.listeners.has(channel)) world.listeners.set(channel, new Set());
          world.listeners.get(channel)!.add(listener);
          return this;
        },
        removeListener(channel: string, listener: (...args: unknown[]) => void) {
          world.listeners.get(channel)?.delete(listener);
          return this;
        },
      },
    };
    const module = { exports: {} as unknown };
    const sandboxedRequire = (name: string) => {
      if (name === 'electron') return rendererElectron;
      throw new Error(`module not found: ${name}`);
    };
    const source = readFileSync(preload, 'utf8');
    const wrapped = runInNewContext(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { console, Promise, setTimeout, clearTimeout });
    (wrapped as (...args: unknown[]) => void)(module.exports, sandboxedRequire, module, preload, '.');
    return world;
  }
  /** A navigation the page starts (a link, `location.href = ...`): 'will-navigate' may refuse it. */
  standInNavigate(url: string): boolean {
    this.alive();
    const event = new StandInEvent({ url, isMainFrame: true });
    this.emit('will-navigate', event, url);
    if (!event.defaultPrevented) this.mainFrame.url = url;
    return !event.defaultPrevented;
  }
  /** `window.open(url)` in the page: the window-open handler decides; with none, Electron allows it. */
  standInWindowOpen(url: string): 'allow' | 'deny' {
    this.alive();
    return this.openHandler?.({ url, frameName: '', features: '', disposition: 'new-window' }).action ?? 'allow';
  }
  async executeJavaScript(code: string): Promise<unknown> {
    this.alive();
    // The renderer's code does not run here: only the receipt window's size query has an answer.
    if (code.startsWith('window.posReceipt.show(')) return { width: this.owner.contentSize[0], height: 900 };
    return undefined;
  }
  async getPrintersAsync() {
    this.alive();
    return [{ name: 'XP-80', displayName: 'XP-80', description: 'thermal', status: 0, isDefault: true, options: {} }];
  }
  print(options: Record<string, unknown>, callback?: (success: boolean, failureReason: string) => void) {
    this.alive();
    record.prints.push({ options: structuredClone(options) });
    setImmediate(() => callback?.(true, ''));
  }
  async capturePage() {
    this.alive();
    throw new Error('capturePage is not available in the stand-in');
  }
}

type WindowOptions = { show?: boolean; webPreferences?: Record<string, unknown> & { preload?: string }; width?: number; height?: number } & Record<string, unknown>;

export class BrowserWindow extends EventEmitter {
  readonly id = nextId++;
  readonly webContents: WebContents;
  visible: boolean;
  minimized = false;
  focused = false;
  destroyed = false;
  contentSize: [number, number];

  constructor(readonly options: WindowOptions = {}) {
    super();
    if (!readyState) throw new Error('Cannot create BrowserWindow before app is ready');
    this.options = structuredClone(options);
    this.visible = options.show !== false;
    this.contentSize = [options.width ?? 800, options.height ?? 600];
    this.webContents = new WebContents(this);
    windows.add(this);
    app.emit('web-contents-created', new StandInEvent(), this.webContents);
  }
  static getAllWindows(): BrowserWindow[] {
    return [...windows];
  }
  private alive() {
    if (this.destroyed) throw destroyedError();
  }
  isDestroyed() {
    return this.destroyed;
  }
  loadURL(url: string) {
    this.alive();
    return this.webContents.loadURL(url);
  }
  show() {
    this.alive();
    this.visible = true;
    this.focused = true;
  }
  hide() {
    this.alive();
    this.visible = false;
  }
  isVisible() {
    this.alive();
    return this.visible;
  }
  focus() {
    this.alive();
    this.focused = true;
  }
  isMinimized() {
    this.alive();
    return this.minimized;
  }
  minimize() {
    this.alive();
    this.minimized = true;
  }
  restore() {
    this.alive();
    this.minimized = false;
  }
  removeMenu() {
    this.alive();
  }
  setContentSize(width: number, height: number) {
    this.alive();
    this.contentSize = [width, height];
  }
  /** The user (or the app) closes the window: 'close' may refuse it; then 'closed'. */
  close() {
    if (this.destroyed) return;
    const event = new StandInEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return;
    this.destroy();
  }
  destroy() {
    if (this.destroyed) return;
    this.destroyed = true;
    this.webContents.destroyed = true;
    windows.delete(this);
    this.emit('closed');
    if (windows.size === 0) app.standInAllClosed();
  }
}

// ---- safeStorage, dialog ---------------------------------------------------------------------------

// Chromium's Linux basic_text backend: AES-128-CBC, key PBKDF2("peanuts", "saltysalt", 1), IV of spaces.
const BASIC_KEY = pbkdf2Sync('peanuts', 'saltysalt', 1, 16, 'sha1');
const BASIC_IV = Buffer.alloc(16, ' ');

export const safeStorage = {
  isEncryptionAvailable() {
    return readyState;
  },
  getSelectedStorageBackend() {
    return 'basic_text';
  },
  encryptString(plain: string): Buffer {
    const cipher = createCipheriv('aes-128-cbc', BASIC_KEY, BASIC_IV);
    return Buffer.concat([Buffer.from('v10'), cipher.update(plain, 'utf8'), cipher.final()]);
  },
  decryptString(encrypted: Buffer): string {
    if (encrypted.subarray(0, 3).toString() !== 'v10') throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    const decipher = createDecipheriv('aes-128-cbc', BASIC_KEY, BASIC_IV);
    return Buffer.concat([decipher.update(encrypted.subarray(3)), decipher.final()]).toString('utf8');
  },
};

export const dialog = {
  /** Safe before 'ready'; blocks in Electron until dismissed, here it is recorded and told to the test. */
  showErrorBox(title: string, content: string) {
    record.dialogs.push({ title, content });
    process.send?.({ event: 'dialog', title, content });
  },
};

// ---- page assets ---------------------------------------------------------------------------------

function assetsOf(html: string): string[] {
  const found = new Set<string>();
  for (const match of html.matchAll(/<(?:script|link)\b[^>]*?\b(?:src|href)="([^"]+)"/g)) found.add(match[1]!);
  return [...found].filter((ref) => !/^(data:|#)/.test(ref));
}

function fontsOf(css: string): string[] {
  const found = new Set<string>();
  for (const match of css.matchAll(/url\(\s*["']?([^"')]+\.woff2)["']?\s*\)/g)) found.add(match[1]!);
  return [...found];
}
