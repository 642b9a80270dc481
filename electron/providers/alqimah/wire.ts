// Al-Qimah wire formats, one zod schema per documented request and response. Tolerant where the
// document is loose: ids arrive as numbers or strings, amounts as numbers or 5-place decimal
// strings ("70000.00000"), data balances as text with their unit ("26.90جيجابايت"), empty strings
// for absent values. Types come from these schemas only.
import { z } from 'zod';

const idValue = z.union([z.number(), z.string()]);
/** A decimal as number or text; converted to minor units only where we compute with it. */
export const amountSchema = z.union([z.number(), z.string().regex(/^\s*-?\d+(\.\d+)?\s*$/)]);
/** A balance the provider may write as a number, a numeric string or text with a unit. */
const balanceText = z.union([z.number(), z.string()]);
const optionalText = z.string().optional();

// ── Requests ──
export const loginRequestSchema = z.object({ AccountNumber: z.string(), UserName: z.string(), Token: z.string() });
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const globalRequestSchema = z.object({
  NetworkNumber: z.number().int(),
  ServiceNumber: z.number().int(),
  TransactionID: z.string().optional(),
});
export type GlobalRequest = z.infer<typeof globalRequestSchema>;

export const queryRequestSchema = z.object({
  NetworkNumber: z.number().int(),
  ServiceNumber: z.number().int(),
  MobileNumber: z.string(),
  TransactionID: z.string(),
});
export type QueryRequest = z.infer<typeof queryRequestSchema>;

const webhookFields = { WebHookURL: z.string().optional(), WebHookCode: z.string().optional() };
export const paymentRequestSchema = z.object({
  NetworkNumber: z.number().int(),
  ServiceNumber: z.number().int(),
  MobileNumber: z.string(),
  TransactionID: z.string(),
  /** Money for amount networks, a count of units for Sabafon/YOU/Y. */
  Amount: z.number().optional(),
  OfferCode: z.string().optional(),
  LinkCode: z.string().optional(),
  /** JSON text: {"PlayerID": "..."}. */
  Fields: z.string().optional(),
  Quantity: z.number().int().optional(),
  ...webhookFields,
});
export type PaymentRequest = z.infer<typeof paymentRequestSchema>;

// ── Responses ──
/** `{status:false, message}`: every endpoint's error answer. */
export const errorResponseSchema = z.object({ status: z.literal(false), message: z.string().default('') });

export const loginResponseSchema = z.object({
  status: z.literal(true),
  message: optionalText,
  access_token: z.string().min(1),
  token_expires: z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
});

export const agentBalanceResponseSchema = z.object({
  status: z.literal(true),
  agentBalance: amountSchema,
  message: optionalText,
  transactionID: idValue.optional(),
});

export const operationStatusValue = z.union([z.literal(1), z.literal(0), z.literal(-1)]);
const operationStatusField = z.preprocess((v) => (typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v), operationStatusValue);

export const operationStatusResponseSchema = z.object({
  status: z.literal(true),
  operationStatus: operationStatusField,
  mobileNumber: z.union([z.string(), z.number()]).optional(),
  price: amountSchema.optional(),
  message: optionalText,
  details: z.string().nullable().optional(),
  transactionID: idValue.optional(),
  referenceID: idValue.optional(),
});

export const feedVoucherSchema = z.object({
  Date: z.string(),
  Amount: amountSchema,
  Currency: z.string(),
  Notes: z.string().nullable().default(''),
});
export const feedResponseSchema = z.object({
  status: z.literal(true),
  data: z.array(feedVoucherSchema),
  message: optionalText,
});

export const categorySchema = z.object({
  TheNumber: z.number().optional(),
  ServiceName: z.string(),
  CategoryName: z.string(),
  GameUnitsCount: z.number().optional(),
  LinkCode: z.string().min(1),
  Price: amountSchema,
  CurrencyName: optionalText,
  LocalPrice: amountSchema,
  LocalCurrencyName: optionalText,
  AllowFreeQuantity: z.boolean(),
  MinQuantity: z.number().int(),
  MaxQuantity: z.number().int(),
  RequiredFields: z.array(z.object({ FieldCode: z.string(), FieldName: z.string() })).default([]),
});
export type Category = z.infer<typeof categorySchema>;
export const categoriesResponseSchema = z.object({
  status: z.literal(true),
  data: z.array(categorySchema),
  message: optionalText,
  transactionID: idValue.optional(),
});

export const yemenMobileBalanceResponseSchema = z.object({
  status: z.literal(true),
  mobileBalance: balanceText,
  availableCredit: z.union([z.string(), z.number()]).optional(),
  mobileType: z.union([z.number(), z.string()]).optional(),
  mobileTypeName: optionalText,
  message: optionalText,
  transactionID: idValue.optional(),
});

export const yemenMobileLoanResponseSchema = z.object({
  status: z.literal(true),
  loanStatus: z.boolean(),
  loanStatusString: z.string().default(''),
  message: optionalText,
});

export const yemenMobileOffersResponseSchema = z.object({
  status: z.literal(true),
  data: z.array(
    z.object({
      offerID: z.union([z.string(), z.number()]).transform(String),
      offerName: z.string(),
      offerStartDate: optionalText,
      offerEndDate: optionalText,
    }),
  ),
  message: optionalText,
});

export const adslBalanceResponseSchema = z.object({
  status: z.literal(true),
  mobileBalance: balanceText,
  expiredDate: optionalText,
  offerAmount: balanceText.optional(),
  minAmount: balanceText.optional(),
  message: optionalText,
  transactionID: idValue.optional(),
});

export const landlineBalanceResponseSchema = z.object({
  status: z.literal(true),
  mobileBalance: balanceText,
  message: optionalText,
  transactionID: idValue.optional(),
});

export const yemen4gBalanceResponseSchema = z.object({
  status: z.literal(true),
  mobileBalance: balanceText,
  expiredDate: optionalText,
  offerAmount: balanceText.optional(),
  offerSize: balanceText.optional(),
  callBalance: balanceText.optional(),
  message: optionalText,
  transactionID: idValue.optional(),
});

export const paymentResponseSchema = z.object({
  status: z.literal(true),
  operationStatus: operationStatusField,
  agentBalance: amountSchema.optional(),
  price: amountSchema.optional(),
  message: optionalText,
  transactionID: idValue.optional(),
  referenceID: idValue.optional(),
});

/** The webhook's query string (document, "Example Webhook Request"); every value arrives as text. */
export const webhookQuerySchema = z.object({
  OperationStatus: z.enum(['0', '1']),
  WebHookCode: z.string().default(''),
  TransactionID: z.string().min(1),
  ReferenceID: z.string().default(''),
  price: z.string().default(''),
  message: z.string().default(''),
});
export type WebhookQuery = z.infer<typeof webhookQuerySchema>;

/** Yemen time has no daylight saving: UTC+3 all year. */
export const YEMEN_UTC_OFFSET_MS = 3 * 60 * 60 * 1000;

/** "2024-08-05 19:31:45" (Yemen time, no zone on the wire) → epoch ms, or null if not such a time. */
export function parseYemenTime(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const utc = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(utc);
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null;
  return utc - YEMEN_UTC_OFFSET_MS;
}

/** Epoch ms → "YYYY-MM-DD HH:mm:ss" in Yemen time, as the provider writes token_expires. */
export function formatYemenTime(epochMs: number): string {
  return new Date(epochMs + YEMEN_UTC_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}
