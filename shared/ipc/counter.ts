// Channels of the counter besides the sale itself (shared/ipc/sales.ts): the numbers sold to most
// recently, the packages a number can buy, subscriber queries, and the game/gift card catalogue
// (cached in SQLite with its fetch time so it can be browsed offline).
import { z } from 'zod';
import { channel } from './contract';
import {
  catalogueItemSchema,
  networkSchema,
  offerSchema,
  providerIdSchema,
  subscriberInfoSchema,
  subscriberQueryKindSchema,
  subscriberTypeSchema,
} from '../domain';
import { moneySchema } from '../money';
import { appErrorSchema } from '../result';
import { typedNumberSchema, wholeNumber } from '../bounds';
import { balanceLineSchema } from './reports';


const numberRequestSchema = z
  .object({
    number: typedNumberSchema,
    /** Needed only when the number fits more than one network (landline or ADSL). */
    network: networkSchema.optional(),
  })
  .strict();

export const recentNumberSchema = z.object({
  /** National digits. */
  number: z.string(),
  network: networkSchema,
  usedAt: z.number().int(),
  uses: z.number().int().positive(),
});
export type RecentNumber = z.infer<typeof recentNumberSchema>;

export const recentNumbersSchema = z.object({ numbers: z.array(recentNumberSchema) });

export const counterOfferSchema = offerSchema.extend({ provider: providerIdSchema });
export type CounterOffer = z.infer<typeof counterOfferSchema>;

export const counterCatalogueItemSchema = catalogueItemSchema.extend({ provider: providerIdSchema });
export type CounterCatalogueItem = z.infer<typeof counterCatalogueItemSchema>;

export const counterCatalogueSchema = z.object({
  items: z.array(counterCatalogueItemSchema),
  /** When the list shown was fetched (epoch ms), or null when it was never fetched. */
  fetchedAt: z.number().int().nullable(),
  /** Why the last refresh failed, while the cached list is shown: offline browsing. */
  refreshError: appErrorSchema.nullable(),
});
export type CounterCatalogue = z.infer<typeof counterCatalogueSchema>;

export const counterBalanceSchema = balanceLineSchema.extend({
  /** When the balance was seen (epoch ms), or null when it never was. */
  at: z.number().int().nullable(),
});
export type CounterBalance = z.infer<typeof counterBalanceSchema>;

export const counterChannels = {
  /**
   * Each provider's last known agent balance, how old it is and whether it is under the owner's
   * low-balance warning; asked of the provider when never seen, or with `refresh`.
   */
  'counter.balances': channel(
    z.object({ refresh: z.boolean().optional() }).strict(),
    z.object({ balances: z.array(counterBalanceSchema), threshold: moneySchema }),
  ),
  /** The numbers sold to most recently, newest first. */
  'counter.recent': channel(z.object({ limit: wholeNumber({ min: 1, max: 50 }).optional() }).strict(), recentNumbersSchema),
  /** Records a number the counter just sold to; answers with the updated list. */
  'counter.remember': channel(numberRequestSchema, recentNumbersSchema),
  /** Packages/offers that can be sold to a number, from every provider that sells offers on its network. */
  'counter.offers': channel(
    numberRequestSchema,
    z.object({ network: networkSchema, offers: z.array(counterOfferSchema), errors: z.array(appErrorSchema) }),
  ),
  /** A subscriber query (balance, loan, current offers), from the first provider that answers it. */
  'counter.query': channel(
    numberRequestSchema.extend({ kind: subscriberQueryKindSchema, subscriberType: subscriberTypeSchema.optional() }).strict(),
    z.object({ network: networkSchema, provider: providerIdSchema, info: subscriberInfoSchema, at: z.number().int() }),
  ),
  /** The game and gift card catalogue: from the cache, or fetched again with `refresh`. */
  'counter.catalogue': channel(z.object({ refresh: z.boolean().optional() }).strict(), counterCatalogueSchema),
};
