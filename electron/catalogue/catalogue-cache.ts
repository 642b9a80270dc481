// The game and gift card catalogue, cached in SQLite with its fetch time (docs/architecture.md, "Storage") so the counter
// can browse and search it offline. A refresh replaces a provider's list whole, in one transaction:
// the cache is always one fetch, never half of two. A failed refresh keeps the old list and says why.
import type { ProviderId } from '../../shared/domain';
import { catalogueItemSchema } from '../../shared/domain';
import type { CounterCatalogue, CounterCatalogueItem } from '../../shared/ipc/counter';
import type { AppError } from '../../shared/result';
import type { Provider } from '../providers/provider';
import type { Db } from '../store/database';

export type CatalogueCache = ReturnType<typeof createCatalogueCache>;

export function createCatalogueCache(db: Db, now: () => number) {
  const selectItems = db.prepare<[], { provider: ProviderId; item: string }>(
    'SELECT provider, item FROM catalogue_items ORDER BY provider, position',
  );
  const selectFetched = db.prepare<[], { fetched_at: number | null }>('SELECT MAX(fetched_at) AS fetched_at FROM catalogue_fetches');
  const upsertFetch = db.prepare(
    'INSERT INTO catalogue_fetches (provider, fetched_at) VALUES (?, ?) ON CONFLICT (provider) DO UPDATE SET fetched_at = excluded.fetched_at',
  );
  const deleteItems = db.prepare('DELETE FROM catalogue_items WHERE provider = ?');
  const insertItem = db.prepare(
    'INSERT INTO catalogue_items (provider, link_code, position, service, name, item) VALUES (?, ?, ?, ?, ?, ?)',
  );

  const replace = db.transaction((provider: ProviderId, items: CounterCatalogueItem[], at: number) => {
    upsertFetch.run(provider, at);
    deleteItems.run(provider);
    const seen = new Set<string>();
    items.forEach((item, position) => {
      if (seen.has(item.linkCode)) return;
      seen.add(item.linkCode);
      const { provider: _p, ...stored } = item;
      insertItem.run(provider, item.linkCode, position, item.service, item.name, JSON.stringify(stored));
    });
  });

  function read(refreshError: AppError | null): CounterCatalogue {
    const items: CounterCatalogueItem[] = [];
    for (const row of selectItems.all()) {
      // A row that no longer parses (an older shape) is left out rather than shown wrong.
      const parsed = catalogueItemSchema.safeParse(JSON.parse(row.item));
      if (parsed.success) items.push({ ...parsed.data, provider: row.provider });
    }
    return { items, fetchedAt: selectFetched.get()?.fetched_at ?? null, refreshError };
  }

  return {
    read: () => read(null),
    /** Fetches every provider's catalogue; each one that answers replaces its cached list. */
    async refresh(providers: readonly Provider[]): Promise<CounterCatalogue> {
      let firstError: AppError | null = null;
      let anyAnswered = false;
      for (const provider of providers) {
        const fetched = await provider.catalogue();
        if (!fetched.ok) {
          // A provider with no catalogue at all (Weta) is not a failure of the refresh.
          if (fetched.error.code !== 'provider.unsupported') firstError ??= fetched.error;
          continue;
        }
        anyAnswered = true;
        replace(provider.id, fetched.value.map((item) => ({ ...item, provider: provider.id })), now());
      }
      return read(anyAnswered ? null : firstError);
    },
  };
}
