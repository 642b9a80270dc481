// The owner's day across every counter and shop, read from the hub: settled sales by counter, a
// subtotal per shop and the grand total, per currency and split by provider, for today or a day
// before; and the shop-wide Z report on the receipt printer. When the hub cannot be reached it says
// so and since when; the till's own day report above still shows.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isolated } from '../../../shared/bidi';
import { groupHubTotals, type TotalsLine } from '../../../shared/hub-totals';
import { errorText, PosError, useChannel, useChannelMutation } from '../../ipc/client';
import { dateTimeFormat, formatCount } from '../../i18n/digits';
import { dateInput, dayOf, startOfToday } from './days';
import { Amounts } from './z-report';
import { PrintActions } from './print-actions';

function Figures({ line, testId }: { line: TotalsLine; testId: string }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <td data-testid={`${testId}-sales`}>{formatCount(i18n, line.sales)}</td>
      <td data-testid={`${testId}-total`}>
        <Amounts amounts={line.amounts} />
      </td>
      <td>
        {line.byProvider.map((p) => (
          <div key={p.provider} data-testid={`${testId}-${p.provider}`}>
            {t(`settings.provider.${p.provider}`)}: {formatCount(i18n, p.sales)} — <Amounts amounts={p.amounts} />
          </div>
        ))}
      </td>
    </>
  );
}

export function HubDayReport() {
  const { t, i18n } = useTranslation();
  const today = dateInput(startOfToday());
  const [day, setDay] = useState(today);
  const period = dayOf(day);
  const totals = useChannel('hub.totals', period);
  const print = useChannelMutation('hubZReport.print');
  const time = dateTimeFormat(i18n, { dateStyle: 'short', timeStyle: 'short' });
  const unreachable = totals.error instanceof PosError && totals.error.error.code === 'hub.unreachable';
  // A failed refresh keeps the last answer in the query; it is not shown as if it were current.
  const current = totals.error ? null : totals.data;
  const grouped = current ? groupHubTotals(current) : null;
  return (
    <section className="card" aria-labelledby="hub-day-title" data-testid="hub-day">
      <h2 id="hub-day-title">{t('reports.hub.title')}</h2>
      <div className="hub-day-controls">
        <label className="field">
          <span>{t('reports.hub.day')}</span>
          <input type="date" value={day} max={today} onChange={(e) => e.target.value && setDay(e.target.value)} data-testid="hub-day-date" />
        </label>
        <button type="button" onClick={() => void totals.refetch()} disabled={totals.isFetching} data-testid="hub-day-refresh">
          {t('reports.refresh')}
        </button>
      </div>
      {totals.isPending && <p role="status">{t('app.loading')}</p>}
      {unreachable && <Unreachable failedAt={totals.errorUpdatedAt} />}
      {totals.error && !unreachable && <p className="error" role="alert">{errorText(t, totals.error)}</p>}
      {current && grouped && (
        <>
          <p className="hint" data-testid="hub-day-read-at">
            {t('reports.hub.readAt', { time: time.format(current.readAt) })}
          </p>
          {current.queuedHere > 0 && (
            <p className="warning" role="status" data-testid="hub-day-queued">
              {t('reports.hub.queuedHere', { count: current.queuedHere })}
            </p>
          )}
          {grouped.unsettled > 0 && (
            <p className="hint" data-testid="hub-day-unsettled">
              {t('reports.hub.unsettled', { count: grouped.unsettled })}
            </p>
          )}
          {grouped.shops.length === 0 ? (
            <p>{t('reports.hub.none')}</p>
          ) : (
            <table className="table hub-day-table">
              <thead>
                <tr>
                  <th>{t('reports.hub.counter')}</th>
                  <th>{t('reports.hub.sales')}</th>
                  <th>{t('reports.hub.total')}</th>
                  <th>{t('reports.hub.byProvider')}</th>
                </tr>
              </thead>
              {grouped.shops.map((shop, s) => (
                <tbody key={shop.shopId} data-testid={`hub-day-shop-${s}`}>
                  <tr className="hub-day-shop-name">
                    <th colSpan={4} scope="rowgroup">{shop.shop}</th>
                  </tr>
                  {shop.counters.map((c) => (
                    <tr key={`${c.counter}-${c.label}`} data-testid={`hub-day-counter-${s}-${c.counter}`}>
                      <th scope="row">
                        {t('reports.hub.counterName', { number: c.counter ?? '—', label: isolated(c.label) })}
                        {c.lastHeardAt !== null && <small className="hint hub-day-heard"> {t('reports.hub.lastHeard', { time: time.format(c.lastHeardAt) })}</small>}
                      </th>
                      <Figures line={c} testId={`hub-day-counter-${s}-${c.counter}`} />
                    </tr>
                  ))}
                  <tr className="hub-day-subtotal" data-testid={`hub-day-subtotal-${s}`}>
                    <th scope="row">{t('reports.hub.shopTotal', { shop: isolated(shop.shop) })}</th>
                    <Figures line={shop} testId={`hub-day-subtotal-${s}`} />
                  </tr>
                </tbody>
              ))}
              <tfoot>
                <tr className="hub-day-total" data-testid="hub-day-total">
                  <th scope="row">{t('reports.hub.grandTotal')}</th>
                  <Figures line={grouped} testId="hub-day-total" />
                </tr>
              </tfoot>
            </table>
          )}
          <PrintActions label={t('reports.hub.print')} print={print} onPrint={() => print.mutate(period)} testId="hub-z" />
        </>
      )}
    </section>
  );
}

/** The hub is away: said plainly, with since when (the shipper's or this read's first failure). */
function Unreachable({ failedAt }: { failedAt: number }) {
  const { t, i18n } = useTranslation();
  const status = useChannel('hub.status', {}, { refetchOnMount: 'always' });
  const since = status.data?.unreachableSince ?? failedAt;
  const time = dateTimeFormat(i18n, { dateStyle: 'short', timeStyle: 'short' });
  return (
    <p className="warning" role="status" data-testid="hub-day-unreachable">
      {t('reports.hub.unreachable', { time: time.format(since) })}
    </p>
  );
}
