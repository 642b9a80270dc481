// Money we compute or sum is an integer count of minor units with its currency: no binary floats
// in totals. Provider amounts arrive as numbers or decimal strings ("70000.00000"); they are parsed
// from their decimal text, never through float arithmetic.
import { z } from 'zod';

export const currencySchema = z.enum(['YER', 'USD']);
export type Currency = z.infer<typeof currencySchema>;

/** Minor units per major unit: both currencies we meet use two decimal places. */
export const MINOR_PER_MAJOR = 100;

export const moneySchema = z.object({ minor: z.number().int(), currency: currencySchema });
export type Money = z.infer<typeof moneySchema>;

/**
 * Parses a decimal amount ("495", "995.5", "2445990.29131", 507.87) into minor units, rounding
 * half away from zero past the second decimal. Returns null for anything that is not a plain
 * decimal number.
 */
export function parseDecimalToMinor(input: unknown): number | null {
  let text: string;
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return null;
    text = numberToPlainString(input);
  } else if (typeof input === 'string') {
    text = input.trim();
  } else {
    return null;
  }
  const match = /^(-)?(\d+)(?:\.(\d*))?$/.exec(text);
  if (!match) return null;
  const [, sign, whole, frac = ''] = match;
  const cents = (frac + '00').slice(0, 2);
  const rest = frac.slice(2);
  let minor = Number(whole) * MINOR_PER_MAJOR + Number(cents);
  if (rest.length > 0 && rest.charCodeAt(0) >= 53 /* '5' */) minor += 1;
  if (!Number.isSafeInteger(minor)) return null;
  return sign ? -minor : minor;
}

function numberToPlainString(value: number): string {
  // Avoid exponent notation for very small or large numbers.
  const text = String(value);
  if (!/e/i.test(text)) return text;
  return value.toFixed(10).replace(/0+$/, '').replace(/\.$/, '');
}

export function money(minor: number, currency: Currency = 'YER'): Money {
  return { minor, currency };
}

export function moneyFromDecimal(input: unknown, currency: Currency = 'YER'): Money | null {
  const minor = parseDecimalToMinor(input);
  return minor === null ? null : { minor, currency };
}

/** Sums amounts of one currency; throws on a currency mix, which is a programming error. */
export function sumMoney(items: readonly Money[], currency: Currency = 'YER'): Money {
  let minor = 0;
  for (const item of items) {
    if (item.currency !== currency) throw new Error(`currency mix: ${item.currency} in a ${currency} sum`);
    minor += item.minor;
  }
  return { minor, currency };
}

/** Adds `minor` in `currency` to a list of per-currency amounts, in place: YER and USD are never added together. */
export function addAmount(amounts: Money[], minor: number | null, currency: Currency): void {
  if (minor === null) return;
  const found = amounts.find((m) => m.currency === currency);
  if (found) found.minor += minor;
  else amounts.push({ minor, currency });
}

/** "1234.5" style text for wire formats and CSV, exact from minor units. */
export function formatMinorAsDecimal(minor: number): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  const whole = Math.floor(abs / MINOR_PER_MAJOR);
  const frac = abs % MINOR_PER_MAJOR;
  return frac === 0 ? `${sign}${whole}` : `${sign}${whole}.${String(frac).padStart(2, '0').replace(/0$/, '')}`;
}
