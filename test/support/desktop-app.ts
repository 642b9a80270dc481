// Launches the bundled desktop app (dist/electron/main.cjs) in a child Node process with the
// Electron stand-in (test/harness/electron-stand-in/), and drives it the way a user, the OS or a
// page would: the test sends orders, reads back what the app did, and sees how the process ends.
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const REPO_ROOT = join(import.meta.dirname, '..', '..');
const RUN_MAIN = join(REPO_ROOT, 'test', 'harness', 'electron-stand-in', 'run-main.ts');

/** Bundles main.cjs and preload.cjs from the current sources; builds the renderer when it is missing. */
export function buildDesktopApp() {
  if (!existsSync(join(REPO_ROOT, 'dist', 'renderer', 'index.html'))) {
    execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: REPO_ROOT, stdio: 'inherit' });
  }
  execFileSync(process.execPath, ['build/scripts/build-electron.mjs'], { cwd: REPO_ROOT, stdio: 'pipe' });
}

/**
 * The app folder Electron would run: the built main process, preload and renderer, the migrations and
 * package.json, linked from the repository, but never dist/native: that copy of better-sqlite3 is
 * built for Electron's ABI (where `npm start` ran) and cannot load under Node.
 */
let appFolder: string | null = null;
function desktopAppFolder(): string {
  if (appFolder) return appFolder;
  const folder = mkdtempSync(join(tmpdir(), 'pos-app-'));
  for (const part of ['package.json', 'dist/electron', 'dist/renderer', 'electron/store/migrations']) {
    mkdirSync(dirname(join(folder, part)), { recursive: true });
    symlinkSync(join(REPO_ROOT, part), join(folder, part));
  }
  appFolder = folder;
  return folder;
}

export type DesktopApp = {
  send: <T = unknown>(cmd: string, args?: Record<string, unknown>) => Promise<T>;
  dialogs: { title: string; content: string }[];
  output: () => string;
  /** The exit code, or null if the process is still running after `withinMs`. */
  exitCode: (withinMs: number) => Promise<number | null>;
  kill: () => void;
};

export function launchDesktopApp(options: { userData: string; locale?: string }): DesktopApp {
  const child: ChildProcess = fork(RUN_MAIN, [], {
    cwd: REPO_ROOT,
    execArgv: ['--import', 'tsx', '--unhandled-rejections=warn-with-error-code', '--no-warnings=ExperimentalWarning'],
    env: { ...process.env, POS_STANDIN_USER_DATA: options.userData, POS_STANDIN_APP_PATH: desktopAppFolder(), POS_STANDIN_LOCALE: options.locale ?? 'ar' },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += String(chunk)));
  child.stderr!.on('data', (chunk) => (output += String(chunk)));
  const dialogs: DesktopApp['dialogs'] = [];
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  const exited = new Promise<number>((resolve) =>
    child.on('exit', (code, signal) => {
      for (const waiting of pending.values()) waiting.reject(new Error(`the app exited (${code ?? signal})`));
      resolve(code ?? -1);
    }),
  );
  child.on('message', (message: { id?: number; ok?: boolean; value?: unknown; error?: string; event?: string; title?: string; content?: string }) => {
    if (message.event === 'dialog') dialogs.push({ title: message.title!, content: message.content! });
    if (message.id === undefined) return;
    const waiting = pending.get(message.id);
    pending.delete(message.id);
    if (message.ok) waiting?.resolve(message.value);
    else waiting?.reject(new Error(message.error));
  });
  return {
    send: <T>(cmd: string, args: Record<string, unknown> = {}) =>
      new Promise<T>((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
        child.send({ id, cmd, ...args });
      }),
    dialogs,
    output: () => output,
    exitCode: (withinMs) => Promise.race([exited, new Promise<null>((resolve) => setTimeout(() => resolve(null), withinMs).unref())]),
    kill: () => {
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

/** Polls `probe` until it returns something truthy, for at most `withinMs`. */
export async function waitFor<T>(probe: () => Promise<T> | T, withinMs = 10_000, whatFor = 'condition'): Promise<NonNullable<T>> {
  const until = Date.now() + withinMs;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > until) throw new Error(`timed out waiting for ${whatFor}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
