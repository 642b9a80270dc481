// Airtime top-up: by amount (Yemen Mobile, landline, ADSL, Yemen 4G) or by units (Sabafon, YOU, Y,
// where the price is units × the provider's unit price, shown before confirming). Presets are one
// click; the field takes any digits; Enter moves on.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SALE_AMOUNT_RIALS, SALE_UNITS } from '../../../shared/bounds';
import type { Product } from '../../../shared/domain';
import { errorText, useChannel } from '../../ipc/client';
import { MINOR_PER_MAJOR, MoneyText } from './money-text';
import { isUnitNetwork, type SaleTarget } from './sale-target';
import { parseWhole } from './whole-number';

const AMOUNT_PRESETS = [100, 200, 500, 1000, 2000, 5000];
const UNIT_PRESETS = [50, 100, 250, 500, 1000, 2000];

type Props = { target: SaleTarget; onChoose(product: Product): void };

export function TopUpForm({ target, onChoose }: Props) {
  const { t } = useTranslation();
  const byUnits = isUnitNetwork(target.network);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);

  const whole = parseWhole(text);
  const product = (value: number): Product => (byUnits ? { kind: 'units', units: value } : { kind: 'amount', amount: { minor: value * MINOR_PER_MAJOR, currency: 'YER' } });
  const quote = useChannel(
    'sale.quote',
    { number: target.national, network: target.network, product: product(whole ?? 1) },
    { enabled: byUnits && whole !== null },
  );

  function choose(value: number | null) {
    if (value === null) {
      setError(byUnits ? t('errors.input.invalid_units', SALE_UNITS) : t('errors.input.invalid_amount', SALE_AMOUNT_RIALS));
      input.current?.focus();
      return;
    }
    onChoose(product(value));
  }

  return (
    <div className="top-up" data-testid="top-up">
      <label htmlFor="top-up-value" className="field-label">
        {t(byUnits ? 'sale.topup.unitsLabel' : 'sale.topup.amountLabel')}
      </label>
      <input
        id="top-up-value"
        ref={input}
        data-testid="top-up-value"
        className="amount-input"
        dir="ltr"
        inputMode="numeric"
        autoComplete="off"
        value={text}
        aria-invalid={error !== null}
        onChange={(e) => {
          setText(e.target.value);
          setError(null);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            choose(whole);
          }
        }}
      />
      {error && (
        <p className="error" role="alert" data-testid="top-up-error">
          {error}
        </p>
      )}
      {byUnits && whole !== null && (
        <p className="unit-price" data-testid="unit-price">
          {quote.data?.price ? (
            <>
              {t('sale.topup.unitPrice', { count: whole })} <MoneyText value={unitPrice(quote.data.price, whole)} /> {'='}{' '}
              <strong>
                <MoneyText value={quote.data.price} />
              </strong>
            </>
          ) : quote.error ? (
            <span className="error">{errorText(t, quote.error)}</span>
          ) : (
            t('app.loading')
          )}
        </p>
      )}
      <div className="presets" role="group" aria-label={t('sale.topup.presets')}>
        {(byUnits ? UNIT_PRESETS : AMOUNT_PRESETS).map((value) => (
          <button key={value} type="button" className="preset" data-testid={`preset-${value}`} onClick={() => choose(value)}>
            {byUnits ? t('sale.product.units', { count: value }) : <MoneyText value={{ minor: value * MINOR_PER_MAJOR, currency: 'YER' }} />}
          </button>
        ))}
      </div>
    </div>
  );
}

function unitPrice(price: { minor: number; currency: 'YER' | 'USD' }, units: number) {
  return { minor: Math.round(price.minor / units), currency: price.currency };
}
