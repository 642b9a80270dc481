// Channels of shifts: each cashier opens and closes their own; closing gives the Z report, kept
// with the shift so a reprint shows exactly what was closed.
import { z } from 'zod';
import { channel } from './contract';
import { providerIdSchema } from '../domain';
import { moneySchema } from '../money';
import { salesSummarySchema } from './reports';
import { cashierIdSchema } from './cashiers';
import { wholeNumber } from '../bounds';

export const shiftBalanceSchema = z.object({
  provider: providerIdSchema,
  atOpen: moneySchema.nullable(),
  atClose: moneySchema.nullable(),
  /** What the agent balance went down by: atOpen - atClose. */
  spent: moneySchema.nullable(),
  /** What this app sold through the provider in the shift (succeeded, not training). */
  sold: moneySchema.nullable(),
  /** spent - sold: not zero means sales made elsewhere on the account, or a top-up of it. */
  difference: moneySchema.nullable(),
});

export const zReportSchema = z.object({
  shiftId: z.number().int(),
  cashier: z.object({ id: cashierIdSchema, name: z.string() }),
  openedAt: z.number().int(),
  closedAt: z.number().int(),
  summary: salesSummarySchema,
  balances: z.array(shiftBalanceSchema),
});
export type ZReport = z.infer<typeof zReportSchema>;

export const shiftSchema = z.object({
  id: z.number().int(),
  cashierId: cashierIdSchema,
  openedAt: z.number().int(),
  closedAt: z.number().int().nullable(),
  report: zReportSchema.nullable(),
});
export type Shift = z.infer<typeof shiftSchema>;

export const shiftChannels = {
  /** The signed-in cashier's open shift, if any, and their last closed one. */
  'shift.current': channel(z.object({}).strict(), z.object({ open: shiftSchema.nullable(), lastClosed: shiftSchema.nullable() })),
  'shift.open': channel(z.object({}).strict(), shiftSchema),
  'shift.close': channel(z.object({}).strict(), shiftSchema),
  /** Closed shifts, newest first, for the owner. */
  'shift.list': channel(z.object({ limit: wholeNumber({ min: 1, max: 200 }).default(30) }).strict(), z.object({ shifts: z.array(shiftSchema) }), {
    ownerOnly: true,
  }),
};
