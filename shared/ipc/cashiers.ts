// Channels of cashiers and of the signed-in session. A fresh install has one owner without a PIN:
// while no owner PIN is set nobody signs in (the counter opens at once, training included); once
// the owner sets a PIN, every start asks who is at the counter. PINs go in, never come back out.
import { z } from 'zod';
import { channel } from './contract';
import { lineText } from '../bounds';
import { digitScriptsToAscii } from '../numbers';

export const roleSchema = z.enum(['owner', 'cashier']);
export type Role = z.infer<typeof roleSchema>;

/** 4 to 8 digits, typed in any digit script the number field takes: stored and compared as ASCII. */
export const pinSchema = z
  .string()
  .max(20)
  .transform(digitScriptsToAscii)
  .refine((pin) => /^\d{4,8}$/.test(pin), { params: { code: 'auth.invalid_pin' } });
/** A PIN at sign-in: its digits read the same way, anything else left for the compare to refuse. */
const typedPinSchema = z.string().max(20).transform(digitScriptsToAscii);
/** A cashier's name as the receipt and the sign-in screen show it. */
export const cashierNameSchema = lineText(60).trim().min(1);
export const cashierIdSchema = z.string().regex(/^[a-z0-9-]{1,40}$/);

export const cashierSchema = z.object({
  id: cashierIdSchema,
  name: z.string(),
  role: roleSchema,
  hasPin: z.boolean(),
});
export type Cashier = z.infer<typeof cashierSchema>;

export const sessionStatusSchema = z.object({
  /** True once the owner has a PIN: the counter asks who is there. */
  required: z.boolean(),
  cashier: cashierSchema.nullable(),
});
export type SessionStatus = z.infer<typeof sessionStatusSchema>;

export const cashierChannels = {
  'session.status': channel(z.object({}).strict(), sessionStatusSchema),
  'session.signIn': channel(z.object({ cashierId: cashierIdSchema, pin: typedPinSchema }).strict(), sessionStatusSchema),
  'session.signOut': channel(z.object({}).strict(), sessionStatusSchema),
  /** Names and roles for the sign-in screen; nothing secret. */
  'cashiers.list': channel(z.object({}).strict(), z.object({ cashiers: z.array(cashierSchema) })),
  /** Adds a cashier (no id) or changes one; `pin` sets a new PIN. */
  'cashiers.save': channel(
    z
      .object({ id: cashierIdSchema.optional(), name: cashierNameSchema, role: roleSchema, pin: pinSchema.optional() })
      .strict(),
    cashierSchema,
    { ownerOnly: true },
  ),
  'cashiers.remove': channel(z.object({ id: cashierIdSchema }).strict(), z.object({ cashiers: z.array(cashierSchema) }), {
    ownerOnly: true,
  }),
};
