// The owner saves shared settings quickly, many times: the hub must end with the last save, never
// an earlier one that happened to arrive late, and so must every till that pulls them. Judged on
// the hub's row once the owner's till has no connection to it left, and on another till's copy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POSTGRES_MISSING } from '../../support/postgres';
import { eventually, ownersTill, joinShopFrom, OWNER, startHubRig, type Counter, type HubRig } from './hub-rig';

const ctx = { trustedSender: true };
const SAVES = 20;
let rig: HubRig;
let owner: Counter;
let till: Counter;

/** True once the app holds no owner connection to the hub for a whole second: every push has ended. */
async function pushesEnded(): Promise<boolean> {
  const open = async () =>
    Number((await rig.asOwner<{ n: string }>("SELECT count(*) AS n FROM pg_stat_activity WHERE usename = $1 AND application_name = 'recharge-pos'", [OWNER.user]))[0]!.n);
  return eventually(async () => {
    for (let i = 0; i < 10; i++) {
      if ((await open()) > 0) return false;
      await new Promise((r) => setTimeout(r, 100));
    }
    return true;
  }, 20_000);
}

describe.skipIf(POSTGRES_MISSING !== null)("the owner's shared settings, saved quickly many times", () => {
  beforeAll(async () => {
    rig = await startHubRig();
    owner = await ownersTill(rig);
    till = await rig.counter();
    await joinShopFrom(rig, owner, till);
  }, 60_000);
  afterAll(async () => {
    await rig?.close();
  });

  it(`${SAVES} saves without waiting: the hub and the other till end with the last one`, async () => {
    for (let i = 1; i <= SAVES; i++) {
      const saved = await owner.services.dispatch(
        'settings.set',
        { receiptFooter: `footer ${i}`, packages: [{ network: 'sabafon', code: `PKG${i}`, name: `باقة ${i}` }] },
        ctx,
      );
      expect(saved.ok).toBe(true);
    }
    expect(await pushesEnded()).toBe(true);
    const [row] = await rig.asOwner<{ footer: string; code: string }>(
      "SELECT settings->>'receiptFooter' AS footer, settings->'packages'->0->>'code' AS code FROM pos_hub.shop_settings",
    );
    expect(row).toEqual({ footer: `footer ${SAVES}`, code: `PKG${SAVES}` });
    expect(await till.services.hub.pullSettings()).toBe(true);
    expect(till.services.settings.read()).toMatchObject({ receiptFooter: `footer ${SAVES}`, packages: [{ code: `PKG${SAVES}` }] });
  });
});
