// The outcome of a sale, followed live through `sale.updated` (and a slow re-read as a safety net):
// succeeded, failed with its translated reason, or checking (pending/unknown) until it settles.
// Printing is a hook (`onPrintReceipt`) so the receipts feature decides how a receipt is printed.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SaleView } from '../../../shared/ipc/sales';
import { settledBy } from '../../../shared/sale-settlement';
import { errorText, useChannel, useEvent } from '../../ipc/client';
import { CheckingPanel } from './checking-panel';
import { isEnterBounce } from './enter-bounce';
import { GameFields } from './game-fields';
import { MoneyText } from './money-text';
import { NetworkBadge } from './network-badge';
import { ProductText } from './product-text';

type Props = {
  sale: SaleView;
  onNewSale(): void;
  /** Prints (or queues) the receipt of this sale; the counter calls the receipts channel. */
  onPrintReceipt(sale: SaleView): Promise<void>;
  /** Print once as soon as the outcome shows (the owner's printer setting). */
  autoPrint: boolean;
};

export function SaleOutcome({ sale: submitted, onNewSale, onPrintReceipt, autoPrint }: Props) {
  const { t } = useTranslation();
  const [sale, setSale] = useState(submitted);
  const [printing, setPrinting] = useState<'idle' | 'printing' | 'printed' | Error>('idle');
  /** When the outcome was first shown: a key pressed before it was meant for the confirm screen. */
  const shownAt = useRef(Number.POSITIVE_INFINITY);
  const next = useRef<HTMLButtonElement>(null);
  // shared/domain.ts's isFinalState, written out so the counter does not load zod at first paint.
  const final = sale.state === 'succeeded' || sale.state === 'failed';

  useEvent(
    'sale.updated',
    useCallback((view: SaleView) => {
      if (view.id === submitted.id) setSale((old) => (view.updatedAt >= old.updatedAt ? view : old));
    }, [submitted.id]),
  );
  // An event missed while the outcome mounted is caught by a slow re-read until the sale settles.
  const reread = useChannel('sale.get', { id: submitted.id }, { enabled: !final, refetchInterval: 4_000, staleTime: 0, gcTime: 0 });
  useEffect(() => {
    if (reread.data && reread.data.updatedAt >= sale.updatedAt) setSale(reread.data);
  }, [reread.data, sale.updatedAt]);
  // Focus and the P key are set before the outcome is first painted: a key pressed the moment it
  // shows is not lost.
  useLayoutEffect(() => {
    shownAt.current = performance.now();
    next.current?.focus();
  }, []);
  const printRef = useRef(print);
  printRef.current = print;
  useLayoutEffect(() => {
    function onKey(event: KeyboardEvent) {
      // By physical key, so it is the same key on an Arabic layout.
      if (event.code === 'KeyP' && !event.altKey && !event.ctrlKey && !event.metaKey) {
        event.preventDefault();
        void printRef.current();
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  // Once per outcome, even when React runs effects twice: a second print would be marked a copy.
  const autoPrinted = useRef(false);
  useEffect(() => {
    if (!autoPrint || autoPrinted.current) return;
    autoPrinted.current = true;
    void printRef.current();
  }, [autoPrint]);

  async function print() {
    setPrinting('printing');
    try {
      await onPrintReceipt(sale);
      setPrinting('printed');
    } catch (cause) {
      setPrinting(cause instanceof Error ? cause : new Error(String(cause)));
    }
  }

  const tone = sale.state === 'succeeded' ? 'success' : sale.state === 'failed' ? 'failure' : 'checking';
  return (
    <section className={`card step outcome outcome-${tone}`} aria-labelledby="outcome-title" data-testid="outcome" data-state={sale.state}>
      <h2 id="outcome-title" role="status" aria-live="polite" data-testid="outcome-title">
        {t(`sale.outcome.${tone}`)}
      </h2>
      {tone === 'failure' && sale.error && (
        <p className="error" data-testid="outcome-reason">
          {errorText(t, sale.error)}
        </p>
      )}
      {tone === 'checking' && <CheckingPanel sale={sale} onChecked={(found) => setSale((old) => (found.updatedAt >= old.updatedAt ? found : old))} />}
      <dl className="summary">
        <div>
          <dt>{t('sale.confirm.number')}</dt>
          <dd>
            <bdi dir="ltr">{sale.number}</bdi> {sale.product.kind !== 'game' && <NetworkBadge network={sale.network} size="small" />}
          </dd>
        </div>
        <div>
          <dt>{t('sale.confirm.product')}</dt>
          <dd>
            <ProductText product={sale.product} />
            {sale.product.kind === 'game' && <GameFields product={sale.product} />}
          </dd>
        </div>
        {sale.price && (
          <div>
            <dt>{t('sale.confirm.price')}</dt>
            <dd>
              <MoneyText value={sale.price} />
            </dd>
          </div>
        )}
        <div>
          <dt>{t('sale.outcome.id')}</dt>
          <dd>
            <bdi dir="ltr" data-testid="outcome-id">
              {sale.id}
            </bdi>
          </dd>
        </div>
        {sale.providerRef && (
          <div>
            <dt>{t('sale.outcome.reference')}</dt>
            <dd>
              <bdi dir="ltr">{sale.providerRef}</bdi>
            </dd>
          </div>
        )}
      </dl>
      {sale.message && <p className="muted">{sale.message}</p>}
      <SettledLater sale={sale} />
      <div className="form-actions">
        <button
          ref={next}
          type="button"
          className="primary"
          data-testid="new-sale"
          onClick={onNewSale}
          onKeyDown={(e) => {
            // A held Enter, or the confirming press bouncing (pressed before this was on screen), is not a new sale.
            if (e.key === 'Enter' && (e.repeat || e.timeStamp < shownAt.current || isEnterBounce(e.nativeEvent))) e.preventDefault();
          }}
        >
          {t('sale.outcome.newSale')} <kbd>Enter</kbd>
        </button>
        <button type="button" data-testid="print-receipt" onClick={() => void print()} disabled={printing === 'printing'}>
          {t('sale.outcome.print')} <kbd>P</kbd>
        </button>
        {printing === 'printed' && (
          <span className="muted" data-testid="print-status">
            {t('sale.outcome.printed')}
          </span>
        )}
        {printing instanceof Error && (
          <span className="error" role="alert" data-testid="print-status">
            {errorText(t, printing)}
          </span>
        )}
      </div>
    </section>
  );
}

/** Says when the outcome came from a later status check or webhook, not the payment's own answer. */
function SettledLater({ sale }: { sale: SaleView }) {
  const { t } = useTranslation();
  const by = settledBy(sale.timeline);
  if (by !== 'status' && by !== 'webhook') return null;
  return (
    <p className="muted" data-testid="outcome-settled-by">
      {t(`sale.outcome.settledBy.${by}`)}
    </p>
  );
}
