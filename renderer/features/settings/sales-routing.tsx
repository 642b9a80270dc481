// Which provider sells each network (preferred first, the other as fallback), the packages the
// counter offers, and Al-Qimah's network/service map as JSON (data the owner edits, docs/architecture.md, "Providers").
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { networks, type Network, type ProviderId } from '../../../shared/domain';
import { parseDecimalToMinor } from '../../../shared/money';
import { digitScriptsToAscii } from '../../../shared/numbers';
import { packageSchema, type Package, type Settings } from '../../../shared/settings';
import { SALE_AMOUNT_RIALS } from '../../../shared/bounds';
import { errorText, useChannel, useChannelMutation } from '../../ipc/client';
import { fieldErrors } from './field-errors';

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
  const [invalid, setInvalid] = useState<Record<string, string>>({});

  function add() {
    const typedPrice = digitScriptsToAscii(draft.price.trim());
    const minor = typedPrice === '' ? null : parseDecimalToMinor(typedPrice);
    const candidate: Record<string, unknown> = { network: draft.network, code: draft.code, name: draft.name };
    if (minor !== null) candidate.price = { minor, currency: 'YER' };
    const parsed = packageSchema.safeParse(candidate);
    const problems = parsed.success ? {} : fieldErrors(t, parsed.error);
    if (typedPrice !== '' && minor === null) problems.price = t('errors.input.invalid_price', SALE_AMOUNT_RIALS);
    setInvalid(problems);
    if (!parsed.success || Object.keys(problems).length > 0) return;
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
        <input dir="ltr" placeholder={t('settings.packages.code')} value={draft.code} onChange={(e) => setDraft((d) => ({ ...d, code: e.target.value }))} aria-invalid={invalid.code ? true : undefined} data-testid="package-code" />
        <input placeholder={t('settings.packages.name')} value={draft.name} onChange={(e) => setDraft((d) => ({ ...d, name: e.target.value }))} aria-invalid={invalid.name ? true : undefined} data-testid="package-name" />
        <input dir="ltr" inputMode="decimal" placeholder={t('settings.packages.price')} value={draft.price} onChange={(e) => setDraft((d) => ({ ...d, price: e.target.value }))} aria-invalid={invalid.price ? true : undefined} data-testid="package-price" />
        <button type="button" onClick={add} data-testid="package-add">
          {t('settings.packages.add')}
        </button>
      </div>
      {(['code', 'name', 'price'] as const).map(
        (field) =>
          invalid[field] && (
            <p key={field} className="error" role="alert" data-testid={`invalid-package-${field}`}>
              {t(`settings.packages.${field}`)}: {invalid[field]}
            </p>
          ),
      )}
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

