// The game and gift card catalogue on its own screen: browse and search the cached list offline,
// see a category's order form rules. Selling starts from the customer's number on the counter.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CounterCatalogueItem } from '../../../shared/ipc/counter';
import { MoneyText } from '../sale/money-text';
import { CatalogueBrowser } from './catalogue-browser';
import { quantityBounds } from './game-card-order';
import '../sale/sale.css';
import { gameFieldLabel } from '../sale/game-fields';

export default function CatalogueScreen() {
  const { t } = useTranslation();
  const [item, setItem] = useState<CounterCatalogueItem | null>(null);
  return (
    <section className="screen catalogue-screen" aria-labelledby="screen-title" data-testid="catalogue-screen">
      <h1 id="screen-title">{t('catalogue.title')}</h1>
      <p className="muted">{t('catalogue.howToSell')}</p>
      <div className="catalogue-layout">
        <CatalogueBrowser onPick={setItem} autoFocus />
        {item && (
          <aside className="card catalogue-detail" data-testid="catalogue-detail" aria-labelledby="detail-title">
            <h2 id="detail-title">{item.name}</h2>
            <p className="muted">{item.service}</p>
            <p>
              <MoneyText value={item.localPrice} /> · <MoneyText value={item.price} />
            </p>
            <h3>{t('catalogue.detail.fields')}</h3>
            <ul>
              {item.requiredFields.map((f) => (
                <li key={f.code} className="field-label">{gameFieldLabel(t, f.code, f.name)}</li>
              ))}
            </ul>
            <p>
              {quantityBounds(item).fixed
                ? t('catalogue.form.fixedQuantity')
                : t('catalogue.form.quantityRange', { min: quantityBounds(item).min, max: quantityBounds(item).max })}
            </p>
          </aside>
        )}
      </div>
    </section>
  );
}
