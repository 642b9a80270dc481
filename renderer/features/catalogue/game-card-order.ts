// The rules of a game or gift card order, from its category: every required field filled, the
// quantity within the category's bounds (fixed when the category allows no free quantity).
import type { Product } from '../../../shared/domain';
import type { CounterCatalogueItem } from '../../../shared/ipc/counter';
import { toAsciiDigits } from '../../../shared/numbers';
import type { AppError, Result } from '../../../shared/result';

export type GameCardDraft = { fields: Record<string, string>; quantity: string };

export function quantityBounds(item: CounterCatalogueItem): { min: number; max: number; fixed: boolean } {
  const min = Math.max(1, item.minQuantity);
  if (!item.allowFreeQuantity) return { min, max: min, fixed: true };
  return { min, max: Math.max(min, item.maxQuantity), fixed: false };
}

// Results built by hand: shared/result.ts's err/ok would bring zod into the counter's first paint.
function refuse(code: AppError['code'], message: string, params: AppError['params']): Result<never> {
  return { ok: false, error: { code, message, params } };
}

export function orderProduct(item: CounterCatalogueItem, draft: GameCardDraft): Result<Extract<Product, { kind: 'game' }>> {
  const fields: Record<string, string> = {};
  for (const field of item.requiredFields) {
    const value = (draft.fields[field.code] ?? '').trim();
    if (value === '') return refuse('input.missing_field', `${field.code} is required`, { field: field.name });
    if (value.length > 200) return refuse('input.invalid', `${field.code} is too long`, { detail: field.name });
    fields[field.code] = value;
  }
  const { min, max, fixed } = quantityBounds(item);
  const typed = draft.quantity.trim();
  // Digits only, in any script: toAsciiDigits would drop a "-" or "." and turn "-1" into 1.
  const digits = /^\p{Nd}+$/u.test(typed) ? toAsciiDigits(typed) : '';
  const quantity = fixed && typed === '' ? min : /^\d{1,6}$/.test(digits) ? Number(digits) : NaN;
  if (!Number.isInteger(quantity) || quantity < min || quantity > max) {
    return refuse('input.invalid_quantity', `quantity must be ${min}..${max}`, { min, max });
  }
  return { ok: true, value: { kind: 'game', linkCode: item.linkCode, name: item.name, fields, quantity } };
}
