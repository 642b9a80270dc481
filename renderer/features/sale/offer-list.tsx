// Packages and offers the number can buy, from every provider that sells offers on its network.
// Arrow keys move, Enter picks.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Product } from '../../../shared/domain';
import { errorText, useChannel } from '../../ipc/client';
import { MoneyText } from './money-text';
import type { SaleTarget } from './sale-target';

type Props = { target: SaleTarget; onChoose(product: Product): void };

export function OfferList({ target, onChoose }: Props) {
  const { t } = useTranslation();
  const offers = useChannel('counter.offers', { number: target.national, network: target.network });
  const list = useRef<HTMLUListElement>(null);
  const items = offers.data?.offers ?? [];
  useEffect(() => {
    list.current?.querySelector('button')?.focus();
  }, [items.length]);

  if (offers.isPending) return <p data-testid="offers-loading">{t('app.loading')}</p>;
  if (offers.error) return <p className="error" role="alert">{errorText(t, offers.error)}</p>;
  return (
    <div className="offer-list" data-testid="offer-list">
      {items.length === 0 ? (
        <p className="muted" data-testid="offers-empty">
          {t('sale.offers.empty')}
        </p>
      ) : (
        <ul
          ref={list}
          className="choice-list"
          onKeyDown={(e) => {
            if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
            e.preventDefault();
            const buttons = [...(list.current?.querySelectorAll('button') ?? [])];
            const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
            buttons[Math.max(0, Math.min(buttons.length - 1, at + (e.key === 'ArrowDown' ? 1 : -1)))]?.focus();
          }}
        >
          {items.map((offer) => (
            <li key={`${offer.provider}:${offer.code}`}>
              <button
                type="button"
                className="choice-item"
                data-testid="offer"
                data-code={offer.code}
                data-provider={offer.provider}
                onClick={() => onChoose({ kind: 'offer', code: offer.code, name: offer.name, provider: offer.provider })}
              >
                <bdi className="choice-name">{offer.name}</bdi>
                {offer.receives && <bdi className="muted">{offer.receives}</bdi>}
                {offer.price ? <MoneyText value={offer.price} /> : <span className="muted">{t('sale.offers.priceAtPayment')}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
      {offers.data && offers.data.errors.length > 0 && (
        <p className="error" role="alert">
          {errorText(t, offers.data.errors[0])}
        </p>
      )}
    </div>
  );
}
