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
//   main process" box and the process goes on (run-main.ts); an unhandled rejection only warns (warn-with-error-code).
//
// What it cannot prove (only the Electron smoke test on a machine with the binary can): Chromium's
// sandbox and context isolation themselves, the renderer's JavaScript running in the page (the page's
// assets are fetched, not executed; executeJavaScript answers only the receipt window's size query),
// real printing and printer drivers, the OS keychain, focus and window management by the OS, and
// Electron's real event timing beyond the order documented above.

export { app } from './app';
export { dialog } from './dialog';
export { ipcMain } from './ipc-main';
export { record, StandInEvent } from './lifecycle';
export { net, protocol } from './protocol';
export { safeStorage } from './safe-storage';
export { session } from './session';
export { BrowserWindow, WebContents, type WebFrameMain } from './windows';
