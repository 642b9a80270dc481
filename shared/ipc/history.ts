// Channels of the offline history: search every sale by any part of its number, our transaction id
// or the provider's reference, with filters, a page at a time (newest first); one sale's details
// with its status timeline and what was printed for it. Reprinting is `receipt.print` (printing.ts).
import { z } from 'zod';
import { channel } from './contract';
import { networkSchema, saleStateSchema } from '../domain';
import { saleIdSchema, saleViewSchema } from './sales';
import { TIME_MS, lineText, wholeNumber } from '../bounds';

export const HISTORY_PAGE_MAX = 200;

export const historySearchRequestSchema = z
  .object({
    /** Any part of a number (any digit style), of our id or of the provider's reference. */
    text: lineText(64).optional(),
    /** Epoch milliseconds, inclusive start and exclusive end. */
    from: wholeNumber(TIME_MS).optional(),
    to: wholeNumber(TIME_MS).optional(),
    network: networkSchema.optional(),
    state: saleStateSchema.optional(),
    cashierId: lineText(64).optional(),
    training: z.boolean().optional(),
    /** The `nextCursor` of the previous page. */
    cursor: saleIdSchema.optional(),
    limit: wholeNumber({ min: 1, max: HISTORY_PAGE_MAX }).default(50),
  })
  .strict();
export type HistorySearchRequest = z.input<typeof historySearchRequestSchema>;
export type HistoryQuery = z.output<typeof historySearchRequestSchema>;

/** A row of the results list: the sale without its timeline; from the shop's hub, with its till's number. */
export const historyRowSchema = saleViewSchema.omit({ timeline: true }).extend({ counter: z.number().int().optional() });
export type HistoryRow = z.infer<typeof historyRowSchema>;

export const historyPageSchema = z.object({
  sales: z.array(historyRowSchema),
  /** Null on the last page. */
  nextCursor: saleIdSchema.nullable(),
  /**
   * Where the page came from when this till belongs to a shop: every till (the hub), or this till
   * only because the hub could not be reached (since when, if known). Absent without a hub.
   */
  scope: z.object({ allCounters: z.boolean(), hubUnreachableSince: z.number().int().nullable() }).optional(),
});
export type HistoryPage = z.infer<typeof historyPageSchema>;

export const receiptPrintKindSchema = z.enum(['provisional', 'final', 'copy']);
export type ReceiptPrintKind = z.infer<typeof receiptPrintKindSchema>;

export const receiptPrintRecordSchema = z.object({
  kind: receiptPrintKindSchema,
  at: z.number().int(),
  /** Null when the printer took it. */
  errorCode: z.string().nullable(),
});

export const historyDetailSchema = z.object({
  sale: saleViewSchema,
  prints: z.array(receiptPrintRecordSchema),
});
export type HistoryDetail = z.infer<typeof historyDetailSchema>;

export const historyChannels = {
  'history.search': channel(historySearchRequestSchema, historyPageSchema),
  'history.get': channel(z.object({ id: saleIdSchema }).strict(), historyDetailSchema),
};
