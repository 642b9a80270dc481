// How Weta's answers map onto our stable error codes: its API error codes 1000–1005 and the HTTP
// codes of its "Response codes" table. The same table decides, for a payment, whether a failure
// is known to have charged nothing.
import type { ErrorCode } from '../../../shared/result';
import { isApiErrorCode, type ApiErrorCode } from './wire';

export const apiErrorToCode: Record<ApiErrorCode, ErrorCode> = {
  1000: 'provider.insufficient_balance',
  1001: 'provider.busy',
  1002: 'provider.invalid_amount',
  1003: 'provider.invalid_offer',
  1004: 'provider.account_not_found',
  1005: 'provider.rejected',
};

/** Our code for an HTTP failure status; 5xx and anything unlisted are not a refusal. */
export function httpStatusToCode(status: number): ErrorCode {
  switch (status) {
    case 400:
    case 422:
      return 'provider.invalid_parameters';
    case 401:
      return 'provider.session_expired';
    case 403:
      return 'provider.forbidden';
    case 404:
      return 'provider.not_found';
    case 409:
      return 'provider.conflict';
    case 405:
    case 411:
    case 412:
    case 413:
    case 416:
      return 'provider.request_refused';
    case 503:
      return 'provider.unavailable';
    default:
      return status >= 500 ? 'provider.server_error' : 'provider.bad_response';
  }
}

/**
 * A payment answered with one of these statuses was refused before anything was charged: the
 * request was malformed, unauthorised or not routed. 5xx, 3xx and unlisted codes are not on this
 * list: after such an answer the charge may have happened, so the outcome is unknown.
 */
export function isRefusalBeforeCharge(status: number): boolean {
  return [400, 401, 403, 404, 405, 409, 411, 412, 413, 416, 422].includes(status);
}

/**
 * A /q/status `reason` the document gives a failure meaning: a refusal of its response-code table
 * (the document's own example bans with 400) or one of its API error codes. Anything else, or none,
 * is not documented, so a ban that gives it does not prove the sale failed.
 */
export function isDocumentedFailure(reason: string): boolean {
  if (!/^\d{3,4}$/.test(reason)) return false;
  const code = Number(reason);
  return (isRefusalBeforeCharge(code) && code !== 401) || isApiErrorCode(code);
}
