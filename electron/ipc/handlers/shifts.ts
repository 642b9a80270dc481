// Handlers of the shift channels (shared/ipc/shifts.ts): a cashier's own shift, by the session.
import type { shiftChannels } from '../../../shared/ipc/shifts';
import type { HandlersOf } from '../../../shared/ipc/contract';
import { err, ok } from '../../../shared/result';
import type { Services } from '../../services';
import type { CallContext } from '../dispatch';

export function createShiftHandlers(s: Pick<Services, 'session' | 'shifts'>): HandlersOf<typeof shiftChannels, CallContext> {
  const who = () => s.session.currentCashierId();
  return {
    'shift.current': () => {
      const id = who();
      return id ? ok(s.shifts.current(id)) : err('auth.required', 'sign in first');
    },
    'shift.open': () => {
      const id = who();
      return id ? s.shifts.open(id) : err('auth.required', 'sign in first');
    },
    'shift.close': () => {
      const id = who();
      return id ? s.shifts.close(id) : err('auth.required', 'sign in first');
    },
    'shift.list': ({ limit }) => ok({ shifts: s.shifts.list(limit) }),
  };
}
