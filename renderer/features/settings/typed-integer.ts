// Whole numbers the owner types into settings, in any digit script.
import { toAsciiDigits } from '../../../shared/numbers';

/** The number typed, or NaN (which the settings schemas refuse with a clear message) when it is not a whole number. */
export function typedInteger(text: string): number {
  const typed = text.trim();
  return /^\p{Nd}{1,9}$/u.test(typed) ? Number(toAsciiDigits(typed)) : Number.NaN;
}
