// Where the app keeps its data and finds its own files, from Electron's `app`. The only paths
// adapter; the web shell and tests pass their own folders to startServices.
import { app } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export function appPaths() {
  const root = app.getAppPath();
  // Built by build/scripts/rebuild-native.mjs for Electron's ABI; tests keep node_modules' Node build (docs/architecture.md, "Storage").
  const nativeCandidates = [join(process.resourcesPath ?? '', 'native', 'better_sqlite3.node'), join(root, 'dist', 'native', 'better_sqlite3.node')];
  return {
    dataDir: app.getPath('userData'),
    rendererDir: join(root, 'dist', 'renderer'),
    preload: join(root, 'dist', 'electron', 'preload.cjs'),
    migrationsDir: join(root, 'electron', 'store', 'migrations'),
    nativeBinding: nativeCandidates.find((file) => existsSync(file)),
  };
}
