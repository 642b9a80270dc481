// The provider accounts. Fields are write-only: the form starts empty every time, a field left
// empty keeps its stored value, and what comes back is only "set / not set" (and at most the last
// two characters of a user name). "Test connection" logs in and shows the agent balance.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProviderId } from '../../../shared/domain';
import { ACCOUNT_FIELDS, SECRET_FIELDS, type AccountsStatus } from '../../../shared/ipc/accounts';
import { call, errorText, useChannel, useChannelMutation } from '../../ipc/client';
import { MoneyText } from '../sale/money-text';

export function ProviderAccounts() {
  const { t } = useTranslation();
  const status = useChannel('accounts.status', {});
  if (status.error) return <p className="error" role="alert">{errorText(t, status.error)}</p>;
  if (!status.data) return <p>{t('app.loading')}</p>;
  return (
    <section className="card" aria-labelledby="accounts-title" data-testid="accounts">
      <h2 id="accounts-title">{t('settings.accounts.title')}</h2>
      <p className="hint">{t('settings.accounts.intro')}</p>
      {status.data.weakEncryption && (
        <p className="warning" role="alert" data-testid="weak-encryption">
          {t('settings.accounts.weak')}
        </p>
      )}
      {status.data.providers.map((p) => (
        <AccountForm key={p.provider} provider={p.provider} status={p} />
      ))}
      <WetaAccountActions />
    </section>
  );
}

function AccountForm({ provider, status }: { provider: ProviderId; status: AccountsStatus['providers'][number] }) {
  const { t } = useTranslation();
  const set = useChannelMutation('accounts.set', ['accounts.status', 'app.info']);
  const clear = useChannelMutation('accounts.clear', ['accounts.status', 'app.info']);
  const [values, setValues] = useState<Record<string, string>>({});
  const [test, setTest] = useState<{ text: string; ok: boolean; balance?: import('../../../shared/money').Money } | null>(null);
  const [testing, setTesting] = useState(false);

  function submit(event: FormEvent) {
    event.preventDefault();
    const fields = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== ''));
    if (Object.keys(fields).length === 0) return;
    const request = provider === 'alqimah' ? { provider, fields } : { provider, fields };
    set.mutate(request as Parameters<typeof set.mutate>[0], { onSuccess: () => setValues({}) });
  }

  async function testConnection() {
    setTesting(true);
    setTest(null);
    try {
      const result = await call('accounts.test', { provider });
      setTest({ ok: true, text: t('settings.accounts.testOk'), balance: result.balance });
    } catch (cause) {
      setTest({ ok: false, text: errorText(t, cause) });
    } finally {
      setTesting(false);
    }
  }

  async function logout() {
    try {
      await call('accounts.logout', { provider });
      setTest({ ok: true, text: t('settings.accounts.loggedOut') });
    } catch (cause) {
      setTest({ ok: false, text: errorText(t, cause) });
    }
  }

  return (
    <form className="account-form" onSubmit={submit} data-testid={`account-${provider}`} autoComplete="off">
      <h3>
        {t(`settings.provider.${provider}`)}{' '}
        <span className={status.configured ? 'badge ok' : 'badge'} data-testid={`account-${provider}-state`}>
          {t(status.configured ? 'settings.accounts.configured' : 'settings.accounts.notConfigured')}
        </span>
      </h3>
      <div className="settings-grid">
        {ACCOUNT_FIELDS[provider].map((field) => {
          const state = status.fields.find((f) => f.field === field);
          const secret = (SECRET_FIELDS as readonly string[]).includes(field);
          return (
            <label key={field} className="field">
              <span>{t(`settings.accounts.field.${field}`)}</span>
              <input
                type={secret ? 'password' : 'text'}
                dir="ltr"
                autoComplete="new-password"
                value={values[field] ?? ''}
                placeholder={state?.set ? t('settings.accounts.keep') : ''}
                onChange={(e) => setValues((v) => ({ ...v, [field]: e.target.value }))}
                data-testid={`account-${provider}-${field}`}
              />
              <small className="hint" data-testid={`account-${provider}-${field}-state`}>
                {state?.set
                  ? state.hint
                    ? t('settings.accounts.setEnding', { hint: state.hint })
                    : t('settings.accounts.set')
                  : t('settings.accounts.notSet')}
              </small>
            </label>
          );
        })}
      </div>
      {(set.error || clear.error) && (
        <p className="error" role="alert" data-testid={`account-${provider}-error`}>
          {errorText(t, set.error ?? clear.error)}
        </p>
      )}
      {test && (
        <p className={test.ok ? 'ok' : 'error'} role="status" data-testid={`account-${provider}-test`}>
          {test.text} {test.balance && <MoneyText value={test.balance} />}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={set.isPending} data-testid={`account-${provider}-save`}>
          {t('settings.accounts.save')}
        </button>
        <button type="button" onClick={testConnection} disabled={!status.configured || testing} data-testid={`account-${provider}-test-button`}>
          {t('settings.accounts.test')}
        </button>
        <button type="button" onClick={logout} disabled={!status.configured} data-testid={`account-${provider}-logout`}>
          {t('settings.accounts.logout')}
        </button>
        <button type="button" onClick={() => clear.mutate({ provider })} disabled={!status.configured} data-testid={`account-${provider}-clear`}>
          {t('settings.accounts.clear')}
        </button>
      </div>
    </form>
  );
}

/** Weta lets a shop register and change its password from the app. */
function WetaAccountActions() {
  const { t } = useTranslation();
  const register = useChannelMutation('accounts.wetaRegister', ['accounts.status', 'app.info']);
  const reset = useChannelMutation('accounts.wetaResetPassword', ['accounts.status']);
  const [form, setForm] = useState({ name: '', username: '', email: '', mobile: '', password: '' });
  const [newPassword, setNewPassword] = useState('');
  const field = (key: keyof typeof form, type = 'text') => (
    <label className="field" key={key}>
      <span>{t(`settings.weta.${key}`)}</span>
      <input type={type} dir="ltr" autoComplete="off" value={form[key]} onChange={(e) => setForm((f) => ({ ...f, [key]: e.target.value }))} />
    </label>
  );
  return (
    <details className="weta-actions">
      <summary>{t('settings.weta.title')}</summary>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          register.mutate(form, { onSuccess: () => setForm({ name: '', username: '', email: '', mobile: '', password: '' }) });
        }}
      >
        <h4>{t('settings.weta.register')}</h4>
        <div className="settings-grid">
          {field('name')}
          {field('username')}
          {field('email', 'email')}
          {field('mobile')}
          {field('password', 'password')}
        </div>
        {register.error && <p className="error" role="alert">{errorText(t, register.error)}</p>}
        {register.isSuccess && <p className="ok" role="status">{t('settings.weta.registered')}</p>}
        <button type="submit" disabled={register.isPending}>{t('settings.weta.registerButton')}</button>
      </form>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          reset.mutate({ newPassword }, { onSuccess: () => setNewPassword('') });
        }}
      >
        <h4>{t('settings.weta.reset')}</h4>
        <label className="field">
          <span>{t('settings.weta.newPassword')}</span>
          <input type="password" dir="ltr" autoComplete="new-password" value={newPassword} onChange={(e) => setNewPassword(e.target.value)} />
        </label>
        {reset.error && <p className="error" role="alert">{errorText(t, reset.error)}</p>}
        {reset.isSuccess && <p className="ok" role="status">{t('settings.weta.resetDone')}</p>}
        <button type="submit" disabled={reset.isPending || newPassword.length < 8}>{t('settings.weta.resetButton')}</button>
      </form>
    </details>
  );
}
