// Handlers of the cashier and session channels (shared/ipc/cashiers.ts).
import type { cashierChannels } from '../../../shared/ipc/cashiers';
import type { HandlersOf } from '../../../shared/ipc/contract';
import { ok } from '../../../shared/result';
import type { Services } from '../../services';
import type { CallContext } from '../dispatch';

export function createCashierHandlers(s: Pick<Services, 'session'>): HandlersOf<typeof cashierChannels, CallContext> {
  return {
    'session.status': () => ok(s.session.status()),
    'session.signIn': ({ cashierId, pin }) => s.session.signIn(cashierId, pin),
    'session.signOut': () => ok(s.session.signOut()),
    'cashiers.list': () => ok({ cashiers: s.session.list() }),
    'cashiers.save': (request) => s.session.save(request),
    'cashiers.remove': ({ id }) => {
      const removed = s.session.remove(id);
      return removed.ok ? ok({ cashiers: removed.value }) : removed;
    },
  };
}
