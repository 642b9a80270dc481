// What `import('electron')` resolves to under the stand-in: the one stand-in instance run-main.ts made.
const electron = globalThis.__posElectronStandIn;
export default electron;
export const { app, BrowserWindow, ipcMain, protocol, session, net, safeStorage, dialog } = electron;
