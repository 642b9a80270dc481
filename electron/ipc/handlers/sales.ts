// Handlers of the sale channels (shared/ipc/sales.ts): thin, the engine is electron/sales/.
import type { saleChannels } from '../../../shared/ipc/sales';
import type { HandlersOf } from '../../../shared/ipc/contract';
import { err } from '../../../shared/result';
import type { Services } from '../../services';
import type { CallContext } from '../dispatch';

export function createSaleHandlers(_s: Services): HandlersOf<typeof saleChannels, CallContext> {
  const notReady = () => err('internal', 'the sale engine is not wired yet');
  return {
    'sale.quote': notReady,
    'sale.submit': notReady,
    'sale.get': notReady,
    'sale.attention': notReady,
    'sale.recheck': notReady,
  };
}
