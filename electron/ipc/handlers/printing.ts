// Handlers of the printing channels (shared/ipc/printing.ts): thin, the rules are
// electron/printing/print-service.ts. The service lives as long as the services do: it listens for
// settled sales whose provisional receipt owes the final one.
import type { printingChannels } from '../../../shared/ipc/printing';
import type { HandlersOf } from '../../../shared/ipc/contract';
import { err, ok } from '../../../shared/result';
import { createPrintService } from '../../printing/print-service';
import { createJournal } from '../../sales/journal';
import type { Services } from '../../services';
import type { CallContext } from '../dispatch';

export function createPrintingHandlers(s: Services): HandlersOf<typeof printingChannels, CallContext> {
  const printing = createPrintService({
    db: s.db,
    journal: createJournal(s.db, s.deps.now),
    settings: s.settings,
    events: s.events,
    now: s.deps.now,
    log: s.deps.log,
    ...(s.deps.printer ? { adapter: s.deps.printer } : {}),
  });
  s.onClose(printing.close);
  return {
    'printer.get': () => ok(printing.config()),
    'printer.set': (patch) => ok(printing.setConfig(patch)),
    'printer.devices': async () => ok({ devices: await printing.devices() }),
    'receipt.print': ({ id }) => printing.print(id),
    'receipt.preview': ({ id }) => printing.preview(id),
    'zReport.print': ({ shiftId }) => {
      const shift = s.shifts.get(shiftId);
      const me = s.session.current();
      if (!shift) return err('shift.not_found', `no shift ${shiftId}`);
      // The owner prints any shift's Z report; a cashier only their own.
      if (!me || (me.role !== 'owner' && me.id !== shift.cashierId)) return err('auth.forbidden', 'only the owner prints another cashier\'s Z report');
      return printing.printZReport(shift);
    },
  };
}
