// Cashiers, their PINs and who is at the counter. Wrong tries are counted in the database so a
// restart does not reset them; after FREE_TRIES wrong PINs a cashier is locked out, twice as long
// after each further wrong PIN, and a locked cashier's PIN is not even checked until the lock ends.
// A try is counted, and the lock it would earn set, before the slow compare: PINs sent all at once
// are tries like any others, so at most FREE_TRIES of them are ever compared before the lock.
import { randomBytes } from 'node:crypto';
import type { Cashier, Role, SessionStatus } from '../../shared/ipc/cashiers';
import { err, ok, type Result } from '../../shared/result';
import type { Logger } from '../providers/provider';
import type { Db } from '../store/database';
import { hashPin, verifyPin } from './pin';

export const FREE_TRIES = 3;
export const FIRST_LOCK_MS = 30_000;
export const MAX_LOCK_MS = 60 * 60_000;

type Row = {
  id: string;
  name: string;
  role: Role;
  pin_hash: Buffer | null;
  pin_salt: Buffer | null;
  failed_tries: number;
  locked_until: number;
};

/** How long the lock lasts after the given number of wrong tries in a row (0: not locked). */
export function lockMs(failedTries: number): number {
  if (failedTries < FREE_TRIES) return 0;
  return Math.min(MAX_LOCK_MS, FIRST_LOCK_MS * 2 ** (failedTries - FREE_TRIES));
}

export function createCashiers(deps: { db: Db; now: () => number; log: Logger }) {
  const { db, now, log } = deps;
  const byId = db.prepare('SELECT * FROM cashiers WHERE id = ? AND active = 1');
  const all = db.prepare("SELECT * FROM cashiers WHERE active = 1 ORDER BY role = 'owner' DESC, created_at, id");
  const ownerWithPin = db.prepare("SELECT 1 FROM cashiers WHERE active = 1 AND role = 'owner' AND pin_hash IS NOT NULL LIMIT 1");
  const owners = db.prepare("SELECT COUNT(*) AS n FROM cashiers WHERE active = 1 AND role = 'owner'");
  const failed = db.prepare('UPDATE cashiers SET failed_tries = failed_tries + 1 WHERE id = ? RETURNING failed_tries');
  const lock = db.prepare('UPDATE cashiers SET locked_until = ? WHERE id = ?');
  const reset = db.prepare('UPDATE cashiers SET failed_tries = 0, locked_until = 0 WHERE id = ?');
  let signedIn: string | null = null;
  // Who hears that the cashiers changed here (the hub, which shares them from the owner's till).
  const listeners = new Set<() => void>();
  const changed = () => {
    for (const listener of listeners) listener();
  };

  function toCashier(row: Row): Cashier {
    return { id: row.id, name: row.name, role: row.role, hasPin: row.pin_hash !== null };
  }
  function row(id: string): Row | undefined {
    return byId.get(id) as Row | undefined;
  }
  function isRequired(): boolean {
    return ownerWithPin.get() !== undefined;
  }

  /** Who is at the counter: the signed-in cashier, or the owner while no owner PIN is set. */
  function current(): Cashier | null {
    if (!isRequired()) {
      const owner = (all.all() as Row[]).find((r) => r.role === 'owner');
      return owner ? toCashier(owner) : null;
    }
    const found = signedIn ? row(signedIn) : undefined;
    return found ? toCashier(found) : null;
  }

  function status(): SessionStatus {
    return { required: isRequired(), cashier: current() };
  }

  /** Counts a try and sets the lock it would earn if wrong, in one step; or when the lock ends, if the cashier is locked now. */
  const startTry = db.transaction((id: string, at: number): { tries: number; wait: number } | { lockedUntil: number } => {
    const current = row(id)!;
    if (current.locked_until > at) return { lockedUntil: current.locked_until };
    const tries = (failed.get(id) as { failed_tries: number }).failed_tries;
    const wait = lockMs(tries);
    if (wait > 0) lock.run(at + wait, id);
    return { tries, wait };
  });

  async function signIn(id: string, pin: string): Promise<Result<SessionStatus>> {
    const found = row(id);
    if (!found) return err('cashier.not_found', 'no such cashier');
    const at = now();
    const started = startTry(id, at);
    if ('lockedUntil' in started) {
      return err('auth.locked', 'too many wrong PINs', { seconds: Math.ceil((started.lockedUntil - at) / 1000) });
    }
    const good = found.pin_hash !== null && found.pin_salt !== null && (await verifyPin(pin, found.pin_hash, found.pin_salt));
    if (!good) {
      const { tries, wait } = started;
      log.warn('wrong PIN', { cashierId: id, tries, lockedForMs: wait });
      if (wait > 0) return err('auth.locked', 'too many wrong PINs', { seconds: Math.ceil(wait / 1000) });
      return err('auth.wrong_pin', 'wrong PIN', { left: FREE_TRIES - tries });
    }
    reset.run(id);
    signedIn = id;
    log.info('signed in', { cashierId: id, role: found.role });
    return ok(status());
  }

  async function save(input: { id?: string | undefined; name: string; role: Role; pin?: string | undefined }): Promise<Result<Cashier>> {
    const existing = input.id ? row(input.id) : undefined;
    if (input.id && !existing) return err('cashier.not_found', 'no such cashier');
    if (!existing && !input.pin) return err('auth.invalid_pin', 'a new cashier needs a PIN');
    if (existing?.role === 'owner' && input.role !== 'owner' && (owners.get() as { n: number }).n <= 1) {
      return err('auth.last_owner', 'the last owner stays an owner');
    }
    const wasRequired = isRequired();
    const hashed = input.pin ? await hashPin(input.pin) : null;
    const id = existing?.id ?? `c-${randomBytes(6).toString('hex')}`;
    db.transaction(() => {
      if (existing) db.prepare('UPDATE cashiers SET name = ?, role = ? WHERE id = ?').run(input.name, input.role, id);
      else db.prepare('INSERT INTO cashiers (id, name, role, created_at) VALUES (?, ?, ?, ?)').run(id, input.name, input.role, now());
      if (hashed) {
        db.prepare('UPDATE cashiers SET pin_hash = ?, pin_salt = ?, failed_tries = 0, locked_until = 0 WHERE id = ?').run(
          hashed.hash,
          hashed.salt,
          id,
        );
      }
    })();
    // The owner who sets the first PIN stays at the counter rather than being thrown out.
    if (!wasRequired && isRequired() && signedIn === null) signedIn = (all.all() as Row[]).find((r) => r.role === 'owner' && r.pin_hash)?.id ?? null;
    changed();
    return ok(toCashier(row(id)!));
  }

  function remove(id: string): Result<Cashier[]> {
    const found = row(id);
    if (!found) return err('cashier.not_found', 'no such cashier');
    if (found.role === 'owner' && (owners.get() as { n: number }).n <= 1) return err('auth.last_owner', 'the last owner stays');
    db.prepare('UPDATE cashiers SET active = 0 WHERE id = ?').run(id);
    if (signedIn === id) signedIn = null;
    changed();
    return ok(list());
  }

  function list(): Cashier[] {
    return (all.all() as Row[]).map(toCashier);
  }

  return {
    list,
    save,
    remove,
    signIn,
    signOut(): SessionStatus {
      signedIn = null;
      return status();
    },
    status,
    current,
    /** For the sale engine: the cashier each sale carries. */
    currentCashierId: (): string | null => current()?.id ?? null,
    isRequired,
    onChange(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
export type Cashiers = ReturnType<typeof createCashiers>;
