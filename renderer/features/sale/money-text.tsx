// An amount of money in the cashier's language, exact from its integer minor units.
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { MINOR_PER_MAJOR, type Money } from '../../../shared/money';

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
