// Cold start of the renderer in Chromium to its first interactive paint (the `pos-interactive`
// mark, set after the app's first frame): median of 5 fresh browser contexts.
import type { BenchRow } from './bench-row';
import { medianFirstPaint } from './first-paint';

const TARGET_MS = 500;

export default async function benchStartup(): Promise<BenchRow[]> {
  const value = await medianFirstPaint({ runs: 5, readySelector: '.app-header', mark: 'pos-interactive' });
  return [{ name: 'renderer cold start to first interactive paint (median of 5)', value, unit: 'ms', target: `< ${TARGET_MS} ms`, ok: value < TARGET_MS }];
}
