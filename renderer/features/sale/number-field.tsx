// The one number field of the counter: any digits (Western, Arabic-Indic, Persian), spaces,
// dashes, +967/00967/967/0. The network shows as the digits come; an invalid number says why.
import { forwardRef, useEffect, useImperativeHandle, useRef, type ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Network } from '../../../shared/domain';
import { checkNumber, type NumberCheck } from '../../../shared/numbers';
import { NetworkBadge } from './network-badge';

/** `focus(true)` selects what is there, so typing replaces it; otherwise the caret goes to the end. */
export type NumberFieldHandle = { focus(select?: boolean): void };

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
  useImperativeHandle(
    ref,
    () => ({
      focus: (select = false) => {
        const field = input.current;
        if (!field) return;
        field.focus();
        if (select) field.select();
        else field.setSelectionRange(field.value.length, field.value.length);
      },
    }),
    [],
  );
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
        {message ?? statusText(check, t)}
      </p>
    </div>
  );
});

/**
 * A shorter reading that more digits could still turn into another network (a 7-digit 78[0-7]…
 * landline on the way to a 9-digit 78… mobile): the longer reading stays in front, and the shorter
 * one is offered only when Enter says nothing more is coming.
 */
function growsElsewhere(check: NumberCheck): boolean {
  return check.status === 'valid' && check.mayGrow && check.growsInto.some((n) => !check.networks.includes(n));
}

/** A whole number shows every network it fits; a partial one only once its prefix names one network. */
function visibleNetworks(check: NumberCheck): Network[] {
  if (growsElsewhere(check) && check.status === 'valid') return specific(check.growsInto);
  if (check.status === 'valid') return check.networks;
  if (check.status !== 'partial') return [];
  return specific(check.likely);
}

function specific(networks: Network[]): Network[] {
  const named = networks.filter((n) => n !== 'landline' && n !== 'adsl');
  return named.length === 1 ? named : [];
}

function statusText(check: NumberCheck, t: TFunction): ReactNode {
  if (growsElsewhere(check) && check.status === 'valid') {
    return (
      <span data-testid="number-grows">
        {t('counter.number.moreDigits', { count: check.missing })} {t('counter.number.enterForLandline')}
      </span>
    );
  }
  if (check.status === 'valid') {
    return (
      <>
        {t('sale.number.ready')} <bdi dir="ltr">{check.national}</bdi>
      </>
    );
  }
  if (check.status === 'partial' && check.missing !== null && specific(check.likely).length === 1) {
    return t('counter.number.moreDigits', { count: check.missing });
  }
  return t('sale.number.hint');
}
