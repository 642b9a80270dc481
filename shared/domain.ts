// Domain words both sides share: networks, products, sale states. Wire formats of the providers
// live beside their clients; these are ours.
import { z } from 'zod';
import { moneySchema } from './money';

export const networks = ['yemen_mobile', 'you', 'sabafon', 'y', 'yemen_4g', 'landline', 'adsl'] as const;
export const networkSchema = z.enum(networks);
export type Network = z.infer<typeof networkSchema>;

export const providerIds = ['alqimah', 'weta'] as const;
export const providerIdSchema = z.enum(providerIds);
export type ProviderId = z.infer<typeof providerIdSchema>;

/** What is being sold. `units` is for the networks that price top-ups per unit (Sabafon, YOU, Y). */
export const productSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('amount'), amount: moneySchema }),
  z.object({ kind: z.literal('units'), units: z.number().int().positive() }),
  z.object({
    kind: z.literal('offer'),
    code: z.string().min(1).max(64),
    name: z.string().max(200).optional(),
    /** The provider whose list the offer came from: its code means nothing to the other one. */
    provider: providerIdSchema.optional(),
  }),
  z.object({
    kind: z.literal('game'),
    linkCode: z.string().min(1).max(64),
    name: z.string().max(200).optional(),
    fields: z.record(z.string().max(64), z.string().max(200)),
    quantity: z.number().int().positive().max(100000),
  }),
]);
export type Product = z.infer<typeof productSchema>;
export type ProductKind = Product['kind'];

export const saleStates = ['created', 'sent', 'succeeded', 'failed', 'pending', 'unknown'] as const;
export const saleStateSchema = z.enum(saleStates);
export type SaleState = z.infer<typeof saleStateSchema>;

export function isFinalState(state: SaleState): boolean {
  return state === 'succeeded' || state === 'failed';
}

/** A mobile line's billing, which Weta needs for its packages and balance (the other provider ignores it). */
export const subscriberTypeSchema = z.enum(['prepaid', 'postpaid']);
export type SubscriberType = z.infer<typeof subscriberTypeSchema>;

/** Subscriber queries the counter offers (docs/architecture.md, "The product"): balance, loan, current offers. */
export const subscriberQueryKinds = ['balance', 'loan', 'offers'] as const;
export const subscriberQueryKindSchema = z.enum(subscriberQueryKinds);
export type SubscriberQueryKind = z.infer<typeof subscriberQueryKindSchema>;

/** A query answer, typed enough to render as a card; text balances ("44.18 جيجابايت") stay text. */
export const subscriberInfoSchema = z.object({
  kind: subscriberQueryKindSchema,
  lines: z.array(z.object({ label: z.string(), value: z.string() })),
  offers: z
    .array(z.object({ id: z.string(), name: z.string(), start: z.string().optional(), end: z.string().optional() }))
    .optional(),
  loan: z.object({ hasLoan: z.boolean(), text: z.string() }).optional(),
  balance: z.object({ text: z.string(), amount: moneySchema.optional() }).optional(),
});
export type SubscriberInfo = z.infer<typeof subscriberInfoSchema>;

/** An offer/package that can be sold to a number. */
export const offerSchema = z.object({
  code: z.string(),
  name: z.string(),
  price: moneySchema.optional(),
  /** What the subscriber receives, as the provider words it. */
  receives: z.string().optional(),
});
export type Offer = z.infer<typeof offerSchema>;

/** A game or gift card category (Al-Qimah 0/4). */
export const catalogueItemSchema = z.object({
  linkCode: z.string(),
  service: z.string(),
  name: z.string(),
  units: z.number().optional(),
  price: moneySchema,
  localPrice: moneySchema,
  allowFreeQuantity: z.boolean(),
  minQuantity: z.number().int(),
  maxQuantity: z.number().int(),
  requiredFields: z.array(z.object({ code: z.string(), name: z.string() })),
});
export type CatalogueItem = z.infer<typeof catalogueItemSchema>;
