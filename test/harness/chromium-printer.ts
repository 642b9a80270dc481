// The web shell's stand-in for Electron's printer adapter (electron/platform/printer.ts): the same
// print window (the app opened at #receipt, drawn by `window.posReceipt.show`), here a Chromium
// page, captured at the paper's dot width. With it the whole raster path — receipt window, PNG,
// ESC/POS, TCP — runs in tests where the Electron binary cannot.
import type { Page } from '@playwright/test';
import type { PrinterAdapter } from '../../electron/printing/receipt-printer';

/** What renderer/receipt/receipt-window.tsx puts on the print window. */
type ReceiptWindow = { posReceipt?: { show(document: unknown): Promise<{ width: number; height: number }> } };

export function chromiumPrinter(openPage: () => Promise<Page>, appUrl: () => string): PrinterAdapter {
  let receiptPage: Promise<Page> | null = null;
  // One receipt at a time, as in Electron: the window shows one document.
  let queue: Promise<unknown> = Promise.resolve();

  async function open(): Promise<Page> {
    const page = await openPage();
    // RECEIPT_WINDOW_HASH of renderer/main.tsx.
    await page.goto(`${appUrl()}#receipt`);
    await page.waitForFunction(() => (globalThis as ReceiptWindow).posReceipt !== undefined);
    return page;
  }

  return {
    capture(document, widthDots) {
      const job = async () => {
        const page = await (receiptPage ??= open());
        await page.setViewportSize({ width: widthDots, height: 4000 });
        await page.evaluate((doc) => (globalThis as ReceiptWindow).posReceipt!.show(doc), document);
        return page.locator('[data-testid="receipt"]').screenshot();
      };
      const next = queue.then(job, job);
      queue = next.catch(() => undefined);
      return next;
    },
  };
}
