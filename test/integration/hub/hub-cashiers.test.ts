// Cashiers belong to the shop on the hub: the owner's till shares them (PIN hashes, never a PIN or
// a provider secret), every other till pulls them and keeps its last copy while the hub is away.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSimAccount } from '../../../electron/providers/alqimah/simulator';
import type { Cashier, SessionStatus } from '../../../shared/ipc/cashiers';
import { POSTGRES_MISSING } from '../../support/postgres';
import { createShopFrom, eventually, joinShopFrom, OWNER, startHubRig, WETA_ACCOUNT, type Counter, type HubRig } from './hub-rig';

const ctx = { trustedSender: true };
const PIN = '482913';
let rig: HubRig;
let till1: Counter;
let till2: Counter;

async function cashierOnTill2(name: string): Promise<string | undefined> {
  await till2.services.hub.pullSettings();
  return till2.services.session.list().find((c) => c.name === name)?.id;
}

describe.skipIf(POSTGRES_MISSING !== null)('cashiers shared through the hub', () => {
  beforeAll(async () => {
    rig = await startHubRig();
    till1 = await rig.counter();
    till2 = await rig.counter();
    const created = await createShopFrom(rig, till1);
    expect(created.ok, JSON.stringify(created)).toBe(true);
    // With the owner's PIN set, every till asks who is at the counter.
    const owner = await till1.services.dispatch('cashiers.save', { id: 'owner', name: 'Owner', role: 'owner', pin: '7319' }, ctx);
    expect(owner.ok, JSON.stringify(owner)).toBe(true);
    await joinShopFrom(rig, till1, till2);
  }, 90_000);
  afterAll(async () => {
    await rig?.close();
  });

  it("a cashier added on the owner's till signs in on till 2 after a pull; the hub holds the hash, never the PIN or a provider secret", async () => {
    const saved = await till1.services.dispatch('cashiers.save', { name: 'Saleh', role: 'cashier', pin: PIN }, ctx);
    if (!saved.ok) throw new Error(JSON.stringify(saved));
    let id: string | undefined;
    expect(await eventually(async () => (id = await cashierOnTill2('Saleh')) !== undefined)).toBe(true);
    expect(id).toBe((saved.value as Cashier).id);
    expect(till2.services.session.status()).toMatchObject({ required: true, cashier: null });

    const wrong = await till2.services.dispatch('session.signIn', { cashierId: id!, pin: '000000' }, ctx);
    expect(!wrong.ok && wrong.error.code).toBe('auth.wrong_pin');
    const signedIn = await till2.services.dispatch('session.signIn', { cashierId: id!, pin: PIN }, ctx);
    expect(signedIn.ok && (signedIn.value as SessionStatus).cashier).toMatchObject({ id, name: 'Saleh', role: 'cashier' });

    const [row] = await rig.asOwner<{ settings: unknown }>('SELECT settings FROM pos_hub.shop_settings');
    const text = JSON.stringify(row!.settings);
    const local = till1.services.db.prepare('SELECT pin_hash FROM cashiers WHERE id = ?').get(id) as { pin_hash: Buffer };
    expect(text).toContain(local.pin_hash.toString('hex'));
    for (const secret of [PIN, defaultSimAccount.password, WETA_ACCOUNT.password, OWNER.password]) expect(text).not.toContain(secret);
  });

  it('with the hub stopped till 2 keeps its copy and its cashier still signs in; a removal reaches it once the hub is back', async () => {
    const id = till2.services.session.list().find((c) => c.name === 'Saleh')!.id;
    rig.pg.stop();
    try {
      expect(await till2.services.hub.pullSettings()).toBe(false);
      till2.services.session.signOut();
      const signedIn = await till2.services.dispatch('session.signIn', { cashierId: id, pin: PIN }, ctx);
      expect(signedIn.ok && (signedIn.value as SessionStatus).cashier?.id).toBe(id);
    } finally {
      rig.pg.start();
    }
    const removed = await till1.services.dispatch('cashiers.remove', { id }, ctx);
    expect(removed.ok).toBe(true);
    expect(await eventually(async () => (await cashierOnTill2('Saleh')) === undefined)).toBe(true);
    const refused = await till2.services.dispatch('session.signIn', { cashierId: id, pin: PIN }, ctx);
    expect(!refused.ok && refused.error.code).toBe('cashier.not_found');
  });
});
