// Amounts and units typed at the counter: whole numbers in any digit script, nothing else.
import { SALE_AMOUNT_RIALS, SALE_UNITS } from '../../../shared/bounds';
import { toAsciiDigits } from '../../../shared/numbers';

/** Above this a typed amount or count of units is a slip of the finger, not a top-up (shared/bounds.ts). */
export const MAX_WHOLE = Math.min(SALE_AMOUNT_RIALS.max, SALE_UNITS.max);

/** A whole number typed in any digit script; "1.5" or "-100" is refused, never read as 15 or 100. */
export function parseWhole(text: string): number | null {
  const typed = text.trim();
  if (!/^\p{Nd}+$/u.test(typed)) return null;
  const digits = toAsciiDigits(typed);
  if (!/^\d{1,9}$/.test(digits)) return null;
  const value = Number(digits);
  return value > 0 && value <= MAX_WHOLE ? value : null;
}
