// Who is at the counter. While the owner has no PIN (a fresh install, training included) the gate
// is open and the owner is at the counter; once the owner sets a PIN, the app starts on this
// screen: pick your name, type your PIN. Wrong PINs lock the cashier out for longer each time,
// and the wait is shown in the cashier's language.
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import type { Cashier } from '../../../shared/ipc/cashiers';
import { call, errorText, useChannel } from '../../ipc/client';
import './sign-in.css';

export function cashierName(t: (key: string) => string, cashier: Pick<Cashier, 'name' | 'role'>): string {
  return cashier.name || t(cashier.role === 'owner' ? 'signin.owner' : 'signin.cashier');
}

export function SignInGate({ children }: { children: ReactNode }) {
  const status = useChannel('session.status', {});
  if (status.isPending) return null;
  if (status.data && status.data.required && !status.data.cashier) return <SignInScreen />;
  return <>{children}</>;
}

function SignInScreen() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const cashiers = useChannel('cashiers.list', {});
  const [picked, setPicked] = useState<string | null>(null);
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const list = cashiers.data?.cashiers.filter((c) => c.hasPin) ?? [];
  const chosen = picked ?? (list.length === 1 ? list[0]!.id : null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!chosen || busy) return;
    setBusy(true);
    setError(null);
    try {
      await call('session.signIn', { cashierId: chosen, pin });
      // Everything cached belongs to whoever was here before.
      await client.resetQueries();
    } catch (cause) {
      setError(errorText(t, cause));
      setPin('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="screen sign-in" aria-labelledby="sign-in-title" data-testid="sign-in">
      <h1 id="sign-in-title">{t('signin.title')}</h1>
      <form className="card sign-in-form" onSubmit={submit}>
        <fieldset className="sign-in-people">
          <legend>{t('signin.who')}</legend>
          {list.map((c) => (
            <label key={c.id} className="sign-in-person" data-testid={`sign-in-person-${c.id}`}>
              <input type="radio" name="cashier" value={c.id} checked={chosen === c.id} onChange={() => setPicked(c.id)} />
              <span>{cashierName(t, c)}</span>
              <small>{t(`signin.role.${c.role}`)}</small>
            </label>
          ))}
        </fieldset>
        <label className="field">
          <span>{t('signin.pin')}</span>
          <input
            type="password"
            inputMode="numeric"
            autoComplete="off"
            maxLength={8}
            value={pin}
            onChange={(e) => setPin(e.target.value)}
            data-testid="sign-in-pin"
            autoFocus
          />
        </label>
        {error && (
          <p className="error" role="alert" data-testid="sign-in-error">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={!chosen || pin.length < 4 || busy} data-testid="sign-in-submit">
          {t('signin.submit')}
        </button>
      </form>
    </section>
  );
}

/** The signed-in cashier's name in the header, with sign-out once sign-in is on. */
export function SessionBadge() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const status = useChannel('session.status', {});
  const cashier = status.data?.cashier;
  if (!cashier) return null;
  async function signOut() {
    await call('session.signOut', {});
    await client.resetQueries();
  }
  return (
    <span className="session-badge" data-testid="session-badge">
      <span data-testid="session-name">{cashierName(t, cashier)}</span>
      {status.data?.required && (
        <button type="button" onClick={signOut} data-testid="sign-out">
          {t('signin.signOut')}
        </button>
      )}
    </span>
  );
}
