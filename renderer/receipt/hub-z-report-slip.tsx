// The shop-wide Z report as the receipt printer prints it, in the style of a till's own Z report
// (z-report-slip.tsx): every counter, each shop's subtotal and the grand total, marked as read from
// the hub at a given time, and what is known not to be on the hub yet.
import { useTranslation } from 'react-i18next';
import { isolated } from '../../shared/bidi';
import { groupHubTotals, type TotalsLine } from '../../shared/hub-totals';
import type { HubZReportDocument } from '../../shared/ipc/printing';
import type { Money } from '../../shared/money';
import { inDigitStyle } from '../../shared/numbers';
import { localeTag } from '../i18n/digits';
import { moneyText, printedT, SlipFrame } from './receipt';

export function HubZReportSlip({ document: doc }: { document: HubZReportDocument }) {
  const { i18n } = useTranslation();
  const t = printedT(i18n, doc);
  const { totals } = doc;
  const grouped = groupHubTotals(totals);
  const when = new Intl.DateTimeFormat(localeTag(doc.language, doc.digitStyle), { dateStyle: 'medium', timeStyle: 'short' });
  const day = new Intl.DateTimeFormat(localeTag(doc.language, doc.digitStyle), { dateStyle: 'medium' });
  const count = (n: number) => inDigitStyle(String(n), doc.digitStyle);
  const amounts = (list: Money[]) => (list.length === 0 ? '—' : list.map((m) => moneyText(t, m.minor, m.currency)).join(' + '));
  const line = (key: string, label: string, value: string, testId?: string, sub = false) => (
    <div className={sub ? 'receipt-field receipt-field-sub' : 'receipt-field'} key={key} data-testid={testId}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
  /** A counter's, shop's or the whole total: sales and amount, then each provider's part. */
  const figures = (key: string, label: string, figuresOf: TotalsLine, testId?: string) => [
    line(key, `${label} (${count(figuresOf.sales)})`, amounts(figuresOf.amounts), testId),
    ...figuresOf.byProvider.map((p) => line(`${key}-${p.provider}`, `${t(`settings.provider.${p.provider}`)} (${count(p.sales)})`, amounts(p.amounts), undefined, true)),
  ];
  return (
    <SlipFrame document={doc} testId="receipt">
      <div className="receipt-mark receipt-mark-strong">{t('reports.hub.zTitle')}</div>
      <div className="receipt-mark">{t('reports.hub.zFromHub')}</div>
      <dl className="receipt-fields">
        {line('day', t('reports.hub.day'), day.format(totals.from))}
        {line('read', t('reports.hub.zReadAt'), when.format(totals.readAt))}
      </dl>
      {grouped.shops.map((shop, s) => (
        <div key={shop.shopId}>
          <div className="receipt-note">{shop.shop}</div>
          <dl className="receipt-fields">
            {shop.counters.flatMap((c) => figures(`c-${c.counter}-${c.label}`, t('reports.hub.counterName', { number: c.counter ?? '—', label: isolated(c.label) }), c))}
            {figures(`shop-${s}`, t('reports.hub.shopTotal', { shop: isolated(shop.shop) }), shop, `hub-z-slip-shop-${s}`)}
          </dl>
        </div>
      ))}
      <dl className="receipt-fields">{figures('total', t('reports.hub.grandTotal'), grouped, 'hub-z-slip-total')}</dl>
      {grouped.unsettled > 0 && <div className="receipt-note">{t('reports.hub.unsettled', { count: grouped.unsettled })}</div>}
      {totals.queuedHere > 0 ? (
        <div className="receipt-mark receipt-mark-strong" data-testid="hub-z-slip-queued">
          {t('reports.hub.queuedHere', { count: totals.queuedHere })}
        </div>
      ) : (
        <div className="receipt-note" data-testid="hub-z-slip-queued">
          {t('reports.hub.queuedNoneHere')}
        </div>
      )}
      <div className="receipt-printed-at">{t('receipt.printedAt', { when: when.format(doc.printedAt) })}</div>
    </SlipFrame>
  );
}
