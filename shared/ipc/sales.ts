// Channels of the counter's sale: quote a number + product, submit it once, follow it to a final
// state. The counter UI builds against `SaleView`; the main process builds it from the journal
// (electron/sales/). A sale is never paid twice: a repeated `submitKey` or a second submit while one
// is in flight for the same number and product returns the existing sale (docs/architecture.md, "Sales").
import { z } from 'zod';
import { channel } from './contract';
import { networkSchema, productSchema, providerIdSchema, saleStateSchema, subscriberTypeSchema } from '../domain';
import { GAME_QUANTITY, SALE_UNITS, lineText, saleAmountSchema, typedNumberSchema, wholeNumber } from '../bounds';
import { moneySchema } from '../money';
import { appErrorSchema } from '../result';

/** Our transaction id on the wire: the decimal digits of a safe integer. */
export const saleIdSchema = z.string().regex(/^[1-9]\d{0,15}$/, 'a sale id is decimal digits');

/** Fields a game card can ask for (a player id, a server): a handful, never thousands. */
const GAME_FIELDS_MAX = 20;

/** A product as the counter asks for it: productSchema's shape, within what one sale can be. */
export const saleProductSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('amount'), amount: saleAmountSchema }),
  z.object({ kind: z.literal('units'), units: wholeNumber(SALE_UNITS, 'input.invalid_units') }),
  z.object({
    kind: z.literal('offer'),
    code: lineText(64).min(1),
    name: lineText(200).optional(),
    provider: providerIdSchema.optional(),
  }),
  z.object({
    kind: z.literal('game'),
    linkCode: lineText(64).min(1),
    name: lineText(200).optional(),
    fields: z
      .record(lineText(64), lineText(200))
      .refine((fields) => Object.keys(fields).length <= GAME_FIELDS_MAX, { params: { code: 'input.too_many_items', max: GAME_FIELDS_MAX } }),
    quantity: wholeNumber(GAME_QUANTITY, 'input.invalid_quantity'),
  }),
]);

export const saleTimelineEntrySchema = z.object({
  state: saleStateSchema,
  /** Epoch milliseconds. */
  at: z.number().int(),
  note: z.string().nullable(),
});
export type SaleTimelineEntry = z.infer<typeof saleTimelineEntrySchema>;

export const saleViewSchema = z.object({
  /** Our transaction id (decimal digits of a safe integer): what the provider is asked about. */
  id: saleIdSchema,
  provider: providerIdSchema,
  network: networkSchema,
  /** National digits, as shared/numbers.ts gives them. */
  number: z.string(),
  product: productSchema,
  /** What the provider charged (or quoted), when known. */
  price: moneySchema.nullable(),
  state: saleStateSchema,
  providerRef: z.string().nullable(),
  /** The provider's own words about the sale, for the receipt and the history. */
  message: z.string().nullable(),
  /** Why it failed (state `failed`), or what made it unclear (`unknown`). */
  error: appErrorSchema.nullable(),
  /** Made in training mode against the in-process simulators: not a real sale. */
  training: z.boolean(),
  cashierId: z.string().nullable(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
  /** How many status calls were made for it. */
  checks: z.number().int().nonnegative(),
  /** When the last status call was answered (epoch ms), or null before the first. */
  lastCheckAt: z.number().int().nullable(),
  /** When the reconciler checks it next (epoch ms); null when final or its automatic checks are spent. */
  nextCheckAt: z.number().int().nullable(),
  /** Every state it went through, oldest first. */
  timeline: z.array(saleTimelineEntrySchema),
});
export type SaleView = z.infer<typeof saleViewSchema>;

export const saleQuoteRequestSchema = z
  .object({
    number: typedNumberSchema,
    product: saleProductSchema,
    /** Needed only when the number fits more than one network (landline or ADSL). */
    network: networkSchema.optional(),
  })
  .strict();

export const saleQuoteSchema = z.object({
  national: z.string(),
  /** Every network the number fits; more than one means the cashier picks (landline / ADSL). */
  networks: z.array(networkSchema),
  /** The network the sale goes to, or null while the cashier still has to pick. */
  network: networkSchema.nullable(),
  /** The provider that would sell it, or null when none sells this network and product. */
  provider: providerIdSchema.nullable(),
  price: moneySchema.nullable(),
  note: z.string().nullable(),
  /**
   * An earlier sale of the same number and product: one still in doubt (at any age; submit then needs
   * `confirmInDoubt` with its id), else one within the duplicate window (submit needs `confirmDuplicate`).
   */
  duplicateOf: saleViewSchema.nullable(),
  training: z.boolean(),
});
export type SaleQuote = z.infer<typeof saleQuoteSchema>;

export const saleSubmitRequestSchema = z
  .object({
    number: typedNumberSchema,
    network: networkSchema.optional(),
    product: saleProductSchema,
    /** The cashier saw the duplicate warning and confirmed a second sale. */
    confirmDuplicate: z.boolean().optional(),
    /**
     * The id of an earlier sale of the same number and product still in doubt, which the cashier
     * was shown and confirmed selling again over: a plain `confirmDuplicate` is not enough for it.
     */
    confirmInDoubt: saleIdSchema.optional(),
    /** One per press of the confirm button (e.g. crypto.randomUUID()): the same key never pays twice. */
    submitKey: z.string().min(8).max(100),
    /** Weta mobiles only. */
    subscriberType: subscriberTypeSchema.optional(),
  })
  .strict();
export type SaleSubmitRequest = z.infer<typeof saleSubmitRequestSchema>;

export const saleListSchema = z.object({ sales: z.array(saleViewSchema) });

export const saleChannels = {
  'sale.quote': channel(saleQuoteRequestSchema, saleQuoteSchema),
  'sale.submit': channel(saleSubmitRequestSchema, saleViewSchema),
  'sale.get': channel(z.object({ id: saleIdSchema }).strict(), saleViewSchema),
  /** Sales not final yet (pending, unknown, or left half done): shown until resolved, never dropped. */
  'sale.attention': channel(z.object({}).strict(), saleListSchema),
  /** Re-checks one sale (id) or every unresolved sale (no id) with the provider now. */
  'sale.recheck': channel(z.object({ id: saleIdSchema.optional() }).strict(), saleListSchema),
};

export const balanceLowSchema = z.object({
  provider: providerIdSchema,
  balance: moneySchema,
  threshold: moneySchema,
});

/** A provider's agent balance as last seen (after a sale, or asked for), with when it was seen. */
export const balanceSeenSchema = z.object({
  provider: providerIdSchema,
  balance: moneySchema,
  /** Epoch ms. */
  at: z.number().int(),
});
export type BalanceSeen = z.infer<typeof balanceSeenSchema>;

export const saleEvents = {
  'sale.updated': saleViewSchema,
  'balance.low': balanceLowSchema,
  'balance.updated': balanceSeenSchema,
};
