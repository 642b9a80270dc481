// The Electron printer adapter (docs/architecture.md, "Receipts"): draws a receipt document in a hidden window of our own
// page and either captures it as PNG bytes for the raster path (electron/printing/) or prints it
// silently through the OS driver, with a page exactly as wide as the paper and as tall as the
// receipt, and no margins. The only printing code that imports 'electron'.
import { BrowserWindow } from 'electron';
import { PAPER_DOTS, PAPER_MICRONS, type PrinterConfig, type ReceiptDocument } from '../../shared/ipc/printing';
import { err, ok, type Result } from '../../shared/result';
import type { PrinterAdapter } from '../printing/receipt-printer';
import { lockedDownWebPreferences } from './web-preferences';

export type ElectronPrinterOptions = {
  /** The app page, e.g. `app://pos/index.html`; the window opens it at `#receipt`. */
  pageUrl: string;
  preload: string;
};

export function createElectronPrinter(options: ElectronPrinterOptions): PrinterAdapter & { close(): void } {
  let window: BrowserWindow | null = null;
  let ready: Promise<BrowserWindow> | null = null;
  // One receipt at a time: the window shows one document.
  let queue: Promise<unknown> = Promise.resolve();

  function printWindow(): Promise<BrowserWindow> {
    if (window && !window.isDestroyed() && ready) return ready;
    window = new BrowserWindow({
      show: false,
      width: PAPER_DOTS['80'],
      height: 4000,
      useContentSize: true,
      paintWhenInitiallyHidden: true,
      webPreferences: lockedDownWebPreferences(options.preload),
    });
    const opened = window;
    ready = opened.loadURL(`${options.pageUrl}#receipt`).then(() => opened);
    return ready;
  }

  async function draw(document: ReceiptDocument): Promise<{ win: BrowserWindow; width: number; height: number }> {
    const win = await printWindow();
    const width = PAPER_DOTS[document.paperWidth];
    win.setContentSize(width, 4000);
    const size = (await win.webContents.executeJavaScript(`window.posReceipt.show(${JSON.stringify(document)})`, true)) as {
      width: number;
      height: number;
    };
    // The receipt may be taller than the window: grow it so the capture holds all of it.
    if (size.height > 4000) win.setContentSize(width, size.height);
    return { win, width, height: size.height };
  }

  function serial<T>(job: () => Promise<T>): Promise<T> {
    const next = queue.then(job, job);
    queue = next.catch(() => undefined);
    return next;
  }

  return {
    capture: (document, widthDots) =>
      serial(async () => {
        const { win, height } = await draw(document);
        const image = await win.webContents.capturePage({ x: 0, y: 0, width: widthDots, height });
        // capturePage is in device pixels: on a scaled display, bring it back to one pixel a dot.
        const sized = image.getSize().width === widthDots ? image : image.resize({ width: widthDots, quality: 'best' });
        return new Uint8Array(sized.toPNG());
      }),
    printWithDriver: (document, config: PrinterConfig) =>
      serial(async (): Promise<Result<void>> => {
        const { win, width, height } = await draw(document);
        const micronsPerPixel = PAPER_MICRONS[config.paperWidth] / width;
        return new Promise((resolve) => {
          win.webContents.print(
            {
              silent: true,
              deviceName: config.deviceName,
              printBackground: true,
              margins: { marginType: 'none' },
              pageSize: { width: PAPER_MICRONS[config.paperWidth], height: Math.max(10_000, Math.ceil(height * micronsPerPixel)) },
              scaleFactor: Math.round((micronsPerPixel / 264.5833) * 100),
            },
            (success, reason) => resolve(success ? ok(undefined) : err('printer.failed', `driver print failed: ${reason}`)),
          );
        });
      }),
    devices: async () => {
      const win = await printWindow();
      return (await win.webContents.getPrintersAsync()).map((p) => p.name);
    },
    close: () => {
      if (window && !window.isDestroyed()) window.destroy();
      window = null;
      ready = null;
    },
  };
}
