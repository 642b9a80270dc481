// An amount of money in the cashier's language, exact from its integer minor units.
import { useTranslation } from 'react-i18next';
import type { TFunction, i18n as I18n } from 'i18next';
import type { Money } from '../../../shared/money';
import { digitStyleOf, localeTag } from '../../i18n/digits';

// shared/money.ts's MINOR_PER_MAJOR (a test holds them equal): imported as a value, that module
// would bring zod into the counter's first paint, which needs none of it.
export const MINOR_PER_MAJOR = 100;

/** In the cashier's language and the owner's digit style (Settings → General). */
export function formatMoney(t: TFunction, i18n: I18n, value: Money): string {
  const whole = value.minor % MINOR_PER_MAJOR === 0;
  const format = new Intl.NumberFormat(localeTag(i18n.language, digitStyleOf()), {
    minimumFractionDigits: whole ? 0 : 2,
    maximumFractionDigits: 2,
  });
  return t('sale.money', { amount: format.format(value.minor / MINOR_PER_MAJOR), currency: t(`sale.currency.${value.currency}`) });
}

export function MoneyText({ value }: { value: Money }) {
  const { t, i18n } = useTranslation();
  return (
    <bdi className="money" data-minor={value.minor} data-currency={value.currency}>
      {formatMoney(t, i18n, value)}
    </bdi>
  );
}
