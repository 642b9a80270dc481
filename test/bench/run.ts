// `npm run bench`: runs every benchmark module in test/bench/ (a default export, or exported
// functions named bench…, each returning BenchRow[]) and prints one table of figures beside their
// targets. Speed and memory targets are checked here, not by timed tests.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchRow } from './bench-row';

const only = process.argv.slice(2);
const files = readdirSync(import.meta.dirname)
  .filter((f) => /\.ts$/.test(f) && !['run.ts', 'bench-row.ts'].includes(f))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

const rows: (BenchRow & { source: string })[] = [];
for (const file of files) {
  const module = (await import(pathToFileURL(join(import.meta.dirname, file)).href)) as Record<string, unknown>;
  const benches = Object.entries(module).filter(([name, value]) => typeof value === 'function' && (name === 'default' || name.startsWith('bench')));
  for (const [name, bench] of benches) {
    process.stderr.write(`bench ${file}${name === 'default' ? '' : `#${name}`} …\n`);
    try {
      for (const row of await (bench as () => Promise<BenchRow[]>)()) rows.push({ ...row, source: file });
    } catch (cause) {
      rows.push({ name: `${file} ${name} failed: ${(cause as Error).message}`, value: Number.NaN, unit: '', target: '', ok: false, source: file });
    }
  }
}

const header = ['figure', 'value', 'target', 'ok', 'source'];
const table = rows.map((r) => [r.name, `${Number.isFinite(r.value) ? r.value : '—'} ${r.unit}`.trim(), r.target, r.ok ? 'yes' : 'NO', r.source]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ');
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
for (const row of table) console.log(line(row));
const missed = rows.filter((r) => !r.ok).length;
console.log(`\n${rows.length} figures, ${rows.length - missed} within target, ${missed} not`);
