// The application core: every main-process service is built here, once, from injected adapters
// (clock, paths, secrets, printer, log), and started and stopped here as awaited steps that return
// their errors as values. `electron/main.ts` starts it for the app; the web shell and the tests start
// it with their own adapters. Nothing reaches for a global, and nothing outside builds a service:
// the IPC handlers (electron/ipc/) take the built services they use, and the dispatch that routes
// calls to them is built outside the core (electron/ipc/app-dispatch.ts).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { EarlierInstallTrace } from '../shared/ipc/app';
import { err, ok, type Result } from '../shared/result';
import type { Settings } from '../shared/settings';
import { createAccounts, type Accounts } from './accounts/accounts';
import { createConnections, type Connections } from './accounts/connections';
import { createServiceMapStore, type ServiceMapStore } from './accounts/service-map-store';
import { createBackups, realTimer, type Backups, type Timer } from './backup/backups';
import { createCatalogueCache, type CatalogueCache } from './catalogue/catalogue-cache';
import { createRecentNumbers, type RecentNumbers } from './catalogue/recent-numbers';
import { createSubscriberLookup, type SubscriberLookup } from './catalogue/subscriber-lookup';
import { createCashiers, type Cashiers } from './cashiers/cashiers';
import { createHistory, type History } from './history/history-search';
import { scheduleSearchIndexUpkeep } from './history/search-index-upkeep';
import { createSaleServices, type SaleServiceOptions, type SaleServices } from './sales/sale-services';
import { createNodeSecretBox, type SecretBox } from './platform/secret-box';
import { createPrintService, type PrintService } from './printing/print-service';
import { createShifts, type Balances, type Shifts } from './shifts/shifts';
import { createEventBus, type EventBus } from './events';
import type { AppLogger } from './log';
import { openDatabase, type Db } from './store/database';
import { earlierInstallTraces } from './store/earlier-install';
import { createSettingsRepository, type SettingsRepository } from './store/settings-repository';
import type { PrinterAdapter } from './printing/receipt-printer';
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
  /** TLS, verified, even to a hub on loopback (tests of the rule every remote hub gets). */
  hubAlwaysTls?: boolean;
};

/** The counter's look-ups: recent numbers, the subscriber's offers and queries, the card catalogue. */
export type CounterServices = { recent: RecentNumbers; lookup: SubscriberLookup; catalogue: CatalogueCache };

export type Services = {
  deps: ServiceDeps;
  db: Db;
  events: EventBus;
  settings: SettingsRepository;
  startedAt: number;
  /** Training mode (docs/architecture.md, "Training mode"): no provider account set, simulators inside the main process. */
  isTraining: () => boolean;
  /** Provider accounts, encrypted at rest; `accounts.credentialsFor` is what the sale engine's registry reads. */
  accounts: Accounts;
  /** The back office's provider clients: connection test, balances, feed vouchers, Weta account. */
  connections: Connections;
  serviceMap: ServiceMapStore;
  /** Cashiers and who is at the counter: `session.currentCashierId()` is what every sale carries. */
  session: Cashiers;
  shifts: Shifts;
  backups: Backups;
  /** The sale engine, its journal (the one journal every service reads), reconciler and provider registry (electron/sales/). */
  sales: SaleServices;
  history: History;
  printing: PrintService;
  counter: CounterServices;
  /** The shop's hub (electron/hub/): joining, and shipping the journal once joined; idle without one. */
  hub: Hub;
  /** What showed an earlier install when this start found no database (empty: none, or restored since). */
  earlierInstall: () => EarlierInstallTrace[];
  forgetEarlierInstall: () => void;
  /**
   * Stops everything started, in reverse order: background timers, the print service, the sale
   * services (in-flight sales settled or left journaled as sent), then the database. Never throws;
   * a step that fails is logged and the rest still run. Safe to call twice.
   */
  stop: () => Promise<Result<void>>;
};

export const DATABASE_FILE = 'pos.sqlite';

/**
 * Builds and starts every service. A step that fails (the database will not open, the webhook port is
 * taken, a native module will not load) stops what was already started and comes back as the error.
 */
export async function startServices(deps: ServiceDeps): Promise<Result<Services>> {
  const earlierInstall = existsSync(join(deps.dataDir, DATABASE_FILE)) ? [] : earlierInstallTraces(deps.dataDir, deps.now());
  const opened = openDatabase(join(deps.dataDir, DATABASE_FILE), {
    migrationsDir: deps.migrationsDir,
    ...(deps.nativeBinding ? { nativeBinding: deps.nativeBinding } : {}),
  });
  if (!opened.ok) return opened;
  const db = opened.value;
  if (earlierInstall.length > 0) deps.log.warn('no database where an earlier install left traces: started empty', { traces: earlierInstall });
  const stops: (() => void | Promise<void>)[] = [
    () => {
      db.close();
    },
  ];
  const stop = runOnce(() => stopAll(stops, deps.log));
  try {
    return ok(await buildServices(deps, db, stops, stop, earlierInstall));
  } catch (cause) {
    deps.log.error('services did not start', { error: cause instanceof Error ? cause : String(cause) });
    await stop();
    const detail = (cause instanceof Error ? cause.message : String(cause)).slice(0, 200);
    return err('app.start_failed', detail, { detail });
  }
}

async function buildServices(
  deps: ServiceDeps,
  db: Db,
  stops: (() => void | Promise<void>)[],
  stop: () => Promise<Result<void>>,
  earlierInstallAtStart: EarlierInstallTrace[],
): Promise<Services> {
  let earlierInstall = earlierInstallAtStart;
  const { now, log } = deps;
  const settings = createSettingsRepository(db, now);
  const secretBox = deps.secretBox === undefined ? createNodeSecretBox(join(deps.dataDir, 'secret.key')) : deps.secretBox;
  const accounts = createAccounts({
    db,
    box: secretBox,
    now,
    addSecret: (value) => log.addSecret(value),
  });
  const serviceMap = createServiceMapStore(db, now);
  const connections = createConnections({
    accounts,
    settings: () => settings.read(),
    alqimahServiceMap: () => serviceMap.read(),
    now,
    log,
    ...(deps.providerFetch ? { fetch: deps.providerFetch } : {}),
  });
  const session = createCashiers({ db, now, log });
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
    now,
    log,
    keep: () => settings.read().backupKeep,
  });
  const shifts = createShifts({ db, now, readBalances, cashierName: (id) => session.list().find((c) => c.id === id)?.name ?? id });

  const events = createEventBus();
  const sales = await createSaleServices(
    {
      db,
      now,
      log,
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
  stops.push(() => sales.close());

  stops.push(scheduleBackups(backups, events, deps.timer ?? realTimer, settings.read().backupEveryHours));
  const history = createHistory(db, sales.journal);
  stops.push(scheduleSearchIndexUpkeep(db, now));
  // The print service lives as long as the services do: it listens for settled sales whose
  // provisional receipt owes the final one.
  const printing = createPrintService({
    db,
    journal: sales.journal,
    settings,
    events,
    now,
    log,
    ...(deps.printer ? { adapter: deps.printer } : {}),
  });
  stops.push(printing.close);
  const hub = createHub({
    db,
    box: secretBox,
    now,
    log,
    events,
    settings,
    accounts,
    serviceMap,
    cashiers: session,
    readBalance: (id) => connections.balance(id),
    schemaFile: join(deps.migrationsDir, '..', '..', 'hub', 'hub-schema.sql'),
    ...(deps.hubShipper ? { shipper: deps.hubShipper } : {}),
    ...(deps.hubAlwaysTls ? { alwaysTls: true } : {}),
  });
  stops.push(() => hub.close());

  return {
    deps,
    db,
    events,
    settings,
    startedAt: now(),
    isTraining: () => sales.registry.isTraining(),
    accounts,
    connections,
    serviceMap,
    session,
    shifts,
    backups,
    sales,
    history,
    printing,
    counter: {
      recent: createRecentNumbers(db, now),
      lookup: createSubscriberLookup(sales.registry, now),
      catalogue: createCatalogueCache(db, now),
    },
    hub,
    earlierInstall: () => earlierInstall,
    forgetEarlierInstall: () => {
      earlierInstall = [];
    },
    stop,
  };
}

/** Backups on the owner's schedule, re-armed when the schedule changes. Returns a stop. */
function scheduleBackups(backups: Backups, events: EventBus, timer: Timer, everyHours: number): () => void {
  let hours = everyHours;
  let stopBackups = backups.schedule(timer, hours);
  const unsubscribe = events.subscribe((name, payload) => {
    if (name !== 'settings.changed') return;
    const changed = (payload as { backupEveryHours: number }).backupEveryHours;
    if (changed === hours) return;
    stopBackups();
    hours = changed;
    stopBackups = backups.schedule(timer, hours);
  });
  return () => {
    unsubscribe();
    stopBackups();
  };
}

async function stopAll(stops: (() => void | Promise<void>)[], log: AppLogger): Promise<Result<void>> {
  let failed: Result<void> = ok(undefined);
  for (const fn of stops.reverse()) {
    try {
      await fn();
    } catch (cause) {
      log.error('stop failed', { error: cause as Error });
      if (failed.ok) failed = err('app.stop_failed', cause instanceof Error ? cause.message : String(cause));
    }
  }
  return failed;
}

function runOnce<T>(fn: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | null = null;
  return () => (running ??= fn());
}

/** The owner's settings the sale services read at start: provider addresses and the webhook receiver. */
function ownerSaleOptions(settings: Settings) {
  const urls = Object.fromEntries(Object.entries(settings.providerUrls).filter(([, url]) => url !== ''));
  return {
    ...(Object.keys(urls).length > 0 ? { providerUrls: urls } : {}),
    webhook: { enabled: settings.webhookEnabled, port: settings.webhookPort, ...(settings.webhookPublicUrl ? { publicUrl: settings.webhookPublicUrl } : {}) },
  };
}
