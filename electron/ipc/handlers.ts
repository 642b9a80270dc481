// Every channel's handler, one object per feature, checked against the whole contract: a channel
// without a handler does not compile. Each feature's handlers take the built services they use.
import type { Handlers } from '../../shared/ipc';
import type { Services } from '../services';
import type { CallContext } from './dispatch';
import { createAppHandlers } from './handlers/app';
import { createSaleHandlers } from './handlers/sales';
import { createHistoryHandlers } from './handlers/history';
import { createPrintingHandlers } from './handlers/printing';
import { createCounterHandlers } from './handlers/counter';
import { createAccountHandlers } from './handlers/accounts';
import { createCashierHandlers } from './handlers/cashiers';
import { createShiftHandlers } from './handlers/shifts';
import { createReportHandlers } from './handlers/reports';
import { createBackupHandlers } from './handlers/backup';
import { createHubHandlers } from './handlers/hub';

export function createHandlers(s: Services): Handlers<CallContext> {
  return {
    ...createAppHandlers(s),
    ...createSaleHandlers(s),
    ...createHistoryHandlers(s.history, s.hub),
    ...createPrintingHandlers(s.printing, s),
    ...createCounterHandlers(s.counter, s.sales.registry, { engine: s.sales.engine, lowBalanceThreshold: () => s.settings.read().lowBalanceThreshold }),
    ...createAccountHandlers(s),
    ...createCashierHandlers(s),
    ...createShiftHandlers(s),
    ...createReportHandlers(s),
    ...createBackupHandlers(s),
    ...createHubHandlers(s.hub),
  };
}
