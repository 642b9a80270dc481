// Handlers of the provider-account channels (shared/ipc/accounts.ts). Every answer is the status
// (set / not set), never a value. Leaving training mode moves real money, so accounts are only
// accepted once the owner has a PIN.
import type { accountChannels } from '../../../shared/ipc/accounts';
import type { HandlersOf } from '../../../shared/ipc/contract';
import type { ProviderId } from '../../../shared/domain';
import { err, ok, type Result } from '../../../shared/result';
import type { Services } from '../../services';
import type { CallContext } from '../dispatch';

export function createAccountHandlers(
  s: Pick<Services, 'deps' | 'session' | 'accounts' | 'connections' | 'serviceMap' | 'sales'>,
): HandlersOf<typeof accountChannels, CallContext> {
  /** Ends every session the app holds with the provider: the back office's and the sale engine's. */
  const endSessions = async (provider: ProviderId): Promise<Result<void>> => {
    const ended = await Promise.all([s.connections.logout(provider), s.sales.registry.get(provider)?.logout() ?? ok(undefined)]);
    return ended.find((r) => !r.ok) ?? ok(undefined);
  };
  const needsPin = () => (s.session.isRequired() ? null : err('auth.pin_required', 'set the owner PIN before provider accounts'));
  return {
    'accounts.status': () => ok(s.accounts.status()),
    'accounts.set': (request) => {
      const refused = needsPin();
      if (refused) return refused;
      const stored = s.accounts.set(request.provider, request.fields);
      if (!stored.ok) return stored;
      s.deps.log.info('provider account changed', { provider: request.provider, fields: Object.keys(request.fields) });
      return ok(s.accounts.status());
    },
    'accounts.clear': async ({ provider }) => {
      await endSessions(provider);
      s.accounts.clear(provider);
      s.deps.log.info('provider account cleared', { provider });
      return ok(s.accounts.status());
    },
    'accounts.test': async ({ provider }) => {
      const balance = await s.connections.test(provider);
      s.deps.log.info('connection test', { provider, ok: balance.ok, ...(balance.ok ? {} : { code: balance.error.code }) });
      return balance.ok ? ok({ provider, balance: balance.value }) : balance;
    },
    'accounts.logout': async ({ provider }) => {
      const result = await endSessions(provider);
      return result.ok ? ok({}) : result;
    },
    'accounts.wetaRegister': async (request) => {
      const refused = needsPin() ?? (s.accounts.canStore() ? null : err('secrets.unavailable', 'no encryption available'));
      if (refused) return refused;
      // Cut from the log and from every answer from now on, whatever the provider echoes.
      s.deps.log.addSecret(request.password);
      const registered = await s.connections.wetaRegister(request);
      if (!registered.ok) return registered;
      const stored = s.accounts.set('weta', { username: request.username, password: request.password });
      if (!stored.ok) return stored;
      s.deps.log.info('weta account registered', { username: request.username });
      return ok(s.accounts.status());
    },
    'accounts.wetaResetPassword': async ({ newPassword }) => {
      // Weta would know a password this computer cannot keep: refuse before asking Weta.
      if (!s.accounts.canStore()) return err('secrets.unavailable', 'no encryption available');
      const reset = await s.connections.wetaResetPassword(newPassword);
      if (!reset.ok) return reset;
      // Weta now knows only the new password: store it at once or the account is lost to the app.
      const stored = s.accounts.set('weta', { password: newPassword });
      if (!stored.ok) return stored;
      return ok(s.accounts.status());
    },
    'accounts.serviceMap.get': () => ok({ json: JSON.stringify(s.serviceMap.read(), null, 2) }),
    'accounts.serviceMap.set': ({ json }) => {
      const written = s.serviceMap.write(json);
      return written.ok ? ok({ json: JSON.stringify(written.value, null, 2) }) : written;
    },
  };
}
