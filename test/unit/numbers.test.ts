// shared/numbers.ts against docs/architecture.md, "Numbers and networks", table by table: every prefix, every digit form, every
// country-code form, every length error, and the provider wire forms.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  alqimahNumber,
  checkFinalNumber,
  checkNumber,
  isMobileNetwork,
  toAsciiDigits,
  toNationalDigits,
  wetaNumber,
} from '../../shared/numbers';
import type { Network } from '../../shared/domain';

const ARABIC_INDIC = '٠١٢٣٤٥٦٧٨٩';
const PERSIAN = '۰۱۲۳۴۵۶۷۸۹';
const FULL_WIDTH = '０１２３４５６７８９';

function inScript(ascii: string, digits: string): string {
  return ascii.replace(/\d/g, (d) => digits[Number(d)]!);
}

describe('every prefix reads as its network (docs/architecture.md, "Numbers and networks" table)', () => {
  const table: [string, Network[]][] = [
    ['771234567', ['yemen_mobile']],
    ['781234567', ['yemen_mobile']],
    ['731234567', ['you']],
    ['711234567', ['sabafon']],
    ['701234567', ['y']],
    ['10123456', ['yemen_4g']],
    ['106123456', ['yemen_4g']],
    ['17123456', ['landline', 'adsl']],
    ['1234567', ['landline', 'adsl']],
    ['2345678', ['landline', 'adsl']],
    ['3256789', ['landline', 'adsl']],
    ['4223456', ['landline', 'adsl']],
    ['5223456', ['landline', 'adsl']],
    ['6323456', ['landline', 'adsl']],
    ['7801234', ['landline', 'adsl']],
  ];
  it.each(table)('%s → %j', (input, networks) => {
    const check = checkNumber(input);
    expect(check.status).toBe('valid');
    if (check.status === 'valid') {
      expect(check.networks).toEqual(networks);
      expect(check.national).toBe(input);
    }
  });

  it('only length separates a 9-digit 78… mobile from a 7-digit 78[0-7]… landline', () => {
    const short = checkNumber('7801234');
    expect(short).toMatchObject({ status: 'valid', networks: ['landline', 'adsl'], mayGrow: true });
    expect(checkNumber('78012345')).toMatchObject({ status: 'partial', likely: ['yemen_mobile'] });
    expect(checkNumber('780123456')).toMatchObject({ status: 'valid', networks: ['yemen_mobile'], mayGrow: false });
  });

  it('an 8-digit 4G number may still grow to 9 digits', () => {
    expect(checkNumber('10123456')).toMatchObject({ status: 'valid', mayGrow: true });
    expect(checkNumber('101234567')).toMatchObject({ status: 'valid', mayGrow: false });
  });
});

describe('every digit form and separator normalises to the same national number', () => {
  const forms: [string, string][] = [
    ['western', '771234567'],
    ['arabic-indic', inScript('771234567', ARABIC_INDIC)],
    ['persian', inScript('771234567', PERSIAN)],
    ['full-width', inScript('771234567', FULL_WIDTH)],
    ['mixed scripts', `٧۷${inScript('1234567', ARABIC_INDIC)}`],
    ['spaces', '77 123 4567'],
    ['dashes', '77-123-4567'],
    ['dots and brackets', '(77) 123.4567'],
    ['no-break and tab', '77\u00a0123\t4567'],
    ['direction marks from a paste', '\u200e\u202a771234567\u202c\u2066\u2069\u200f\u061c'],
    ['+967', '+967771234567'],
    ['+967 with spaces', '+967 77 123 4567'],
    ['00967', '00967771234567'],
    ['bare 967', '967771234567'],
    ['trunk 0', '0771234567'],
    ['+967 in Arabic-Indic with a plus', `+${inScript('967771234567', ARABIC_INDIC)}`],
    ['00967 in Persian', inScript('00967771234567', PERSIAN)],
  ];
  it.each(forms)('%s', (_name, input) => {
    expect(checkNumber(input)).toMatchObject({ status: 'valid', national: '771234567', networks: ['yemen_mobile'] });
  });

  it('landline forms: trunk 0, +967 and Weta 967 + 7 digits', () => {
    for (const input of ['01234567', '+9671234567', '009671234567', '9671234567', '٠١٢٣٤٥٦٧']) {
      expect(checkNumber(input), input).toMatchObject({ status: 'valid', national: '1234567', networks: ['landline', 'adsl'] });
    }
  });

  it('toAsciiDigits maps each digit of each block', () => {
    for (const digits of [ARABIC_INDIC, PERSIAN, FULL_WIDTH]) expect(toAsciiDigits(digits)).toBe('0123456789');
  });

  it('a bare 967 is dropped only when what follows could be a number (10+ digits)', () => {
    expect(toNationalDigits('967123')).toBe('967123');
    expect(toNationalDigits('9671234567')).toBe('1234567');
  });

  it('property: any separators and any digit script give the same check', () => {
    const scripts = ['0123456789', ARABIC_INDIC, PERSIAN, FULL_WIDTH];
    const separators = [' ', '-', '.', '\u200f', ''];
    fc.assert(
      fc.property(
        fc.constantFrom('771234567', '731112223', '711234567', '701234567', '10612345', '1234567', '17123456'),
        fc.array(fc.nat(3), { minLength: 12, maxLength: 12 }),
        fc.array(fc.nat(4), { minLength: 12, maxLength: 12 }),
        (number, scriptPicks, separatorPicks) => {
          const typed = [...number].map((d, i) => scripts[scriptPicks[i]!]![Number(d)]! + separators[separatorPicks[i]!]!).join('');
          expect(checkNumber(typed)).toEqual(checkNumber(number));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('partial while typing, with the likely network shown early', () => {
  // Only the fixed-line plan's prefixes read as landlines: 77…, 73…, 71…, 70… and 10… never do.
  const table: [string, Network[], number][] = [
    ['7', ['yemen_mobile', 'you', 'sabafon', 'y', 'landline', 'adsl'], 6],
    ['77', ['yemen_mobile'], 7],
    ['7712', ['yemen_mobile'], 5],
    ['77123456', ['yemen_mobile'], 1],
    ['73', ['you'], 7],
    ['71', ['sabafon'], 7],
    ['70', ['y'], 7],
    ['10', ['yemen_4g'], 6],
    ['101234', ['yemen_4g'], 2],
    ['10123', ['yemen_4g'], 3],
    ['17', ['landline', 'adsl'], 6],
    ['5', ['landline', 'adsl'], 6],
  ];
  it.each(table)('%s → likely %j', (input, likely, missing) => {
    expect(checkNumber(input)).toEqual({ status: 'partial', national: input, likely, missing });
  });

  it.each(['', '+', '+9', '+96', '+967', '0', '00', '009', '0096', '00967', '9', '96', '967', ' ', '\u200f'])(
    'the way to a country code is not an error: %j',
    (input) => {
      expect(checkNumber(input).status).toBe('partial');
    },
  );
});

describe('every invalid number says why', () => {
  const table: [string, string][] = [
    ['8', 'input.number_unknown_prefix'],
    ['98', 'input.number_unknown_prefix'],
    ['0812345678', 'input.number_unknown_prefix'],
    ['+9669123456', 'input.invalid_number'],
    ['7712345678', 'input.number_too_long'],
    ['73123456789', 'input.number_too_long'],
    ['7112345678', 'input.number_too_long'],
    ['7012345678', 'input.number_too_long'],
    ['1061234567', 'input.number_too_long'],
    ['171234567', 'input.number_too_long'],
    ['12345678', 'input.number_too_long'],
    ['77x234567', 'input.invalid_number'],
    ['+1 555 0100', 'input.invalid_number'],
    ['abc', 'input.invalid_number'],
  ];
  it.each(table)('%s → %s', (input, code) => {
    expect(checkNumber(input)).toMatchObject({ status: 'invalid', code });
  });

  it.each([
    ['751234567', '75'],
    ['٧٩١٢٣٤٥٦٧', '79'],
    ['8', '8'],
  ])('a number no network starts with names its first digits: %s → %s', (input, prefix) => {
    expect(checkFinalNumber(input)).toMatchObject({ status: 'invalid', code: 'input.number_unknown_prefix', params: { prefix } });
  });

  it.each([
    ['77', 'input.number_too_short'],
    ['7712345', 'input.number_too_short'],
    ['7812345', 'valid'],
    ['771234', 'input.number_too_short'],
    ['1012', 'input.number_too_short'],
    ['123456', 'input.number_too_short'],
    ['', 'input.number_empty'],
    ['+967', 'input.number_empty'],
  ])('on Enter %j → %s', (input, expected) => {
    const check = checkFinalNumber(input);
    if (expected === 'valid') expect(check.status).toBe('valid');
    else expect(check).toMatchObject({ status: 'invalid', code: expected });
  });
});

describe('each provider gets the number in its own form', () => {
  it('Al-Qimah: national, with the trunk 0 for landline and ADSL', () => {
    expect(alqimahNumber('771234567', 'yemen_mobile')).toBe('771234567');
    expect(alqimahNumber('1234567', 'landline')).toBe('01234567');
    expect(alqimahNumber('1234567', 'adsl')).toBe('01234567');
    expect(alqimahNumber('10123456', 'yemen_4g')).toBe('10123456');
  });
  it('Weta: 967 + national (12 digits for mobiles, 10 for line/ADSL)', () => {
    expect(wetaNumber('771234567')).toHaveLength(12);
    expect(wetaNumber('1234567')).toBe('9671234567');
  });
  it('mobile networks are the four mobile operators', () => {
    expect(['yemen_mobile', 'you', 'sabafon', 'y', 'yemen_4g', 'landline', 'adsl'].filter((n) => isMobileNetwork(n as Network))).toEqual([
      'yemen_mobile',
      'you',
      'sabafon',
      'y',
    ]);
  });
});
