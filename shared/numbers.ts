// Phone number normalisation and network detection for Yemen (docs/architecture.md, "Numbers and networks"), from the ITU-based
// numbering data libphonenumber ships. Pure: the counter calls it on every key stroke.
import type { Network } from './domain';
import type { ErrorCode } from './result';

const DIGIT_BLOCKS = [0x0660 /* Arabic-Indic */, 0x06f0 /* Persian */, 0xff10 /* full-width */];
// Separators a cashier may type or paste, and the invisible direction marks that come with pastes.
const IGNORED = /[\s\-.()[\]\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]/g;

/** Arabic-Indic, Persian and full-width digits to ASCII; separators and direction marks dropped. */
export function toAsciiDigits(input: string): string {
  return digitScriptsToAscii(input.replace(IGNORED, ''));
}

/** Arabic-Indic, Persian and full-width digits to ASCII, every other character kept as it is (PINs). */
export function digitScriptsToAscii(input: string): string {
  let out = '';
  for (const ch of input) {
    const code = ch.codePointAt(0)!;
    const block = DIGIT_BLOCKS.find((base) => code >= base && code <= base + 9);
    out += block === undefined ? ch : String(code - block);
  }
  return out;
}

/** The national significant number: country code and one trunk `0` dropped. Not validated. */
export function toNationalDigits(input: string): string {
  let digits = toAsciiDigits(input);
  if (digits.startsWith('+967')) digits = digits.slice(4);
  else if (digits.startsWith('00967')) digits = digits.slice(5);
  else if (digits.startsWith('967') && digits.length >= 10) digits = digits.slice(3);
  if (digits.startsWith('0')) digits = digits.slice(1);
  return digits;
}

export type NumberCheck =
  /**
   * `mayGrow`: more digits could still make a longer number; `growsInto` then names the networks
   * of that longer reading and `missing` how many digits it lacks (a 7-digit 78[0-7]… landline is
   * also the start of a 9-digit 78… mobile).
   */
  | { status: 'valid'; national: string; networks: Network[]; mayGrow: boolean; growsInto: Network[]; missing: number }
  /** `missing`: the fewest digits that would make it a whole number of a `likely` network. */
  | { status: 'partial'; national: string; likely: Network[]; missing: number | null }
  | { status: 'invalid'; national: string; code: ErrorCode; params?: { prefix: string } };

type Rule = { prefixes: string[]; lengths: number[]; networks: Network[] };

const MOBILE_LENGTH = 9;

/** "1[2-68]" style classes written out: ['12', '13', …]. */
function expand(head: string, tails: string): string[] {
  return [...tails].map((tail) => head + tail);
}

// The ITU/libphonenumber fixed-line plan for Yemen: 78[0-7]\d{4}, 17\d{6} and
// ([12][2-68]|3[2358]|4[2-58]|5[2-6]|6[3-58]|7[24-6])\d{5}. Nothing else of 7 digits is a landline:
// a 7-digit 77…, 70…, 71… or 73… is a mobile number missing digits.
const LANDLINE_7_PREFIXES = [
  ...expand('1', '234568'),
  ...expand('2', '234568'),
  ...expand('3', '2358'),
  ...expand('4', '23458'),
  ...expand('5', '23456'),
  ...expand('6', '3458'),
  ...expand('7', '2456'),
  ...expand('78', '01234567'),
];

// Order matters only for messages: every rule is tried, and a number may fit more than one
// (a 7-digit 78[0-7]… landline beside the 9-digit 78… mobile).
const RULES: Rule[] = [
  { prefixes: ['77', '78'], lengths: [9], networks: ['yemen_mobile'] },
  { prefixes: ['73'], lengths: [9], networks: ['you'] },
  { prefixes: ['71'], lengths: [9], networks: ['sabafon'] },
  { prefixes: ['70'], lengths: [9], networks: ['y'] },
  { prefixes: ['10'], lengths: [8, 9], networks: ['yemen_4g'] },
  { prefixes: ['17'], lengths: [8], networks: ['landline', 'adsl'] },
  { prefixes: LANDLINE_7_PREFIXES, lengths: [7], networks: ['landline', 'adsl'] },
];

function hasPrefix(rule: Rule, national: string): boolean {
  return rule.prefixes.some((p) => national.startsWith(p));
}

/** Whether more digits could still make the number start with one of the rule's prefixes ("7" for "77"). */
function mayReachPrefix(rule: Rule, national: string): boolean {
  return rule.prefixes.some((p) => national.startsWith(p) || p.startsWith(national));
}

/** The fewest digits the rules still need to make a whole number of `national`. */
function fewestMissing(rules: Rule[], national: string): number {
  return Math.min(...rules.flatMap((r) => r.lengths.filter((l) => l > national.length).map((l) => l - national.length)));
}

// What a cashier types on the way to an international form: "+", "00", "009", "96"… are not wrong yet.
const COUNTRY_CODE_FORMS = ['+967', '00967', '967'];

/** Checks a number as typed so far: valid (with its network, or landline/ADSL to pick), partial, or invalid with why. */
export function checkNumber(input: string): NumberCheck {
  const ascii = toAsciiDigits(input);
  if (COUNTRY_CODE_FORMS.some((form) => form.startsWith(ascii))) {
    return { status: 'partial', national: '', likely: [], missing: null };
  }
  const national = toNationalDigits(input);
  if (national.length === 0) return { status: 'partial', national, likely: [], missing: null };
  if (!/^\d+$/.test(national)) return { status: 'invalid', national, code: 'input.invalid_number' };
  const exact = RULES.filter((r) => hasPrefix(r, national) && r.lengths.includes(national.length));
  const longer = RULES.filter((r) => mayReachPrefix(r, national) && r.lengths.some((l) => l > national.length));
  if (exact.length > 0) {
    // A 7-digit 78… is a landline now but may still become a 9-digit mobile: `mayGrow` says so,
    // and the counter keeps the longer reading in front until Enter takes the shorter one.
    return {
      status: 'valid',
      national,
      networks: unique(exact.flatMap((r) => r.networks)),
      mayGrow: longer.length > 0,
      growsInto: unique(longer.flatMap((r) => r.networks)),
      missing: longer.length > 0 ? fewestMissing(longer, national) : 0,
    };
  }
  if (longer.length > 0) {
    return { status: 'partial', national, likely: unique(longer.flatMap((r) => r.networks)), missing: fewestMissing(longer, national) };
  }
  const matching = RULES.filter((r) => hasPrefix(r, national));
  // The words name the digits that start no network ("75 is not a Yemeni network").
  if (matching.length === 0) return { status: 'invalid', national, code: 'input.number_unknown_prefix', params: { prefix: national.slice(0, 2) } };
  const maxLength = Math.max(...matching.flatMap((r) => r.lengths));
  // A mobile's length with two first digits no mobile has (a 9-digit 75…): the prefix is what is
  // wrong, not the length, and the words say so.
  const twoDigitPrefix = matching.some((r) => r.prefixes.some((p) => p.length >= 2 && national.startsWith(p)));
  if (national.length === MOBILE_LENGTH && !twoDigitPrefix) {
    return { status: 'invalid', national, code: 'input.number_unknown_prefix', params: { prefix: national.slice(0, 2) } };
  }
  return {
    status: 'invalid',
    national,
    code: national.length > maxLength ? 'input.number_too_long' : 'input.number_too_short',
  };
}

/**
 * The check when the cashier presses Enter: nothing more is coming, so a number still partial is
 * too short (or empty), and a valid one that "may grow" is taken as it stands.
 */
export function checkFinalNumber(input: string): NumberCheck {
  const check = checkNumber(input);
  if (check.status !== 'partial') return check;
  return { status: 'invalid', national: check.national, code: check.national.length === 0 ? 'input.number_empty' : 'input.number_too_short' };
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

export function isMobileNetwork(network: Network): boolean {
  return network === 'yemen_mobile' || network === 'you' || network === 'sabafon' || network === 'y';
}

/** Al-Qimah wants the national form: `7XXXXXXXX`, `0XXXXXXX` for a landline/ADSL, `10XXXXXX`. */
export function alqimahNumber(national: string, network: Network): string {
  return network === 'landline' || network === 'adsl' ? `0${national}` : national;
}

/** Weta wants `967` + national: 12 digits for mobiles, 10 for line/ADSL. */
export function wetaNumber(national: string): string {
  return `967${national}`;
}
