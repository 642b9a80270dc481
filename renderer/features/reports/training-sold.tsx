// The training sales of a period, apart from the real figures and marked as practice: a cashier
// practising sees the dashboard and the Z report fill, and nobody mistakes it for money.
import { useTranslation } from 'react-i18next';
import type { SalesSummary } from '../../../shared/ipc/reports';
import { MoneyText } from '../sale/money-text';

export function TrainingSold({ summary, testId }: { summary: SalesSummary; testId: string }) {
  const { t } = useTranslation();
  const sold = summary.trainingSold;
  if (sold.count === 0) return null;
  return (
    <p className="training-mark" data-testid={testId}>
      {t('reports.trainingSold', { count: sold.count })}
      {sold.amounts.map((m) => (
        <span key={m.currency}>
          {' — '}
          <MoneyText value={m} />
        </span>
      ))}
    </p>
  );
}
