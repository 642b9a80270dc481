// Channels of the owner's reports: today's sales by hour and network, agent balances, Al-Qimah's
// feed vouchers, and the history as CSV. Training sales are never counted (docs/architecture.md, "Training mode").
import { z } from 'zod';
import { channel } from './contract';
import { networkSchema, providerIdSchema, saleStateSchema } from '../domain';
import { moneySchema } from '../money';
import { appErrorSchema } from '../result';
import { TIME_MS, wholeNumber } from '../bounds';

/** Sums per currency: YER and USD are never added together. */
export const amountsSchema = z.array(moneySchema);

const bucket = { count: z.number().int().nonnegative(), amounts: amountsSchema };

export const salesSummarySchema = z.object({
  from: z.number().int(),
  to: z.number().int(),
  byNetwork: z.array(z.object({ network: networkSchema, ...bucket })),
  byProduct: z.array(z.object({ kind: z.string(), ...bucket })),
  byState: z.array(z.object({ state: saleStateSchema, ...bucket })),
  /** Succeeded sales only: what was actually sold. */
  succeeded: z.object(bucket),
  /** Sales still pending or unknown: their money is neither sold nor lost yet. */
  pendingCount: z.number().int().nonnegative(),
  count: z.number().int().nonnegative(),
  /** Training sales in the period, left out of every figure above. */
  trainingExcluded: z.number().int().nonnegative(),
});
export type SalesSummary = z.infer<typeof salesSummarySchema>;

export const dayReportSchema = z.object({
  summary: salesSummarySchema,
  /** 24 buckets from `from`, succeeded sales only. */
  byHour: z.array(z.object({ hour: z.number().int().min(0).max(23), ...bucket })),
});
export type DayReport = z.infer<typeof dayReportSchema>;

export const balanceLineSchema = z.object({
  provider: providerIdSchema,
  balance: moneySchema.nullable(),
  error: appErrorSchema.nullable(),
  low: z.boolean(),
});

export const feedVoucherSchema = z.object({
  date: z.string(),
  amountText: z.string(),
  amount: moneySchema.optional(),
  currency: z.string(),
  notes: z.string(),
});

const range = z
  .object({ from: wholeNumber(TIME_MS), to: wholeNumber(TIME_MS) })
  .strict()
  .refine((r) => r.to > r.from && r.to - r.from <= 366 * 86_400_000, { message: 'the range is empty or longer than a year' });

export const reportChannels = {
  /** `from`: the start of the day in the shop's time; the report covers 24 hours from it. */
  'reports.day': channel(z.object({ from: wholeNumber(TIME_MS) }).strict(), dayReportSchema, { ownerOnly: true }),
  'reports.balances': channel(z.object({}).strict(), z.object({ balances: z.array(balanceLineSchema) }), { ownerOnly: true }),
  'reports.feedVouchers': channel(
    z.object({}).strict(),
    z.object({ vouchers: z.array(feedVoucherSchema), error: appErrorSchema.nullable() }),
    { ownerOnly: true },
  ),
  /** The history of a date range as CSV text (UTF-8 with BOM so spreadsheet apps keep the Arabic). */
  'reports.exportCsv': channel(range, z.object({ fileName: z.string(), csv: z.string(), rows: z.number().int() }), { ownerOnly: true }),
};
