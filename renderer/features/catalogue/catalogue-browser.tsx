// The game and gift card catalogue from the local cache (browsable offline), searchable, with
// prices in both currencies and the time of the fetch it came from. Refresh asks the provider again.
import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import type { CounterCatalogueItem } from '../../../shared/ipc/counter';
import { toAsciiDigits } from '../../../shared/numbers';
import { call, errorText, useChannel, PosError } from '../../ipc/client';
import { MoneyText } from '../sale/money-text';
import './catalogue.css';
import { dateTimeFormat } from '../../i18n/digits';

type Props = { onPick?(item: CounterCatalogueItem): void; autoFocus?: boolean };

export function CatalogueBrowser({ onPick, autoFocus = false }: Props) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const catalogue = useChannel('counter.catalogue', {}, { staleTime: 60_000 });
  const [search, setSearch] = useState('');
  const [refreshing, setRefreshing] = useState(false);
  const [refreshFailure, setRefreshFailure] = useState<PosError | null>(null);
  const query = useDeferredValue(searchKey(search));

  async function refresh() {
    setRefreshing(true);
    setRefreshFailure(null);
    try {
      client.setQueryData(['counter.catalogue', {}], await call('counter.catalogue', { refresh: true }));
    } catch (cause) {
      setRefreshFailure(cause instanceof PosError ? cause : new PosError({ code: 'internal', message: 'refresh failed' }));
    } finally {
      setRefreshing(false);
    }
  }

  const items = (catalogue.data?.items ?? []).filter((item) => query === '' || searchKey(`${item.name} ${item.service}`).includes(query));
  const groups = new Map<string, CounterCatalogueItem[]>();
  for (const item of items) groups.set(item.service, [...(groups.get(item.service) ?? []), item]);
  const fetchedAt = catalogue.data?.fetchedAt;
  const staleError = catalogue.data?.refreshError ?? refreshFailure?.error ?? null;

  return (
    <div className="catalogue-browser" data-testid="catalogue">
      <div className="catalogue-tools">
        <input
          type="search"
          data-testid="catalogue-search"
          className="catalogue-search"
          placeholder={t('catalogue.search')}
          aria-label={t('catalogue.search')}
          autoFocus={autoFocus}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              (e.currentTarget.closest('.catalogue-browser')?.querySelector('.card-item') as HTMLElement | null)?.focus();
            } else if (e.key === 'Enter' && items.length === 1 && onPick) {
              e.preventDefault();
              onPick(items[0]!);
            }
          }}
        />
        <button type="button" data-testid="catalogue-refresh" onClick={refresh} disabled={refreshing}>
          {refreshing ? t('catalogue.refreshing') : t('catalogue.refresh')}
        </button>
      </div>
      <p className="muted" data-testid="catalogue-fetched">
        {fetchedAt ? t('catalogue.fetchedAt', { time: dateTimeFormat(i18n).format(fetchedAt) }) : t('catalogue.neverFetched')}
      </p>
      {staleError && (
        <p className="warning" role="status" data-testid="catalogue-offline">
          {t('catalogue.offline')} {errorText(t, staleError)}
        </p>
      )}
      {catalogue.isPending && <p>{t('app.loading')}</p>}
      {catalogue.error && (
        <p className="error" role="alert">
          {errorText(t, catalogue.error)}
        </p>
      )}
      {catalogue.data && items.length === 0 && <p className="muted">{t('catalogue.empty')}</p>}
      <div
        className="catalogue-groups"
        onKeyDown={(e) => {
          if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
          e.preventDefault();
          const all = [...(e.currentTarget.querySelectorAll<HTMLElement>('.card-item') ?? [])];
          const at = all.indexOf(document.activeElement as HTMLElement);
          all[Math.max(0, Math.min(all.length - 1, at + (e.key === 'ArrowDown' ? 1 : -1)))]?.focus();
        }}
      >
        {[...groups].map(([service, list]) => (
          <section key={service} className="catalogue-group">
            <h3>
              <bdi>{service}</bdi>
            </h3>
            <ul className="card-grid">
              {list.map((item) => (
                <li key={`${item.provider}:${item.linkCode}`}>
                  <button
                    type="button"
                    className="card-item"
                    data-testid="catalogue-item"
                    data-link-code={item.linkCode}
                    onClick={() => onPick?.(item)}
                  >
                    <bdi className="choice-name">{item.name}</bdi>
                    <span className="card-prices">
                      <MoneyText value={item.localPrice} /> · <MoneyText value={item.price} />
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </div>
  );
}

/** Search ignores case, digit script, spaces and brackets, so "pubg ٦٠" finds "PUBG (60)". */
function searchKey(text: string): string {
  return toAsciiDigits(text.toLowerCase());
}
