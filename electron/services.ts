// The composition root: every main-process service is built here, once, from injected adapters
// (clock, paths, secrets, printer, log). `electron/main.ts` calls it for the app; the web shell
// and the tests call it with their own adapters. Nothing reaches for a global.
import { join } from 'node:path';
import { channels, type ChannelName } from '../shared/ipc';
import { err, ok, type Result } from '../shared/result';
import type { Settings } from '../shared/settings';
import { createAccounts, type Accounts } from './accounts/accounts';
import { createConnections, type Connections } from './accounts/connections';
import { createServiceMapStore, type ServiceMapStore } from './accounts/service-map-store';
import { createBackups, realTimer, type Backups, type Timer } from './backup/backups';
import { createCashiers, type Cashiers } from './cashiers/cashiers';
import { createSaleServices, type SaleServiceOptions, type SaleServices } from './sales/sale-services';
import { createNodeSecretBox, type SecretBox } from './platform/secret-box';
import { createShifts, type Balances, type Shifts } from './shifts/shifts';
import { createEventBus, type EventBus } from './events';
import { createDispatch, type Dispatch } from './ipc/dispatch';
import { createHandlers } from './ipc/handlers';
import type { AppLogger } from './log';
import { openDatabase, type Db } from './store/database';
import { createSettingsRepository, type SettingsRepository } from './store/settings-repository';
import type { PrinterAdapter } from './printing/receipt-printer';
import type { ProviderList } from './catalogue/subscriber-lookup';
import { createHub, type Hub } from './hub/hub';
import type { ShipperOptions } from './hub/shipper';

export type ServiceDeps = {
  dataDir: string;
  migrationsDir: string;
  now: () => number;
  log: AppLogger;
  shell: 'electron' | 'web';
  version: string;
  nativeBinding?: string;
  /** Draws and prints receipts (electron/platform/printer.ts); absent in the web shell, which prints nothing. */
  printer?: PrinterAdapter;
  /**
   * Encrypts provider credentials: electron/platform/secrets.ts in the app (null where the OS has no
   * encryption: accounts are then refused); absent: AES-GCM with a key file in dataDir (shell, tests).
   */
  secretBox?: SecretBox | null;
  /** Drives scheduled backups; tests pass their own. */
  timer?: Timer;
  /** Base URL and fetch for the back office's provider clients (tests point them at simulators). */
  providerFetch?: typeof fetch;
  /** The sale engine's adapters (provider URLs, reconciler timing, webhook); credentials come from `accounts`. */
  sales?: SaleServiceOptions;
  /** The hub shipper's timing (tests shorten its back-off). */
  hubShipper?: Partial<ShipperOptions>;
};

export type Services = {
  deps: ServiceDeps;
  db: Db;
  events: EventBus;
  settings: SettingsRepository;
  startedAt: number;
  /** Training mode (DESIGN §11): no provider account set, simulators inside the main process. */
  isTraining: () => boolean;
  /** The providers in use (the sale engine's registry); absent until it is built. */
  registry?: ProviderList;
  /** Provider accounts, encrypted at rest; `accounts.credentialsFor` is what the registry reads. */
  accounts: Accounts;
  /** The back office's provider clients: connection test, balances, feed vouchers, Weta account. */
  connections: Connections;
  serviceMap: ServiceMapStore;
  /** Cashiers and who is at the counter: `session.currentCashierId()` is what every sale carries. */
  session: Cashiers;
  shifts: Shifts;
  backups: Backups;
  /** The sale engine, journal, reconciler and provider registry (electron/sales/). */
  sales: SaleServices;
  /** The shop's hub (electron/hub/): joining, and shipping the journal once joined; idle without one. */
  hub: Hub;
  dispatch: Dispatch;
  /** Every service's clean-up, run in reverse order of creation by `close()`. */
  onClose: (fn: () => void | Promise<void>) => void;
  close: () => Promise<void>;
};

export const DATABASE_FILE = 'pos.sqlite';

export async function createServices(deps: ServiceDeps): Promise<Result<Services>> {
  const opened = openDatabase(join(deps.dataDir, DATABASE_FILE), {
    migrationsDir: deps.migrationsDir,
    ...(deps.nativeBinding ? { nativeBinding: deps.nativeBinding } : {}),
  });
  if (!opened.ok) return opened;
  const db = opened.value;
  const closers: (() => void | Promise<void>)[] = [
    () => {
      db.close();
    },
  ];

  const settings = createSettingsRepository(db, deps.now);
  const secretBox = deps.secretBox === undefined ? createNodeSecretBox(join(deps.dataDir, 'secret.key')) : deps.secretBox;
  const accounts = createAccounts({
    db,
    box: secretBox,
    now: deps.now,
    addSecret: (value) => deps.log.addSecret(value),
  });
  const serviceMap = createServiceMapStore(db, deps.now);
  const connections = createConnections({
    accounts,
    settings: () => settings.read(),
    alqimahServiceMap: () => serviceMap.read(),
    now: deps.now,
    log: deps.log,
    ...(deps.providerFetch ? { fetch: deps.providerFetch } : {}),
  });
  const session = createCashiers({ db, now: deps.now, log: deps.log });
  const readBalances = async (): Promise<Balances> => {
    const [alqimah, weta] = await Promise.all([connections.balance('alqimah'), connections.balance('weta')]);
    return { alqimah: alqimah.ok ? alqimah.value : null, weta: weta.ok ? weta.value : null };
  };
  const backups = createBackups({
    db,
    dbFile: join(deps.dataDir, DATABASE_FILE),
    folder: join(deps.dataDir, 'backups'),
    migrationsDir: deps.migrationsDir,
    ...(deps.nativeBinding ? { nativeBinding: deps.nativeBinding } : {}),
    now: deps.now,
    log: deps.log,
    keep: () => settings.read().backupKeep,
  });

  const events = createEventBus();
  const sales = await createSaleServices(
    {
      db,
      now: deps.now,
      log: deps.log,
      events,
      settings: () => settings.read(),
      alqimahServiceMap: () => serviceMap.read(),
      cashierId: () => session.currentCashierId(),
    },
    {
      credentialsFor: (id) => accounts.credentialsFor(id),
      ...ownerSaleOptions(settings.read()),
      ...(deps.providerFetch ? { fetch: deps.providerFetch } : {}),
      ...deps.sales,
    },
  );
  closers.push(() => sales.close());
  const hub = createHub({
    db,
    box: secretBox,
    now: deps.now,
    log: deps.log,
    events,
    settings,
    accounts,
    serviceMap,
    schemaFile: join(deps.migrationsDir, '..', '..', 'hub', 'hub-schema.sql'),
    ...(deps.hubShipper ? { shipper: deps.hubShipper } : {}),
  });
  closers.push(() => hub.close());

  const services: Services = {
    deps,
    db,
    events,
    sales,
    hub,
    registry: sales.registry,
    settings,
    accounts,
    connections,
    serviceMap,
    session,
    shifts: createShifts({ db, now: deps.now, readBalances, cashierName: (id) => session.list().find((c) => c.id === id)?.name ?? id }),
    backups,
    startedAt: deps.now(),
    isTraining: () => sales.registry.isTraining(),
    dispatch: undefined as unknown as Dispatch,
    onClose: (fn) => closers.push(fn),
    close: async () => {
      for (const fn of closers.reverse()) {
        try {
          await fn();
        } catch (cause) {
          deps.log.error('close failed', { error: cause as Error });
        }
      }
    },
  };

  let stopBackups = backups.schedule(deps.timer ?? realTimer, settings.read().backupEveryHours);
  let backupHours = settings.read().backupEveryHours;
  const unsubscribeBackups = services.events.subscribe((name, payload) => {
    if (name !== 'settings.changed') return;
    const hours = (payload as { backupEveryHours: number }).backupEveryHours;
    if (hours === backupHours) return;
    stopBackups();
    backupHours = hours;
    stopBackups = backups.schedule(deps.timer ?? realTimer, hours);
  });
  closers.push(() => {
    unsubscribeBackups();
    stopBackups();
  });

  const handlers = createHandlers(services);
  services.dispatch = createDispatch(handlers, deps.log, (name: ChannelName) => authorize(services, name));
  return ok(services);
}

/** The owner's settings the sale services read at start: provider addresses and the webhook receiver. */
function ownerSaleOptions(settings: Settings) {
  const urls = Object.fromEntries(Object.entries(settings.providerUrls).filter(([, url]) => url !== ''));
  return {
    ...(Object.keys(urls).length > 0 ? { providerUrls: urls } : {}),
    webhook: { enabled: settings.webhookEnabled, port: settings.webhookPort },
  };
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
