// Cold start of the renderer in Chromium to its first interactive paint (the `pos-interactive`
// mark set once the app is mounted), through the web shell: median of 5 fresh browser contexts.
import { chromium } from '@playwright/test';
import { startShell } from '../harness/shell';
import { median, type BenchRow } from './bench-row';

const RUNS = 5;
const TARGET_MS = 500;

export default async function benchStartup(): Promise<BenchRow[]> {
  const shell = await startShell();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const samples: number[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(shell.url);
      await page.locator('.app-header').waitFor();
      const ms = await page.evaluate(() => {
        const mark = performance.getEntriesByName('pos-interactive')[0];
        return mark ? mark.startTime : Number.NaN;
      });
      samples.push(ms);
      await context.close();
    }
  } finally {
    await browser.close();
    await shell.close();
  }
  const value = Math.round(median(samples));
  return [{ name: 'renderer cold start to first interactive paint (median of 5)', value, unit: 'ms', target: `< ${TARGET_MS} ms`, ok: value < TARGET_MS }];
}
