// The seam between the print service and whatever draws and prints a receipt (docs/architecture.md, "Receipts"). The
// service decides what to print; a `PrinterAdapter` draws the receipt document at the printer's dot
// width and hands back PNG bytes (Electron: a hidden window and capturePage, electron/platform/
// printer.ts), and may offer the OS driver path. The raster path itself is plain Node: PNG bytes →
// black-and-white ESC/POS → raw TCP. The web shell has no adapter: its renderer prints nothing.
import { PNG } from 'pngjs';
import { PAPER_DOTS, type PrinterConfig, type ReceiptDocument } from '../../shared/ipc/printing';
import { printerIsSet } from '../../shared/printer-set';
import { err, type Result } from '../../shared/result';
import { rasterFromPixels } from './escpos-raster';
import { sendRaw, type RawTarget } from './tcp-printer';

export type PrinterAdapter = {
  /** The receipt drawn `widthDots` CSS pixels wide (one pixel a dot), as PNG bytes. */
  capture(document: ReceiptDocument, widthDots: number): Promise<Uint8Array>;
  /** `webContents.print` through the OS driver, silently, on `config.deviceName`. */
  printWithDriver?(document: ReceiptDocument, config: PrinterConfig): Promise<Result<void>>;
  /** OS printer names, for the driver path. */
  devices?(): Promise<string[]>;
};

export type RawSender = (target: RawTarget, bytes: Uint8Array) => Promise<Result<void>>;

/** The Node raster printer: a receipt's PNG bytes to ESC/POS over TCP to `config.host:port`. */
export async function printPng(png: Uint8Array, config: PrinterConfig, send: RawSender = sendRaw): Promise<Result<void>> {
  if (config.host === '') return err('printer.not_configured', 'no printer host is set');
  let image: PNG;
  try {
    image = PNG.sync.read(Buffer.from(png.buffer, png.byteOffset, png.byteLength));
  } catch (cause) {
    return err('printer.failed', `the receipt image is not a PNG: ${(cause as Error).message}`);
  }
  const bytes = rasterFromPixels(
    { width: image.width, height: image.height, data: image.data, order: 'rgba' },
    { widthDots: PAPER_DOTS[config.paperWidth], feedLines: config.feedLines },
  );
  return send({ host: config.host, port: config.port }, bytes);
}

/** Prints a receipt document on the configured printer, by its mode. */
export async function printDocument(
  adapter: PrinterAdapter | undefined,
  document: ReceiptDocument,
  config: PrinterConfig,
  send: RawSender = sendRaw,
): Promise<Result<void>> {
  if (!adapter) return err('printer.unavailable', 'no printer adapter in this shell');
  if (config.mode === 'driver' && !adapter.printWithDriver) return err('printer.unavailable', 'the driver path needs the desktop app');
  if (!printerIsSet(config)) return err('printer.not_configured', `no printer ${config.mode === 'driver' ? 'device' : 'host'} is set`);
  if (config.mode === 'driver') return adapter.printWithDriver!(document, config);
  let png: Uint8Array;
  try {
    png = await adapter.capture(document, PAPER_DOTS[config.paperWidth]);
  } catch (cause) {
    return err('printer.failed', `the receipt could not be drawn: ${(cause as Error).message}`);
  }
  return printPng(png, config, send);
}
