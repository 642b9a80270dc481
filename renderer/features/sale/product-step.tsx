// What to do for a number: top up, buy a package, ask a subscriber query, or sell a game/gift card.
// Alt+1…4 switch tabs from anywhere on the step.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Product } from '../../../shared/domain';
import type { CounterCatalogueItem } from '../../../shared/ipc/counter';
import { CatalogueBrowser } from '../catalogue/catalogue-browser';
import { GameCardForm } from '../catalogue/game-card-form';
import { NetworkBadge } from './network-badge';
import { OfferList } from './offer-list';
import type { SaleTarget } from './sale-target';
import { SubscriberQueries } from './subscriber-queries';
import { TopUpForm } from './top-up-form';

export const productTabs = ['topup', 'offers', 'queries', 'cards'] as const;
export type ProductTab = (typeof productTabs)[number];

type Props = {
  target: SaleTarget;
  tab: ProductTab;
  onTab(tab: ProductTab): void;
  onChoose(product: Product): void;
};

export function ProductStep({ target, tab, onTab, onChoose }: Props) {
  const { t } = useTranslation();
  const [card, setCard] = useState<CounterCatalogueItem | null>(null);
  useEffect(() => setCard(null), [tab]);
  return (
    <section className="card step product-step" aria-labelledby="product-title" data-testid="product-step">
      <h2 id="product-title" className="target-line">
        <bdi dir="ltr" className="target-number" data-testid="target-number">
          {target.national}
        </bdi>
        <NetworkBadge network={target.network} />
      </h2>
      <div className="tabs" role="tablist" aria-label={t('sale.tabs.label')}>
        {productTabs.map((id, index) => (
          <button
            key={id}
            type="button"
            role="tab"
            aria-selected={tab === id}
            className={tab === id ? 'tab primary' : 'tab'}
            data-testid={`tab-${id}`}
            onClick={() => onTab(id)}
          >
            <kbd>Alt+{index + 1}</kbd> {t(`sale.tabs.${id}`)}
          </button>
        ))}
      </div>
      <div role="tabpanel" className="tab-panel">
        {tab === 'topup' && <TopUpForm key={target.network} target={target} onChoose={onChoose} />}
        {tab === 'offers' && <OfferList target={target} onChoose={onChoose} />}
        {tab === 'queries' && <SubscriberQueries target={target} />}
        {tab === 'cards' &&
          (card ? (
            <GameCardForm item={card} onSubmit={onChoose} onCancel={() => setCard(null)} />
          ) : (
            <CatalogueBrowser onPick={setCard} autoFocus />
          ))}
      </div>
    </section>
  );
}
