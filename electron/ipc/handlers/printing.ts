// Handlers of the printing channels (shared/ipc/printing.ts): thin, the rules are
// electron/printing/print-service.ts. The service lives as long as the services do: it listens for
// settled sales whose provisional receipt owes the final one.
import type { printingChannels } from '../../../shared/ipc/printing';
import type { HandlersOf } from '../../../shared/ipc/contract';
import { ok } from '../../../shared/result';
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
    'receipt.print': async ({ id }) => {
      const local = await printing.print(id);
      if (local.ok || local.error.code !== 'sale.not_found' || !s.hub.status().linked) return local;
      // Another till's sale, found through the shop's hub: printed as a copy.
      const other = await s.hub.saleDetail(id);
      return other ? printing.printCopy(other.sale) : local;
    },
    'receipt.preview': async ({ id }) => {
      const local = printing.preview(id);
      if (local.ok || local.error.code !== 'sale.not_found' || !s.hub.status().linked) return local;
      const other = await s.hub.saleDetail(id);
      return other ? ok(printing.copyDocument(other.sale)) : local;
    },
  };
}
