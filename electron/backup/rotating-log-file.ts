// The log on disk: a sink for electron/log.ts's redacting logger that appends to `pos.log` and,
// past `maxBytes`, shifts pos.log → pos.log.1 → … → pos.log.N, dropping the oldest, so a shop PC
// that runs for years never fills its disk with logs. Only already-redacted lines reach it.
import { appendFileSync, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

export type RotatingLogOptions = { folder: string; name?: string; maxBytes?: number; files?: number };

export function createRotatingLogFile(options: RotatingLogOptions) {
  const base = join(options.folder, options.name ?? 'pos.log');
  const maxBytes = options.maxBytes ?? 2 * 1024 * 1024;
  const files = Math.max(1, options.files ?? 5);
  let size = existsSync(base) ? statSync(base).size : 0;

  function rotate() {
    rmSync(`${base}.${files}`, { force: true });
    for (let i = files - 1; i >= 1; i--) if (existsSync(`${base}.${i}`)) renameSync(`${base}.${i}`, `${base}.${i + 1}`);
    if (existsSync(base)) renameSync(base, `${base}.1`);
    size = 0;
  }

  return {
    file: base,
    sink(line: string): void {
      const bytes = Buffer.byteLength(line, 'utf8') + 1;
      if (size > 0 && size + bytes > maxBytes) rotate();
      appendFileSync(base, line + '\n');
      size += bytes;
    },
  };
}
