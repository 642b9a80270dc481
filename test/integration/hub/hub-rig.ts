// What the hub tests share: a real PostgreSQL on 127.0.0.1 with an owner role and its database
// (as the README's setup makes them), both providers' simulators on loopback, and counters that
// are the real services on their own data folders, all selling on the same provider accounts.
import { join } from 'node:path';
import pg from 'pg';
import { createHubStore } from '../../../electron/hub/hub-store';
import { createNodeSecretBox } from '../../../electron/platform/secret-box';
import { defaultSimAccount, startAlqimahSimulator, type AlqimahSimulator } from '../../harness/simulator-faults/alqimah';
import { startWetaSimulator, type WetaSimulator } from '../../harness/simulator-faults/weta';
import type { ServiceDeps } from '../../../electron/services';
import type { TestServices } from '../../support/test-services';
import type { ShipperOptions } from '../../../electron/hub/shipper';
import { startPostgres, type TestPostgres, type TestPostgresTls } from '../../support/postgres';
import { makeTempDir } from '../../support/temp-dir';
import { startTestServices } from '../../support/test-services';

export const OWNER = { user: 'shop_owner', password: 'owner-hub-password-1', database: 'shop_hub' };
export const WETA_ACCOUNT = { username: 'agent', password: 'agent-password' };

export type Counter = { dir: string; services: TestServices; close: () => Promise<unknown> };

export type HubRig = {
  pg: TestPostgres;
  address: string;
  alqimah: AlqimahSimulator;
  weta: WetaSimulator;
  /** The real services on a fresh (or given) data folder, selling through the simulators. */
  counter(dir?: string, extra?: Partial<ServiceDeps>): Promise<Counter>;
  /** A client as any role, for looking at the hub from outside the app. */
  sql<T extends pg.QueryResultRow>(user: string, password: string, text: string, values?: unknown[]): Promise<T[]>;
  asOwner<T extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
};

/** `tls`: the hub offers TLS with this certificate and refuses plain connections (test/support/postgres.ts). */
export async function startHubRig(options: { tls?: TestPostgresTls } = {}): Promise<HubRig> {
  const server = await startPostgres(options);
  const alqimah = await startAlqimahSimulator({ balanceMinor: 1_000_000_000_00, recordRequests: false, seed: 3 });
  const weta = await startWetaSimulator({ users: [{ ...WETA_ACCOUNT, balance: 1_000_000_000 }], recordLimit: 10, seed: 3 });
  const temps: ReturnType<typeof makeTempDir>[] = [];
  const open: Counter[] = [];

  async function sql<T extends pg.QueryResultRow>(user: string, password: string, text: string, values: unknown[] = [], database = OWNER.database) {
    const ssl = server.certificate ? { ca: server.certificate, rejectUnauthorized: true } : false;
    const client = new pg.Client({ host: server.host, port: server.port, user, password, database, ssl, connectionTimeoutMillis: 5_000 });
    await client.connect();
    try {
      return (await client.query<T>(text, values)).rows;
    } finally {
      await client.end();
    }
  }
  // What the owner (or whoever runs the hub computer) does once: a role that may create counter roles, and its database.
  await sql(server.superuser.user, server.superuser.password, `CREATE ROLE ${OWNER.user} LOGIN CREATEROLE PASSWORD '${OWNER.password}'`, [], 'postgres');
  await sql(server.superuser.user, server.superuser.password, `CREATE DATABASE ${OWNER.database} OWNER ${OWNER.user}`, [], 'postgres');

  return {
    pg: server,
    address: `127.0.0.1:${server.port}/${OWNER.database}`,
    alqimah,
    weta,
    sql,
    asOwner: (text, values) => sql(OWNER.user, OWNER.password, text, values),
    async counter(dir, extra = {}) {
      let folder = dir;
      if (!folder) {
        const temp = makeTempDir('pos-hub-counter-');
        temps.push(temp);
        folder = temp.dir;
      }
      const services = await startTestServices({ dataDir: folder, ...counterOptions(alqimah.url, weta.url), ...extra });
      const counter: Counter = { dir: folder, services, close: () => services.stop() };
      open.push(counter);
      return counter;
    },
    async close() {
      for (const counter of open) await counter.close().catch(() => undefined);
      await alqimah.close();
      await weta.close();
      server.remove();
      for (const temp of temps) temp.remove();
    },
  };
}

/** How a test till is built: selling on the simulators' shared accounts, shipping with short pauses. */
export function counterOptions(alqimahUrl: string, wetaUrl: string, shipper: Partial<ShipperOptions> = {}): Partial<ServiceDeps> {
  return {
    sales: {
      credentialsFor: async (id) => (id === 'alqimah' ? { ...defaultSimAccount } : { ...WETA_ACCOUNT }),
      providerUrls: { alqimah: alqimahUrl, weta: wetaUrl },
      providerOrder: ['weta', 'alqimah'],
      startReconciler: false,
      every: () => () => {},
      reconciler: { baseDelayMs: 5, maxDelayMs: 20, maxChecks: 20, notFoundGraceMs: 50 },
    },
    hubShipper: { idleMs: 30, backoffBaseMs: 50, backoffMaxMs: 300, ...shipper },
  };
}

/** The owner creates the shop from `till`'s Settings, selling on the simulators' shared accounts. */
export async function createShopFrom(rig: HubRig, till: Counter, shopName = 'Al-Amal shop') {
  till.services.accounts.set('alqimah', { ...defaultSimAccount });
  till.services.accounts.set('weta', { ...WETA_ACCOUNT });
  return till.services.dispatch(
    'hub.createShop',
    { address: rig.address, user: OWNER.user, password: OWNER.password, shopName, counterLabel: 'Till 1' },
    { trustedSender: true },
  );
}

/** A fresh till from which the owner creates the shop (counter 1); throws when refused. */
export async function ownersTill(rig: HubRig, extra?: Partial<ServiceDeps>): Promise<Counter> {
  const till = await rig.counter(undefined, extra);
  const created = await createShopFrom(rig, till);
  if (!created.ok) throw new Error(JSON.stringify(created));
  return till;
}

/** The owner's till issues a join code and `till` joins the shop with it; throws when either is refused. */
export async function joinShopFrom(rig: HubRig, owner: Counter, till: Counter, label = 'Till 2'): Promise<void> {
  const ctx = { trustedSender: true };
  const issued = await owner.services.dispatch('hub.joinCode', { label }, ctx);
  if (!issued.ok) throw new Error(JSON.stringify(issued));
  const joined = await till.services.dispatch('hub.join', { address: rig.address, code: (issued.value as { code: string }).code }, ctx);
  if (!joined.ok) throw new Error(JSON.stringify(joined));
}

/** The counter's own hub password, read the way the app reads it (with the till's key file). */
export function counterPassword(counter: Pick<Counter, 'dir' | 'services'>): string | null {
  return createHubStore(counter.services.db, createNodeSecretBox(join(counter.dir, 'secret.key')), Date.now).counterPassword();
}

/** Waits (bounded) until `check` holds; returns whether it did. */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 15_000, stepMs = 50): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, stepMs));
  }
  return check();
}
