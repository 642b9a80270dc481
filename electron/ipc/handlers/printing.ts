// Handlers of the printing channels (shared/ipc/printing.ts): thin, the rules are
// electron/printing/print-service.ts.
import type { printingChannels } from '../../../shared/ipc/printing';
import type { HandlersOf } from '../../../shared/ipc/contract';
import { ok } from '../../../shared/result';
import type { PrintService } from '../../printing/print-service';
import type { CallContext } from '../dispatch';

export function createPrintingHandlers(printing: PrintService): HandlersOf<typeof printingChannels, CallContext> {
  return {
    'printer.get': () => ok(printing.config()),
    'printer.set': (patch) => ok(printing.setConfig(patch)),
    'printer.devices': async () => ok({ devices: await printing.devices() }),
    'printer.testPage': () => printing.testPage(),
    'receipt.print': ({ id }) => printing.print(id),
    'receipt.preview': ({ id }) => printing.preview(id),
  };
}
