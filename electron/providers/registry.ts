// Which provider sells what (docs/architecture.md, "Providers", "Sales", "Training mode"). Builds the provider clients from the owner's
// credentials; routes a network and product to the providers that sell it, in the owner's order
// from settings (by default Al-Qimah for everything it supports, Weta as the other). With no provider account set at all
// the app is in TRAINING MODE: both simulators start inside this process on 127.0.0.1 with generous
// balances and the clients are pointed at them with training credentials, so a new install can
// practise at once and every sale made is flagged as training.
import type { Network, Product, ProviderId, SubscriberQueryKind } from '../../shared/domain';
import type { Package } from '../../shared/settings';
import { createAlqimahProvider } from './alqimah/client';
import type { AlqimahServiceMap } from './alqimah/service-map';
import { defaultSimAccount, startAlqimahSimulator } from './alqimah/simulator';
import type { Logger, Provider } from './provider';
import { createWetaProvider } from './weta/client';
import { startWetaSimulator } from './weta/simulator';
import { PRACTICE_NUMBERS } from '../../shared/training';

export const PROVIDER_URLS: Record<ProviderId, string> = {
  alqimah: 'https://softibs.com/rest-api',
  weta: 'https://yemenairtime.com/api',
};

const TRAINING_CREDENTIALS: Record<ProviderId, Record<string, string>> = {
  alqimah: { ...defaultSimAccount },
  weta: { username: 'training', password: 'training-password' },
};

export type RegistryDeps = {
  /** The owner's credentials for a provider, or null when that provider is not set up. */
  credentialsFor: (id: ProviderId) => Promise<Record<string, string> | null>;
  now: () => number;
  log: Logger;
  baseUrls?: Partial<Record<ProviderId, string>>;
  timeoutMs?: number;
  /** Preferred first; a provider not listed is never used. */
  order?: readonly ProviderId[];
  /** A fresh id for Al-Qimah's queries, from the same space as sale ids. */
  nextQueryId?: () => string;
  /** The owner's choice of providers for a network, preferred first (settings); read at each sale. */
  routes?: (network: Network) => readonly ProviderId[] | undefined;
  alqimahServiceMap?: () => AlqimahServiceMap;
  packages?: (network: Network) => readonly Package[];
  fetch?: typeof fetch;
};

export type ProviderRegistry = {
  isTraining(): boolean;
  /** Providers that are set up (or simulated in training), preferred first. */
  providers(): Provider[];
  get(id: ProviderId): Provider | null;
  /** The providers that sell this product on this network, in the owner's order (settings), preferred first. */
  route(network: Network, kind: Product['kind'] | SubscriberQueryKind): Provider[];
  /** Base URLs in use (the simulators' in training), for diagnostics. */
  urls(): Partial<Record<ProviderId, string>>;
  close(): Promise<void>;
};

export async function createProviderRegistry(deps: RegistryDeps): Promise<ProviderRegistry> {
  const order = deps.order ?? (['alqimah', 'weta'] as const);
  const timeoutMs = deps.timeoutMs ?? 30_000;
  const configured: ProviderId[] = [];
  for (const id of order) if ((await deps.credentialsFor(id).catch(() => null)) !== null) configured.push(id);
  const training = configured.length === 0;

  const urls: Partial<Record<ProviderId, string>> = {};
  const closers: (() => Promise<void>)[] = [];
  let credentials: (id: ProviderId) => () => Promise<Record<string, string> | null>;

  if (training) {
    // Balances are generous so practice never meets "insufficient balance" by accident.
    const alqimah = await startAlqimahSimulator({
      balanceMinor: 1_000_000_000_00,
      now: deps.now,
      practice: Object.fromEntries(PRACTICE_NUMBERS.map((p) => [p.number, p.outcome])),
    });
    const weta = await startWetaSimulator({
      now: deps.now,
      users: [{ ...(TRAINING_CREDENTIALS.weta as { username: string; password: string }), balance: 1_000_000_000 }],
    });
    closers.push(() => alqimah.close(), () => weta.close());
    urls.alqimah = alqimah.url;
    urls.weta = weta.url;
    credentials = (id) => async () => TRAINING_CREDENTIALS[id];
    deps.log.info('training mode: no provider account set, simulators started on loopback', { alqimah: alqimah.url, weta: weta.url });
  } else {
    for (const id of configured) urls[id] = deps.baseUrls?.[id] ?? PROVIDER_URLS[id];
    credentials = (id) => () => deps.credentialsFor(id);
  }

  const built = new Map<ProviderId, Provider>();
  for (const id of training ? order : configured) {
    const common = {
      baseUrl: urls[id]!,
      now: deps.now,
      timeoutMs,
      credentials: credentials(id),
      log: deps.log,
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
    };
    built.set(
      id,
      id === 'alqimah'
        ? createAlqimahProvider({
            ...common,
            ...(deps.nextQueryId ? { nextQueryId: deps.nextQueryId } : {}),
            ...(deps.alqimahServiceMap ? { serviceMap: deps.alqimahServiceMap } : {}),
            ...(deps.packages ? { packages: deps.packages } : {}),
          })
        : createWetaProvider(common),
    );
  }
  const list = order.map((id) => built.get(id)).filter((p): p is Provider => p !== undefined);

  return {
    isTraining: () => training,
    providers: () => list,
    get: (id) => built.get(id) ?? null,
    route(network, kind) {
      const preferred = deps.routes?.(network) ?? order;
      return preferred.map((id) => built.get(id)).filter((p): p is Provider => p !== undefined && p.supports(network, kind));
    },
    urls: () => ({ ...urls }),
    async close() {
      for (const close of closers.reverse()) await close().catch(() => undefined);
    },
  };
}
