// Weta's wire formats (docs/providers-weta.md), as zod schemas with the types inferred from them. Tolerant
// where the document is loose: numbers arrive as numbers or decimal strings ("42.57"), some text
// fields are placeholders ("XYZ"), the 401 body's key is `"message "` with a trailing space, and a
// 422 carries a `data` array of messages (or only a description, as reset_pass shows).
import { z } from 'zod';

/** A number that may come as JSON number or as decimal text ("42.57", "0"). */
export const numberish = z.union([z.number(), z.string()]);
/** Integer status codes, sometimes sent as text. */
const intish = z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]);

// ---- requests (what the client sends; the simulator parses them with the same schemas) ----

export const registerRequestSchema = z.object({
  name: z.string(),
  username: z.string(),
  email: z.string(),
  mobile: z.string(),
  password: z.string(),
  password_confirmation: z.string(),
});
export type RegisterRequest = z.infer<typeof registerRequestSchema>;

export const loginRequestSchema = z.object({ username: z.string(), password: z.string() });
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const mobileRequestSchema = z.object({ mobile: z.string() });

export const billRequestSchema = z.object({
  mobile: z.string(),
  trans_id: z.number().int(),
  code: z.string(),
  type: z.enum(['prepaid', 'postpaid', 'line', 'adsl']),
});
export type BillRequest = z.infer<typeof billRequestSchema>;

export const balanceRequestSchema = z.object({
  mobile: z.string(),
  type: z.enum(['prepaid', 'postpaid']).optional(),
  // The document's cURL example sends `methode`; its parameter table and 422 say `type`.
  methode: z.enum(['prepaid', 'postpaid']).optional(),
});
export type BalanceRequest = z.infer<typeof balanceRequestSchema>;

export const adslLineRequestSchema = z.object({ mobile: z.string(), type: z.enum(['line', 'adsl']) });
export type AdslLineRequest = z.infer<typeof adslLineRequestSchema>;

export const statusRequestSchema = z.object({ trans_id: z.number().int(), mobile: z.string() });
export type StatusRequest = z.infer<typeof statusRequestSchema>;

export const resetPasswordRequestSchema = z.object({ password: z.string() });

// ---- responses ----

/** Any Weta body: `status_code` (HTTP-like or an API error 1000–1005), a description, maybe data. */
export const envelopeSchema = z
  .object({
    status_code: intish.optional(),
    description: z.string().optional(),
    message: z.string().optional(),
    'message ': z.string().optional(),
    data: z.unknown().optional(),
  })
  .loose();
export type Envelope = z.infer<typeof envelopeSchema>;

/** The text a failure body carries: description, message (with or without the trailing space), or the 422 list. */
export function envelopeText(body: Envelope): string {
  const parts: string[] = [];
  const message = body['message '] ?? body.message;
  if (message) parts.push(message);
  if (body.description) parts.push(body.description);
  if (Array.isArray(body.data)) for (const item of body.data) if (typeof item === 'string') parts.push(item);
  return parts.join(' ').trim();
}

export const registeredUserSchema = z
  .object({
    name: z.string(),
    username: z.string(),
    email: z.string(),
    mobile: z.string(),
    balance: numberish,
    balance_ceiling: numberish.optional(),
    balance_type: z.string().optional(),
    env: z.string().optional(),
    created_at: z.number().optional(),
  })
  .loose();
export const registerResponseSchema = z.object({ data: z.object({ user: registeredUserSchema }) }).loose();
export type RegisteredUser = z.infer<typeof registeredUserSchema>;

export const loginResponseSchema = z
  .object({ token: z.string().min(1), exp_date: z.number().int() })
  .loose();

export const agentBalanceResponseSchema = z.object({ data: z.object({ balance: numberish }).loose() }).loose();

export const wetaOfferSchema = z
  .object({
    code: z.union([z.string(), z.number()]).transform(String),
    telecom_company: z.string().optional(),
    category: z.string().optional(),
    amount_sent: numberish,
    WETA_offer: z.array(z.object({ extra_balance: numberish.optional() }).loose()).optional(),
    processing_fees: numberish.optional(),
    total_cost: numberish.optional(),
    // Spelled so by the document.
    recevied: numberish.optional(),
  })
  .loose();
export type WetaOffer = z.infer<typeof wetaOfferSchema>;
export const offersResponseSchema = z.object({ data: z.array(wetaOfferSchema) }).loose();

export const billResultSchema = z
  .object({
    trans_id: numberish.optional(),
    sent_amount: numberish.optional(),
    recevied: numberish.optional(),
    processing_fees: numberish.optional(),
    price: numberish.optional(),
    remain_amount: numberish.optional(),
    Operator: z.string().optional(),
  })
  .loose();
/** The bill answer nests a whole envelope inside a one-element `data` array. */
export const billInnerSchema = z
  .object({ status_code: intish, description: z.string().optional(), data: billResultSchema.optional() })
  .loose();
export const billResponseSchema = z.object({ data: z.array(billInnerSchema).min(1) }).loose();
export type BillInner = z.infer<typeof billInnerSchema>;

export const appliedPackageSchema = z
  .object({
    offerId: z.string(),
    offerName: z.string(),
    offerStartDate: z.string().optional(),
    offerEndDate: z.string().optional(),
  })
  .loose();
export const appliedPackagesResponseSchema = z
  .object({ data: z.object({ offers: z.array(appliedPackageSchema) }).loose() })
  .loose();
export type AppliedPackage = z.infer<typeof appliedPackageSchema>;

export const mobileBalanceSchema = z
  .object({ mobile_type: numberish.optional(), availableCredit: numberish.optional(), balance: numberish.optional() })
  .loose();
export const mobileBalanceResponseSchema = z.object({ data: mobileBalanceSchema }).loose();

/** /q/adsl-line appears only in the methods table: its answer is unknown, so any flat object is read. */
export const adslLineResponseSchema = z
  .object({ data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])) })
  .loose();

export const solfaResponseSchema = z
  .object({ data: z.object({ RESULTCODE: numberish, RESULTDESC: z.string().optional() }).loose() })
  .loose();

export const operationStatusSchema = z
  .object({
    isDone: intish,
    isBan: intish,
    mobile: z.string().optional(),
    reason: z.union([z.number(), z.string(), z.null()]).optional(),
  })
  .loose();
export const statusResponseSchema = z.object({ data: operationStatusSchema }).loose();
export type OperationStatus = z.infer<typeof operationStatusSchema>;

/** API error codes of the document's "error code" table. */
export const apiErrorCodes = [1000, 1001, 1002, 1003, 1004, 1005] as const;
export type ApiErrorCode = (typeof apiErrorCodes)[number];
export const apiErrorDescriptions: Record<ApiErrorCode, string> = {
  1000: 'your balance not enough.',
  1001: 'there is another batch proccess in this moment.',
  1002: 'Chosen amount is invalid or not allowed for the user.',
  1003: 'Chosen offer is invalid or not allowed for the user.',
  1004: 'the accounting details is not founded.',
  1005: 'Rejected',
};
export function isApiErrorCode(code: unknown): code is ApiErrorCode {
  return typeof code === 'number' && (apiErrorCodes as readonly number[]).includes(code);
}
