// The shop's hub: where this till stands (its shop, the counter number the hub gave it, what is
// still to ship), and, before it belongs to a shop, the owner's "create the shop" and a till's
// "join a shop". Passwords and codes are write-only: nothing here is ever read back.
import { useState, type ChangeEvent, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { HubStatus } from '../../../shared/ipc/hub';
import { errorText, useChannel, useChannelMutation } from '../../ipc/client';
import { MoneyText } from '../sale/money-text';

const AFTER_JOIN = ['hub.status', 'settings.get'] as const;

export function HubPanel() {
  const { t } = useTranslation();
  const status = useChannel('hub.status', {});
  if (status.error) return <p className="error" role="alert">{errorText(t, status.error)}</p>;
  if (!status.data) return <p>{t('app.loading')}</p>;
  return (
    <section className="card" aria-labelledby="hub-title" data-testid="hub">
      <h2 id="hub-title">{t('settings.hub.title')}</h2>
      <p className="hint">{t('settings.hub.intro')}</p>
      {status.data.linked ? (
        <>
          <HubState status={status.data} />
          {status.data.owner && <JoinCode fingerprint={status.data.certificateFingerprint} />}
          {status.data.owner && <TodayByCounter />}
          {status.data.owner && <BalanceDrift />}
        </>
      ) : (
        <>
          <CreateShop />
          <JoinShop />
        </>
      )}
    </section>
  );
}

function HubState({ status }: { status: HubStatus }) {
  const { t, i18n } = useTranslation();
  const time = new Intl.DateTimeFormat(i18n.language === 'ar' ? 'ar-YE' : 'en-GB', { timeStyle: 'short', dateStyle: 'short' });
  return (
    <dl className="hub-state" data-testid="hub-state">
      <dt>{t('settings.hub.shop')}</dt>
      <dd data-testid="hub-shop">{status.shopName}</dd>
      <dt>{t('settings.hub.counterNumber')}</dt>
      <dd data-testid="hub-counter-number">{status.counterNumber}</dd>
      <dt>{t('settings.hub.address')}</dt>
      <dd>
        <bdi dir="ltr">{status.address}</bdi>
      </dd>
      {status.certificateFingerprint !== null && (
        <>
          <dt>{t('settings.hub.fingerprint')}</dt>
          <dd>
            <bdi dir="ltr" className="fingerprint" data-testid="hub-fingerprint">{status.certificateFingerprint}</bdi>
          </dd>
        </>
      )}
      <dt>{t('settings.hub.queued')}</dt>
      <dd data-testid="hub-queued">{status.queued}</dd>
      {status.unreachableSince !== null && (
        <dd className="warning" role="status" data-testid="hub-unreachable">
          {t('settings.hub.unreachableSince', { time: time.format(status.unreachableSince) })}
        </dd>
      )}
    </dl>
  );
}

function Field({ name, value, onChange, secret = false }: { name: string; value: string; onChange: (v: string) => void; secret?: boolean }) {
  const { t } = useTranslation();
  return (
    <label className="field">
      <span>{t(`settings.hub.field.${name}`)}</span>
      <input
        type={secret ? 'password' : 'text'}
        dir="ltr"
        autoComplete="new-password"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        data-testid={`hub-${name}`}
      />
    </label>
  );
}

/**
 * The hub's certificate (or its CA), pasted or read from a .crt/.pem file; the main process checks
 * it. Optional: a hub on loopback, or a join code that names the certificate, needs none.
 */
function CertificateField({ value, onChange, hint }: { value: string; onChange: (v: string) => void; hint: string }) {
  const { t } = useTranslation();
  function choose(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (file) void file.text().then(onChange);
    event.target.value = '';
  }
  return (
    <label className="field field-wide">
      <span>{t('settings.hub.field.certificate')}</span>
      <textarea
        dir="ltr"
        rows={4}
        className="code"
        spellCheck={false}
        placeholder="-----BEGIN CERTIFICATE-----"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        data-testid="hub-certificate"
      />
      <input type="file" accept=".pem,.crt,.cer,application/x-pem-file" onChange={choose} data-testid="hub-certificate-file" aria-label={t('settings.hub.chooseCertificate')} />
      <small className="hint">{hint}</small>
    </label>
  );
}

/** One of the hub's forms: its fields, its error, one submit button. */
function HubForm({ id, title, submitLabel, pending, error, onSubmit, children }: {
  id: string;
  title: string;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  function submit(event: FormEvent) {
    event.preventDefault();
    onSubmit();
  }
  return (
    <form className="account-form" onSubmit={submit} data-testid={`hub-${id}`} autoComplete="off">
      <h3>{title}</h3>
      <div className="settings-grid">{children}</div>
      {error ? <p className="error" role="alert" data-testid={`hub-${id}-error`}>{errorText(t, error)}</p> : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={pending} data-testid={`hub-${id}-submit`}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}

function CreateShop() {
  const { t } = useTranslation();
  const create = useChannelMutation('hub.createShop', [...AFTER_JOIN]);
  const [form, setForm] = useState({ address: '', user: '', password: '', shopName: '', counterLabel: '', certificate: '' });
  const set = (key: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [key]: value }));
  return (
    <HubForm
      id="create"
      title={t('settings.hub.createTitle')}
      submitLabel={t('settings.hub.create')}
      pending={create.isPending}
      error={create.error}
      onSubmit={() => create.mutate(form, { onSuccess: () => setForm((f) => ({ ...f, password: '' })) })}
    >
      <Field name="address" value={form.address} onChange={set('address')} />
      <Field name="user" value={form.user} onChange={set('user')} />
      <Field name="password" value={form.password} onChange={set('password')} secret />
      <Field name="shopName" value={form.shopName} onChange={set('shopName')} />
      <Field name="counterLabel" value={form.counterLabel} onChange={set('counterLabel')} />
      <CertificateField value={form.certificate} onChange={set('certificate')} hint={t('settings.hub.certificateHint')} />
    </HubForm>
  );
}

function JoinShop() {
  const { t } = useTranslation();
  const join = useChannelMutation('hub.join', [...AFTER_JOIN]);
  const [form, setForm] = useState({ address: '', code: '', certificate: '' });
  const set = (key: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [key]: value }));
  return (
    <HubForm id="join" title={t('settings.hub.joinTitle')} submitLabel={t('settings.hub.join')} pending={join.isPending} error={join.error} onSubmit={() => join.mutate(form)}>
      <Field name="joinAddress" value={form.address} onChange={set('address')} />
      <Field name="code" value={form.code} onChange={set('code')} />
      <CertificateField value={form.certificate} onChange={set('certificate')} hint={t('settings.hub.joinCertificateHint')} />
    </HubForm>
  );
}

function JoinCode({ fingerprint }: { fingerprint: string | null }) {
  const { t } = useTranslation();
  const issue = useChannelMutation('hub.joinCode');
  const [label, setLabel] = useState('');
  function submit(event: FormEvent) {
    event.preventDefault();
    issue.mutate({ label });
  }
  return (
    <form className="account-form" onSubmit={submit} data-testid="hub-code" autoComplete="off">
      <h3>{t('settings.hub.codeTitle')}</h3>
      <p className="hint">{t('settings.hub.codeHint')}</p>
      <Field name="newCounterLabel" value={label} onChange={setLabel} />
      {issue.error && <p className="error" role="alert">{errorText(t, issue.error)}</p>}
      {issue.data && (
        <p className="ok" role="status">
          <bdi dir="ltr" data-testid="hub-code-value">{issue.data.code}</bdi>
        </p>
      )}
      {issue.data?.certificateByHand && (
        <p className="warning" role="status" data-testid="hub-code-by-hand">
          {t('settings.hub.codeCertificateByHand')}
        </p>
      )}
      {issue.data && !issue.data.certificateByHand && fingerprint !== null && (
        <p className="hint" data-testid="hub-code-fingerprint">
          {t('settings.hub.codeFingerprintHint')} <bdi dir="ltr" className="fingerprint">{fingerprint}</bdi>
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={issue.isPending} data-testid="hub-code-submit">
          {t('settings.hub.issueCode')}
        </button>
      </div>
    </form>
  );
}

/** The owner's view across tills and shops: today's settled sales by shop, counter and provider, from the hub. */
function TodayByCounter() {
  const { t } = useTranslation();
  const [day] = useState(() => {
    const start = new Date();
    start.setHours(0, 0, 0, 0);
    return { from: start.getTime(), to: start.getTime() + 86_400_000 };
  });
  const totals = useChannel('hub.totals', day);
  return (
    <section data-testid="hub-totals">
      <h3>{t('settings.hub.totalsTitle')}</h3>
      {totals.error && <p className="error" role="alert">{errorText(t, totals.error)}</p>}
      {totals.data && totals.data.rows.length === 0 && <p>{t('settings.hub.totalsNone')}</p>}
      {totals.data && totals.data.rows.length > 0 && (
        <table className="hub-totals">
          <thead>
            <tr>
              <th>{t('settings.hub.shop')}</th>
              <th>{t('settings.hub.counter')}</th>
              <th>{t('settings.hub.provider')}</th>
              <th>{t('settings.hub.sales')}</th>
              <th>{t('settings.hub.total')}</th>
            </tr>
          </thead>
          <tbody>
            {totals.data.rows.map((row) => (
              <tr key={`${row.shop}-${row.counter}-${row.provider}-${row.total.currency}`}>
                <td>{row.shop}</td>
                <td>
                  {row.counter} {row.label}
                </td>
                <td>{t(`settings.provider.${row.provider}`)}</td>
                <td>{row.sales}</td>
                <td>
                  <MoneyText value={row.total} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/**
 * The owner's drift per provider account across every till on it: each check reads the balances
 * now and compares them with the previous check, so it is a button, not something every visit does.
 */
function BalanceDrift() {
  const { t, i18n } = useTranslation();
  const check = useChannelMutation('hub.drift');
  const time = new Intl.DateTimeFormat(i18n.language === 'ar' ? 'ar-YE' : 'en-GB', { timeStyle: 'short', dateStyle: 'short' });
  return (
    <section data-testid="hub-drift">
      <h3>{t('settings.hub.driftTitle')}</h3>
      <p className="hint">{t('settings.hub.driftHint')}</p>
      {check.error ? <p className="error" role="alert">{errorText(t, check.error)}</p> : null}
      {check.data && check.data.accounts.length === 0 && <p>{t('settings.hub.driftNone')}</p>}
      {check.data && check.data.accounts.length > 0 && (
        <table className="hub-totals">
          <thead>
            <tr>
              <th>{t('settings.hub.provider')}</th>
              <th>{t('settings.hub.balance')}</th>
              <th>{t('settings.hub.spent')}</th>
              <th>{t('settings.hub.sold')}</th>
              <th>{t('settings.hub.drift')}</th>
            </tr>
          </thead>
          <tbody>
            {check.data.accounts.map((line) => (
              <tr key={line.provider} data-testid={`hub-drift-${line.provider}`}>
                <td>
                  {t(`settings.provider.${line.provider}`)}
                  {line.since !== null && <small> {t('settings.hub.driftSince', { time: time.format(line.since), counters: line.counters })}</small>}
                  {line.unsettled > 0 && <small> {t('settings.hub.driftUnsettled', { count: line.unsettled })}</small>}
                </td>
                <td>
                  <MoneyText value={line.balance} />
                </td>
                <td>{line.spent ? <MoneyText value={line.spent} /> : '—'}</td>
                <td>{line.sold ? <MoneyText value={line.sold} /> : '—'}</td>
                <td>{line.drift ? <MoneyText value={line.drift} /> : t('settings.hub.driftFirst')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="actions">
        <button type="button" disabled={check.isPending} onClick={() => check.mutate({})} data-testid="hub-drift-check">
          {t('settings.hub.driftCheck')}
        </button>
      </div>
    </section>
  );
}
