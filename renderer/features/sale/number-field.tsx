// The one number field of the counter: any digits (Western, Arabic-Indic, Persian), spaces,
// dashes, +967/00967/967/0. The network shows as the digits come; an invalid number says why.
import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Network } from '../../../shared/domain';
import { checkNumber, type NumberCheck } from '../../../shared/numbers';
import { NetworkBadge } from './network-badge';

export type NumberFieldHandle = { focus(): void };

type Props = {
  value: string;
  onChange(value: string): void;
  onEnter(): void;
  /** Arrow down: into the recent numbers. */
  onArrowDown(): void;
  /** An error to show instead of the live check (e.g. after Enter on a short number). */
  error: string | null;
};

export const NumberField = forwardRef<NumberFieldHandle, Props>(function NumberField({ value, onChange, onEnter, onArrowDown, error }, ref) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  useImperativeHandle(ref, () => ({ focus: () => input.current?.focus() }), []);
  useEffect(() => {
    input.current?.focus();
    // The bench measures first interactive paint as the moment the cashier can type.
    performance.mark('counter-number-focused');
  }, []);

  const check = checkNumber(value);
  const badges = visibleNetworks(check);
  const liveError = check.status === 'invalid' ? t(`errors.${check.code}`, check.params) : null;
  const message = error ?? liveError;

  return (
    <div className="number-field">
      <label htmlFor="counter-number" className="field-label">
        {t('sale.number.label')}
      </label>
      <div className="number-row">
        <input
          id="counter-number"
          ref={input}
          data-testid="number-input"
          className="number-input"
          dir="ltr"
          inputMode="tel"
          autoComplete="off"
          spellCheck={false}
          maxLength={40}
          value={value}
          placeholder={t('sale.number.placeholder')}
          aria-invalid={message !== null}
          aria-describedby="counter-number-status"
          onChange={(e) => onChange(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              onEnter();
            } else if (e.key === 'ArrowDown') {
              e.preventDefault();
              onArrowDown();
            }
          }}
        />
        <div className="number-networks" data-testid="number-networks" aria-live="polite">
          {badges.map((n) => (
            <NetworkBadge key={n} network={n} />
          ))}
        </div>
      </div>
      <p id="counter-number-status" className={message ? 'error number-status' : 'number-status'} data-testid="number-status" role={message ? 'alert' : undefined}>
        {message ??
          (check.status === 'valid' ? (
            <>
              {t('sale.number.ready')} <bdi dir="ltr">{check.national}</bdi>
            </>
          ) : (
            t('sale.number.hint')
          ))}
      </p>
    </div>
  );
});

/** A whole number shows every network it fits; a partial one only once its prefix names one network. */
function visibleNetworks(check: NumberCheck): Network[] {
  if (check.status === 'valid') return check.networks;
  if (check.status !== 'partial') return [];
  const specific = check.likely.filter((n) => n !== 'landline' && n !== 'adsl');
  return specific.length === 1 ? specific : [];
}
