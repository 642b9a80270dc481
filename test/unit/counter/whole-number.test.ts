// Amounts and units as the cashier types them: any digit script; a decimal point or a sign is
// refused rather than silently dropped (toAsciiDigits drops separators, so "1.5" must not become 15).
import { describe, expect, it } from 'vitest';
import { MAX_WHOLE, parseWhole } from '../../../renderer/features/sale/whole-number';

describe('parseWhole', () => {
  it.each([
    ['500', 500],
    ['٥٠٠', 500],
    ['۵۰۰', 500],
    ['５００', 500],
    [' 1000 ', 1000],
    [String(MAX_WHOLE), MAX_WHOLE],
  ])('%j → %d', (typed, value) => expect(parseWhole(typed)).toBe(value));

  it.each(['', '0', '000', '1.5', '١٫٥', '-100', '+100', '1 000', '1,000', '1e3', 'abc', String(MAX_WHOLE + 1), '9999999999'])(
    'refuses %j',
    (typed) => expect(parseWhole(typed)).toBeNull(),
  );
});

describe('the counter copies of shared constants', () => {
  it('the counter formats money with the same minor units per major unit as shared/money.ts', async () => {
    const shared = await import('../../../shared/money');
    const counter = await import('../../../renderer/features/sale/money-text');
    expect(counter.MINOR_PER_MAJOR).toBe(shared.MINOR_PER_MAJOR);
  });
});
