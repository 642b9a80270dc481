// `npm start`: builds and runs the desktop app. Where Electron's binary was not downloaded, says so
// in one line and points to the web shell, which runs the same app in a browser.
import { execSync, spawn } from 'node:child_process';
import { electronBinary } from './electron-binary.mjs';

const binary = electronBinary();
if (!binary) {
  console.error("Electron's binary is not installed on this machine (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1): run `npm run shell` to use the same app in a browser.");
  process.exit(1);
}
execSync('npm run build --silent', { stdio: 'inherit' });
execSync('node build/scripts/rebuild-native.mjs', { stdio: 'inherit' });
const child = spawn(binary, ['.'], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
