// The one summary before money moves: network, number, product, amount, price, provider. Enter (or
// a click) confirms, Esc backs out. Each press sends a fresh submitKey, and a press while one is
// on its way is dropped here: a double Enter cannot sell twice (the engine refuses it too).
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { saleStates, type Product, type SubscriberType } from '../../../shared/domain';
import type { SaleView } from '../../../shared/ipc/sales';
import { isMobileNetwork } from '../../../shared/numbers';
import { call, errorText, PosError, useChannel } from '../../ipc/client';
import { MoneyText } from './money-text';
import { earlyEnterApplies } from './early-enter';
import { EarlierSaleLine, isInDoubt, type EarlierSale } from './earlier-sale';
import { GameFields } from './game-fields';
import { NetworkBadge } from './network-badge';
import { ProductText } from './product-text';
import type { SaleTarget } from './sale-target';

type Props = { target: SaleTarget; product: Product; onSold(sale: SaleView): void };

/** Presses this close together are one press bouncing (or a double Enter), not a second decision. */
const SETTLE_MS = 600;

export function ConfirmSale({ target, product, onSold }: Props) {
  const { t } = useTranslation();
  const quote = useChannel('sale.quote', { number: target.national, network: target.network, product }, { staleTime: 0, gcTime: 0 });
  const [error, setError] = useState<PosError | null>(null);
  const [sending, setSending] = useState(false);
  const [duplicateConfirmed, setDuplicateConfirmed] = useState(false);
  const [acknowledged, setAcknowledged] = useState(false);
  const [subscriberType, setSubscriberType] = useState<SubscriberType>('prepaid');
  const inFlight = useRef(false);
  const button = useRef<HTMLButtonElement>(null);
  const ready = quote.isSuccess && quote.data.provider !== null;
  // Weta bills a mobile package differently for prepaid and postpaid lines, so it must be told which.
  const asksLineType = quote.data?.provider === 'weta' && product.kind === 'offer' && isMobileNetwork(target.network);
  const duplicate = quote.data?.duplicateOf ?? null;
  const acknowledgedAt = useRef<number | null>(null);
  // The earlier sale still in doubt (from the quote, or from the engine when the quote did not see
  // it): selling again needs the box ticked (Space), not a second Enter.
  const [inDoubtFromSubmit, setInDoubtFromSubmit] = useState<EarlierSale | null>(null);
  const inDoubt: EarlierSale | null =
    inDoubtFromSubmit ?? (duplicate && isInDoubt(duplicate.state) ? { id: duplicate.id, state: duplicate.state, createdAt: duplicate.createdAt } : null);
  const [inDoubtChecked, setInDoubtChecked] = useState(false);
  const [inDoubtNudge, setInDoubtNudge] = useState(false);
  const inDoubtBox = useRef<HTMLInputElement>(null);

  // An Enter pressed before the price is on screen is never lost and never sells blind: it is held,
  // and applied once the quote is in only when the price is the one the cashier already typed (a
  // top-up by amount) and nothing needs a second look; otherwise it is refused, visibly.
  const [earlyEnter, setEarlyEnter] = useState<'held' | 'refused' | null>(null);
  const readyRef = useRef(ready);
  readyRef.current = ready;
  useLayoutEffect(() => {
    const mountedAt = performance.now();
    function onKey(event: KeyboardEvent) {
      if (event.key !== 'Enter' || event.repeat || event.defaultPrevented || readyRef.current || event.timeStamp < mountedAt) return;
      event.preventDefault();
      setEarlyEnter('held');
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  useEffect(() => {
    if (ready) (inDoubt && !inDoubtChecked ? inDoubtBox.current : button.current)?.focus();
    if (!ready || earlyEnter !== 'held') return;
    if (quote.data && earlyEnterApplies(product, quote.data)) {
      setEarlyEnter(null);
      void confirmRef.current();
    } else setEarlyEnter('refused');
  }, [ready, earlyEnter, quote.data, product, inDoubtFromSubmit]);

  const confirmRef = useRef(confirm);
  confirmRef.current = confirm;
  async function confirm() {
    if (inFlight.current || !ready) return;
    setEarlyEnter(null);
    if (inDoubt && !inDoubtChecked) {
      setInDoubtNudge(true);
      inDoubtBox.current?.focus();
      return;
    }
    // The same number and product a moment ago: the first press only acknowledges the warning,
    // and a press within the settle time is the same press bouncing, so a double Enter still sells nothing.
    if (!inDoubt && (duplicate !== null || duplicateConfirmed) && !acknowledged) {
      acknowledgedAt.current = performance.now();
      setAcknowledged(true);
      return;
    }
    if (acknowledgedAt.current !== null && performance.now() - acknowledgedAt.current < SETTLE_MS) return;
    inFlight.current = true;
    setSending(true);
    setError(null);
    try {
      const sale = await call('sale.submit', {
        number: target.national,
        network: target.network,
        product,
        submitKey: crypto.randomUUID(),
        ...(acknowledged ? { confirmDuplicate: true } : {}),
        ...(inDoubt && inDoubtChecked ? { confirmInDoubt: inDoubt.id } : {}),
        ...(asksLineType ? { subscriberType } : {}),
      });
      onSold(sale);
    } catch (cause) {
      const failure = cause instanceof PosError ? cause : new PosError({ code: 'internal', message: 'submit failed' });
      // The engine saw a duplicate the quote did not: the warning shows and needs its own press.
      if (failure.error.code === 'sale.duplicate_needs_confirm') {
        setDuplicateConfirmed(true);
        setAcknowledged(false);
      }
      const earlier = failure.error.params;
      if (failure.error.code === 'sale.in_doubt_needs_confirm' && typeof earlier?.id === 'string') {
        const state = saleStates.find((s) => s === earlier.detail) ?? 'unknown';
        setInDoubtFromSubmit({ id: earlier.id, state, createdAt: null });
        setInDoubtChecked(false);
        setError(null);
        inFlight.current = false;
        setSending(false);
        inDoubtBox.current?.focus();
        return;
      }
      setError(failure);
      inFlight.current = false;
      setSending(false);
      button.current?.focus();
    }
  }

  return (
    <section className="card step confirm" aria-labelledby="confirm-title" data-testid="confirm">
      <h2 id="confirm-title">{t('sale.confirm.title')}</h2>
      <dl className="summary">
        {/* A game card is not sold to a network: its fields say where it goes. */}
        {product.kind !== 'game' && (
          <div>
            <dt>{t('sale.confirm.network')}</dt>
            <dd>
              <NetworkBadge network={target.network} />
            </dd>
          </div>
        )}
        <div>
          <dt>{t('sale.confirm.number')}</dt>
          <dd className="summary-number" data-testid="confirm-number">
            <bdi dir="ltr">{target.national}</bdi>
          </dd>
        </div>
        <div>
          <dt>{t('sale.confirm.product')}</dt>
          <dd data-testid="confirm-product">
            <ProductText product={product} />
          </dd>
        </div>
        <div>
          <dt>{t('sale.confirm.price')}</dt>
          <dd className="summary-price" data-testid="confirm-price">
            {quote.data?.price ? <MoneyText value={quote.data.price} /> : quote.isSuccess ? t('sale.confirm.priceAtPayment') : '…'}
            {product.kind === 'units' && quote.data?.price && (
              <span className="muted" data-testid="confirm-unit-price">
                {' '}
                ({t('sale.topup.unitPrice', { count: product.units })}{' '}
                <MoneyText value={{ minor: Math.round(quote.data.price.minor / product.units), currency: quote.data.price.currency }} />)
              </span>
            )}
          </dd>
        </div>
        {asksLineType && (
          <div>
            <dt id="line-type">{t('sale.confirm.lineType')}</dt>
            <dd role="radiogroup" aria-labelledby="line-type" className="line-type" data-testid="line-type">
              {(['prepaid', 'postpaid'] as const).map((type) => (
                <label key={type}>
                  <input type="radio" name="line-type" value={type} checked={subscriberType === type} onChange={() => {
                      setSubscriberType(type);
                      button.current?.focus();
                    }} data-testid={`line-type-${type}`} />{' '}
                  {t(`sale.confirm.${type}`)}
                </label>
              ))}
            </dd>
          </div>
        )}
        <div>
          <dt>{t('sale.confirm.provider')}</dt>
          <dd data-testid="confirm-provider">{quote.data?.provider ? t(`sale.provider.${quote.data.provider}`) : '…'}</dd>
        </div>
      </dl>
      {product.kind === 'game' && (
        <section aria-label={t('counter.gameField.title')} data-testid="confirm-game-fields">
          <p className="field-label">{t('counter.gameField.checkWithCustomer')}</p>
          <GameFields product={product} large />
        </section>
      )}
      {quote.isPending && <p>{t('sale.confirm.quoting')}</p>}
      {earlyEnter && (
        <p className={earlyEnter === 'refused' ? 'warning' : 'muted'} role="status" data-testid="confirm-early" data-early={earlyEnter}>
          {t(earlyEnter === 'refused' ? 'counter.confirm.earlyRefused' : 'counter.confirm.earlyHeld')}
        </p>
      )}
      {quote.error && (
        <p className="error" role="alert" data-testid="confirm-error">
          {errorText(t, quote.error)}
        </p>
      )}
      {quote.isSuccess && quote.data.provider === null && (
        <p className="error" role="alert" data-testid="confirm-error">
          {t('sale.confirm.noProvider')}
        </p>
      )}
      {quote.data?.training && <p className="warning">{t('sale.confirm.training')}</p>}
      {inDoubt && (
        <div className="warning in-doubt-warning" role="alert" data-testid="in-doubt-warning">
          <p>
            <strong>{t('counter.duplicate.inDoubt')}</strong>
          </p>
          <p>
            <EarlierSaleLine sale={inDoubt} />
          </p>
          <label className="in-doubt-confirm">
            <input
              ref={inDoubtBox}
              type="checkbox"
              data-testid="in-doubt-confirm"
              checked={inDoubtChecked}
              onChange={(e) => {
                setInDoubtChecked(e.target.checked);
                setInDoubtNudge(false);
                if (e.target.checked) button.current?.focus();
              }}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  setInDoubtNudge(true);
                }
              }}
            />{' '}
            {t('counter.duplicate.inDoubtConfirm')} <kbd>Space</kbd>
          </label>
          {inDoubtNudge && <p data-testid="in-doubt-nudge">{t('counter.duplicate.inDoubtNudge')}</p>}
        </div>
      )}
      {!inDoubt && (duplicate || duplicateConfirmed) && (
        <p className="warning" role="alert" data-testid="duplicate-warning" data-acknowledged={acknowledged}>
          {t(acknowledged ? 'sale.confirm.duplicateAcknowledged' : 'sale.confirm.duplicate')}{' '}
          {duplicate && <EarlierSaleLine sale={{ id: duplicate.id, state: duplicate.state, createdAt: duplicate.createdAt }} />}
        </p>
      )}
      {error && (
        <p className="error" role="alert" data-testid="submit-error">
          {errorText(t, error)}
        </p>
      )}
      <div className="form-actions">
        <button
          ref={button}
          type="button"
          className="primary confirm-button"
          data-testid="confirm-button"
          disabled={!ready}
          aria-busy={sending}
          onClick={() => void confirm()}
          onKeyDown={(e) => {
            // A held Enter repeats: only a fresh press may sell.
            if (e.key === 'Enter' && e.repeat) e.preventDefault();
          }}
        >
          {sending ? t('sale.confirm.sending') : acknowledged || inDoubt ? t('sale.confirm.sellAgain') : t('sale.confirm.sell')} <kbd>Enter</kbd>
        </button>
      </div>
    </section>
  );
}

