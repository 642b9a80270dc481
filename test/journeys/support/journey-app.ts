// What every journey starts from: the two providers' simulators on loopback (their ledgers are the
// judge), and the app's real services on a data folder, driven through dispatch exactly as the UI
// calls them. A restart is `close()` then `openApp` again on the same folder.
import { afterAll, beforeAll } from 'vitest';
import { makeTempDir } from '../../support/temp-dir';
import { startAlqimahSimulator, type AlqimahSimulator } from '../../harness/simulator-faults/alqimah';
import { startWetaSimulator, type WetaSimulator } from '../../harness/simulator-faults/weta';
import type { Product } from '../../../shared/domain';
import type { SaleView } from '../../../shared/ipc/sales';
import { startBackOffice, value, type Harness } from '../../integration/back-office/back-office-harness';

export { value, type Harness };

export type Simulators = { alqimah: AlqimahSimulator; weta: WetaSimulator; close: () => Promise<void> };

export const WETA_USER = { username: 'agent', password: 'agent-password' };

export async function startSimulators(): Promise<Simulators> {
  const alqimah = await startAlqimahSimulator({ balanceMinor: 50_000_000_00, seed: 9 });
  const weta = await startWetaSimulator({ seed: 9, users: [{ ...WETA_USER, balance: 50_000_000 }] });
  return { alqimah, weta, close: async () => void (await Promise.all([alqimah.close(), weta.close()])) };
}

export const OWNER = { id: 'owner', name: 'المالك', pin: '9876' };

/**
 * The app on `dataDir`, the owner signed in once an owner PIN is set; the reconciler checks quickly
 * so a journey sees sales settle in seconds.
 */
export async function openApp(dataDir: string, options: { now?: () => number } = {}): Promise<Harness> {
  const app = await startBackOffice(dataDir, {
    ...options,
    sales: { reconciler: { baseDelayMs: 50, maxDelayMs: 200, intervalMs: 100, notFoundGraceMs: 60_000 } },
  });
  if (value(await app.call('session.status', {})).required) value(await app.call('session.signIn', { cashierId: OWNER.id, pin: OWNER.pin }));
  return app;
}

/** The owner sets a PIN and enters both provider accounts (they take effect at the next start). */
export async function connectAccounts(app: Harness, sims: Simulators): Promise<void> {
  value(await app.call('cashiers.save', { id: OWNER.id, name: OWNER.name, role: 'owner', pin: OWNER.pin }));
  value(await app.call('settings.set', { providerUrls: { alqimah: sims.alqimah.url, weta: sims.weta.url } }));
  value(await app.call('accounts.set', { provider: 'alqimah', fields: { ...sims.alqimah.account } }));
  value(await app.call('accounts.set', { provider: 'weta', fields: WETA_USER }));
}

let keys = 0;
/** One press of the confirm button at the counter. */
export async function sell(app: Harness, number: string, product: Product): Promise<SaleView> {
  keys += 1;
  return value(await app.call('sale.submit', { number, product, submitKey: `journey-${process.pid}-${keys}-${Date.now()}`, confirmDuplicate: true }));
}

export const yer = (major: number): Product => ({ kind: 'amount', amount: { minor: major * 100, currency: 'YER' } });

/** Waits (bounded) until every sale the app knows is final, as the reconciler settles them. */
export async function settled(app: Harness, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const open = value(await app.call('sale.attention', {})).sales;
    if (open.length === 0) return;
    if (Date.now() > until) throw new Error(`sales still open: ${open.map((s) => `${s.id}:${s.state}`).join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export type JourneyRig = { temp: ReturnType<typeof makeTempDir>; sims: Simulators; /** The app open now; closed after the file. */ app: Harness };

/** A data folder and both simulators for one journey file, all closed and removed after it. */
export function journeyRig(): JourneyRig {
  const rig = {} as JourneyRig;
  beforeAll(async () => {
    rig.temp = makeTempDir();
    rig.sims = await startSimulators();
  });
  afterAll(async () => {
    await rig.app?.close();
    await rig.sims?.close();
    rig.temp?.remove();
  });
  return rig;
}
