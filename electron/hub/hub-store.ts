// This counter's side of the hub in SQLite: the link (who it is on the hub), the owner's role when
// this is the owner's till, their passwords (encrypted through the same SecretBox as provider
// credentials, read back only here) and the outbox that the journal's trigger fills.
import type { Db } from '../store/database';
import type { SecretBox } from '../platform/secret-box';
import type { HubEndpoint } from './hub-connection';

export type HubLink = HubEndpoint & {
  role: string;
  shopId: number;
  shopName: string;
  counterId: number;
  counterNumber: number;
  joinedAt: number;
};

export type HubOwner = HubEndpoint & { role: string; shopId: number | null };

/** A join under way: the counter role and the password this till gives it (hub-join.ts). */
export type PendingJoin = HubEndpoint & { role: string; password: string };

type LinkRow = {
  host: string;
  port: number;
  database: string;
  role: string;
  shop_id: number;
  shop_name: string;
  counter_id: number;
  counter_number: number;
  joined_at: number;
  certificate: string | null;
};

export function createHubStore(db: Db, box: SecretBox | null, now: () => number) {
  const selectLink = db.prepare('SELECT host, port, database, role, shop_id, shop_name, counter_id, counter_number, joined_at, certificate FROM hub_link');
  const selectOwner = db.prepare('SELECT host, port, database, role, shop_id, certificate FROM hub_owner');
  const selectSecret = db.prepare('SELECT ciphertext, backend FROM hub_secrets WHERE name = ?');
  const upsertSecret = db.prepare(
    `INSERT INTO hub_secrets (name, ciphertext, backend, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET ciphertext = excluded.ciphertext, backend = excluded.backend, updated_at = excluded.updated_at`,
  );

  function secret(name: 'counter' | 'owner'): string | null {
    const row = selectSecret.get(name) as { ciphertext: Buffer; backend: string } | undefined;
    if (!row || !box || row.backend !== box.backend) return null;
    return box.decrypt(row.ciphertext);
  }

  function storeSecret(name: 'counter' | 'owner', value: string): void {
    if (!box) throw new Error('no encryption available');
    upsertSecret.run(name, box.encrypt(value), box.backend, now());
  }

  const selectPending = db.prepare('SELECT host, port, database, role, certificate, ciphertext, backend FROM hub_pending_join');

  return {
    canStore: (): boolean => box !== null,
    /** The join under way, or null (none, or its password cannot be read with this till's key). */
    pendingJoin(): PendingJoin | null {
      const row = selectPending.get() as (HubEndpoint & { role: string; ciphertext: Buffer; backend: string }) | undefined;
      if (!row || !box || row.backend !== box.backend) return null;
      const password = box.decrypt(row.ciphertext);
      return password === null ? null : { host: row.host, port: row.port, database: row.database, certificate: row.certificate, role: row.role, password };
    },
    /** Saved before the hub is asked, so a till stopped after the hub took the code can still finish the join. */
    savePendingJoin(pending: PendingJoin): void {
      if (!box) throw new Error('no encryption available');
      db.prepare(
        `INSERT INTO hub_pending_join (id, host, port, database, role, certificate, ciphertext, backend, created_at) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET host = excluded.host, port = excluded.port, database = excluded.database, role = excluded.role,
           certificate = excluded.certificate, ciphertext = excluded.ciphertext, backend = excluded.backend, created_at = excluded.created_at`,
      ).run(pending.host, pending.port, pending.database, pending.role, pending.certificate, box.encrypt(pending.password), box.backend, now());
    },
    clearPendingJoin(): void {
      db.prepare('DELETE FROM hub_pending_join').run();
    },
    link(): HubLink | null {
      const row = selectLink.get() as LinkRow | undefined;
      if (!row) return null;
      return {
        host: row.host,
        port: row.port,
        database: row.database,
        role: row.role,
        shopId: row.shop_id,
        shopName: row.shop_name,
        counterId: row.counter_id,
        counterNumber: row.counter_number,
        joinedAt: row.joined_at,
        certificate: row.certificate,
      };
    },
    owner(): HubOwner | null {
      const row = selectOwner.get() as
        | { host: string; port: number; database: string; role: string; shop_id: number | null; certificate: string | null }
        | undefined;
      return row ? { host: row.host, port: row.port, database: row.database, role: row.role, shopId: row.shop_id, certificate: row.certificate } : null;
    },
    counterPassword: () => secret('counter'),
    ownerPassword: () => secret('owner'),
    saveOwner(owner: HubOwner, password: string): void {
      db.transaction(() => {
        db.prepare(
          `INSERT INTO hub_owner (id, host, port, database, role, shop_id, certificate, updated_at) VALUES (1, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET host = excluded.host, port = excluded.port, database = excluded.database,
             role = excluded.role, shop_id = excluded.shop_id, certificate = excluded.certificate, updated_at = excluded.updated_at`,
        ).run(owner.host, owner.port, owner.database, owner.role, owner.shopId, owner.certificate, now());
        storeSecret('owner', password);
      })();
    },
    /**
     * Links this counter, ends the join under way and queues every sale already in the journal, in
     * one transaction: from the next journal change on, the trigger queues each change itself.
     */
    saveLink(link: HubLink, password: string): void {
      db.transaction(() => {
        db.prepare(
          `INSERT INTO hub_link (id, host, port, database, role, shop_id, shop_name, counter_id, counter_number, joined_at, certificate)
           VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(link.host, link.port, link.database, link.role, link.shopId, link.shopName, link.counterId, link.counterNumber, link.joinedAt, link.certificate);
        storeSecret('counter', password);
        db.prepare('DELETE FROM hub_pending_join').run();
        db.prepare('INSERT INTO hub_outbox (tx_id) SELECT tx_id FROM sales ORDER BY tx_id').run();
      })();
    },
  };
}
export type HubStore = ReturnType<typeof createHubStore>;
