// Channels of the provider accounts (docs/architecture.md, "Trust boundary"): the owner sets credentials, tests the connection,
// registers or resets a Weta account. No response ever carries a password, API token or access
// token: the renderer sees "set / not set" and at most the last two characters of a user name.
import { z } from 'zod';
import { channel } from './contract';
import { providerIdSchema, type ProviderId } from '../domain';
import { moneySchema } from '../money';
import { lineText, multiLineText } from '../bounds';

const field = lineText(200);

export const alqimahAccountSchema = z.object({ userName: field, password: field, accountNumber: field, apiToken: field });
export const wetaAccountSchema = z.object({ username: field, password: field });

/** Every field a provider needs, in the order the form shows them. */
export const ACCOUNT_FIELDS = {
  alqimah: alqimahAccountSchema.keyof().options,
  weta: wetaAccountSchema.keyof().options,
} as const satisfies Record<ProviderId, readonly string[]>;
/** Fields whose value is never hinted at, not even by its last characters. */
export const SECRET_FIELDS = ['password', 'apiToken'] as const;

export type AccountFields<P extends ProviderId> = P extends 'alqimah'
  ? z.infer<typeof alqimahAccountSchema>
  : z.infer<typeof wetaAccountSchema>;

export const accountsSetRequestSchema = z.discriminatedUnion('provider', [
  z.object({ provider: z.literal('alqimah'), fields: alqimahAccountSchema.partial().strict() }).strict(),
  z.object({ provider: z.literal('weta'), fields: wetaAccountSchema.partial().strict() }).strict(),
]);

export const accountsStatusSchema = z.object({
  /** Which SecretBox encrypts the values. */
  backend: z.string(),
  /** The OS offers only an obfuscation (Linux `basic_text`): shown to the owner as a warning. */
  weakEncryption: z.boolean(),
  providers: z.array(
    z.object({
      provider: providerIdSchema,
      configured: z.boolean(),
      fields: z.array(z.object({ field: z.string(), set: z.boolean(), hint: z.string().max(2).nullable() })),
    }),
  ),
});
export type AccountsStatus = z.infer<typeof accountsStatusSchema>;

export const connectionTestSchema = z.object({ provider: providerIdSchema, balance: moneySchema });

export const wetaRegisterRequestSchema = z
  .object({
    name: lineText(100).trim().min(1),
    username: lineText(60).trim().min(3),
    email: z.email().max(200),
    mobile: z.string().regex(/^\d{9,12}$/),
    password: lineText(100).min(8),
  })
  .strict();

const providerRequest = z.object({ provider: providerIdSchema }).strict();

export const accountChannels = {
  'accounts.status': channel(z.object({}).strict(), accountsStatusSchema, { ownerOnly: true }),
  'accounts.set': channel(accountsSetRequestSchema, accountsStatusSchema, { ownerOnly: true }),
  'accounts.clear': channel(providerRequest, accountsStatusSchema, { ownerOnly: true }),
  /** Logs in with the stored account and reads the agent balance. */
  'accounts.test': channel(providerRequest, connectionTestSchema, { ownerOnly: true }),
  /** Ends the provider session (Weta's logout; Al-Qimah just forgets its token). */
  'accounts.logout': channel(providerRequest, z.object({}), { ownerOnly: true }),
  /** Registers a new Weta account and stores it as the Weta credentials. */
  'accounts.wetaRegister': channel(wetaRegisterRequestSchema, accountsStatusSchema, { ownerOnly: true }),
  /** Changes the Weta password at Weta, then stores the new one. */
  'accounts.wetaResetPassword': channel(
    z.object({ newPassword: lineText(100).min(8) }).strict(),
    accountsStatusSchema,
    { ownerOnly: true },
  ),
  /** Al-Qimah's network/service map as JSON text (data the owner edits, docs/architecture.md, "Providers"). */
  'accounts.serviceMap.get': channel(z.object({}).strict(), z.object({ json: z.string() }), { ownerOnly: true }),
  'accounts.serviceMap.set': channel(z.object({ json: multiLineText(100_000) }).strict(), z.object({ json: z.string() }), {
    ownerOnly: true,
  }),
};
