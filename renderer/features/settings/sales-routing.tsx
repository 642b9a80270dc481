// Which provider sells each network (preferred first, the other as fallback), the packages the
// counter offers, and Al-Qimah's network/service map as JSON (data the owner edits, docs/architecture.md, "Providers").
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { networks, type Network, type ProviderId } from '../../../shared/domain';
import { parseDecimalToMinor } from '../../../shared/money';
import { packageSchema, type Package, type Settings } from '../../../shared/settings';
import { errorText, useChannel, useChannelMutation } from '../../ipc/client';

const ROUTES = ['alqimah,weta', 'weta,alqimah', 'alqimah', 'weta'] as const;

export function SalesRouting({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const save = useChannelMutation('settings.set', ['settings.get']);
  const routeOf = (network: Network) => (settings.providerRoutes[network] ?? ['alqimah', 'weta']).join(',');
  return (
    <section className="card" aria-labelledby="routes-title">
      <h2 id="routes-title">{t('settings.routes.title')}</h2>
      <div className="settings-grid">
        {networks.map((network) => (
          <label key={network} className="field">
            <span>{t(`sale.network.${network}`)}</span>
            <select
              value={routeOf(network)}
              data-testid={`route-${network}`}
              onChange={(e) =>
                save.mutate({ providerRoutes: { ...settings.providerRoutes, [network]: e.target.value.split(',') as ProviderId[] } })
              }
            >
              {ROUTES.map((route) => (
                <option key={route} value={route}>
                  {route
                    .split(',')
                    .map((p) => t(`settings.provider.${p}`))
                    .join(t('settings.routes.then'))}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
      {save.error && <p className="error" role="alert">{errorText(t, save.error)}</p>}
      <PackageList settings={settings} />
      <ServiceMapEditor />
    </section>
  );
}

function PackageList({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const save = useChannelMutation('settings.set', ['settings.get']);
  const [draft, setDraft] = useState({ network: 'yemen_mobile' as Network, code: '', name: '', price: '' });
  const [invalid, setInvalid] = useState(false);

  function add() {
    const minor = draft.price.trim() === '' ? null : parseDecimalToMinor(draft.price.trim());
    const candidate: Record<string, unknown> = { network: draft.network, code: draft.code, name: draft.name };
    if (minor !== null) candidate.price = { minor, currency: 'YER' };
    const parsed = packageSchema.safeParse(candidate);
    if (!parsed.success || (draft.price.trim() !== '' && minor === null)) return setInvalid(true);
    setInvalid(false);
    save.mutate({ packages: [...settings.packages, parsed.data] }, { onSuccess: () => setDraft((d) => ({ ...d, code: '', name: '', price: '' })) });
  }
  const remove = (index: number) => save.mutate({ packages: settings.packages.filter((_, i) => i !== index) });

  return (
    <div className="packages">
      <h3>{t('settings.packages.title')}</h3>
      <table className="table" data-testid="packages">
        <thead>
          <tr>
            <th>{t('settings.packages.network')}</th>
            <th>{t('settings.packages.code')}</th>
            <th>{t('settings.packages.name')}</th>
            <th>{t('settings.packages.price')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {settings.packages.map((p: Package, i) => (
            <tr key={`${p.network}-${p.code}-${i}`}>
              <td>{t(`sale.network.${p.network}`)}</td>
              <td dir="ltr">{p.code}</td>
              <td>{p.name}</td>
              <td>{p.price ? (p.price.minor / 100).toString() : '—'}</td>
              <td>
                <button type="button" onClick={() => remove(i)}>
                  {t('settings.packages.remove')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="inline-form">
        <select value={draft.network} onChange={(e) => setDraft((d) => ({ ...d, network: e.target.value as Network }))} aria-label={t('settings.packages.network')}>
          {networks.map((n) => (
            <option key={n} value={n}>
              {t(`sale.network.${n}`)}
            </option>
          ))}
        </select>
        <input dir="ltr" placeholder={t('settings.packages.code')} value={draft.code} onChange={(e) => setDraft((d) => ({ ...d, code: e.target.value }))} />
        <input placeholder={t('settings.packages.name')} value={draft.name} onChange={(e) => setDraft((d) => ({ ...d, name: e.target.value }))} />
        <input dir="ltr" inputMode="decimal" placeholder={t('settings.packages.price')} value={draft.price} onChange={(e) => setDraft((d) => ({ ...d, price: e.target.value }))} />
        <button type="button" onClick={add}>
          {t('settings.packages.add')}
        </button>
      </div>
      {invalid && <p className="error" role="alert">{t('settings.packages.invalid')}</p>}
      {save.error && <p className="error" role="alert">{errorText(t, save.error)}</p>}
    </div>
  );
}

function ServiceMapEditor() {
  const { t } = useTranslation();
  const current = useChannel('accounts.serviceMap.get', {});
  const save = useChannelMutation('accounts.serviceMap.set', ['accounts.serviceMap.get']);
  const [text, setText] = useState('');
  useEffect(() => {
    if (current.data) setText(current.data.json);
  }, [current.data]);
  return (
    <details className="service-map">
      <summary>{t('settings.serviceMap.title')}</summary>
      <p className="hint">{t('settings.serviceMap.intro')}</p>
      <textarea dir="ltr" rows={14} className="code" value={text} onChange={(e) => setText(e.target.value)} data-testid="service-map" />
      {save.error && <p className="error" role="alert">{errorText(t, save.error)}</p>}
      {save.isSuccess && <p className="ok" role="status">{t('settings.saved')}</p>}
      <button type="button" onClick={() => save.mutate({ json: text })} disabled={save.isPending}>
        {t('settings.save')}
      </button>
    </details>
  );
}

