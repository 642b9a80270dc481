// Channels of receipt printing (docs/architecture.md, "Receipts"): the counter's printer settings, the OS printers a
// driver print can use, and printing one sale's receipt. The receipt document is what every
// rendering of a receipt (screen, thermal raster, driver, PDF) is drawn from.
import { z } from 'zod';
import { channel } from './contract';
import { saleIdSchema } from './sales';
import { historyRowSchema, receiptPrintKindSchema } from './history';
import { languageSchema } from '../settings';
import { patchSchemaOf } from '../patch-schema';
import { lineText } from '../bounds';

export const paperWidthSchema = z.enum(['58', '80']);
export type PaperWidth = z.infer<typeof paperWidthSchema>;

/** One CSS pixel per printer dot (203 dpi heads): the width a receipt is rendered at. */
export const PAPER_DOTS: Record<PaperWidth, number> = { '58': 384, '80': 576 };
/** Printable width in microns, for a driver print's page size. */
export const PAPER_MICRONS: Record<PaperWidth, number> = { '58': 48_000, '80': 72_000 };

const HOST_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i;

/** An IPv4 address (four numbers of 0 to 255) or a host name of letters, digits and dashes. */
export function isPrinterHost(host: string): boolean {
  const labels = host.split('.');
  if (labels.every((label) => /^\d+$/.test(label))) {
    return labels.length === 4 && labels.every((label) => label.length <= 3 && Number(label) <= 255);
  }
  return host.length <= 253 && labels.every((label) => HOST_LABEL.test(label));
}

export const printerConfigSchema = z.object({
  /** Raster over raw TCP for thermal printers (default), or the OS driver. */
  mode: z.enum(['raster', 'driver']).default('raster'),
  host: z
    .string()
    .trim()
    .max(253)
    .refine((host) => host === '' || isPrinterHost(host), { params: { code: 'input.invalid_host' } })
    .default(''),
  port: z.number().int().min(1).max(65535).default(9100),
  /** OS printer name for the driver path (from `printer.devices`). */
  deviceName: lineText(200).default(''),
  paperWidth: paperWidthSchema.default('80'),
  /** Lines fed before the cut so the last line clears the cutter. */
  feedLines: z.number().int().min(0).max(20).default(4),
  /** Print the receipt by itself when a sale is made (the counter screen asks for it). */
  autoPrint: z.boolean().default(true),
});
export type PrinterConfig = z.infer<typeof printerConfigSchema>;
/** A save names only the keys it changes; every other key keeps its stored value. */
export const printerConfigPatchSchema = patchSchemaOf(printerConfigSchema);

export const receiptShopSchema = z.object({
  name: z.string(),
  header: z.string(),
  footer: z.string(),
});

/** Everything a receipt shows; built by the main process for printing, by the renderer for screen. */
export const receiptDocumentSchema = z.object({
  sale: historyRowSchema,
  /** The cashier's name from the back office, when the sale's cashier is known there. */
  cashierName: z.string().nullable(),
  shop: receiptShopSchema,
  kind: receiptPrintKindSchema,
  language: languageSchema,
  printedAt: z.number().int(),
  paperWidth: paperWidthSchema,
});
export type ReceiptDocument = z.infer<typeof receiptDocumentSchema>;

export const printingChannels = {
  'printer.get': channel(z.object({}).strict(), printerConfigSchema),
  'printer.set': channel(printerConfigPatchSchema.strict(), printerConfigSchema, { ownerOnly: true }),
  'printer.devices': channel(z.object({}).strict(), z.object({ devices: z.array(z.string()) })),
  /**
   * Prints a sale's receipt. The first print is the receipt (provisional while the sale is still
   * checking, the final one follows by itself once it settles); every later print is a copy.
   */
  'receipt.print': channel(
    z.object({ id: saleIdSchema }).strict(),
    z.object({ kind: receiptPrintKindSchema, document: receiptDocumentSchema }),
  ),
  /** Prints the test page on the network printer as set: the owner sees the width and every dot. */
  'printer.testPage': channel(z.object({}).strict(), z.object({ paperWidth: paperWidthSchema }), { ownerOnly: true }),
  /** The document a print of this sale would carry now, for the on-screen preview. */
  'receipt.preview': channel(z.object({ id: saleIdSchema }).strict(), receiptDocumentSchema),
};
