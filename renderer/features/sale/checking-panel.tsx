// A sale in doubt on the outcome screen: one line the cashier can act on (has money left the agent
// account? take the cash? what to tell the customer?), the checks live (how many, the last, the
// next, a sign that checking goes on) and "Check now" that says what it found.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SaleView } from '../../../shared/ipc/sales';
import { call, errorText } from '../../ipc/client';
import { dateTimeFormat } from '../../i18n/digits';
import { useNow } from './use-now';

type Props = { sale: SaleView; onChecked(sale: SaleView): void };

export function CheckingPanel({ sale, onChecked }: Props) {
  const { t, i18n } = useTranslation();
  const now = useNow();
  const [rechecking, setRechecking] = useState(false);
  const [result, setResult] = useState<{ at: number; text: string } | null>(null);
  const clock = dateTimeFormat(i18n, { timeStyle: 'medium' });

  async function recheck() {
    setRechecking(true);
    setResult(null);
    try {
      const { sales } = await call('sale.recheck', { id: sale.id });
      const found = sales.find((s) => s.id === sale.id);
      if (found) onChecked(found);
      const state = found?.state ?? sale.state;
      setResult({ at: Date.now(), text: t(`counter.doubt.checkedResult.${state === 'succeeded' || state === 'failed' ? state : 'open'}`) });
    } catch (cause) {
      // The reconciler keeps checking; the cashier is told and can press again.
      setResult({ at: Date.now(), text: errorText(t, cause) });
    } finally {
      setRechecking(false);
    }
  }

  // "pending": the provider has the sale and is working on it, so the money has left the agent
  // account. Anything else unresolved: no answer, so it may have.
  const doubt = sale.state === 'pending' ? 'pending' : 'unknown';
  const nextIn = sale.nextCheckAt === null ? null : Math.max(0, Math.round((sale.nextCheckAt - now) / 1000));
  return (
    <div className="checking-panel" data-testid="outcome-checking">
      <p className="checking-action" data-testid="outcome-doubt-action" data-doubt={doubt}>
        {t(`counter.doubt.action.${doubt}`)}
      </p>
      <p className="checking-live" data-testid="outcome-checks" aria-live="off">
        <span className={rechecking || nextIn !== null ? 'working-sign working' : 'working-sign'} aria-hidden="true" data-testid="outcome-working" />{' '}
        {t('counter.doubt.checks', { count: sale.checks })}
        {sale.lastCheckAt !== null && <> · {t('counter.doubt.lastCheck', { time: clock.format(sale.lastCheckAt) })}</>}
        {' · '}
        <span data-testid="outcome-next-check">
          {rechecking
            ? t('counter.doubt.checkingNow')
            : nextIn !== null
              ? t('counter.doubt.nextCheck', { time: clock.format(sale.nextCheckAt!), count: nextIn })
              : t('counter.doubt.noMoreAutomatic')}
        </span>
      </p>
      <p className="form-actions">
        <button type="button" onClick={() => void recheck()} disabled={rechecking} aria-busy={rechecking} data-testid="outcome-recheck">
          {rechecking ? t('counter.doubt.checkingNow') : t('sale.outcome.recheck')}
        </button>
        {result && (
          <span role="status" data-testid="outcome-recheck-result">
            {t('counter.doubt.checkedAt', { time: clock.format(result.at) })} {result.text}
          </span>
        )}
      </p>
    </div>
  );
}
