// What a game or gift card goes to (Player ID and every other required field), read back large
// wherever the sale is shown: the units go to whatever was typed and cannot come back.
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Product } from '../../../shared/domain';

/** The field's name in the cashier's language where it is a known one, else its code as the provider sent it. */
export function gameFieldLabel(t: TFunction, code: string): string {
  return t(`counter.gameField.${code}`, { defaultValue: code });
}

export function GameFields({ product, large = false }: { product: Extract<Product, { kind: 'game' }>; large?: boolean }) {
  const { t } = useTranslation();
  return (
    <dl className={large ? 'game-fields game-fields-large' : 'game-fields'} data-testid="game-fields">
      {Object.entries(product.fields).map(([code, value]) => (
        <div key={code} data-testid="game-field" data-code={code}>
          <dt>{gameFieldLabel(t, code)}</dt>
          <dd>
            <bdi dir="ltr" className="game-field-value" data-testid="game-field-value">
              {value}
            </bdi>
          </dd>
        </div>
      ))}
    </dl>
  );
}
