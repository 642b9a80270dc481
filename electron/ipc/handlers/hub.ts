// Handlers of the hub channels (shared/ipc/hub.ts). Passwords are handed to the hub service and
// never echoed: every answer is the status.
import type { HandlersOf } from '../../../shared/ipc/contract';
import type { hubChannels } from '../../../shared/ipc/hub';
import { ok } from '../../../shared/result';
import type { Services } from '../../services';
import type { CallContext } from '../dispatch';

export function createHubHandlers(s: Services): HandlersOf<typeof hubChannels, CallContext> {
  return {
    'hub.status': () => ok(s.hub.status()),
    'hub.createShop': (request) => s.hub.createShop(request),
    'hub.joinCode': ({ label }) => s.hub.joinCode(label),
    'hub.join': ({ address, code }) => s.hub.join(address, code),
    'hub.totals': ({ from, to }) => s.hub.totals(from, to),
  };
}
