// The envelope every IPC call and every provider call returns: a value, or an error with a stable
// code that the renderer translates (`errors.<code>` in both catalogues). Errors a cashier can meet
// are values, never thrown strings.
import { z } from 'zod';

export const errorCodes = [
  'internal',
  'app.start_failed',
  'app.data_folder_unwritable',
  'app.stop_failed',
  'ipc.unknown_channel',
  'ipc.forbidden_sender',
  'input.invalid',
  'input.invalid_number',
  'input.number_too_short',
  'input.number_too_long',
  'input.number_unknown_prefix',
  'input.invalid_amount',
  'input.network_required',
  'input.invalid_quantity',
  'input.missing_field',
  'input.number_empty',
  'input.invalid_units',
  'input.invalid_price',
  'input.out_of_range',
  'input.too_big',
  'input.too_small',
  'input.too_long',
  'input.too_short',
  'input.too_many_items',
  'input.required',
  'input.invalid_format',
  'input.control_characters',
  'input.invalid_host',
  'store.db_newer_than_app',
  'store.db_corrupt',
  'store.db_history_mismatch',
  'provider.not_configured',
  'provider.auth_failed',
  'provider.session_expired',
  'provider.timeout',
  'provider.unavailable',
  'provider.server_error',
  'provider.bad_response',
  'provider.rejected',
  'provider.insufficient_balance',
  'provider.busy',
  'provider.invalid_amount',
  'provider.invalid_offer',
  'provider.account_not_found',
  'provider.duplicate_transaction',
  'provider.invalid_parameters',
  'provider.forbidden',
  'provider.not_found',
  'provider.conflict',
  'provider.unsupported',
  'provider.request_refused',
  'provider.unclear_status',
  'sale.not_found',
  'sale.duplicate_needs_confirm',
  'sale.in_doubt_needs_confirm',
  'sale.already_submitting',
  'sale.not_final',
  'sale.needs_attention',
  'auth.required',
  'auth.forbidden',
  'auth.wrong_pin',
  'auth.locked',
  'auth.pin_required',
  'auth.invalid_pin',
  'auth.last_owner',
  'cashier.not_found',
  'shift.already_open',
  'shift.not_open',
  'shift.not_found',
  'backup.not_found',
  'backup.invalid_file',
  'backup.newer_schema',
  'backup.other_counter',
  'backup.failed',
  'backup.restoring',
  'secrets.unavailable',
  'settings.invalid_service_map',
  'settings.service_map_not_json',
  'printer.not_configured',
  'printer.unavailable',
  'printer.unreachable',
  'printer.timeout',
  'printer.failed',
  'hub.not_linked',
  'hub.already_linked',
  'hub.invalid_address',
  'hub.invalid_code',
  'hub.code_used',
  'hub.auth_failed',
  'hub.forbidden',
  'hub.unreachable',
  'hub.failed',
  'hub.counter_number_given',
  'hub.invalid_certificate',
  'hub.certificate_mismatch',
  'hub.tls_untrusted',
  'hub.tls_name_mismatch',
  'hub.tls_unavailable',
  'hub.tls_required',
] as const;

export const errorCodeSchema = z.enum(errorCodes);
export type ErrorCode = (typeof errorCodes)[number];

export const appErrorSchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
  /** Values the translated text may interpolate (e.g. `{ count }`). Never a secret. */
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type AppError = z.infer<typeof appErrorSchema>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function err(code: ErrorCode, message: string, params?: AppError['params']): Result<never> {
  return { ok: false, error: params ? { code, message, params } : { code, message } };
}

export function resultSchema<T extends z.ZodType>(value: T) {
  return z.union([
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: appErrorSchema }),
  ]);
}
