// The back office's own provider clients, for what the owner does with an account: test the
// connection, read agent balances and Al-Qimah's feed vouchers, log out, register or reset a Weta
// account. Built from the stored credentials and the base URLs in settings, and rebuilt whenever
// either changes, so a test always uses what the owner just typed. Sales go through the registry's
// clients (electron/providers/registry.ts), never through these.
import type { ProviderId } from '../../shared/domain';
import type { Money } from '../../shared/money';
import { err, ok, type Result } from '../../shared/result';
import type { Settings } from '../../shared/settings';
import { createAlqimahProvider, type AlqimahProvider, type FeedVoucher } from '../providers/alqimah/client';
import type { AlqimahServiceMap } from '../providers/alqimah/service-map';
import type { Logger } from '../providers/provider';
import { PROVIDER_URLS } from '../providers/registry';
import { createWetaProvider, type WetaProvider } from '../providers/weta/client';
import type { RegisterRequest } from '../providers/weta/wire';
import type { Accounts } from './accounts';

export type ConnectionsDeps = {
  accounts: Accounts;
  settings: () => Settings;
  now: () => number;
  log: Logger;
  /** The owner's Al-Qimah network/service map (balance, feed and catalogue service numbers). */
  alqimahServiceMap?: () => AlqimahServiceMap;
  timeoutMs?: number;
  fetch?: typeof fetch;
};

type Built = { url: string; alqimah?: AlqimahProvider; weta?: WetaProvider };

export function createConnections(deps: ConnectionsDeps) {
  const built = new Map<ProviderId, Built>();
  deps.accounts.onChange((provider) => built.delete(provider));

  function urlOf(id: ProviderId): string {
    return deps.settings().providerUrls[id] || PROVIDER_URLS[id];
  }

  function common(id: ProviderId, url: string) {
    return {
      baseUrl: url,
      now: deps.now,
      timeoutMs: deps.timeoutMs ?? 20_000,
      credentials: () => deps.accounts.credentialsFor(id),
      log: deps.log,
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
    };
  }

  function client(id: ProviderId): Built {
    const url = urlOf(id);
    const cached = built.get(id);
    if (cached && cached.url === url) return cached;
    const fresh: Built =
      id === 'alqimah'
        ? { url, alqimah: createAlqimahProvider({ ...common(id, url), ...(deps.alqimahServiceMap ? { serviceMap: deps.alqimahServiceMap } : {}) }) }
        : { url, weta: createWetaProvider(common(id, url)) };
    built.set(id, fresh);
    return fresh;
  }

  /** A Weta client that may run without stored credentials (registration comes before them). */
  function weta(): WetaProvider {
    return client('weta').weta!;
  }

  async function balance(id: ProviderId): Promise<Result<Money>> {
    if (!deps.accounts.isConfigured(id)) return err('provider.not_configured', `${id} account is not set up`);
    const provider = id === 'alqimah' ? client(id).alqimah! : weta();
    const login = await provider.login();
    if (!login.ok) return login;
    return provider.agentBalance();
  }

  return {
    /** Logs in afresh (a stale session would hide a wrong password) and reads the agent balance. */
    async test(id: ProviderId): Promise<Result<Money>> {
      built.delete(id);
      return balance(id);
    },
    balance,
    async logout(id: ProviderId): Promise<Result<void>> {
      const cached = built.get(id);
      if (!cached) return ok(undefined);
      const result = await (cached.alqimah ?? cached.weta)!.logout();
      built.delete(id);
      return result;
    },
    async feedVouchers(): Promise<Result<FeedVoucher[]>> {
      if (!deps.accounts.isConfigured('alqimah')) return err('provider.not_configured', 'Al-Qimah account is not set up');
      return client('alqimah').alqimah!.feedVouchers();
    },
    async wetaRegister(input: Omit<RegisterRequest, 'password_confirmation'>) {
      return weta().register({ ...input, password_confirmation: input.password });
    },
    async wetaResetPassword(newPassword: string): Promise<Result<void>> {
      if (!deps.accounts.isConfigured('weta')) return err('provider.not_configured', 'Weta account is not set up');
      return weta().resetPassword(newPassword);
    },
  };
}
export type Connections = ReturnType<typeof createConnections>;
