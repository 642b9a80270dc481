// The print window's side of the Electron printer adapter (electron/platform/printer.ts): a hidden
// window opens the app at `#receipt`, and the adapter calls `window.posReceipt.show(document)`,
// which draws the one receipt component (or a shift's or the shop-wide Z report slip) alone, waits for the fonts, and answers with its height
// so the adapter can capture exactly the receipt (raster) or size the page (driver).
import { createRoot, type Root } from 'react-dom/client';
import { flushSync } from 'react-dom';
import { I18nextProvider } from 'react-i18next';
import type { i18n as I18n } from 'i18next';
import { printDocumentSchema } from '../../shared/ipc/printing';
import { Receipt } from './receipt';
import { ZReportSlip } from './z-report-slip';
import { HubZReportSlip } from './hub-z-report-slip';

declare global {
  interface Window {
    posReceipt?: { show(document: unknown): Promise<{ width: number; height: number }> };
  }
}

/** Called by the renderer entry instead of mounting the app when the page is the print window. */
export function installReceiptWindow(container: HTMLElement, i18n: I18n): void {
  let root: Root | null = null;
  document.body.style.margin = '0';
  document.body.style.background = '#fff';
  window.posReceipt = {
    async show(input) {
      const doc = printDocumentSchema.parse(input);
      root ??= createRoot(container);
      flushSync(() =>
        root!.render(
          <I18nextProvider i18n={i18n}>
            {doc.kind === 'z-report' ? <ZReportSlip document={doc} /> : doc.kind === 'hub-z-report' ? <HubZReportSlip document={doc} /> : <Receipt document={doc} />}
          </I18nextProvider>,
        ),
      );
      await document.fonts.ready;
      // Two frames: layout with the loaded fonts, then paint.
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      const box = container.querySelector('[data-testid="receipt"]')!.getBoundingClientRect();
      return { width: Math.ceil(box.width), height: Math.ceil(box.height) };
    },
  };
}
