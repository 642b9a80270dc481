// shared/numbers.ts against libphonenumber's Yemen plan (its "max" metadata, from the ITU) as an
// oracle: on random numbers both agree on what is a whole number and whether it is a landline or a
// mobile, everywhere except Yemen 4G (10…), which libphonenumber does not know. And the counter's
// reading while a 9-digit 78… mobile is typed: the mobile stays in front until Enter.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { checkFinalNumber, checkNumber, isMobileNetwork } from '../../../shared/numbers';

type Reading = 'fixed' | 'mobile' | 'invalid';

function oracle(national: string): Reading {
  const parsed = parsePhoneNumberFromString(national, 'YE');
  if (!parsed || !parsed.isValid()) return 'invalid';
  const type = parsed.getType();
  if (type === 'FIXED_LINE') return 'fixed';
  if (type === 'MOBILE') return 'mobile';
  throw new Error(`unexpected type ${type} for ${national}`);
}

function ours(national: string): Reading {
  const check = checkFinalNumber(national);
  if (check.status !== 'valid') return 'invalid';
  if (check.networks.every(isMobileNetwork)) return 'mobile';
  if (check.networks.every((n) => n === 'landline' || n === 'adsl')) return 'fixed';
  throw new Error(`mixed reading ${check.networks.join(',')} for ${national}`);
}

const nationalNumbers = fc
  .tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 6, max: 9 }), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 9 }))
  .map(([first, length, rest]) => `${first}${rest.join('')}`.slice(0, length))
  .filter((n) => !n.startsWith('10'));

describe('the number plan agrees with libphonenumber (outside Yemen 4G)', () => {
  it('on random national numbers of 6 to 9 digits', () => {
    fc.assert(
      fc.property(nationalNumbers, (national) => {
        expect(ours(national), national).toBe(oracle(national));
      }),
      { numRuns: 20_000, seed: 11 },
    );
  });

  it('on every 7-digit prefix class and its neighbours', () => {
    for (let head = 100; head <= 799; head++) {
      const national = `${head}4567`;
      if (national.startsWith('10')) continue;
      expect(ours(national), national).toBe(oracle(national));
    }
  });

  it('a 7-digit 77…, 70…, 71… or 73… is a mobile missing digits, not a landline', () => {
    for (const national of ['7712345', '7012345', '7112345', '7312345']) {
      expect(checkNumber(national)).toMatchObject({ status: 'partial', missing: 2 });
      expect(checkFinalNumber(national)).toMatchObject({ status: 'invalid', code: 'input.number_too_short' });
    }
  });
});

describe('typing a 9-digit 78… mobile', () => {
  it('keeps the mobile reading in front, 2 digits short, while the landline waits for Enter', () => {
    const seven = checkNumber('7812345');
    expect(seven).toMatchObject({ status: 'valid', networks: ['landline', 'adsl'], mayGrow: true, growsInto: ['yemen_mobile'], missing: 2 });
    expect(checkNumber('78123456')).toMatchObject({ status: 'partial', likely: ['yemen_mobile'], missing: 1 });
    expect(checkNumber('781234567')).toMatchObject({ status: 'valid', networks: ['yemen_mobile'], mayGrow: false, missing: 0 });
    expect(checkFinalNumber('7812345')).toMatchObject({ status: 'valid', networks: ['landline', 'adsl'] });
  });

  it('a 788… or 789… is never a landline', () => {
    expect(checkNumber('7881234')).toMatchObject({ status: 'partial', likely: ['yemen_mobile'], missing: 2 });
    expect(checkFinalNumber('7891234')).toMatchObject({ status: 'invalid' });
  });
});
