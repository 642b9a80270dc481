// A till that stops between the hub taking its join code and writing the link down: the hub has
// already given the counter its number and the role this till's password, so the code is spent.
// The till must still finish joining (the same code typed again, or at its next start) with the
// number the hub gave, and the code must stay useless to anyone else. The stop comes right after
// the hub's commit: a temporary trigger makes the till's write of hub_link fail, or (in a child
// process, hub-join-kill-child.ts) waits there for a SIGKILL.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { money } from '../../../shared/money';
import { runUntilKilled } from '../../support/kill-child';
import { POSTGRES_MISSING } from '../../support/postgres';
import { eventually, ownersTill, startHubRig, type Counter, type HubRig } from './hub-rig';

const ctx = { trustedSender: true };
let rig: HubRig;
let owner: Counter;

async function issueCode(label: string): Promise<string> {
  const issued = await owner.services.dispatch('hub.joinCode', { label }, ctx);
  if (!issued.ok) throw new Error(JSON.stringify(issued));
  return (issued.value as { code: string }).code;
}

/** Makes the till's next write of its link fail, as if it stopped right after the hub committed the join. */
function stopAfterHubCommit(till: Counter): void {
  till.services.db.exec("CREATE TEMP TRIGGER stop_after_hub_commit BEFORE INSERT ON main.hub_link BEGIN SELECT RAISE(ABORT, 'till stopped'); END");
}

async function hubCounter(label: string) {
  return rig.asOwner<{ number: number | null; joined: boolean }>('SELECT number, joined_at IS NOT NULL AS joined FROM pos_hub.counters WHERE label = $1', [label]);
}

async function sellAndSeeOnHub(till: Counter, number: string): Promise<boolean> {
  const sale = await till.services.sales.engine.submit({ number, product: { kind: 'amount', amount: money(300_00) }, submitKey: `${number}-key` });
  expect(sale.ok, JSON.stringify(sale)).toBe(true);
  return eventually(async () => (await rig.asOwner('SELECT 1 FROM pos_hub.sales WHERE number = $1', [number])).length === 1);
}

describe.skipIf(POSTGRES_MISSING !== null)('a join the till did not write down', () => {
  beforeAll(async () => {
    rig = await startHubRig();
    owner = await ownersTill(rig);
  }, 60_000);
  afterAll(async () => {
    await rig?.close();
  });

  it('the same code typed again finishes the join with the number the hub gave; nobody else can use it', async () => {
    const code = await issueCode('Till 2');
    const till = await rig.counter();
    stopAfterHubCommit(till);
    const first = await till.services.dispatch('hub.join', { address: rig.address, code }, ctx);
    expect(first.ok).toBe(false);
    expect(till.services.hub.status().linked).toBe(false);
    // The hub did take the code: the counter has its number and the code's password no longer works.
    expect(await hubCounter('Till 2')).toEqual([{ number: 2, joined: true }]);
    expect(JSON.stringify(first)).not.toMatch(/[a-z2-9]{32}/);

    till.services.db.exec('DROP TRIGGER temp.stop_after_hub_commit');
    const again = await till.services.dispatch('hub.join', { address: rig.address, code }, ctx);
    expect(again.ok, JSON.stringify(again)).toBe(true);
    expect(again.ok && again.value).toMatchObject({ linked: true, counterNumber: 2 });
    expect(till.services.settings.read().counterNumber).toBe(2);
    expect(await sellAndSeeOnHub(till, '777200001')).toBe(true);

    const other = await rig.counter();
    const stolen = await other.services.dispatch('hub.join', { address: rig.address, code }, ctx);
    expect(!stolen.ok && stolen.error.code).toBe('hub.invalid_code');
    expect(other.services.hub.status().linked).toBe(false);
    expect(await hubCounter('Till 2')).toEqual([{ number: 2, joined: true }]);
  });

  it('a till restarted after the hub took its code finishes the join at start-up, with one number', async () => {
    const code = await issueCode('Till 3');
    const till = await rig.counter();
    stopAfterHubCommit(till);
    expect((await till.services.dispatch('hub.join', { address: rig.address, code }, ctx)).ok).toBe(false);
    expect(await hubCounter('Till 3')).toEqual([{ number: 3, joined: true }]);
    await till.close();

    const restarted = await rig.counter(till.dir);
    expect(await eventually(() => restarted.services.hub.status().linked, 10_000)).toBe(true);
    expect(restarted.services.hub.status().counterNumber).toBe(3);
    expect(restarted.services.settings.read().counterNumber).toBe(3);
    expect(await sellAndSeeOnHub(restarted, '777300001')).toBe(true);
    // Typing the code again changes nothing: already in the shop, still number 3.
    const retyped = await restarted.services.dispatch('hub.join', { address: rig.address, code }, ctx);
    expect(!retyped.ok && retyped.error.code).toBe('hub.already_linked');

    // A code typed after a join the hub took finishes that one rather than taking a second number.
    const code4 = await issueCode('Till 4');
    const till4 = await rig.counter();
    stopAfterHubCommit(till4);
    expect((await till4.services.dispatch('hub.join', { address: rig.address, code: code4 }, ctx)).ok).toBe(false);
    till4.services.db.exec('DROP TRIGGER temp.stop_after_hub_commit');
    const code5 = await issueCode('Till 5');
    const joined = await till4.services.dispatch('hub.join', { address: rig.address, code: code5 }, ctx);
    expect(joined.ok && joined.value).toMatchObject({ linked: true, counterNumber: 4 });
    expect(await hubCounter('Till 5')).toEqual([{ number: null, joined: false }]);
    const numbers = await rig.asOwner<{ number: number }>('SELECT number FROM pos_hub.counters WHERE joined_at IS NOT NULL ORDER BY number');
    expect(numbers.map((r) => r.number)).toEqual([1, 2, 3, 4]);
  });

  it('a till restarted while the hub is away finishes its join once the hub is back, without the code', async () => {
    const code = await issueCode('Till 9');
    const till = await rig.counter();
    stopAfterHubCommit(till);
    expect((await till.services.dispatch('hub.join', { address: rig.address, code }, ctx)).ok).toBe(false);
    const [claimed] = await hubCounter('Till 9');
    await till.close();
    rig.pg.stop();
    let restarted: Counter;
    try {
      restarted = await rig.counter(till.dir);
      await new Promise((r) => setTimeout(r, 1_000));
      expect(restarted.services.hub.status().linked).toBe(false);
    } finally {
      rig.pg.start();
    }
    expect(await eventually(() => restarted.services.hub.status().linked, 5_000)).toBe(true);
    expect(restarted.services.hub.status().counterNumber).toBe(claimed!.number);
  });

  it('a join that never reached the hub (a mistyped address) does not block joining with another code', async () => {
    const unused = await issueCode('Till 6');
    const till = await rig.counter();
    const [host, database] = [rig.address.split(':')[0], rig.address.split('/')[1]];
    const nowhere = await till.services.dispatch('hub.join', { address: `${host}:1/${database}`, code: unused }, ctx);
    expect(!nowhere.ok && nowhere.error.code).toBe('hub.unreachable');
    const code = await issueCode('Till 7');
    const joined = await till.services.dispatch('hub.join', { address: rig.address, code }, ctx);
    expect(joined.ok, JSON.stringify(joined)).toBe(true);
    const [seven] = await hubCounter('Till 7');
    expect(joined.ok && joined.value).toMatchObject({ linked: true, counterNumber: seven!.number });
    // The first code was never used, so it still works for another till.
    const other = await rig.counter();
    const used = await other.services.dispatch('hub.join', { address: rig.address, code: unused }, ctx);
    const [six] = await hubCounter('Till 6');
    expect(six).toMatchObject({ joined: true });
    expect(used.ok && used.value).toMatchObject({ linked: true, counterNumber: six!.number });
  });

  it('a till SIGKILLed inside the write of its link, after the hub committed, has its number after the restart', async () => {
    const code = await issueCode('Till 8');
    const fresh = await rig.counter();
    await fresh.close();
    const dir = fresh.dir;
    await runUntilKilled(join(import.meta.dirname, 'hub-join-kill-child.ts'), [dir, rig.alqimah.url, rig.weta.url, rig.address, code], 0);
    const [claimed] = await hubCounter('Till 8');
    expect(claimed).toMatchObject({ joined: true });
    const restarted = await rig.counter(dir);
    expect(await eventually(() => restarted.services.hub.status().linked, 10_000)).toBe(true);
    expect(restarted.services.hub.status().counterNumber).toBe(claimed!.number);
    expect(restarted.services.settings.read().counterNumber).toBe(claimed!.number);
    expect(await sellAndSeeOnHub(restarted, '777800001')).toBe(true);
    const stolen = await (await rig.counter()).services.dispatch('hub.join', { address: rig.address, code }, ctx);
    expect(!stolen.ok && stolen.error.code).toBe('hub.invalid_code');
  });
});
