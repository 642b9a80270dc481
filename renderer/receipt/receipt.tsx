// The one receipt (docs/architecture.md, "Receipts"): the same component draws it on screen, for the thermal printer
// (captured as an image at the printer's dot width: 384 CSS px on 58 mm paper, 576 on 80 mm) and
// for PDF. It is drawn in the receipt's own language, in pure black on white so a threshold keeps
// every stroke, and Arabic is shaped here by the browser, never by a printer.
import './receipt.css';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { isFinalState } from '../../shared/domain';
import { PAPER_DOTS, type ReceiptDocument } from '../../shared/ipc/printing';
import type { HistoryRow } from '../../shared/ipc/history';
import { formatMinorAsDecimal } from '../../shared/money';
import { gameFieldLabel } from '../features/sale/game-fields';

/** `printTarget`: the copy that printing (PDF, driver) shows; see ReceiptPrintRoot. */
export function Receipt({ document: doc, printTarget = false }: { document: ReceiptDocument; printTarget?: boolean }) {
  const { i18n } = useTranslation();
  const t = i18n.getFixedT(doc.language);
  const { sale, shop } = doc;
  const provisional = !isFinalState(sale.state);
  const when = new Intl.DateTimeFormat(`${doc.language}-YE-u-nu-latn`, { dateStyle: 'medium', timeStyle: 'short' });
  const product = sale.product;
  // A game card goes to its fields (Player ID…), not to a network: they are printed, the network is not.
  const rows: [string, React.ReactNode, string][] = [
    [t('receipt.field.date'), when.format(sale.createdAt), 'date'],
    [t('receipt.field.cashier'), doc.cashierName ?? sale.cashierId ?? '—', 'cashier'],
    ...(product.kind === 'game' ? [] : [[t('receipt.field.network'), t(`receipt.network.${sale.network}`), 'network'] as [string, React.ReactNode, string]]),
    [t('receipt.field.number'), <bdi dir="ltr">{sale.number}</bdi>, 'number'],
    [t('receipt.field.product'), productText(t, sale), 'product'],
    ...(product.kind === 'game'
      ? Object.entries(product.fields).map(([code, value]): [string, React.ReactNode, string] => [gameFieldLabel(t, code), <bdi dir="ltr">{value}</bdi>, `game-field-${code}`])
      : []),
    [t('receipt.field.price'), sale.price ? moneyText(t, sale.price.minor, sale.price.currency) : '—', 'price'],
    [t('receipt.field.providerRef'), sale.providerRef ? <bdi dir="ltr">{sale.providerRef}</bdi> : '—', 'provider-ref'],
    [t('receipt.field.transactionId'), <bdi dir="ltr">{sale.id}</bdi>, 'transaction-id'],
    [t('receipt.field.status'), t(`receipt.state.${sale.state}`), 'status'],
  ];
  return (
    <article
      className={`receipt receipt-${doc.paperWidth}`}
      dir={i18n.dir(doc.language)}
      lang={doc.language}
      style={{ inlineSize: `${PAPER_DOTS[doc.paperWidth]}px` }}
      data-testid={printTarget ? 'receipt-print' : 'receipt'}
      data-kind={doc.kind}
    >
      <header className="receipt-shop">
        <div className="receipt-shop-name">{shop.name || t('receipt.defaultShopName')}</div>
        {shop.header && <div className="receipt-free-text">{shop.header}</div>}
      </header>
      {sale.training && (
        <div className="receipt-mark receipt-mark-strong" data-testid="receipt-training">
          {t('receipt.mark.training')}
        </div>
      )}
      {provisional && (
        <div className="receipt-mark receipt-mark-strong" data-testid="receipt-provisional">
          {t('receipt.mark.provisional')}
        </div>
      )}
      {doc.kind === 'copy' && (
        <div className="receipt-mark" data-testid="receipt-copy">
          {t('receipt.mark.copy')}
        </div>
      )}
      <dl className="receipt-fields">
        {rows.map(([label, value, testId]) => (
          <div className="receipt-field" key={testId} data-testid={`receipt-${testId}`}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {sale.state === 'failed' && <div className="receipt-mark">{t('receipt.failedNote')}</div>}
      {provisional && <div className="receipt-note">{t('receipt.provisionalNote')}</div>}
      {shop.footer && <footer className="receipt-free-text">{shop.footer}</footer>}
      <div className="receipt-printed-at">{t('receipt.printedAt', { when: when.format(doc.printedAt) })}</div>
    </article>
  );
}

function moneyText(t: TFunction, minor: number, currency: string): string {
  return t('receipt.money', { amount: formatMinorAsDecimal(minor), currency: t(`receipt.currency.${currency}`) });
}

function productText(t: TFunction, sale: HistoryRow): string {
  const p = sale.product;
  switch (p.kind) {
    case 'amount':
      return t('receipt.product.amount', { amount: moneyText(t, p.amount.minor, p.amount.currency) });
    case 'units':
      return t('receipt.product.units', { units: p.units });
    case 'offer':
      return t('receipt.product.offer', { name: p.name ?? p.code });
    case 'game':
      return t('receipt.product.game', { name: p.name ?? p.linkCode, quantity: p.quantity });
  }
}

/**
 * The receipt as printing sees it: a child of <body> beside the app, hidden on screen, and the only
 * thing shown when the page is printed (PDF, or a driver print), so a print is one receipt-high page.
 */
export function ReceiptPrintRoot({ document: doc }: { document: ReceiptDocument }) {
  return createPortal(
    // The page box starts at the left of the paper: an LTR root keeps a right-to-left receipt
    // from overflowing off its start edge; the receipt carries its own direction.
    <div className="receipt-print-root" dir="ltr">
      <Receipt document={doc} printTarget />
    </div>,
    document.body,
  );
}
