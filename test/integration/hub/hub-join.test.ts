// Joining a shop on a real PostgreSQL hub: the owner creates the shop from its till, other tills
// join with one-time codes and are given their numbers by the hub; the hub's rules (row-level
// security, the counter-number constraint) hold against a counter that tries to break them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSimAccount } from '../../../electron/providers/alqimah/simulator';
import { createJoinCode, parseJoinCode, counterRoleName } from '../../../electron/hub/hub-owner';
import { openHubPool, parseHubAddress } from '../../../electron/hub/hub-connection';
import { createLogger } from '../../../electron/log';
import { money } from '../../../shared/money';
import type { HistoryPage } from '../../../shared/ipc/history';
import { POSTGRES_MISSING } from '../../support/postgres';
import { counterPassword, createShopFrom, eventually, OWNER, startHubRig, WETA_ACCOUNT, type Counter, type HubRig } from './hub-rig';

const ctx = { trustedSender: true };
let rig: HubRig;
let till1: Counter;
let till2: Counter;

describe.skipIf(POSTGRES_MISSING !== null)('joining a shop on the hub', () => {
  beforeAll(async () => {
    rig = await startHubRig();
    till1 = await rig.counter();
    till2 = await rig.counter();
  }, 60_000);
  afterAll(async () => {
    await rig?.close();
  });

  it('without a hub nothing changes: no connection, and sales leave no outbox rows', async () => {
    const sale = await till1.services.sales.engine.submit({ number: '777000001', product: { kind: 'amount', amount: money(500_00) }, submitKey: 'before-hub-1-key' });
    expect(sale.ok).toBe(true);
    expect(till1.services.db.prepare('SELECT count(*) FROM hub_outbox').pluck().get()).toBe(0);
    const status = await till1.services.dispatch('hub.status', {}, ctx);
    expect(status.ok && status.value).toMatchObject({ linked: false, owner: false, queued: 0 });
  });

  it('the owner creates the shop from its till: the till is counter 1 and its earlier sale reaches the hub', async () => {
    const created = await createShopFrom(rig, till1);
    expect(created.ok, JSON.stringify(created)).toBe(true);
    expect(created.ok && created.value).toMatchObject({ linked: true, owner: true, counterNumber: 1, shopName: 'Al-Amal shop' });
    expect(JSON.stringify(created)).not.toContain(OWNER.password);
    expect(till1.services.settings.read().counterNumber).toBe(1);
    expect(await eventually(async () => (await rig.asOwner('SELECT 1 FROM pos_hub.sales')).length === 1)).toBe(true);
    const [row] = await rig.asOwner<{ number: string; state: string }>('SELECT number, state FROM pos_hub.sales');
    expect(row).toEqual({ number: '777000001', state: 'succeeded' });
  });

  it('a second till joins with a one-time code and is given number 2; the code does not work twice', async () => {
    const issued = await till1.services.dispatch('hub.joinCode', { label: 'Till 2' }, ctx);
    expect(issued.ok).toBe(true);
    if (!issued.ok) return;
    const joined = await till2.services.dispatch('hub.join', { address: rig.address, code: (issued.value as { code: string }).code }, ctx);
    expect(joined.ok && joined.value).toMatchObject({ linked: true, owner: false, counterNumber: 2 });
    expect(till2.services.settings.read().counterNumber).toBe(2);
    const retyped = await till2.services.dispatch('settings.set', { counterNumber: 1 }, ctx);
    expect(!retyped.ok && retyped.error.code).toBe('hub.counter_number_given');
    expect(till2.services.settings.read().counterNumber).toBe(2);
    expect((await till2.services.dispatch('settings.set', { counterNumber: 2, shopName: 'Till two' }, ctx)).ok).toBe(true);
    const till3 = await rig.counter();
    const again = await till3.services.dispatch('hub.join', { address: rig.address, code: (issued.value as { code: string }).code }, ctx);
    expect(!again.ok && again.error.code).toBe('hub.invalid_code');
    const bad = await till3.services.dispatch('hub.join', { address: rig.address, code: 'not-a-code-at-all' }, ctx);
    expect(!bad.ok && bad.error.code).toBe('hub.invalid_code');
    const wrongAddress = await till3.services.dispatch('hub.join', { address: 'nowhere', code: (issued.value as { code: string }).code }, ctx);
    expect(!wrongAddress.ok && wrongAddress.error.code).toBe('input.invalid_format');
  });

  it("the owner's packages, routes and service map reach the other till; with the hub away it keeps its last copy", async () => {
    const packages = [{ network: 'sabafon' as const, code: 'HUB1', name: 'باقة المحل' }];
    const changed = await till1.services.dispatch('settings.set', { packages, providerRoutes: { you: ['weta', 'alqimah'] }, receiptFooter: 'شكراً' }, ctx);
    expect(changed.ok).toBe(true);
    expect(await eventually(async () => {
      await till2.services.hub.pullSettings();
      return JSON.stringify(till2.services.settings.read().packages) === JSON.stringify(packages);
    })).toBe(true);
    expect(till2.services.settings.read()).toMatchObject({ providerRoutes: { you: ['weta', 'alqimah'] }, receiptFooter: 'شكراً', counterNumber: 2 });
    rig.pg.stop();
    try {
      expect(await till2.services.hub.pullSettings()).toBe(false);
      expect(till2.services.settings.read().packages).toEqual(packages);
    } finally {
      rig.pg.start();
    }
  });

  it('two counters are never given the same number: 12 joins at once get 12 different numbers, held by a constraint', async () => {
    const address = parseHubAddress(rig.address)!;
    const log = createLogger(() => undefined);
    const ownerPool = openHubPool(address, OWNER.user, OWNER.password, log, 1);
    const [shop] = await rig.asOwner<{ id: string }>('SELECT id FROM pos_hub.shops');
    const codes = [];
    for (let i = 0; i < 12; i++) codes.push(await createJoinCode(ownerPool, Number(shop!.id), `Till x${i}`, OWNER.database));
    await ownerPool.end();
    const claims = await Promise.all(
      codes.map((code) => rig.sql<{ counter_number: number }>(counterRoleName(code), code.password, 'SELECT counter_number FROM pos_hub.claim_counter()')),
    );
    const numbers = claims.map((rows) => rows[0]!.counter_number);
    expect(new Set(numbers).size).toBe(12);
    expect(numbers.every((n) => n > 2)).toBe(true);
    const keys = await rig.asOwner<{ account_key: string }>('SELECT DISTINCT account_key FROM pos_hub.counter_numbers');
    expect(keys).toHaveLength(2);
    // The constraint itself refuses a second counter on a taken number, whatever the code does.
    const [first, second] = await rig.asOwner<{ id: string }>('SELECT id FROM pos_hub.counters WHERE number IS NOT NULL ORDER BY id LIMIT 2');
    await expect(
      rig.asOwner("INSERT INTO pos_hub.counter_numbers (account_key, number, counter_id) SELECT account_key, 1, $1 FROM pos_hub.counter_numbers WHERE counter_id = $2 LIMIT 1", [second!.id, first!.id]),
    ).rejects.toThrow(/duplicate key/);
  });

  it("row-level security: a counter reads its shop's sales but cannot write or change another counter's", async () => {
    await till2.services.sales.engine.submit({ number: '777000002', product: { kind: 'amount', amount: money(700_00) }, submitKey: 'till2-sale-1-key' });
    expect(await eventually(async () => (await rig.asOwner('SELECT 1 FROM pos_hub.sales')).length === 2)).toBe(true);
    const link = till2.services.db.prepare('SELECT role, counter_id, shop_id FROM hub_link').get() as { role: string; counter_id: number; shop_id: number };
    const password = readCounterPassword(till2);
    const seen = await rig.sql<{ number: string }>(link.role, password, 'SELECT number FROM pos_hub.sales ORDER BY number');
    expect(seen.map((r) => r.number)).toEqual(['777000001', '777000002']);
    const [other] = await rig.asOwner<{ counter_id: string }>("SELECT counter_id FROM pos_hub.sales WHERE number = '777000001'");
    await expect(
      rig.sql(link.role, password,
        `INSERT INTO pos_hub.sales (shop_id, counter_id, tx_id, provider, network, number, product, state, training, created_at, updated_at)
         VALUES ($1, $2, 1, 'alqimah', 'yemen_mobile', '777999999', '{}', 'succeeded', false, 0, 0)`, [link.shop_id, other!.counter_id]),
    ).rejects.toThrow(/row-level security/);
    const changed = await rig.sql(link.role, password, "UPDATE pos_hub.sales SET state = 'failed' WHERE counter_id = $1 RETURNING 1", [other!.counter_id]);
    expect(changed).toHaveLength(0);
    await expect(rig.sql(link.role, password, 'DELETE FROM pos_hub.sales')).rejects.toThrow(/permission denied/);
    await expect(rig.sql(link.role, password, 'SELECT * FROM pos_hub.counter_numbers')).rejects.toThrow(/permission denied/);
    const [still] = await rig.asOwner<{ state: string }>("SELECT state FROM pos_hub.sales WHERE number = '777000001'");
    expect(still!.state).toBe('succeeded');
  });

  it("history across tills: till 2 finds till 1's sale through the hub; with the hub away it answers alone, marked so", async () => {
    const all = await till2.services.dispatch('history.search', { text: '777000001' }, ctx);
    expect(all.ok).toBe(true);
    const page = (all as { value: HistoryPage }).value;
    expect(page.scope).toEqual({ allCounters: true, hubUnreachableSince: null });
    expect(page.sales.map((r) => [r.number, r.counter, r.state])).toEqual([['777000001', 1, 'succeeded']]);
    const everything = (await till2.services.dispatch('history.search', { limit: 1 }, ctx)) as { ok: true; value: HistoryPage };
    expect(everything.value.sales.map((r) => r.number)).toEqual(['777000002']);
    const next = (await till2.services.dispatch('history.search', { limit: 1, cursor: everything.value.nextCursor! }, ctx)) as { ok: true; value: HistoryPage };
    expect(next.value.sales.map((r) => r.number)).toEqual(['777000001']);
    // Another shop of the same owner stays out of this shop's search (it runs with the owner's rights).
    const [other] = await rig.asOwner<{ id: string }>("INSERT INTO pos_hub.shops (name) VALUES ('Other shop') RETURNING id");
    const [otherCounter] = await rig.asOwner<{ id: string }>(
      "INSERT INTO pos_hub.counters (shop_id, role_name, label, number, joined_at) VALUES ($1, 'pos_counter_other', 'X', 1, now()) RETURNING id",
      [other!.id],
    );
    await rig.asOwner(
      `INSERT INTO pos_hub.sales (shop_id, counter_id, tx_id, provider, network, number, product, state, training, created_at, updated_at)
       VALUES ($1, $2, 5, 'alqimah', 'yemen_mobile', '777000001', '{"kind":"amount","amount":{"minor":100,"currency":"YER"}}', 'succeeded', false, 1, 1)`,
      [other!.id, otherCounter!.id],
    );
    const mine = (await till2.services.dispatch('history.search', { text: '777000001' }, ctx)) as { ok: true; value: HistoryPage };
    expect(mine.value.sales.map((r) => r.id)).toEqual([page.sales[0]!.id]);
    const detail = await till2.services.dispatch('history.get', { id: page.sales[0]!.id }, ctx);
    expect(detail.ok && (detail.value as { sale: { number: string; state: string } }).sale).toMatchObject({ number: '777000001', state: 'succeeded' });
    // Its receipt, reprinted from till 2, is a copy.
    const preview = await till2.services.dispatch('receipt.preview', { id: page.sales[0]!.id }, ctx);
    expect(preview.ok && (preview.value as { kind: string; sale: { number: string } })).toMatchObject({ kind: 'copy', sale: { number: '777000001' } });
    const reprint = await till2.services.dispatch('receipt.print', { id: page.sales[0]!.id }, ctx);
    expect(reprint.ok || reprint.error.code.startsWith('printer.')).toBe(true);

    rig.pg.stop();
    try {
      const started = Date.now();
      const local = (await till2.services.dispatch('history.search', { text: '7770000' }, ctx)) as { ok: true; value: HistoryPage };
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(local.value.scope?.allCounters).toBe(false);
      expect(local.value.scope?.hubUnreachableSince).toEqual(expect.any(Number));
      expect(local.value.sales.map((r) => r.number)).toEqual(['777000002']);
      const status = (await till2.services.dispatch('hub.status', {}, ctx)) as { ok: true; value: { unreachableSince: number | null } };
      expect(status.value.unreachableSince).toEqual(expect.any(Number));
    } finally {
      rig.pg.start();
    }
    expect(await eventually(async () => {
      const back = (await till2.services.dispatch('history.search', { text: '777000001' }, ctx)) as { ok: true; value: HistoryPage };
      return back.value.scope?.allCounters === true;
    })).toBe(true);
  });

  it('no provider secret and no hub password is anywhere on the hub', async () => {
    const dump = await rig.asOwner<{ t: string }>(
      `SELECT concat_ws('|', (SELECT json_agg(s) FROM pos_hub.sales s), (SELECT json_agg(c) FROM pos_hub.counters c),
         (SELECT json_agg(a) FROM pos_hub.shop_accounts a), (SELECT json_agg(h) FROM pos_hub.shops h)) AS t`,
    );
    const text = dump[0]!.t;
    for (const secret of [defaultSimAccount.password, defaultSimAccount.apiToken, defaultSimAccount.userName, defaultSimAccount.accountNumber, WETA_ACCOUNT.password]) {
      expect(text).not.toContain(secret);
    }
    expect(parseJoinCode('1-abcdef-abcdefghjkmnpqrstuvw')).not.toBeNull();
  });
});

/** The counter's own hub password, decrypted as the app does (it never leaves through IPC). */
function readCounterPassword(counter: Counter): string {
  const stored = counter.services.db.prepare("SELECT ciphertext FROM hub_secrets WHERE name = 'counter'").pluck().get() as Buffer;
  expect(stored.toString('latin1')).not.toMatch(/[a-z2-9]{32}/);
  const password = counterPassword(counter);
  expect(password).toMatch(/^[a-z2-9]{32}$/);
  return password!;
}
