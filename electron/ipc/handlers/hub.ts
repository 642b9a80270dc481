// Handlers of the hub channels (shared/ipc/hub.ts). Passwords are handed to the hub service and
// never echoed: every answer is the status.
import type { HandlersOf } from '../../../shared/ipc/contract';
import type { hubChannels } from '../../../shared/ipc/hub';
import { ok } from '../../../shared/result';
import type { Hub } from '../../hub/hub';
import type { CallContext } from '../dispatch';

export function createHubHandlers(hub: Hub): HandlersOf<typeof hubChannels, CallContext> {
  return {
    'hub.status': () => ok(hub.status()),
    'hub.createShop': (request) => hub.createShop(request),
    'hub.joinCode': ({ label }) => hub.joinCode(label),
    'hub.join': ({ address, code, certificate }) => hub.join(address, code, certificate),
    'hub.totals': ({ from, to }) => hub.totals(from, to),
    'hub.drift': () => hub.drift(),
  };
}
