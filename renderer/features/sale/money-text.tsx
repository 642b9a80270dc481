// An amount of money in the cashier's language, exact from its integer minor units.
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { Money } from '../../../shared/money';

// shared/money.ts's MINOR_PER_MAJOR (a test holds them equal): imported as a value, that module
// would bring zod into the counter's first paint, which needs none of it.
export const MINOR_PER_MAJOR = 100;

export function formatMoney(t: TFunction, language: string, value: Money): string {
  const whole = value.minor % MINOR_PER_MAJOR === 0;
  const format = new Intl.NumberFormat(language === 'ar' ? 'ar-YE' : 'en-US', {
    minimumFractionDigits: whole ? 0 : 2,
    maximumFractionDigits: 2,
  });
  return t('sale.money', { amount: format.format(value.minor / MINOR_PER_MAJOR), currency: t(`sale.currency.${value.currency}`) });
}

export function MoneyText({ value }: { value: Money }) {
  const { t, i18n } = useTranslation();
  return (
    <bdi className="money" data-minor={value.minor} data-currency={value.currency}>
      {formatMoney(t, i18n.language, value)}
    </bdi>
  );
}
