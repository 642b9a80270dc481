// The counter's figures: first interactive paint of the counter screen in Chromium (the moment the
// number field has focus and the cashier can type: the `counter-number-focused` mark), median of 5
// fresh browser contexts through the web shell; and the gzip size of the production renderer bundle
// (every script and stylesheet the app ships; the bundled fonts are counted apart, already compressed).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { RENDERER_DIR } from '../harness/shell';
import type { BenchRow } from './bench-row';
import { medianFirstPaint } from './first-paint';

const RUNS = 5;
const PAINT_TARGET_MS = 500;
const BUNDLE_TARGET_KB = 300;

export default async function benchCounter(): Promise<BenchRow[]> {
  return [await firstInteractivePaint(), ...bundleSize()];
}

async function firstInteractivePaint(): Promise<BenchRow> {
  const value = await medianFirstPaint({ runs: RUNS, readySelector: '#counter-number:focus', mark: 'counter-number-focused' });
  return {
    name: 'counter screen: first interactive paint, number field focused (median of 5)',
    value,
    unit: 'ms',
    target: `< ${PAINT_TARGET_MS} ms`,
    ok: value < PAINT_TARGET_MS,
  };
}

function bundleSize(): BenchRow[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(dir, entry.name));
      else files.push(join(dir, entry.name));
    }
  };
  walk(RENDERER_DIR);
  const gzip = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;
  const code = files.filter((f) => /\.(js|css|html)$/.test(f)).reduce((sum, f) => sum + gzip(f), 0);
  const fonts = files.filter((f) => /\.(woff2?|ttf)$/.test(f)).reduce((sum, f) => sum + readFileSync(f).length, 0);
  const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;
  return [
    {
      name: 'renderer production bundle, scripts + styles + html, gzip',
      value: kb(code),
      unit: 'KB',
      target: `< ${BUNDLE_TARGET_KB} KB`,
      ok: kb(code) < BUNDLE_TARGET_KB,
    },
    { name: 'renderer bundled fonts (woff/woff2, as shipped)', value: kb(fonts), unit: 'KB', target: 'informational', ok: true },
  ];
}
