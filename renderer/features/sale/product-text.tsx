// What is being sold, in words the cashier and the customer read on the summary and the outcome.
import { useTranslation } from 'react-i18next';
import type { Product } from '../../../shared/domain';
import { MoneyText } from './money-text';

export function ProductText({ product }: { product: Product }) {
  const { t } = useTranslation();
  switch (product.kind) {
    case 'amount':
      return (
        <>
          {t('sale.product.amount')} <MoneyText value={product.amount} />
        </>
      );
    case 'units':
      return <>{t('sale.product.units', { count: product.units })}</>;
    case 'offer':
      return <>{t('sale.product.offer', { name: product.name ?? product.code })}</>;
    case 'game':
      return <>{t('sale.product.game', { name: product.name ?? product.linkCode, count: product.quantity })}</>;
  }
}
