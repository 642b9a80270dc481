// Cashiers and their PINs. The owner's own PIN is set here too: setting it turns sign-in on.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { cashierNameSchema, pinSchema, type Cashier, type Role } from '../../../shared/ipc/cashiers';
import { errorText, useChannel, useChannelMutation } from '../../ipc/client';
import { cashierName } from '../sign-in/sign-in-gate';
import { fieldErrors } from './field-errors';

export function CashierList() {
  const { t } = useTranslation();
  const list = useChannel('cashiers.list', {});
  const session = useChannel('session.status', {});
  const remove = useChannelMutation('cashiers.remove', ['cashiers.list']);
  return (
    <section className="card" aria-labelledby="cashiers-title" data-testid="cashiers">
      <h2 id="cashiers-title">{t('settings.cashiers.title')}</h2>
      <p className="hint">{t(session.data?.required ? 'settings.cashiers.signInOn' : 'settings.cashiers.signInOff')}</p>
      <ul className="cashier-rows">
        {list.data?.cashiers.map((c) => (
          <li key={c.id} data-testid={`cashier-${c.id}`}>
            <CashierForm cashier={c} />
            {c.role !== 'owner' && (
              <button type="button" onClick={() => remove.mutate({ id: c.id })}>
                {t('settings.cashiers.remove')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {remove.error && <p className="error" role="alert">{errorText(t, remove.error)}</p>}
      <h3>{t('settings.cashiers.add')}</h3>
      <CashierForm />
    </section>
  );
}

function CashierForm({ cashier }: { cashier?: Cashier }) {
  const { t } = useTranslation();
  const save = useChannelMutation('cashiers.save', ['cashiers.list', 'session.status']);
  const [name, setName] = useState(cashier ? cashierName(t, cashier) : '');
  const [role, setRole] = useState<Role>(cashier?.role ?? 'cashier');
  const [pin, setPin] = useState('');
  const [pinInvalid, setPinInvalid] = useState(false);
  const [nameProblem, setNameProblem] = useState<string | null>(null);
  const id = cashier?.id ?? 'new';

  function submit(event: FormEvent) {
    event.preventDefault();
    const needsPin = !cashier || pin !== '';
    const checkedName = cashierNameSchema.safeParse(name);
    setNameProblem(checkedName.success ? null : (fieldErrors(t, checkedName.error, () => 'name').name ?? null));
    setPinInvalid(needsPin && !pinSchema.safeParse(pin).success);
    if (!checkedName.success || (needsPin && !pinSchema.safeParse(pin).success)) return;
    save.mutate(
      { ...(cashier ? { id: cashier.id } : {}), name: name.trim(), role, ...(pin ? { pin } : {}) },
      { onSuccess: () => (setPin(''), cashier ? undefined : setName('')) },
    );
  }

  return (
    <form className="inline-form" onSubmit={submit} data-testid={`cashier-form-${id}`}>
      <input value={name} onChange={(e) => setName(e.target.value)} aria-label={t('settings.cashiers.name')} placeholder={t('settings.cashiers.name')} data-testid={`cashier-name-${id}`} />
      <select value={role} onChange={(e) => setRole(e.target.value as Role)} aria-label={t('settings.cashiers.role')} disabled={cashier?.id === 'owner'}>
        <option value="cashier">{t('signin.role.cashier')}</option>
        <option value="owner">{t('signin.role.owner')}</option>
      </select>
      <input
        type="password"
        inputMode="numeric"
        autoComplete="new-password"
        maxLength={8}
        value={pin}
        onChange={(e) => setPin(e.target.value)}
        aria-label={t('settings.cashiers.pin')}
        placeholder={cashier?.hasPin ? t('settings.cashiers.pinKeep') : t('settings.cashiers.pin')}
        data-testid={`cashier-pin-${id}`}
      />
      <button type="submit" disabled={save.isPending || name.trim() === ''} data-testid={`cashier-save-${id}`}>
        {t('settings.save')}
      </button>
      {cashier && !cashier.hasPin && <small className="warning">{t('settings.cashiers.noPin')}</small>}
      {nameProblem && (
        <small className="error" role="alert" data-testid={`invalid-cashier-name-${id}`}>
          {nameProblem}
        </small>
      )}
      {pinInvalid && (
        <small className="error" role="alert" data-testid={`invalid-cashier-pin-${id}`}>
          {t('errors.auth.invalid_pin')}
        </small>
      )}
      {save.error && <small className="error" role="alert">{errorText(t, save.error)}</small>}
      {save.isSuccess && <small className="ok" role="status">{t('settings.saved')}</small>}
    </form>
  );
}
