// The renderer's lock-down (docs/architecture.md, "Trust boundary"), one set for every window the app
// opens: the app window and the hidden print window load the same page with the same preload.
export function lockedDownWebPreferences(preload: string) {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    webviewTag: false,
    spellcheck: false,
  };
}
