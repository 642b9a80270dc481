// The stand-in's `BrowserWindow` and `webContents` (docs/api/browser-window.md, web-contents.md):
// options recorded, "Object has been destroyed" once gone, loadURL through the protocol handler with
// the page's assets, the preload in a sandbox whose require knows only 'electron'.
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { app } from './app';
import { ipcMain } from './ipc-main';
import { readiness, record, StandInEvent } from './lifecycle';
import { pageRequest } from './protocol';

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
    if (!readiness.ready) throw new Error('Cannot create BrowserWindow before app is ready');
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
