// The owner's digit style as every text, number and receipt applies it (shared/numbers.ts), and
// the provider messages the app says in its own words (renderer/i18n/provider-message.tsx).
import { describe, expect, it } from 'vitest';
import { inDigitStyle } from '../../../shared/numbers';
import { knownProviderMessage } from '../../../renderer/i18n/provider-message';
import { localeTag } from '../../../renderer/i18n/digits';

describe('inDigitStyle', () => {
  it('turns Western, Arabic-Indic and Persian digits into the chosen style and leaves the rest', () => {
    expect(inDigitStyle('أدخل من ٠ إلى 99 (۳)', 'western')).toBe('أدخل من 0 إلى 99 (3)');
    expect(inDigitStyle('Shift 12 — ٣ sales', 'arabic')).toBe('Shift ١٢ — ٣ sales');
    expect(inDigitStyle('AQ-12', 'western')).toBe('AQ-12');
    expect(inDigitStyle('', 'arabic')).toBe('');
  });

  it('is the same digits Intl writes for the matching numbering system', () => {
    expect(new Intl.NumberFormat(localeTag('ar', 'western')).format(3250)).toBe('3,250');
    expect(new Intl.NumberFormat(localeTag('en', 'arabic')).format(3250)).toMatch(/^٣.?٢٥٠$/);
    for (const style of ['arabic', 'western'] as const) {
      const formatted = new Intl.NumberFormat(localeTag('ar', style), { useGrouping: false }).format(1234567890);
      expect(inDigitStyle(formatted, style)).toBe(formatted);
    }
  });
});

describe('knownProviderMessage', () => {
  it('maps the documented messages, whatever their spelling, stray full stops or case', () => {
    expect(knownProviderMessage('Payment succcess')).toBe('paid');
    expect(knownProviderMessage('.Success')).toBe('done');
    expect(knownProviderMessage(' جاهزة ')).toBe('done');
    expect(knownProviderMessage('ملغية')).toBe('cancelled');
    expect(knownProviderMessage('في الانتظار')).toBe('waiting');
  });

  it('leaves anything else to be shown raw under details', () => {
    expect(knownProviderMessage('رصيدك غير كافٍ لإتمام العملية - Insufficient balance')).toBeNull();
    expect(knownProviderMessage('')).toBeNull();
  });
});
