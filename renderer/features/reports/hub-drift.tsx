// The owner's provider balance drift per account across every till on it (electron/hub/hub-drift.ts).
// Each check reads the balances now and compares them with the previous check, so it is a button,
// not something every visit to Reports does.
import { useTranslation } from 'react-i18next';
import { errorText, useChannelMutation } from '../../ipc/client';
import { dateTimeFormat, formatCount } from '../../i18n/digits';
import { MoneyText } from '../sale/money-text';

export function HubDrift() {
  const { t, i18n } = useTranslation();
  const check = useChannelMutation('hub.drift');
  const time = dateTimeFormat(i18n, { timeStyle: 'short', dateStyle: 'short' });
  return (
    <section className="card" aria-labelledby="hub-drift-title" data-testid="hub-drift">
      <h2 id="hub-drift-title">{t('reports.hub.driftTitle')}</h2>
      <p className="hint">{t('reports.hub.driftHint')}</p>
      {check.error ? <p className="error" role="alert">{errorText(t, check.error)}</p> : null}
      {check.data && check.data.accounts.length === 0 && <p>{t('reports.hub.driftNone')}</p>}
      {check.data && check.data.accounts.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th>{t('reports.hub.provider')}</th>
              <th>{t('reports.hub.balance')}</th>
              <th>{t('reports.hub.spent')}</th>
              <th>{t('reports.hub.sold')}</th>
              <th>{t('reports.hub.drift')}</th>
            </tr>
          </thead>
          <tbody>
            {check.data.accounts.map((line) => (
              <tr key={line.provider} data-testid={`hub-drift-${line.provider}`}>
                <td>
                  {t(`settings.provider.${line.provider}`)}
                  {line.since !== null && (
                    <small> {t('reports.hub.driftSince', { time: time.format(line.since), counters: formatCount(i18n, line.counters) })}</small>
                  )}
                  {line.unsettled > 0 && <small> {t('reports.hub.driftUnsettled', { count: line.unsettled })}</small>}
                </td>
                <td>
                  <MoneyText value={line.balance} />
                </td>
                <td>{line.spent ? <MoneyText value={line.spent} /> : '—'}</td>
                <td>{line.sold ? <MoneyText value={line.sold} /> : '—'}</td>
                <td>{line.drift ? <MoneyText value={line.drift} /> : t('reports.hub.driftFirst')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="actions">
        <button type="button" disabled={check.isPending} onClick={() => check.mutate({})} data-testid="hub-drift-check">
          {t('reports.hub.driftCheck')}
        </button>
      </div>
    </section>
  );
}
