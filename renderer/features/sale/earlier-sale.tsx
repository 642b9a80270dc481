// The earlier sale of the same number and product, named on the confirm screen: its id, when it was
// made and its state, so the cashier knows which sale the warning is about (issue 9 defect 4).
import { useTranslation } from 'react-i18next';
import type { SaleState } from '../../../shared/domain';
import { dateTimeFormat, showDigits } from '../../i18n/digits';

export type EarlierSale = { id: string; state: SaleState; createdAt: number | null };

/** Its outcome is not known yet: a second sale may charge the customer's top-up twice. */
export function isInDoubt(state: SaleState): boolean {
  return state !== 'succeeded' && state !== 'failed';
}

export function EarlierSaleLine({ sale }: { sale: EarlierSale }) {
  const { t, i18n } = useTranslation();
  const time = sale.createdAt === null ? '' : dateTimeFormat(i18n, { timeStyle: 'short' }).format(sale.createdAt);
  return (
    <span className="earlier-sale" data-testid="earlier-sale" data-id={sale.id} data-state={sale.state}>
      {t('counter.duplicate.earlier', { time })} <bdi dir="ltr">{showDigits(i18n, sale.id)}</bdi> — {t(`receipt.state.${sale.state}`)}
    </span>
  );
}
