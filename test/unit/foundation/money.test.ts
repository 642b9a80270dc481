import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMinorAsDecimal, parseDecimalToMinor, sumMoney } from '../../../shared/money';

describe('money from the providers\' decimal text', () => {
  it.each([
    ['495', 49500],
    [495, 49500],
    ['995.5', 99550],
    [995.5, 99550],
    ['70000.00000', 7000000],
    ['2445990.29131', 244599029],
    [2445990.29131, 244599029],
    ['507.875', 50788],
    [0.9, 90],
    [1.81, 181],
    ['-12.5', -1250],
  ])('%s is %i minor units', (input, minor) => {
    expect(parseDecimalToMinor(input)).toBe(minor);
  });

  it.each(['', 'abc', '1e5', '12,5', '44.18 جيجابايت', null, undefined, NaN, Infinity, {}])('refuses %s', (input) => {
    expect(parseDecimalToMinor(input)).toBeNull();
  });

  it('round-trips every whole number of minor units through its decimal text', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (minor) => parseDecimalToMinor(formatMinorAsDecimal(minor)) === minor),
    );
  });

  it('sums exactly where binary floats would not', () => {
    const items = Array.from({ length: 10 }, () => ({ minor: 10, currency: 'YER' as const }));
    expect(sumMoney(items).minor).toBe(100);
    expect(() => sumMoney([{ minor: 1, currency: 'USD' }])).toThrow(/currency mix/);
  });
});
