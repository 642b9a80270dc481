// The history screen (docs/architecture.md, "Storage", "Receipts"): every sale, found offline by any part of its number, our id
// or the provider's reference, with filters; the sales still being checked on top; a sale's details
// with its status timeline, its receipt as it would print, and a reprint (marked as a copy).
import { useCallback, useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { networks, saleStates, type Network, type SaleState } from '../../../shared/domain';
import { settledBy } from '../../../shared/sale-settlement';
import type { HistoryPage, HistoryRow, HistorySearchRequest } from '../../../shared/ipc/history';
import { Receipt, ReceiptPrintRoot } from '../../receipt/receipt';
import { call, errorText, useChannel, useChannelMutation, useEvent } from '../../ipc/client';
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
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [selected, setSelected] = useState<string | null>(null);
  const deferredText = useDeferredValue(text);

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
            placeholder={t('history.search.placeholder')}
            data-testid="history-search"
            autoFocus
            inputMode="search"
          />
        </label>
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
      </div>

      <div className="history-body">
        <div className="history-lists">
          <AttentionList sales={attention.data?.sales ?? []} error={attention.error} onPick={setSelected} />
          <div className="card">
            <h2>{t('history.results.label')}</h2>
            {scope && <ScopeNote scope={scope} />}
            {results.error && <p className="error" role="alert">{errorText(t, results.error)}</p>}
            {results.isSuccess && rows.length === 0 && <p data-testid="history-empty">{t('history.results.empty')}</p>}
            <ul className="history-results" data-testid="history-results">
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
        <div className="history-details card" aria-live="polite">
          {selected ? <SaleDetails id={selected} /> : <p>{t('history.details.none')}</p>}
        </div>
      </div>
    </section>
  );
}

function AttentionList({ sales, error, onPick }: { sales: HistoryRow[]; error: unknown; onPick: (id: string) => void }) {
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
          <ul className="history-results">
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
  const since = scope.hubUnreachableSince === null ? null : new Intl.DateTimeFormat(`${i18n.language}-YE-u-nu-latn`, { timeStyle: 'short' }).format(scope.hubUnreachableSince);
  return (
    <p className="warning" role="status" data-testid="history-scope">
      {since ? t('history.scope.localSince', { time: since }) : t('history.scope.local')}
    </p>
  );
}

function SaleRowButton({ sale, selected, onPick }: { sale: HistoryRow; selected: boolean; onPick: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const when = new Intl.DateTimeFormat(`${i18n.language}-YE-u-nu-latn`, { dateStyle: 'short', timeStyle: 'short' }).format(sale.createdAt);
  return (
    <li>
      <button
        type="button"
        className={`history-row state-${sale.state}`}
        aria-pressed={selected}
        onClick={() => onPick(sale.id)}
        data-testid={`history-row-${sale.id}`}
      >
        <bdi dir="ltr" className="history-row-number">
          {sale.number}
        </bdi>
        <span>{t(`receipt.network.${sale.network}`)}</span>
        <span className="history-row-state">{t(`history.state.${sale.state}`)}</span>
        {sale.counter !== undefined && <span className="history-row-counter" data-testid="history-row-counter">{t('history.counter', { number: sale.counter })}</span>}
        {sale.training && <span className="history-row-training">{t('history.details.training')}</span>}
        <span className="history-row-when">{when}</span>
      </button>
    </li>
  );
}

function SaleDetails({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const detail = useChannel('history.get', { id });
  const preview = useChannel('receipt.preview', { id });
  const reprint = useChannelMutation('receipt.print', ['history.get', 'receipt.preview']);
  if (detail.error) return <p className="error" role="alert">{errorText(t, detail.error)}</p>;
  if (!detail.data) return <p>{t('app.loading')}</p>;
  const { sale, prints } = detail.data;
  const settled = settledBy(sale.timeline);
  const when = new Intl.DateTimeFormat(`${i18n.language}-YE-u-nu-latn`, { dateStyle: 'medium', timeStyle: 'medium' });
  return (
    <div data-testid="history-details">
      <h2>{t('history.details.title')}</h2>
      <h3>{t('history.details.timeline')}</h3>
      <ol className="history-timeline" data-testid="history-timeline">
        {sale.timeline.map((entry, index) => (
          <li key={index} data-state={entry.state}>
            <strong>{t(`history.state.${entry.state}`)}</strong> <span>{when.format(entry.at)}</span>
            {entry.note && <span className="history-timeline-note"> — {entry.note}</span>}
          </li>
        ))}
      </ol>
      {(settled === 'status' || settled === 'webhook') && (
        <p className="muted" data-testid="history-settled-by">{t(`sale.outcome.settledBy.${settled}`)}</p>
      )}
      {sale.error && <p data-testid="history-error">{errorText(t, sale.error)}</p>}
      {sale.message && <p className="muted" data-testid="history-message">{sale.message}</p>}
      <p data-testid="history-prints">{t('history.details.prints', { count: prints.filter((p) => p.errorCode === null).length })}</p>
      <button type="button" className="primary" onClick={() => reprint.mutate({ id })} disabled={reprint.isPending} data-testid="history-reprint">
        {t('history.details.reprint')}
      </button>
      {reprint.error && <p className="error" role="alert" data-testid="history-print-error">{errorText(t, reprint.error)}</p>}
      {reprint.isSuccess && <p role="status" data-testid="history-printed">{t('history.details.printed')}</p>}
      {preview.data && (
        <div className="history-receipt">
          <Receipt document={preview.data} />
          <ReceiptPrintRoot document={preview.data} />
        </div>
      )}
    </div>
  );
}
