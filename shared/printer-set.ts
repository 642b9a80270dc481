// Whether a printer is set up to take a receipt: both sides ask it (the main process before
// printing, the counter before printing by itself). Types only from the printing contract, so the
// counter's first paint does not load zod for it.
import type { PrinterConfig } from './ipc/printing';

/** A network printer's address (raster) or an installed printer's name (driver) is set. */
export function printerIsSet(config: Pick<PrinterConfig, 'mode' | 'host' | 'deviceName'>): boolean {
  return config.mode === 'raster' ? config.host !== '' : config.deviceName !== '';
}
