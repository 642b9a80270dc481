// Bundles the main process and the preload to CommonJS for Electron. better-sqlite3 stays external
// (a native addon, loaded with the Electron build of its binary, see rebuild-native.mjs).
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node22', sourcemap: false, logLevel: 'warning' };

await build({ ...common, entryPoints: ['electron/main.ts'], outfile: 'dist/electron/main.cjs', external: ['electron', 'better-sqlite3'] });
// The sandboxed preload may require only 'electron': everything else is bundled in.
await build({ ...common, entryPoints: ['electron/preload.ts'], outfile: 'dist/electron/preload.cjs', external: ['electron'], minify: true });
console.log('built dist/electron/main.cjs and dist/electron/preload.cjs');
