// The Z report of a closed shift: sales by network, product and state, totals, pending sales,
// and each provider's agent balance at open and at close against what was sold. Printed on the
// receipt printer (the same raster path as a receipt, renderer/receipt/z-report-slip.tsx).
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Money } from '../../../shared/money';
import type { ZReport } from '../../../shared/ipc/shifts';
import { MoneyText } from '../sale/money-text';
import { useChannelMutation } from '../../ipc/client';
import { dateTimeFormat, formatCount } from '../../i18n/digits';
import { TrainingSold } from './training-sold';
import { PrintActions } from './print-actions';

export function Amounts({ amounts }: { amounts: Money[] }) {
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

/** `printNow`: print it on the receipt printer as soon as it shows (the shift was just closed). */
export function ZReportView({ report, printNow = false }: { report: ZReport; printNow?: boolean }) {
  const { t, i18n } = useTranslation();
  const date = dateTimeFormat(i18n);
  const count = (n: number) => formatCount(i18n, n);
  const s = report.summary;
  const print = useChannelMutation('zReport.print');
  const { mutate } = print;
  const printed = useRef(false);
  useEffect(() => {
    if (!printNow || printed.current) return;
    printed.current = true;
    mutate({ shiftId: report.shiftId });
  }, [printNow, mutate, report.shiftId]);
  return (
    <article className="z-report card" data-testid="z-report" data-shift-id={report.shiftId} aria-labelledby={`z-title-${report.shiftId}`}>
      <h2 id={`z-title-${report.shiftId}`}>{t('reports.z.title', { id: report.shiftId })}</h2>
      <TrainingSold summary={s} testId="z-training-sold" />
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
        <dd data-testid="z-pending">{count(s.pendingCount)}</dd>
        <dt>{t('reports.z.training')}</dt>
        <dd data-testid="z-training">{count(s.trainingExcluded)}</dd>
      </dl>
      <h3>{t('reports.byNetwork')}</h3>
      <table className="table">
        <tbody>
          {s.byNetwork.map((n) => (
            <tr key={n.network}>
              <th scope="row">{t(`sale.network.${n.network}`)}</th>
              <td>{count(n.count)}</td>
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
              <td>{count(p.count)}</td>
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
              <td>{count(p.count)}</td>
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
      <PrintActions label={t('reports.z.print')} print={print} onPrint={() => print.mutate({ shiftId: report.shiftId })} testId="z" />
    </article>
  );
}
