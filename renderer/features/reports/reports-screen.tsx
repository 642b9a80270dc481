// Reports (F4): the cashier's shift for everyone; for the owner also today's sales by hour and by
// network, the agent balances of both providers, Al-Qimah's feed vouchers and the CSV export; and,
// when this till holds the owner's role on a shop hub, every counter's day from the hub and the
// provider balance drift across them. Training sales are never in these figures (the main process leaves them out).
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Money } from '../../../shared/money';
import { MINOR_PER_MAJOR } from '../../../shared/money';
import { call, errorText, useChannel } from '../../ipc/client';
import { formatMoney, MoneyText } from '../sale/money-text';
import { BarChart } from './bar-chart';
import { ShiftPanel } from './shift-panel';
import { PastShifts } from './past-shifts';
import { TrainingSold } from './training-sold';
import './reports.css';
import { formatCount } from '../../i18n/digits';
import { dateInput, startOfToday } from './days';
import { HubDayReport } from './hub-day-report';
import { HubDrift } from './hub-drift';

const yer = (amounts: Money[]) => amounts.find((m) => m.currency === 'YER')?.minor ?? 0;

export default function ReportsScreen() {
  const { t } = useTranslation();
  const session = useChannel('session.status', {});
  const isOwner = session.data?.cashier?.role === 'owner';
  const hub = useChannel('hub.status', {}, { enabled: isOwner });
  const hubOwner = isOwner && hub.data?.owner === true;
  return (
    <section className="screen reports-screen" aria-labelledby="screen-title">
      <h1 id="screen-title" className="no-print">{t('app.nav.reports')}</h1>
      <ShiftPanel />
      {isOwner && (
        <div className="no-print">
          <DayReport />
          {hubOwner && <HubDayReport />}
          {hubOwner && <HubDrift />}
          <PastShifts />
          <Balances />
          <FeedVouchers />
          <CsvExport />
        </div>
      )}
    </section>
  );
}

function DayReport() {
  const { t, i18n } = useTranslation();
  const [from] = useState(startOfToday);
  const day = useChannel('reports.day', { from });
  if (day.error) return <p className="error" role="alert">{errorText(t, day.error)}</p>;
  if (!day.data) return null;
  const { summary, byHour } = day.data;
  return (
    <section className="card" aria-labelledby="day-title" data-testid="day-report">
      <h2 id="day-title">{t('reports.today')}</h2>
      <TrainingSold summary={summary} testId="day-training-sold" />
      <p data-testid="day-total">
        {t('reports.count', { count: summary.succeeded.count })} —{' '}
        {summary.succeeded.amounts.length ? summary.succeeded.amounts.map((m) => <MoneyText key={m.currency} value={m} />) : '—'}
        {summary.trainingExcluded > 0 && <small className="hint"> ({t('reports.trainingExcluded', { count: summary.trainingExcluded })})</small>}
      </p>
      <div className="charts">
        <BarChart
          title={t('reports.byHour')}
          testId="chart-hours"
          bars={byHour.map((h) => ({ key: String(h.hour), label: formatCount(i18n, h.hour), value: h.count, text: t('reports.count', { count: h.count }) }))}
        />
        <BarChart
          title={t('reports.byNetwork')}
          testId="chart-networks"
          bars={summary.byNetwork.map((n) => ({
            key: n.network,
            label: t(`sale.network.${n.network}`),
            value: yer(n.amounts) / MINOR_PER_MAJOR,
            text: n.amounts.map((m) => formatMoney(t, i18n, m)).join(' + '),
          }))}
        />
      </div>
    </section>
  );
}

function Balances() {
  const { t } = useTranslation();
  const balances = useChannel('reports.balances', {});
  return (
    <section className="card" aria-labelledby="balances-title" data-testid="balances">
      <h2 id="balances-title">{t('reports.balances')}</h2>
      {balances.error && <p className="error" role="alert">{errorText(t, balances.error)}</p>}
      <ul className="balance-list">
        {balances.data?.balances.map((b) => (
          <li key={b.provider} className={b.low ? 'low' : undefined} data-testid={`balance-${b.provider}`}>
            <strong>{t(`settings.provider.${b.provider}`)}</strong>{' '}
            {b.balance ? <MoneyText value={b.balance} /> : <span className="hint">{errorText(t, b.error)}</span>}
            {b.low && <span className="warning"> {t('reports.low')}</span>}
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => void balances.refetch()} disabled={balances.isFetching}>
        {t('reports.refresh')}
      </button>
    </section>
  );
}

function FeedVouchers() {
  const { t } = useTranslation();
  const feed = useChannel('reports.feedVouchers', {});
  return (
    <section className="card" aria-labelledby="feed-title" data-testid="feed-vouchers">
      <h2 id="feed-title">{t('reports.feed.title')}</h2>
      {feed.data?.error && <p className="hint">{errorText(t, feed.data.error)}</p>}
      {feed.data && feed.data.vouchers.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th>{t('reports.feed.date')}</th>
              <th>{t('reports.feed.amount')}</th>
              <th>{t('reports.feed.notes')}</th>
            </tr>
          </thead>
          <tbody>
            {feed.data.vouchers.map((v, i) => (
              <tr key={`${v.date}-${i}`}>
                <td><bdi dir="ltr">{v.date}</bdi></td>
                <td>{v.amount ? <MoneyText value={v.amount} /> : `${v.amountText} ${v.currency}`}</td>
                <td>{v.notes}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function CsvExport() {
  const { t } = useTranslation();
  const [from, setFrom] = useState(() => dateInput(startOfToday() - 6 * 86_400_000));
  const [to, setTo] = useState(() => dateInput(startOfToday()));
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setMessage(null);
    const start = new Date(`${from}T00:00:00`).getTime();
    const end = new Date(`${to}T00:00:00`).getTime() + 86_400_000;
    try {
      const out = await call('reports.exportCsv', { from: start, to: end });
      // A Blob download: the renderer makes no network request.
      const url = URL.createObjectURL(new Blob([out.csv], { type: 'text/csv;charset=utf-8' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = out.fileName;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setMessage({ ok: true, text: t('reports.csv.done', { count: out.rows }) });
    } catch (cause) {
      setMessage({ ok: false, text: errorText(t, cause) });
    }
  }

  return (
    <form className="card inline-form" onSubmit={submit} aria-labelledby="csv-title" data-testid="csv-export">
      <h2 id="csv-title">{t('reports.csv.title')}</h2>
      <label className="field">
        <span>{t('reports.csv.from')}</span>
        <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} data-testid="csv-from" />
      </label>
      <label className="field">
        <span>{t('reports.csv.to')}</span>
        <input type="date" value={to} onChange={(e) => setTo(e.target.value)} data-testid="csv-to" />
      </label>
      <button type="submit" className="primary" data-testid="csv-download">
        {t('reports.csv.download')}
      </button>
      {message && (
        <p className={message.ok ? 'ok' : 'error'} role={message.ok ? 'status' : 'alert'} data-testid="csv-message">
          {message.text}
        </p>
      )}
    </form>
  );
}
