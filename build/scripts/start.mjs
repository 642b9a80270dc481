// `npm start`: builds and runs the desktop app. Electron's package no longer downloads its binary at
// install time: the first start fetches it (`install-electron`) unless ELECTRON_SKIP_BINARY_DOWNLOAD
// is set. Where there is still no binary, says so in one line and points to the web shell, which runs
// the same app in a browser.
import { execSync, spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { electronBinary } from './electron-binary.mjs';

function installBinary() {
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) return;
  const installer = createRequire(import.meta.url).resolve('electron/install.js');
  spawnSync(process.execPath, [installer], { stdio: 'ignore', timeout: 10 * 60_000 });
}

const binary = electronBinary() ?? (installBinary(), electronBinary());
if (!binary) {
  console.error(
    "Electron's binary is not installed on this machine (ELECTRON_SKIP_BINARY_DOWNLOAD, or the download failed): run `npm run shell` to use the same app in a browser, or `npx install-electron` to fetch the binary.",
  );
  process.exit(1);
}
execSync('npm run build --silent', { stdio: 'inherit' });
execSync('node build/scripts/rebuild-native.mjs', { stdio: 'inherit' });
const child = spawn(binary, ['.'], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
