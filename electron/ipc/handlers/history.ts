// Handlers of the history channels (shared/ipc/history.ts): thin, the search is electron/history/.
import type { historyChannels } from '../../../shared/ipc/history';
import type { HandlersOf } from '../../../shared/ipc/contract';
import { err, ok } from '../../../shared/result';
import type { History } from '../../history/history-search';
import type { Hub } from '../../hub/hub';
import type { CallContext } from '../dispatch';

export function createHistoryHandlers(history: History, hub: Hub): HandlersOf<typeof historyChannels, CallContext> {
  return {
    // In a shop, the hub answers for every till; when it is away, this till's journal does, marked so.
    'history.search': async (query) => {
      if (!hub.status().linked) return ok(history.search(query));
      const fromHub = await hub.searchHistory(query);
      return ok(fromHub ?? { ...history.search(query), scope: { allCounters: false, hubUnreachableSince: hub.unreachableSince() } });
    },
    'history.get': async ({ id }) => {
      const detail = history.detail(id) ?? (hub.status().linked ? await hub.saleDetail(id) : null);
      return detail ? ok(detail) : err('sale.not_found', `no sale ${id}`);
    },
  };
}
