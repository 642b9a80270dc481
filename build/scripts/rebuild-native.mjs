// One install serves both runtimes (docs/architecture.md, "Testing layers"): node_modules keeps
// better-sqlite3 built for Node (tests, web shell); this puts a copy built for Electron's ABI at
// dist/native/better_sqlite3.node, which the app loads through better-sqlite3's `nativeBinding` option.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const electronVersion = require('electron/package.json').version;
const target = join('dist', 'native', 'better_sqlite3.node');
// The build is for one Electron version (its ABI): a stamp beside it says which, so moving Electron
// to another major rebuilds it instead of loading a binary for the old ABI.
const stamp = join('dist', 'native', 'electron-version');
const builtFor = existsSync(stamp) ? readFileSync(stamp, 'utf8').trim() : null;
if (existsSync(target) && builtFor === electronVersion && !process.argv.includes('--force')) process.exit(0);

const source = dirname(require.resolve('better-sqlite3/package.json'));
const work = mkdtempSync(join(tmpdir(), 'pos-native-'));
cpSync(source, work, { recursive: true });
rmSync(join(work, 'build'), { recursive: true, force: true });
const prebuild = require.resolve('prebuild-install/bin.js');
try {
  try {
    execFileSync(process.execPath, [prebuild, '--runtime', 'electron', '--target', electronVersion], { cwd: work, stdio: 'inherit' });
  } catch {
    // No prebuilt binary for this platform: compile it against Electron's headers.
    execFileSync('npx', ['--no-install', 'electron-rebuild', '--version', electronVersion, '--module-dir', work, '--only', 'better-sqlite3'], { stdio: 'inherit' });
  }
  mkdirSync(dirname(target), { recursive: true });
  cpSync(join(work, 'build', 'Release', 'better_sqlite3.node'), target);
  writeFileSync(stamp, electronVersion);
} finally {
  rmSync(work, { recursive: true, force: true });
}
console.log(`better-sqlite3 for Electron ${electronVersion} at ${target}`);
