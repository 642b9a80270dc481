// Handlers of the sale channels (shared/ipc/sales.ts): thin, the engine is electron/sales/.
import type { saleChannels } from '../../../shared/ipc/sales';
import type { HandlersOf } from '../../../shared/ipc/contract';
import { err, ok } from '../../../shared/result';
import type { Services } from '../../services';
import type { CallContext } from '../dispatch';

export function createSaleHandlers(s: Pick<Services, 'sales' | 'backups'>): HandlersOf<typeof saleChannels, CallContext> {
  return {
    'sale.quote': (request) => s.sales.engine.quote(request),
    // A sale written while a restore swaps the database could land after the live journal is
    // carried over and be overwritten: none starts until the restore is done.
    'sale.submit': (request) => (s.backups.restoring() ? err('backup.restoring', 'a backup is being restored') : s.sales.engine.submit(request)),
    'sale.get': (request) => s.sales.engine.get(Number(request.id)),
    'sale.attention': () => ok({ sales: s.sales.engine.attention() }),
    'sale.recheck': async (request) => {
      if (request.id !== undefined) {
        const known = s.sales.engine.get(Number(request.id));
        if (!known.ok) return known;
      }
      const sales = await s.sales.reconciler.recheck(request.id === undefined ? undefined : Number(request.id));
      return ok({ sales: sales.map((sale) => s.sales.journal.view(sale)) });
    },
  };
}
