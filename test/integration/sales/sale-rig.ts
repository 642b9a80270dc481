// A sale engine on a real SQLite file, both real simulators on loopback and a clock the test moves:
// what the sale tests share. Built through createSaleServices, as the app is.
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { ProviderId } from '../../../shared/domain';
import { settingsSchema, type Settings } from '../../../shared/settings';
import { createEventBus } from '../../../electron/events';
import { defaultSimAccount, startAlqimahSimulator, type AlqimahSimulator } from '../../harness/simulator-faults/alqimah';
import { startWetaSimulator, type WetaSimulator } from '../../harness/simulator-faults/weta';
import { openDatabase, type Db } from '../../../electron/store/database';
import { createSaleServices, type SaleServiceOptions, type SaleServices } from '../../../electron/sales/sale-services';
import type { ReconcilerOptions } from '../../../electron/sales/reconciler';
import { makeTempDir, MIGRATIONS_DIR } from '../../support/temp-dir';

export const WETA_USER = { username: 'agent', password: 'agent-password' };

export const quietLog = { info: () => {}, warn: () => {}, error: () => {} };

export type Rig = {
  dir: string;
  db: Db;
  clock: { t: number; now: () => number };
  alqimah: AlqimahSimulator;
  weta: WetaSimulator;
  sales: SaleServices;
  settings: Settings;
  events: { name: string; payload: unknown }[];
  /** Close the services and the DB, keep the simulators and the file: a crash-free restart. */
  restart(): Promise<void>;
  /** Drive the reconciler with the clock until nothing is open or `rounds` are spent; returns rounds used. */
  reconcileAll(stepMs?: number, rounds?: number): Promise<number>;
  close(): Promise<void>;
};

export type RigOptions = {
  order?: readonly ProviderId[];
  reconciler?: Partial<ReconcilerOptions>;
  timeoutMs?: number;
  settings?: Partial<Settings>;
  sales?: Partial<SaleServiceOptions>;
  seed?: number;
};

export async function startRig(options: RigOptions = {}): Promise<Rig> {
  const temp = makeTempDir('pos-sales-');
  const clock = { t: Date.now(), now: () => clock.t };
  const alqimah = await startAlqimahSimulator({ balanceMinor: 1_000_000_000_00, recordRequests: false, seed: options.seed ?? 7, now: clock.now });
  const weta = await startWetaSimulator({ users: [{ ...WETA_USER, balance: 1_000_000_000 }], recordLimit: 10, seed: options.seed ?? 7, now: clock.now });
  const settings = settingsSchema.parse({ duplicateWindowMinutes: 5, ...options.settings });
  const recorded: { name: string; payload: unknown }[] = [];

  const build = async () => {
    const opened = openDatabase(join(temp.dir, 'pos.sqlite'), { migrationsDir: MIGRATIONS_DIR });
    if (!opened.ok) throw new Error(opened.error.message);
    const db = opened.value;
    const events = createEventBus();
    events.subscribe((name, payload) => recorded.push({ name, payload }));
    const sales = await createSaleServices(
      { db, now: clock.now, log: quietLog, events, settings: () => settings },
      {
        credentialsFor: async (id) => (id === 'alqimah' ? { ...defaultSimAccount } : { ...WETA_USER }),
        providerUrls: { alqimah: alqimah.url, weta: weta.url },
        providerTimeoutMs: options.timeoutMs ?? 2_000,
        ...(options.order ? { providerOrder: options.order } : {}),
        reconciler: { baseDelayMs: 1_000, maxDelayMs: 60_000, maxChecks: 10, notFoundGraceMs: 10 * 60_000, ...options.reconciler },
        every: () => () => {},
        random: () => 0.5,
        startReconciler: false,
        ...options.sales,
      },
    );
    return { db, sales };
  };

  let built = await build();
  const rig: Rig = {
    dir: temp.dir,
    get db() {
      return built.db;
    },
    clock,
    alqimah,
    weta,
    get sales() {
      return built.sales;
    },
    settings,
    events: recorded,
    async restart() {
      await built.sales.close();
      built.db.close();
      built = await build();
    },
    async reconcileAll(stepMs = 10 * 60_000, rounds = 60) {
      for (let round = 1; round <= rounds; round++) {
        if (built.sales.journal.unresolved().length === 0) return round - 1;
        clock.t += stepMs;
        await built.sales.reconciler.runDue(10_000);
      }
      return rounds;
    },
    async close() {
      await built.sales.close();
      built.db.close();
      await alqimah.close();
      await weta.close();
      temp.remove();
    },
  };
  return rig;
}

/** Net times the simulators charged a transaction id (each must be 0 or 1). */
export function chargesOf(rig: Rig, provider: ProviderId, txId: string): number {
  if (provider === 'alqimah') return rig.alqimah.ledger.chargesFor(txId);
  return rig.weta.ledger.entries.filter((e) => e.transId === Number(txId) && e.kind === 'charge').length;
}

/** What the simulator holds as the final state of a transaction id, or null when it never saw it charged. */
export function simulatorState(rig: Rig, provider: ProviderId, txId: string): 'succeeded' | 'failed' | 'pending' | null {
  if (provider === 'alqimah') {
    const tx = rig.alqimah.ledger.transactions.get(txId);
    return tx ? tx.state : null;
  }
  const tx = rig.weta.ledger.transaction(WETA_USER.username, Number(txId));
  if (!tx) return null;
  return tx.state === 'done' ? 'succeeded' : tx.state === 'banned' ? 'failed' : 'pending';
}

/** A loopback port free right now, for a receiver whose address must be known before it starts. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
