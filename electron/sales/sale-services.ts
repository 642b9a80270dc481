// The sale side of the composition root: providers (or the training simulators), journal, engine,
// reconciler and the optional webhook receiver, built once from injected adapters so the app, the
// web shell and the tests wire them the same way. `electron/services.ts` calls this.
import type { ProviderId } from '../../shared/domain';
import type { Settings } from '../../shared/settings';
import type { EventBus } from '../events';
import type { AlqimahServiceMap } from '../providers/alqimah/service-map';
import type { Logger } from '../providers/provider';
import { createProviderRegistry, type ProviderRegistry } from '../providers/registry';
import type { Db } from '../store/database';
import { createJournal, type Journal } from './journal';
import { backoffDelay, createReconciler, defaultReconcilerOptions, type Reconciler, type ReconcilerOptions } from './reconciler';
import { createSaleEngine, type SaleEngine } from './sale-engine';
import { createTransactionIds } from './transaction-id';
import { startWebhookReceiver, type WebhookReceiver, type WebhookReceiverOptions } from './webhook-receiver';

export type SaleServiceOptions = {
  /** The owner's provider credentials; null (or absent) for every provider means training mode. */
  credentialsFor?: (id: ProviderId) => Promise<Record<string, string> | null>;
  providerUrls?: Partial<Record<ProviderId, string>>;
  providerTimeoutMs?: number;
  providerOrder?: readonly ProviderId[];
  reconciler?: Partial<ReconcilerOptions>;
  /** The Al-Qimah webhook receiver: off unless enabled. */
  webhook?: WebhookReceiverOptions & { enabled: boolean };
  /** setInterval, injected; default uses the real timer (unref'd). */
  every?: (ms: number, fn: () => void) => () => void;
  random?: () => number;
  /** Skip the start-up reconciliation (tests that drive it themselves). */
  startReconciler?: boolean;
  fetch?: typeof fetch;
};

export type SaleServices = {
  registry: ProviderRegistry;
  journal: Journal;
  engine: SaleEngine;
  reconciler: Reconciler;
  webhook: WebhookReceiver | null;
  close: () => Promise<void>;
};

export type SaleServiceDeps = {
  db: Db;
  now: () => number;
  log: Logger;
  events: EventBus;
  settings: () => Settings;
  /** The owner's Al-Qimah network/service map; the seeded defaults when absent. */
  alqimahServiceMap?: () => AlqimahServiceMap;
  cashierId?: () => string | null;
};

const realEvery = (ms: number, fn: () => void) => {
  const timer = setInterval(fn, ms);
  timer.unref?.();
  return () => clearInterval(timer);
};

export async function createSaleServices(deps: SaleServiceDeps, options: SaleServiceOptions = {}): Promise<SaleServices> {
  const { db, now, log, events } = deps;
  const ids = createTransactionIds(db);
  const journal = createJournal(db, now);
  const random = options.random ?? Math.random;
  const reconcilerOptions = { ...defaultReconcilerOptions, ...options.reconciler };
  const registry = await createProviderRegistry({
    credentialsFor: options.credentialsFor ?? (async () => null),
    now,
    log,
    ...(options.providerUrls ? { baseUrls: options.providerUrls } : {}),
    ...(options.providerTimeoutMs ? { timeoutMs: options.providerTimeoutMs } : {}),
    ...(options.providerOrder ? { order: options.providerOrder } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    routes: (network) => deps.settings().providerRoutes[network],
    packages: (network) => deps.settings().packages.filter((p) => p.network === network),
    ...(deps.alqimahServiceMap ? { alqimahServiceMap: deps.alqimahServiceMap } : {}),
    // Queries need never-reused ids too: from the same per-counter space as the sales.
    nextQueryId: () => String(db.transaction(() => ids.issue(deps.settings().counterNumber, now()))()),
  });
  const onSaleUpdated = (view: Parameters<typeof events.emit<'sale.updated'>>[1]) => events.emit('sale.updated', view);
  const webhook = options.webhook?.enabled ? await startWebhookReceiver({ journal, log, onSaleUpdated }, options.webhook) : null;
  const inFlight = new Set<number>();
  const engine = createSaleEngine({
    journal,
    routing: registry,
    settings: deps.settings,
    now,
    log,
    onSaleUpdated,
    onBalanceLow: (event) => events.emit('balance.low', event),
    onBalance: (event) => events.emit('balance.updated', event),
    firstCheckAt: () => now() + backoffDelay(0, reconcilerOptions, random),
    webhookUrl: () => webhook?.url ?? null,
    ...(deps.cashierId ? { cashierId: deps.cashierId } : {}),
    inFlight,
  });
  const reconciler = createReconciler({
    journal,
    // A real sale is never asked about at a training simulator (nor a training sale at a real
    // account): its "no such transaction" would fail a sale that was charged, e.g. one restored
    // from a backup before the accounts are in use again. It waits for the right provider.
    provider: (sale) => (sale.training === registry.isTraining() ? registry.get(sale.provider) : null),
    now,
    random,
    log,
    onSaleUpdated,
    inFlight,
    every: options.every ?? realEvery,
    options: reconcilerOptions,
  });
  if (options.startReconciler !== false) {
    void reconciler.start().catch((cause: unknown) => log.error('reconciler start failed', { error: cause instanceof Error ? cause : String(cause) }));
  }
  return {
    registry,
    journal,
    engine,
    reconciler,
    webhook,
    async close() {
      await reconciler.stop();
      await engine.settle();
      await webhook?.close();
      await registry.close();
    },
  };
}
