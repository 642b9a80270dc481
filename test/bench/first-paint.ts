// Time from navigation to a performance mark the renderer sets, in fresh Chromium contexts through
// the web shell: the start-up figures of `npm run bench` share it.
import { chromium, type Browser } from '@playwright/test';
import { startShell } from '../harness/shell';
import { median } from './bench-row';

/** Debian's Chromium, as the end-to-end tests launch it (never a downloaded browser). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export async function medianFirstPaint(options: { runs: number; readySelector: string; mark: string }): Promise<number> {
  const shell = await startShell();
  const browser = await launchChromium();
  const samples: number[] = [];
  try {
    for (let i = 0; i < options.runs; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(shell.url);
      await page.locator(options.readySelector).waitFor();
      samples.push(
        await page.evaluate((mark) => {
          const entry = performance.getEntriesByName(mark)[0];
          return entry ? entry.startTime : Number.NaN;
        }, options.mark),
      );
      await context.close();
    }
  } finally {
    await browser.close();
    await shell.close();
  }
  return Math.round(median(samples));
}
