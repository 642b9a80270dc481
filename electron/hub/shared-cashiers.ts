// The shop's cashiers as the owner's till shares them through the hub: who they are, their role,
// and their PIN as the scrypt hash and salt this till already stores (never the PIN itself). Each
// till keeps its own count of wrong tries and its own locks; a till that pulls a changed PIN starts
// that cashier afresh.
import { z } from 'zod';
import { cashierIdSchema, roleSchema } from '../../shared/ipc/cashiers';
import type { Db } from '../store/database';

export const sharedCashierSchema = z.object({
  id: cashierIdSchema,
  name: z.string().max(60),
  role: roleSchema,
  pinHash: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
  pinSalt: z.string().regex(/^[0-9a-f]{32}$/).nullable(),
});
export type SharedCashier = z.infer<typeof sharedCashierSchema>;

type Row = { id: string; name: string; role: 'owner' | 'cashier'; pin_hash: Buffer | null; pin_salt: Buffer | null };

/** This till's active cashiers, as the owner's till shares them. */
export function sharedCashiersOf(db: Db): SharedCashier[] {
  const rows = db.prepare('SELECT id, name, role, pin_hash, pin_salt FROM cashiers WHERE active = 1 ORDER BY created_at, id').all() as Row[];
  return rows.map((r) => ({ id: r.id, name: r.name, role: r.role, pinHash: r.pin_hash?.toString('hex') ?? null, pinSalt: r.pin_salt?.toString('hex') ?? null }));
}

/**
 * Makes this till's cashiers the shop's: added or changed ones written, the others put aside (kept
 * as rows, since shifts and sales name them). A list without an owner is refused, so a till is
 * never left with nobody who may open the back office.
 */
export function applySharedCashiers(db: Db, cashiers: SharedCashier[], now: number): boolean {
  if (!cashiers.some((c) => c.role === 'owner')) return false;
  const find = db.prepare('SELECT pin_hash FROM cashiers WHERE id = ?');
  const insert = db.prepare('INSERT INTO cashiers (id, name, role, pin_hash, pin_salt, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  const update = db.prepare('UPDATE cashiers SET name = ?, role = ?, pin_hash = ?, pin_salt = ?, active = 1 WHERE id = ?');
  const restart = db.prepare('UPDATE cashiers SET failed_tries = 0, locked_until = 0 WHERE id = ?');
  db.transaction(() => {
    for (const c of cashiers) {
      const hash = c.pinHash && c.pinSalt ? Buffer.from(c.pinHash, 'hex') : null;
      const salt = c.pinHash && c.pinSalt ? Buffer.from(c.pinSalt, 'hex') : null;
      const existing = find.get(c.id) as { pin_hash: Buffer | null } | undefined;
      if (!existing) insert.run(c.id, c.name, c.role, hash, salt, now);
      else {
        update.run(c.name, c.role, hash, salt, c.id);
        if (!(existing.pin_hash && hash && existing.pin_hash.equals(hash))) restart.run(c.id);
      }
    }
    const kept = new Set(cashiers.map((c) => c.id));
    for (const { id } of db.prepare('SELECT id FROM cashiers WHERE active = 1').all() as { id: string }[]) {
      if (!kept.has(id)) db.prepare('UPDATE cashiers SET active = 0 WHERE id = ?').run(id);
    }
  })();
  return true;
}
