// The agent balance at the counter: each provider's last known balance, how old it is, and the
// owner's low-balance warning, kept in view as retailer tools do (not only in the reports).
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { call, errorText, useChannel, useEvent } from '../../ipc/client';
import { digitStyleOf, localeTag } from '../../i18n/digits';
import { MoneyText } from './money-text';
import { useNow } from './use-now';

/** "just now", "3 min ago", "2 h ago" in the cashier's language and the owner's digits. */
function ageText(language: string, at: number, now: number): string {
  const seconds = Math.max(0, Math.round((now - at) / 1000));
  const format = new Intl.RelativeTimeFormat(localeTag(language, digitStyleOf()), { numeric: 'auto' });
  if (seconds < 60) return format.format(0, 'second');
  if (seconds < 3600) return format.format(-Math.floor(seconds / 60), 'minute');
  if (seconds < 86_400) return format.format(-Math.floor(seconds / 3600), 'hour');
  return format.format(-Math.floor(seconds / 86_400), 'day');
}

export function AgentBalances() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const now = useNow(15_000);
  const balances = useChannel('counter.balances', {}, { staleTime: 0 });
  const refetch = useCallback(() => void client.invalidateQueries({ queryKey: ['counter.balances'] }), [client]);
  useEvent('balance.updated', refetch);

  async function refresh() {
    client.setQueryData(['counter.balances', {}], await call('counter.balances', { refresh: true }).catch(() => balances.data));
  }

  const lines = balances.data?.balances ?? [];
  return (
    <section className="agent-balances" aria-labelledby="agent-balances-title" data-testid="agent-balances">
      <h2 id="agent-balances-title" className="section-title">
        {t('counter.balance.title')}
      </h2>
      {lines.map((line) => (
        <div key={line.provider} className={line.low ? 'agent-balance warning' : 'agent-balance'} data-testid={`agent-balance-${line.provider}`} data-low={line.low}>
          <span className="agent-balance-provider">{t(`sale.provider.${line.provider}`)}</span>{' '}
          {line.balance ? (
            <strong data-testid="agent-balance-amount">
              <MoneyText value={line.balance} />
            </strong>
          ) : (
            <span className="muted">{line.error ? errorText(t, line.error) : t('counter.balance.unknown')}</span>
          )}
          {line.at !== null && (
            <span className="muted agent-balance-age" data-testid="agent-balance-age">
              {' '}
              · {t('counter.balance.seen', { age: ageText(i18n.language, line.at, now) })}
            </span>
          )}
          {line.low && balances.data && (
            <span className="agent-balance-low" role="alert" data-testid="agent-balance-low">
              {t('counter.balance.low')} <MoneyText value={balances.data.threshold} />
            </span>
          )}
        </div>
      ))}
      <button type="button" className="agent-balance-refresh" onClick={() => void refresh()} data-testid="agent-balance-refresh">
        {t('counter.balance.refresh')}
      </button>
    </section>
  );
}
