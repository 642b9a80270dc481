// Cashiers and sign-in through dispatch: a fresh install needs no PIN, the owner's first PIN turns
// sign-in on, wrong PINs lock a cashier out for longer each time (surviving a restart), and
// owner-only channels stay closed to cashiers.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FIRST_LOCK_MS, FREE_TRIES, lockMs } from '../../../electron/cashiers/cashiers';
import { makeTempDir } from '../../support/temp-dir';
import { startBackOffice, value, type Harness } from './back-office-harness';

let temp = makeTempDir();
let h: Harness;
let clock = 1_750_000_000_000;
const now = () => clock;

beforeEach(async () => {
  temp = makeTempDir();
  clock = 1_750_000_000_000;
  h = await startBackOffice(temp.dir, { now });
});
afterEach(async () => {
  await h.close();
  temp.remove();
});

async function withCashier() {
  value(await h.call('cashiers.save', { id: 'owner', name: 'Owner', role: 'owner', pin: '9876' }));
  const ali = value(await h.call('cashiers.save', { name: 'علي', role: 'cashier', pin: '1357' }));
  value(await h.call('session.signOut', {}));
  return ali;
}

describe('sign-in', () => {
  it('a fresh install opens as the owner with no PIN: training is usable at once', async () => {
    const status = value(await h.call('session.status', {}));
    expect(status).toEqual({ required: false, cashier: { id: 'owner', name: '', role: 'owner', hasPin: false } });
    expect(h.services.session.currentCashierId()).toBe('owner');
    expect((await h.call('settings.set', { shopName: 'x' })).ok).toBe(true);
  });

  it('the owner setting the first PIN stays signed in; after sign-out every channel but sign-in needs a cashier', async () => {
    value(await h.call('cashiers.save', { id: 'owner', name: 'Owner', role: 'owner', pin: '9876' }));
    expect(value(await h.call('session.status', {}))).toMatchObject({ required: true, cashier: { id: 'owner' } });
    value(await h.call('session.signOut', {}));
    expect(h.services.session.currentCashierId()).toBeNull();
    const refused = await h.call('history.search', { limit: 10 } as never);
    expect(!refused.ok && refused.error.code).toBe('auth.required');
    expect(value(await h.call('cashiers.list', {})).cashiers.map((c) => c.id)).toEqual(['owner']);
  });

  it('a cashier signs in with the PIN, a sale carries the cashier id, and owner-only channels are refused', async () => {
    const ali = await withCashier();
    const wrong = await h.call('session.signIn', { cashierId: ali.id, pin: '0000' });
    expect(!wrong.ok && wrong.error.code).toBe('auth.wrong_pin');
    value(await h.call('session.signIn', { cashierId: ali.id, pin: '1357' }));
    expect(h.services.session.currentCashierId()).toBe(ali.id);
    for (const name of ['settings.set', 'accounts.status', 'reports.day', 'backup.now', 'cashiers.save'] as const) {
      const payload = { 'settings.set': { shopName: 'x' }, 'accounts.status': {}, 'reports.day': { from: 0 }, 'backup.now': {}, 'cashiers.save': { name: 'x', role: 'owner', pin: '1111' } }[name];
      const refused = await h.call(name, payload as never);
      expect(!refused.ok && refused.error.code, name).toBe('auth.forbidden');
    }
    expect((await h.call('settings.get', {})).ok).toBe(true);
    expect((await h.call('shift.current', {})).ok).toBe(true);
    // A training sale through the real engine carries the signed-in cashier.
    const sale = value(
      await h.call('sale.submit', { number: '771234567', product: { kind: 'amount', amount: { minor: 100_00, currency: 'YER' } }, submitKey: 'cashier-test-0001' }),
    );
    expect(sale).toMatchObject({ cashierId: ali.id, training: true });
  });

  it('wrong PINs lock out with a growing wait, a locked PIN is not even checked, and the lock survives a restart', async () => {
    const ali = await withCashier();
    for (let i = 1; i < FREE_TRIES; i++) {
      const r = await h.call('session.signIn', { cashierId: ali.id, pin: '0000' });
      expect(!r.ok && r.error.code).toBe('auth.wrong_pin');
    }
    const locked = await h.call('session.signIn', { cashierId: ali.id, pin: '0000' });
    expect(locked.ok).toBe(false);
    if (!locked.ok) expect(locked.error).toMatchObject({ code: 'auth.locked', params: { seconds: FIRST_LOCK_MS / 1000 } });
    // The right PIN during the lock is refused too.
    const during = await h.call('session.signIn', { cashierId: ali.id, pin: '1357' });
    expect(!during.ok && during.error.code).toBe('auth.locked');

    await h.close();
    h = await startBackOffice(temp.dir, { now });
    const afterRestart = await h.call('session.signIn', { cashierId: ali.id, pin: '1357' });
    expect(!afterRestart.ok && afterRestart.error.code).toBe('auth.locked');

    clock += FIRST_LOCK_MS + 1;
    const again = await h.call('session.signIn', { cashierId: ali.id, pin: '0000' });
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error.params?.seconds).toBe((2 * FIRST_LOCK_MS) / 1000);
    clock += 2 * FIRST_LOCK_MS + 1;
    value(await h.call('session.signIn', { cashierId: ali.id, pin: '1357' }));
    // A good sign-in clears the count.
    value(await h.call('session.signOut', {}));
    const fresh = await h.call('session.signIn', { cashierId: ali.id, pin: '0000' });
    expect(!fresh.ok && fresh.error.code).toBe('auth.wrong_pin');
  });

  it('the lock grows and is capped', () => {
    expect([0, 1, 2].map(lockMs)).toEqual([0, 0, 0]);
    expect(lockMs(3)).toBe(FIRST_LOCK_MS);
    expect(lockMs(4)).toBe(2 * FIRST_LOCK_MS);
    expect(lockMs(40)).toBe(60 * 60_000);
  });

  it('PINs are stored as salted scrypt hashes: two cashiers with one PIN have different hashes', async () => {
    value(await h.call('cashiers.save', { id: 'owner', name: 'Owner', role: 'owner', pin: '2468' }));
    value(await h.call('cashiers.save', { name: 'B', role: 'cashier', pin: '2468' }));
    const rows = h.services.db.prepare('SELECT pin_hash, pin_salt FROM cashiers WHERE pin_hash IS NOT NULL').all() as { pin_hash: Buffer; pin_salt: Buffer }[];
    expect(rows).toHaveLength(2);
    expect(rows[0]!.pin_hash.equals(rows[1]!.pin_hash)).toBe(false);
    expect(rows[0]!.pin_hash.toString('latin1')).not.toContain('2468');
  });

  it('the last owner can be neither removed nor made a cashier; a bad PIN is refused by the schema', async () => {
    const demote = await h.call('cashiers.save', { id: 'owner', name: 'O', role: 'cashier', pin: '1234' });
    expect(!demote.ok && demote.error.code).toBe('auth.last_owner');
    const remove = await h.call('cashiers.remove', { id: 'owner' });
    expect(!remove.ok && remove.error.code).toBe('auth.last_owner');
    const short = await h.call('cashiers.save', { name: 'x', role: 'cashier', pin: '12' });
    expect(!short.ok && short.error.code).toBe('auth.invalid_pin');
  });
});
