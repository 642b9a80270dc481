// What the domain allows for the numbers and texts the IPC contract carries. A value outside is
// refused with an error code the renderer translates (shared/input-error.ts), and the bounds travel
// with the refusal so the cashier's words can say them ("a whole number from 1 to 1,000,000").
import { z } from 'zod';
import { MINOR_PER_MAJOR, currencySchema } from './money';
import type { ErrorCode } from './result';

/** A top-up by amount, in whole rials: below is a slip, above is no top-up a shop sells. */
export const SALE_AMOUNT_RIALS = { min: 1, max: 1_000_000 } as const;
/** A top-up by units (Sabafon, YOU, Y). */
export const SALE_UNITS = { min: 1, max: 1_000_000 } as const;
/** Cards in one game or gift card sale. */
export const GAME_QUANTITY = { min: 1, max: 100_000 } as const;
/** Epoch milliseconds a report or search may name: from 1970 to 2200, so every date sum stays a date. */
export const TIME_MS = { min: 0, max: Date.UTC(2200, 0, 1) } as const;

type Bounds = { readonly min: number; readonly max: number };

/** A whole number within bounds; refused with `code` and both bounds, so the words can say the range. */
export function wholeNumber({ min, max }: Bounds, code: ErrorCode = 'input.out_of_range') {
  return z.number().refine((v) => Number.isSafeInteger(v) && v >= min && v <= max, { params: { code, min, max } });
}

/** A sale amount: whole rials within SALE_AMOUNT_RIALS, in minor units on the wire. */
export const saleAmountSchema = z.object({
  minor: z
    .number()
    .refine(
      (v) => Number.isSafeInteger(v) && v % MINOR_PER_MAJOR === 0 && v >= SALE_AMOUNT_RIALS.min * MINOR_PER_MAJOR && v <= SALE_AMOUNT_RIALS.max * MINOR_PER_MAJOR,
      { params: { code: 'input.invalid_amount', ...SALE_AMOUNT_RIALS } },
    ),
  currency: currencySchema,
});

/** A price the owner types (a package's): at least a rial, no more than the largest sale. */
export const priceSchema = z.object({
  minor: z
    .number()
    .refine((v) => Number.isSafeInteger(v) && v >= MINOR_PER_MAJOR && v <= SALE_AMOUNT_RIALS.max * MINOR_PER_MAJOR, {
      params: { code: 'input.invalid_price', ...SALE_AMOUNT_RIALS },
    }),
  currency: currencySchema,
});

// Control characters have no place in what a shop types: they break receipts, logs and CSV cells.
const CONTROL = /[\p{Cc}\u2028\u2029]/u;
const CONTROL_BUT_LINES = /[\0-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029]/u;

/** One line of text: at most `max` characters, no control characters. */
export function lineText(max: number) {
  return z.string().max(max).refine((v) => !CONTROL.test(v), { params: { code: 'input.control_characters' } });
}

/** Text that may span lines (a receipt header): at most `max` characters, no other control characters. */
export function multiLineText(max: number) {
  return z.string().max(max).refine((v) => !CONTROL_BUT_LINES.test(v), { params: { code: 'input.control_characters' } });
}

/** What the cashier typed as a number: any digits, spaces, +967… (shared/numbers.ts normalises it). */
export const typedNumberSchema = lineText(40).refine((v) => v.trim() !== '', { params: { code: 'input.number_empty' } });
