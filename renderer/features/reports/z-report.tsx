// The Z report of a closed shift: sales by network, product and state, totals, pending sales,
// and each provider's agent balance at open and at close against what was sold. Printable as a
// page (the print stylesheet shows only the report); receipt printers print sale receipts only.
import { useTranslation } from 'react-i18next';
import type { Money } from '../../../shared/money';
import type { ZReport } from '../../../shared/ipc/shifts';
import { MoneyText } from '../sale/money-text';
import { dateTimeFormat } from '../../i18n/digits';

function Amounts({ amounts }: { amounts: Money[] }) {
  if (amounts.length === 0) return <>—</>;
  return (
    <>
      {amounts.map((m, i) => (
        <span key={m.currency}>
          {i > 0 && ' + '}
          <MoneyText value={m} />
        </span>
      ))}
    </>
  );
}

function Maybe({ value }: { value: Money | null }) {
  return value ? <MoneyText value={value} /> : <>—</>;
}

export function ZReportView({ report }: { report: ZReport }) {
  const { t, i18n } = useTranslation();
  const date = dateTimeFormat(i18n);
  const s = report.summary;
  return (
    <article className="z-report card" data-testid="z-report" aria-labelledby="z-title">
      <h2 id="z-title">{t('reports.z.title', { id: report.shiftId })}</h2>
      <p>
        {t('reports.z.cashier')}: <strong>{report.cashier.name || t('signin.owner')}</strong>
      </p>
      <p>
        {date.format(report.openedAt)} — {date.format(report.closedAt)}
      </p>
      <dl className="z-totals">
        <dt>{t('reports.z.sold')}</dt>
        <dd data-testid="z-sold-count">{t('reports.count', { count: s.succeeded.count })}</dd>
        <dt>{t('reports.z.total')}</dt>
        <dd data-testid="z-total"><Amounts amounts={s.succeeded.amounts} /></dd>
        <dt>{t('reports.z.pending')}</dt>
        <dd data-testid="z-pending">{s.pendingCount}</dd>
        <dt>{t('reports.z.training')}</dt>
        <dd data-testid="z-training">{s.trainingExcluded}</dd>
      </dl>
      <h3>{t('reports.byNetwork')}</h3>
      <table className="table">
        <tbody>
          {s.byNetwork.map((n) => (
            <tr key={n.network}>
              <th scope="row">{t(`sale.network.${n.network}`)}</th>
              <td>{n.count}</td>
              <td><Amounts amounts={n.amounts} /></td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t('reports.byProduct')}</h3>
      <table className="table">
        <tbody>
          {s.byProduct.map((p) => (
            <tr key={p.kind}>
              <th scope="row">{t(`reports.product.${p.kind}`)}</th>
              <td>{p.count}</td>
              <td><Amounts amounts={p.amounts} /></td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t('reports.byState')}</h3>
      <table className="table">
        <tbody>
          {s.byState.map((p) => (
            <tr key={p.state}>
              <th scope="row">{t(`reports.state.${p.state}`)}</th>
              <td>{p.count}</td>
              <td><Amounts amounts={p.amounts} /></td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t('reports.z.balances')}</h3>
      <table className="table" data-testid="z-balances">
        <thead>
          <tr>
            <th />
            <th>{t('reports.z.atOpen')}</th>
            <th>{t('reports.z.atClose')}</th>
            <th>{t('reports.z.spent')}</th>
            <th>{t('reports.z.soldHere')}</th>
            <th>{t('reports.z.difference')}</th>
          </tr>
        </thead>
        <tbody>
          {report.balances.map((b) => (
            <tr key={b.provider}>
              <th scope="row">{t(`settings.provider.${b.provider}`)}</th>
              <td><Maybe value={b.atOpen} /></td>
              <td><Maybe value={b.atClose} /></td>
              <td><Maybe value={b.spent} /></td>
              <td><Maybe value={b.sold} /></td>
              <td><Maybe value={b.difference} /></td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="no-print" onClick={() => window.print()} data-testid="z-print">
        {t('reports.z.print')}
      </button>
    </article>
  );
}
