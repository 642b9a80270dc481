// The composition root: every main-process service is built here, once, from injected adapters
// (clock, paths, secrets, printer, log). `electron/main.ts` calls it for the app; the web shell
// and the tests call it with their own adapters. Nothing reaches for a global.
import { join } from 'node:path';
import type { ChannelName } from '../shared/ipc';
import { ok, type Result } from '../shared/result';
import { createEventBus, type EventBus } from './events';
import { createDispatch, type Dispatch } from './ipc/dispatch';
import { createHandlers } from './ipc/handlers';
import type { AppLogger } from './log';
import { openDatabase, type Db } from './store/database';
import { createSettingsRepository, type SettingsRepository } from './store/settings-repository';
import type { PrinterAdapter } from './printing/receipt-printer';
import type { ProviderList } from './catalogue/subscriber-lookup';

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

  const services: Services = {
    deps,
    db,
    events: createEventBus(),
    settings: createSettingsRepository(db, deps.now),
    startedAt: deps.now(),
    isTraining: () => true,
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

  const handlers = createHandlers(services);
  services.dispatch = createDispatch(handlers, deps.log, (name: ChannelName) => authorize(services, name));
  return ok(services);
}

/** Owner-only channels behind the owner role; filled in by the cashiers feature. */
function authorize(_services: Services, _name: ChannelName): Result<void> {
  return ok(undefined);
}
