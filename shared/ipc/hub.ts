// Channels of the shop's hub (electron/hub/): the owner creates the shop on the hub and issues
// one-time join codes; a counter joins with one and is given its counter number. Passwords go in
// and never come back: the status says which role is set, never its password.
import { z } from 'zod';
import { channel } from './contract';
import { providerIdSchema } from '../domain';
import { moneySchema } from '../money';

/** `host[:port]/database`, the way the owner writes the hub's address. */
export const hubAddressSchema = z
  .string()
  .trim()
  .regex(/^([A-Za-z0-9.-]+|\[[0-9A-Fa-f:]+\])(?::\d{1,5})?\/[A-Za-z0-9_-]{1,63}$/, 'host[:port]/database');

export const hubStatusSchema = z.object({
  linked: z.boolean(),
  /** This till holds the owner's role (creates codes, reads every till and shop). */
  owner: z.boolean(),
  address: z.string().nullable(),
  shopName: z.string().nullable(),
  counterNumber: z.number().int().nullable(),
  /** SHA-256 of the certificate this till trusts for the hub (`AB:CD:…`), when one was given; never the key. */
  certificateFingerprint: z.string().nullable(),
  /** Journal changes not yet on the hub. */
  queued: z.number().int().nonnegative(),
  lastShippedAt: z.number().int().nullable(),
  /** Since when shipping fails (the hub is away), or null. */
  unreachableSince: z.number().int().nullable(),
});
export type HubStatus = z.infer<typeof hubStatusSchema>;

const label = z.string().trim().min(1).max(60);

/**
 * The hub's certificate or its private CA, PEM text as pasted or read from a file; optional (a hub
 * on loopback, or one with a certificate from a public CA). Checked in the main process.
 */
const certificate = z.string().max(20_000).optional();

export const hubCreateShopRequestSchema = z
  .object({
    address: hubAddressSchema,
    user: z.string().trim().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'a database role name'),
    password: z.string().min(1).max(200),
    shopName: z.string().trim().min(1).max(100),
    counterLabel: label,
    certificate,
  })
  .strict();

export const hubJoinRequestSchema = z
  .object({
    address: hubAddressSchema,
    code: z.string().trim().min(10).max(80),
    certificate,
  })
  .strict();

/** The owner's view across tills and shops: settled sales (training left out) by shop, counter and provider. */
export const hubTotalsSchema = z.object({
  rows: z.array(
    z.object({
      shop: z.string(),
      counter: z.number().int().nullable(),
      label: z.string(),
      provider: providerIdSchema,
      sales: z.number().int().nonnegative(),
      total: moneySchema,
    }),
  ),
});
export type HubTotals = z.infer<typeof hubTotalsSchema>;

/**
 * Each provider account's drift across every till that sells on it, since the owner last asked:
 * what the agent balance went down by, less what all those tills sold on it. Not zero means sales
 * made outside these tills, a top-up, or sales not yet on the hub (`unsettled`, `queued` in status).
 */
export const hubDriftSchema = z.object({
  accounts: z.array(
    z.object({
      provider: providerIdSchema,
      at: z.number().int(),
      balance: moneySchema,
      /** The previous reading this one is compared with; null the first time. */
      since: z.number().int().nullable(),
      spent: moneySchema.nullable(),
      sold: moneySchema.nullable(),
      drift: moneySchema.nullable(),
      /** Tills that sold on the account in the period. */
      counters: z.number().int().nonnegative(),
      /** Sales of the period whose outcome is not known yet: their charge may or may not be in the balance. */
      unsettled: z.number().int().nonnegative(),
    }),
  ),
});
export type HubDrift = z.infer<typeof hubDriftSchema>;
export type HubDriftLine = HubDrift['accounts'][number];

export const hubChannels = {
  'hub.status': channel(z.object({}).strict(), hubStatusSchema),
  'hub.createShop': channel(hubCreateShopRequestSchema, hubStatusSchema, { ownerOnly: true }),
  /** `certificateByHand`: the hub does not present the certificate the owner gave, so the code cannot name it: give it on the new till. */
  'hub.joinCode': channel(z.object({ label }).strict(), z.object({ code: z.string(), certificateByHand: z.boolean() }), { ownerOnly: true }),
  'hub.join': channel(hubJoinRequestSchema, hubStatusSchema, { ownerOnly: true }),
  'hub.totals': channel(z.object({ from: z.number().int(), to: z.number().int() }).strict(), hubTotalsSchema, { ownerOnly: true }),
  /** Reads each provider account's balance now and compares it with the last reading (owner only). */
  'hub.drift': channel(z.object({}).strict(), hubDriftSchema, { ownerOnly: true }),
};
