// Channels of receipt printing (docs/architecture.md, "Receipts"): the counter's printer settings, the OS printers a
// driver print can use, and printing one sale's receipt. The receipt document is what every
// rendering of a receipt (screen, thermal raster, driver, PDF) is drawn from.
import { z } from 'zod';
import { channel } from './contract';
import { saleIdSchema } from './sales';
import { historyRowSchema, receiptPrintKindSchema } from './history';
import { digitStyleSchema, languageSchema } from '../settings';
import { zReportSchema } from './shifts';
import { hubPeriodSchema, hubTotalsSchema } from './hub';
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

/** What every printed slip carries: the shop, and the language, digits and paper it is drawn in. */
const printedSlipSchema = z.object({
  shop: receiptShopSchema,
  language: languageSchema,
  /** The owner's digit style: a slip shows the same digits as the screen. */
  digitStyle: digitStyleSchema,
  printedAt: z.number().int(),
  paperWidth: paperWidthSchema,
});

/** Everything a receipt shows; built by the main process for printing, by the renderer for screen. */
export const receiptDocumentSchema = printedSlipSchema.extend({
  sale: historyRowSchema,
  /** The cashier's name from the back office, when the sale's cashier is known there. */
  cashierName: z.string().nullable(),
  kind: receiptPrintKindSchema,
});
export type ReceiptDocument = z.infer<typeof receiptDocumentSchema>;

/** A closed shift's Z report as the receipt printer prints it (same paper, language and digits). */
export const zReportDocumentSchema = printedSlipSchema.extend({
  kind: z.literal('z-report'),
  report: zReportSchema,
});
export type ZReportDocument = z.infer<typeof zReportDocumentSchema>;

/**
 * The shop-wide Z report: the owner's totals as the hub had them at `totals.readAt`, by counter,
 * shop and in total, in the same slip style as a till's own Z report.
 */
export const hubZReportDocumentSchema = printedSlipSchema.extend({
  kind: z.literal('hub-z-report'),
  totals: hubTotalsSchema,
});
export type HubZReportDocument = z.infer<typeof hubZReportDocumentSchema>;

/** Whatever the receipt printer is given: a sale's receipt, a shift's Z report, or the shop-wide one. */
export const printDocumentSchema = z.union([receiptDocumentSchema, zReportDocumentSchema, hubZReportDocumentSchema]);
export type PrintDocument = z.infer<typeof printDocumentSchema>;

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
  /** Prints a closed shift's Z report on the receipt printer: the shift's own cashier, or the owner. */
  'zReport.print': channel(z.object({ shiftId: z.number().int().positive() }).strict(), zReportDocumentSchema),
  /** Reads the hub now and prints the shop-wide Z report of the period (the owner's till only). */
  'hubZReport.print': channel(hubPeriodSchema, hubZReportDocumentSchema, { ownerOnly: true }),
};
