// The app's dispatch: every contract channel routed to its handler over the started services, with
// the sign-in rules in front. Built outside the core (electron/services.ts), by whatever carries the
// calls: Electron's ipcMain (electron/main.ts) or the web shell's HTTP bridge.
import { channels, type ChannelName } from '../../shared/ipc';
import { err, ok, type Result } from '../../shared/result';
import type { Services } from '../services';
import { createDispatch, type Dispatch } from './dispatch';
import { createHandlers } from './handlers';

export function createAppDispatch(services: Services): Dispatch {
  // Errors pass through the log's own secret-cutting: a provider's words can echo what it was sent.
  return createDispatch(createHandlers(services), services.deps.log, (name) => authorize(services, name), services.deps.log.redactText);
}

/** What anyone at the counter may call before signing in: enough to show the sign-in screen. */
const BEFORE_SIGN_IN: ReadonlySet<ChannelName> = new Set<ChannelName>([
  'app.info',
  'app.health',
  'settings.get',
  'session.status',
  'session.signIn',
  'session.signOut',
  'cashiers.list',
]);

/**
 * Sign-in and roles (shared/ipc/cashiers.ts): while no owner PIN is set, the owner is at the
 * counter without signing in (a fresh install, training included, opens straight onto the
 * counter); once it is set, every channel but the sign-in ones needs a signed-in cashier, and
 * `ownerOnly` channels need the owner role.
 */
function authorize(services: Services, name: ChannelName): Result<void> {
  if (BEFORE_SIGN_IN.has(name)) return ok(undefined);
  const cashier = services.session.current();
  if (!cashier) return err('auth.required', 'sign in first');
  if ((channels[name] as { ownerOnly?: boolean }).ownerOnly && cashier.role !== 'owner') return err('auth.forbidden', 'owner only');
  return ok(undefined);
}
