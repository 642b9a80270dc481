// Handlers of the history channels (shared/ipc/history.ts): thin, the search is electron/history/.
import type { historyChannels } from '../../../shared/ipc/history';
import type { HandlersOf } from '../../../shared/ipc/contract';
import { err, ok } from '../../../shared/result';
import { createHistory } from '../../history/history-search';
import { scheduleSearchIndexUpkeep } from '../../history/search-index-upkeep';
import { createJournal } from '../../sales/journal';
import type { Services } from '../../services';
import type { CallContext } from '../dispatch';

export function createHistoryHandlers(s: Services): HandlersOf<typeof historyChannels, CallContext> {
  const history = createHistory(s.db, createJournal(s.db, s.deps.now));
  s.onClose(scheduleSearchIndexUpkeep(s.db, s.deps.now));
  return {
    // In a shop, the hub answers for every till; when it is away, this till's journal does, marked so.
    'history.search': async (query) => {
      if (!s.hub.status().linked) return ok(history.search(query));
      const fromHub = await s.hub.searchHistory(query);
      return ok(fromHub ?? { ...history.search(query), scope: { allCounters: false, hubUnreachableSince: s.hub.unreachableSince() } });
    },
    'history.get': async ({ id }) => {
      const detail = history.detail(id) ?? (s.hub.status().linked ? await s.hub.saleDetail(id) : null);
      return detail ? ok(detail) : err('sale.not_found', `no sale ${id}`);
    },
  };
}
