// Handlers of the printing channels (shared/ipc/printing.ts): thin, the rules are
// electron/printing/print-service.ts.
import type { printingChannels } from '../../../shared/ipc/printing';
import type { HandlersOf } from '../../../shared/ipc/contract';
import { err, ok } from '../../../shared/result';
import type { PrintService } from '../../printing/print-service';
import type { Services } from '../../services';
import type { CallContext } from '../dispatch';

/** `s`: whose shift a Z report is and who is asking; the hub, for another till's sale. */
export function createPrintingHandlers(printing: PrintService, s: Pick<Services, 'session' | 'shifts' | 'hub'>): HandlersOf<typeof printingChannels, CallContext> {
  const { hub } = s;
  return {
    'printer.get': () => ok(printing.config()),
    'printer.set': (patch) => ok(printing.setConfig(patch)),
    'printer.devices': async () => ok({ devices: await printing.devices() }),
    'printer.testPage': () => printing.testPage(),
    'receipt.print': async ({ id }) => {
      const local = await printing.print(id);
      if (local.ok || local.error.code !== 'sale.not_found' || !hub.status().linked) return local;
      // Another till's sale, found through the shop's hub: printed as a copy.
      const other = await hub.saleDetail(id);
      return other ? printing.printCopy(other.sale) : local;
    },
    'receipt.preview': async ({ id }) => {
      const local = printing.preview(id);
      if (local.ok || local.error.code !== 'sale.not_found' || !hub.status().linked) return local;
      const other = await hub.saleDetail(id);
      return other ? ok(printing.copyDocument(other.sale)) : local;
    },
    'zReport.print': ({ shiftId }) => {
      const shift = s.shifts.get(shiftId);
      const me = s.session.current();
      if (!shift) return err('shift.not_found', `no shift ${shiftId}`);
      // The owner prints any shift's Z report; a cashier only their own.
      if (!me || (me.role !== 'owner' && me.id !== shift.cashierId)) return err('auth.forbidden', 'only the owner prints another cashier\'s Z report');
      return printing.printZReport(shift);
    },
    'hubZReport.print': async ({ from, to }) => {
      const totals = await hub.totals(from, to);
      return totals.ok ? printing.printHubZReport(totals.value) : totals;
    },
  };
}
