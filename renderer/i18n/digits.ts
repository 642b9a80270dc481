// The owner's digit style (Settings → General) applied to everything the app shows: every
// translated text passes through one i18next post-processor, and numbers, money and dates are
// formatted with the matching Unicode numbering system. Changing the style re-renders every
// component that translates, as a language change does.
import type { i18n as I18n, PostProcessorModule } from 'i18next';
import { inDigitStyle } from '../../shared/numbers';
import type { DigitStyle, Language } from '../../shared/settings';

// One style per page, as there is one i18next instance per page (react-i18next hands components
// their own wrappers of it, so the style cannot be keyed on the object).
let current: DigitStyle = 'western';

export function digitStyleOf(): DigitStyle {
  return current;
}

export function setDigitStyle(i18n: I18n, style: DigitStyle): void {
  if (current === style) return;
  current = style;
  // react-i18next re-renders on this event; the language itself is unchanged.
  if (i18n.isInitialized) void i18n.emit('languageChanged', i18n.language);
}

export const DIGITS_POST_PROCESSOR = 'digitStyle';

export const digitsPostProcessor: PostProcessorModule = {
  type: 'postProcessor',
  name: DIGITS_POST_PROCESSOR,
  process: (value: string) => inDigitStyle(value, current),
};

/** The BCP 47 tag that makes Intl write numbers and dates in `style`'s digits. */
export function localeTag(language: Language | string, style: DigitStyle): string {
  return `${language === 'ar' ? 'ar-YE' : 'en-GB'}-u-nu-${style === 'arabic' ? 'arab' : 'latn'}`;
}

/** Date and time in the cashier's language and the owner's digits. */
export function dateTimeFormat(i18n: I18n, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' }): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(localeTag(i18n.language, digitStyleOf()), options);
}

/** A count or other plain number in the owner's digits. */
export function formatCount(i18n: I18n, value: number): string {
  return new Intl.NumberFormat(localeTag(i18n.language, digitStyleOf())).format(value);
}

/** Digits of a number the customer reads back (phone number, transaction id) in the owner's style. */
export function showDigits(i18n: I18n, text: string): string {
  return inDigitStyle(text, digitStyleOf());
}
