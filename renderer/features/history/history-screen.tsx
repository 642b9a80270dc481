// The history screen (docs/architecture.md, "Storage", "Receipts"): every sale, found offline by any part of its number, our id
// or the provider's reference, with filters; the sales still being checked on top; a sale's details
// with its status timeline, its receipt as it would print, and a reprint (marked as a copy).
// Keyboard first: the results sit right under the search box (filters fold away), ↓ goes from the
// box into the list, ↑/↓ move, Enter opens a sale and P reprints its receipt.
import { useCallback, useDeferredValue, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { networks, providerIds, saleStates, type Network, type SaleState } from '../../../shared/domain';
import { settledBy } from '../../../shared/sale-settlement';
import type { HistoryPage, HistoryRow, HistorySearchRequest } from '../../../shared/ipc/history';
import { Receipt, ReceiptPrintRoot } from '../../receipt/receipt';
import { call, errorText, useChannel, useChannelMutation, useEvent } from '../../ipc/client';
import { dateTimeFormat, formatCount } from '../../i18n/digits';
import { NumberText } from '../../i18n/number-text';
import { ProviderMessage } from '../../i18n/provider-message';
import { MoneyText } from '../sale/money-text';
import { ProductText } from '../sale/product-text';
import './history.css';

type Filters = { network: Network | ''; state: SaleState | ''; cashierId: string; from: string; to: string };
const NO_FILTERS: Filters = { network: '', state: '', cashierId: '', from: '', to: '' };

/** A date input's value ("2026-11-23") as local midnight in epoch milliseconds. */
function dayStart(value: string, plusDays = 0): number | undefined {
  if (!value) return undefined;
  const [y, m, d] = value.split('-').map(Number);
  return new Date(y!, m! - 1, d! + plusDays).getTime();
}

export default function HistoryScreen() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [selected, setSelected] = useState<string | null>(null);
  const deferredText = useDeferredValue(text);
  const list = useRef<HTMLUListElement>(null);
  const reprint = useChannelMutation('receipt.print', ['history.get', 'receipt.preview']);
  const reprintSale = (id: string) => {
    setSelected(id);
    reprint.mutate({ id });
  };
  const activeFilters = Object.values(filters).filter((v) => v !== '').length;
  // Folded away so the results sit under the search; open while the cashier uses them.
  const [filtersOpen, setFiltersOpen] = useState(false);

  const request: HistorySearchRequest = {
    ...(deferredText.trim() ? { text: deferredText.trim() } : {}),
    ...(filters.network ? { network: filters.network } : {}),
    ...(filters.state ? { state: filters.state } : {}),
    ...(filters.cashierId.trim() ? { cashierId: filters.cashierId.trim() } : {}),
    ...(filters.from ? { from: dayStart(filters.from)! } : {}),
    ...(filters.to ? { to: dayStart(filters.to, 1)! } : {}),
    limit: 50,
  };
  const results = useInfiniteQuery({
    queryKey: ['history.search', request],
    queryFn: ({ pageParam }) => call('history.search', pageParam ? { ...request, cursor: pageParam } : request),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
  const attention = useChannel('sale.attention', {});

  useEvent(
    'sale.updated',
    useCallback(() => {
      for (const key of ['history.search', 'history.get', 'receipt.preview', 'sale.attention']) void queryClient.invalidateQueries({ queryKey: [key] });
    }, [queryClient]),
  );

  const rows = results.data?.pages.flatMap((page) => page.sales) ?? [];
  const scope = results.data?.pages[0]?.scope;
  const setFilter = <K extends keyof Filters>(key: K, value: Filters[K]) => setFilters((f) => ({ ...f, [key]: value }));

  return (
    <section className="screen history" aria-labelledby="screen-title">
      <h1 id="screen-title">{t('history.title')}</h1>

      <div className="history-search card">
        <label className="history-search-box">
          <span>{t('history.search.label')}</span>
          <input
            type="search"
            value={text}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key !== 'ArrowDown') return;
              e.preventDefault();
              list.current?.querySelector<HTMLButtonElement>('button.history-row')?.focus();
            }}
            placeholder={t('history.search.placeholder')}
            data-testid="history-search"
            autoFocus
            inputMode="search"
          />
        </label>
        <details className="history-filter-panel" open={filtersOpen || activeFilters > 0} onToggle={(e) => setFiltersOpen(e.currentTarget.open)}>
          <summary data-testid="history-filters-toggle">
            {t('history.filter.title')}
            {activeFilters > 0 && <span className="history-filter-count"> ({formatCount(i18n, activeFilters)})</span>}
          </summary>
          <div className="history-filters">
            <label>
              <span>{t('history.filter.network')}</span>
              <select value={filters.network} onChange={(e) => setFilter('network', e.target.value as Filters['network'])} data-testid="history-filter-network">
                <option value="">{t('history.filter.any')}</option>
                {networks.map((n) => (
                  <option key={n} value={n}>
                    {t(`receipt.network.${n}`)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              <span>{t('history.filter.state')}</span>
              <select value={filters.state} onChange={(e) => setFilter('state', e.target.value as Filters['state'])} data-testid="history-filter-state">
                <option value="">{t('history.filter.any')}</option>
                {saleStates.map((s) => (
                  <option key={s} value={s}>
                    {t(`history.state.${s}`)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              <span>{t('history.filter.cashier')}</span>
              <input value={filters.cashierId} onChange={(e) => setFilter('cashierId', e.target.value)} data-testid="history-filter-cashier" />
            </label>
            <label>
              <span>{t('history.filter.from')}</span>
              <input type="date" value={filters.from} onChange={(e) => setFilter('from', e.target.value)} data-testid="history-filter-from" />
            </label>
            <label>
              <span>{t('history.filter.to')}</span>
              <input type="date" value={filters.to} onChange={(e) => setFilter('to', e.target.value)} data-testid="history-filter-to" />
            </label>
            <button type="button" onClick={() => setFilters(NO_FILTERS)} data-testid="history-filter-clear">
              {t('history.filter.clear')}
            </button>
          </div>
        </details>
        <p className="hint history-keys">{t('history.keys')}</p>
      </div>

      <div className="history-body">
        <div className="history-lists">
          <div className="card history-results-card">
            {scope && <ScopeNote scope={scope} />}
            {results.error && <p className="error" role="alert">{errorText(t, results.error)}</p>}
            {results.isSuccess && rows.length === 0 && <p data-testid="history-empty">{t('history.results.empty')}</p>}
            <ul className="history-results" aria-label={t('history.results.label')} data-testid="history-results" ref={list} onKeyDown={(e) => moveInList(e, reprintSale)}>
              {rows.map((sale) => (
                <SaleRowButton key={sale.id} sale={sale} selected={sale.id === selected} onPick={setSelected} />
              ))}
            </ul>
            {results.hasNextPage && (
              <button type="button" onClick={() => void results.fetchNextPage()} disabled={results.isFetchingNextPage} data-testid="history-more">
                {t('history.results.more')}
              </button>
            )}
          </div>
        </div>
        <div className="history-side">
          <AttentionList sales={attention.data?.sales ?? []} error={attention.error} onPick={setSelected} onReprint={reprintSale} />
          <div className="history-details card" aria-live="polite">
            {selected ? <SaleDetails id={selected} reprint={reprint} /> : <p>{t('history.details.none')}</p>}
          </div>
        </div>
      </div>
    </section>
  );
}

/** ↑/↓ between the rows of a list, P reprints the focused row's sale; Enter is the button's own. */
function moveInList(event: KeyboardEvent<HTMLUListElement>, onReprint: (id: string) => void) {
  const rows = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('button.history-row')];
  const at = rows.indexOf(document.activeElement as HTMLButtonElement);
  if (at < 0) return;
  if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
    event.preventDefault();
    rows[Math.min(rows.length - 1, Math.max(0, at + (event.key === 'ArrowDown' ? 1 : -1)))]!.focus();
  } else if (event.code === 'KeyP' && !event.ctrlKey && !event.altKey && !event.metaKey) {
    // By the key's place, not its letter: the Arabic layout types "ح" there.
    event.preventDefault();
    onReprint(rows[at]!.dataset.saleId!);
  }
}

function AttentionList({ sales, error, onPick, onReprint }: { sales: HistoryRow[]; error: unknown; onPick: (id: string) => void; onReprint: (id: string) => void }) {
  const { t } = useTranslation();
  const recheck = useChannelMutation('sale.recheck', ['sale.attention', 'history.search']);
  return (
    <div className="card history-attention" data-testid="history-attention">
      <h2>{t('history.attention.title')}</h2>
      {error ? (
        <p className="error" role="alert">
          {errorText(t, error)}
        </p>
      ) : sales.length === 0 ? (
        <p>{t('history.attention.none')}</p>
      ) : (
        <>
          <ul className="history-results" onKeyDown={(e) => moveInList(e, onReprint)}>
            {sales.map((sale) => (
              <SaleRowButton key={sale.id} sale={sale} selected={false} onPick={onPick} />
            ))}
          </ul>
          <button type="button" onClick={() => recheck.mutate({})} disabled={recheck.isPending} data-testid="history-recheck">
            {t('history.attention.recheck')}
          </button>
          {recheck.error && <p className="error" role="alert">{errorText(t, recheck.error)}</p>}
        </>
      )}
    </div>
  );
}

/** In a shop: whether the list holds every till's sales (the hub) or only this till's, and since when the hub is away. */
function ScopeNote({ scope }: { scope: NonNullable<HistoryPage['scope']> }) {
  const { t, i18n } = useTranslation();
  if (scope.allCounters) return <p className="hint" data-testid="history-scope">{t('history.scope.all')}</p>;
  const since = scope.hubUnreachableSince === null ? null : dateTimeFormat(i18n, { timeStyle: 'short' }).format(scope.hubUnreachableSince);
  return (
    <p className="warning" role="status" data-testid="history-scope">
      {since ? t('history.scope.localSince', { time: since }) : t('history.scope.local')}
    </p>
  );
}

function SaleRowButton({ sale, selected, onPick }: { sale: HistoryRow; selected: boolean; onPick: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const when = dateTimeFormat(i18n, { dateStyle: 'short', timeStyle: 'short' }).format(sale.createdAt);
  const amount = sale.price ?? (sale.product.kind === 'amount' ? sale.product.amount : null);
  return (
    <li>
      <button
        type="button"
        className={`history-row state-${sale.state}`}
        aria-pressed={selected}
        onClick={() => onPick(sale.id)}
        data-testid={`history-row-${sale.id}`}
        data-sale-id={sale.id}
      >
        <NumberText value={sale.number} className="history-row-number" />
        <span className="history-row-product" data-testid="history-row-product">
          {/* The amount has its own column: a top-up is named, not priced twice. */}
          {sale.product.kind === 'amount' ? t('history.row.topUp') : <ProductText product={sale.product} />}
        </span>
        <span className="history-row-amount" data-testid="history-row-amount">
          {amount ? <MoneyText value={amount} /> : '—'}
        </span>
        <span className="history-row-network">{t(`receipt.network.${sale.network}`)}</span>
        <span className="history-row-state">{t(`history.state.${sale.state}`)}</span>
        {sale.counter !== undefined && <span className="history-row-counter" data-testid="history-row-counter">{t('history.counter', { number: sale.counter })}</span>}
        {sale.training && <span className="history-row-training">{t('history.details.training')}</span>}
        <span className="history-row-when">{when}</span>
      </button>
    </li>
  );
}

/** A journal note: the provider it went to, in the cashier's words, or the raw note under "details". */
function TimelineNote({ note }: { note: string }) {
  const { t, i18n } = useTranslation();
  const provider = (id: string) => ((providerIds as readonly string[]).includes(id) ? t(`settings.provider.${id}`) : null);
  const fallback = /^fallback to (\w+)$/.exec(note);
  const words = provider(note) ?? (fallback && provider(fallback[1]!) ? t('history.note.fallback', { provider: provider(fallback[1]!) }) : null) ?? (i18n.exists(`errors.${note}`) ? errorText(t, { code: note }) : null);
  if (words) return <span className="history-timeline-note"> — {words}</span>;
  return <ProviderMessage message={note} />;
}

type Reprint = ReturnType<typeof useChannelMutation<'receipt.print'>>;

function SaleDetails({ id, reprint }: { id: string; reprint: Reprint }) {
  const { t, i18n } = useTranslation();
  const detail = useChannel('history.get', { id });
  const preview = useChannel('receipt.preview', { id });
  // The outcome of the last reprint, shown only beside the sale it was for.
  const mine = reprint.variables?.id === id;
  if (detail.error) return <p className="error" role="alert">{errorText(t, detail.error)}</p>;
  if (!detail.data) return <p>{t('app.loading')}</p>;
  const { sale, prints } = detail.data;
  const settled = settledBy(sale.timeline);
  const when = dateTimeFormat(i18n, { dateStyle: 'medium', timeStyle: 'medium' });
  return (
    <div data-testid="history-details">
      <h2>{t('history.details.title')}</h2>
      <h3>{t('history.details.timeline')}</h3>
      <ol className="history-timeline" data-testid="history-timeline">
        {sale.timeline.map((entry, index) => (
          <li key={index} data-state={entry.state}>
            <strong>{t(`history.state.${entry.state}`)}</strong> <span>{when.format(entry.at)}</span>
            {entry.note && <TimelineNote note={entry.note} />}
          </li>
        ))}
      </ol>
      {(settled === 'status' || settled === 'webhook') && (
        <p className="muted" data-testid="history-settled-by">{t(`sale.outcome.settledBy.${settled}`)}</p>
      )}
      {sale.error && <p data-testid="history-error">{errorText(t, sale.error)}</p>}
      {sale.message && <ProviderMessage message={sale.message} rawTestId="history-message" />}
      <p data-testid="history-prints">{t('history.details.prints', { count: prints.filter((p) => p.errorCode === null).length })}</p>
      <button type="button" className="primary" onClick={() => reprint.mutate({ id })} disabled={reprint.isPending} data-testid="history-reprint">
        {t('history.details.reprint')}
      </button>
      {mine && reprint.error && <p className="error" role="alert" data-testid="history-print-error">{errorText(t, reprint.error)}</p>}
      {mine && reprint.isSuccess && <p role="status" data-testid="history-printed">{t('history.details.printed')}</p>}
      {preview.data && (
        <div className="history-receipt">
          <Receipt document={preview.data} />
          <ReceiptPrintRoot document={preview.data} />
        </div>
      )}
    </div>
  );
}
