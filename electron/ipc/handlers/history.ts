// Handlers of the history channels (shared/ipc/history.ts): thin, the search is electron/history/.
import type { historyChannels } from '../../../shared/ipc/history';
import type { HandlersOf } from '../../../shared/ipc/contract';
import { err, ok } from '../../../shared/result';
import type { History } from '../../history/history-search';
import type { CallContext } from '../dispatch';

export function createHistoryHandlers(history: History): HandlersOf<typeof historyChannels, CallContext> {
  return {
    'history.search': (query) => ok(history.search(query)),
    'history.get': ({ id }) => {
      const detail = history.detail(id);
      return detail ? ok(detail) : err('sale.not_found', `no sale ${id}`);
    },
  };
}
