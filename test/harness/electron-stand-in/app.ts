// The stand-in's `app` (docs/api/app.md): lifecycle events in Electron's order, the single-instance
// lock kept in the userData folder, quit() and exit().
import { EventEmitter } from 'node:events';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readiness, record, StandInEvent, whenReady } from './lifecycle';
import { BrowserWindow } from './windows';

let quitting = false;
const paths = new Map<string, string>();
let lockFile: string | null = null;

class App extends EventEmitter {
  override emit(name: string | symbol, ...args: unknown[]): boolean {
    record.appEvents.push(String(name));
    return super.emit(name, ...args);
  }
  isReady() {
    return readiness.ready;
  }
  whenReady() {
    return whenReady;
  }
  enableSandbox() {
    if (readiness.ready) throw new Error('app.enableSandbox() can only be called before app is ready');
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
    if (!readiness.ready) return '';
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
    readiness.markReady();
    this.emit('ready', new StandInEvent(), {});
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
