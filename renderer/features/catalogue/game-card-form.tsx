// The order form of one game or gift card category, generated from its required fields, with the
// quantity within its rules and the price in both currencies. Enter moves on, Esc backs out.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Product } from '../../../shared/domain';
import type { CounterCatalogueItem } from '../../../shared/ipc/counter';
import { errorText } from '../../ipc/client';
import { MoneyText } from '../sale/money-text';
import { orderProduct, quantityBounds } from './game-card-order';
import { gameFieldLabel } from '../sale/game-fields';

type Props = { item: CounterCatalogueItem; onSubmit(product: Product): void; onCancel(): void };

export function GameCardForm({ item, onSubmit, onCancel }: Props) {
  const { t } = useTranslation();
  const bounds = quantityBounds(item);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [quantity, setQuantity] = useState(String(bounds.min));
  const [error, setError] = useState<string | null>(null);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    form.current?.querySelector<HTMLInputElement>('input')?.focus();
  }, [item.linkCode]);

  const count = Number(quantity) || 0;
  return (
    <form
      ref={form}
      className="card game-form"
      data-testid="game-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const product = orderProduct(item, { fields, quantity });
        if (!product.ok) {
          setError(errorText(t, product.error));
          return;
        }
        onSubmit(product.value);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          onCancel();
        }
      }}
    >
      <h3>
        <bdi>{item.name}</bdi>
      </h3>
      <p className="muted">
        <bdi>{item.service}</bdi>
      </p>
      {item.requiredFields.map((field) => (
        <label key={field.code} className="form-field">
          <span className="field-label">{gameFieldLabel(t, field.code, field.name)}</span>
          <input
            data-testid={`game-field-${field.code}`}
            dir="auto"
            autoComplete="off"
            maxLength={200}
            value={fields[field.code] ?? ''}
            onChange={(e) => {
              setFields({ ...fields, [field.code]: e.target.value });
              setError(null);
            }}
          />
        </label>
      ))}
      <label className="form-field">
        <span className="field-label">
          {t('catalogue.form.quantity')}{' '}
          <span className="muted">{bounds.fixed ? t('catalogue.form.fixedQuantity') : t('catalogue.form.quantityRange', { min: bounds.min, max: bounds.max })}</span>
        </span>
        <input
          data-testid="game-quantity"
          dir="ltr"
          inputMode="numeric"
          readOnly={bounds.fixed}
          value={quantity}
          onChange={(e) => {
            setQuantity(e.target.value);
            setError(null);
          }}
        />
      </label>
      <p className="game-total" data-testid="game-total">
        {t('catalogue.form.total')} <MoneyText value={{ minor: item.localPrice.minor * count, currency: item.localPrice.currency }} /> ·{' '}
        <MoneyText value={{ minor: item.price.minor * count, currency: item.price.currency }} />
      </p>
      {error && (
        <p className="error" role="alert" data-testid="game-error">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" data-testid="game-submit">
          {t('catalogue.form.next')} <kbd>Enter</kbd>
        </button>
        <button type="button" onClick={onCancel}>
          {t('catalogue.form.back')} <kbd>Esc</kbd>
        </button>
      </div>
    </form>
  );
}
