// A closed shift's Z report as the receipt printer prints it: the same paper width, black-on-white
// style, language and digits as a sale's receipt, drawn by the same print window (raster or driver).
import { useTranslation } from 'react-i18next';
import type { ZReportDocument } from '../../shared/ipc/printing';
import type { Money } from '../../shared/money';
import { inDigitStyle } from '../../shared/numbers';
import { localeTag } from '../i18n/digits';
import { moneyText, printedT, SlipFrame } from './receipt';

export function ZReportSlip({ document: doc }: { document: ZReportDocument }) {
  const { i18n } = useTranslation();
  const t = printedT(i18n, doc);
  const { report } = doc;
  const s = report.summary;
  const when = new Intl.DateTimeFormat(localeTag(doc.language, doc.digitStyle), { dateStyle: 'medium', timeStyle: 'short' });
  const count = (n: number) => inDigitStyle(String(n), doc.digitStyle);
  const amounts = (list: Money[]) => (list.length === 0 ? '—' : list.map((m) => moneyText(t, m.minor, m.currency)).join(' + '));
  const maybe = (m: Money | null) => (m ? moneyText(t, m.minor, m.currency) : '—');
  const line = (label: string, value: string, testId?: string) => (
    <div className="receipt-field" key={label} data-testid={testId}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
  return (
    <SlipFrame document={doc} testId="receipt">
      <div className="receipt-mark receipt-mark-strong">{t('reports.z.title', { id: report.shiftId })}</div>
      <dl className="receipt-fields">
        {line(t('reports.z.cashier'), report.cashier.name || t('signin.owner'))}
        {line(t('reports.z.openedAt'), when.format(report.openedAt))}
        {line(t('reports.z.closedAt'), when.format(report.closedAt))}
        {line(t('reports.z.sold'), count(s.succeeded.count))}
        {line(t('reports.z.total'), amounts(s.succeeded.amounts), 'z-slip-total')}
        {line(t('reports.z.pending'), count(s.pendingCount))}
        {line(t('reports.z.training'), count(s.trainingExcluded))}
      </dl>
      {s.trainingSold.count > 0 && (
        <div className="receipt-mark receipt-mark-strong" data-testid="z-slip-training">
          {t('reports.trainingSold', { count: s.trainingSold.count })} — {amounts(s.trainingSold.amounts)}
        </div>
      )}
      <div className="receipt-note">{t('reports.byNetwork')}</div>
      <dl className="receipt-fields">
        {s.byNetwork.map((n) => line(`${t(`receipt.network.${n.network}`)} (${count(n.count)})`, amounts(n.amounts)))}
      </dl>
      <div className="receipt-note">{t('reports.z.balances')}</div>
      <dl className="receipt-fields">
        {report.balances.flatMap((b) => [
          line(`${t(`settings.provider.${b.provider}`)} — ${t('reports.z.atOpen')}`, maybe(b.atOpen)),
          line(`${t(`settings.provider.${b.provider}`)} — ${t('reports.z.atClose')}`, maybe(b.atClose)),
          line(`${t(`settings.provider.${b.provider}`)} — ${t('reports.z.difference')}`, maybe(b.difference)),
        ])}
      </dl>
      <div className="receipt-printed-at">{t('receipt.printedAt', { when: when.format(doc.printedAt) })}</div>
    </SlipFrame>
  );
}
