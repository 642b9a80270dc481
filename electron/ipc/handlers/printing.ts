// Handlers of the printing channels (shared/ipc/printing.ts): thin, the rules are
// electron/printing/print-service.ts.
import type { printingChannels } from '../../../shared/ipc/printing';
import type { HandlersOf } from '../../../shared/ipc/contract';
import { ok } from '../../../shared/result';
import type { PrintService } from '../../printing/print-service';
import type { Hub } from '../../hub/hub';
import type { CallContext } from '../dispatch';

export function createPrintingHandlers(printing: PrintService, hub: Hub): HandlersOf<typeof printingChannels, CallContext> {
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
  };
}
