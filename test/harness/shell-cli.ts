// `npm run shell`: builds the renderer if needed, starts the web shell and prints its URL.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, RENDERER_DIR, startShell } from './shell';

if (!existsSync(join(RENDERER_DIR, 'index.html')) || process.argv.includes('--build')) {
  execSync('npx vite build', { cwd: REPO_ROOT, stdio: 'inherit' });
}
const dataDir = process.env.POS_DATA_DIR ?? join(REPO_ROOT, '.shell-data');
const port = Number(process.env.PORT ?? 0);
const shell = await startShell({ dataDir, port, logSink: (line) => process.stderr.write(line + '\n') });
console.log(`Web shell running at ${shell.url}  (data: ${shell.dataDir}; Ctrl+C to stop)`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void shell.close().then(() => process.exit(0)));
}
