// A backup restored on a till of a shop: the till stays the counter the hub knows (its link, its
// password, its number), whether the backup was taken after joining or before; a backup of another
// till is refused; and every sale still reaches the hub. Judged from outside: the hub's rows against
// the journal, and both against the simulators' ledgers, to the rial.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { money } from '../../../shared/money';
import type { HubStatus } from '../../../shared/ipc/hub';
import { POSTGRES_MISSING } from '../../support/postgres';
import { eventually, ownersTill, joinShopFrom, startHubRig, type Counter, type HubRig } from './hub-rig';

const ctx = { trustedSender: true };
let rig: HubRig;
let owner: Counter;
let till: Counter;
let sold = 0;

async function sell(who: Counter): Promise<void> {
  sold++;
  const product = sold % 2 === 0 ? { kind: 'amount' as const, amount: money((200 + sold) * 100) } : { kind: 'offer' as const, code: String(1 + (sold % 5)) };
  const sale = await who.services.sales.engine.submit({ number: `7781${String(sold).padStart(5, '0')}`, product, submitKey: `restore-${sold}-key` });
  expect(sale.ok && sale.value.state, JSON.stringify(sale)).toBe('succeeded');
}

async function backUp(who: Counter): Promise<string> {
  const made = await who.services.dispatch('backup.now', {}, ctx);
  if (!made.ok) throw new Error(JSON.stringify(made));
  return (made.value as { name: string }).name;
}

async function restore(name: string): Promise<void> {
  const restored = await till.services.dispatch('backup.restore', { name }, ctx);
  expect(restored.ok, JSON.stringify(restored)).toBe(true);
}

function status(): HubStatus {
  return till.services.hub.status();
}

const queued = (who: Counter) => who.services.db.prepare('SELECT count(*) FROM hub_outbox').pluck().get() as number;

type Row = { tx_id: number; state: string; price_minor: number | null };
const journal = (who: Counter) => who.services.db.prepare('SELECT tx_id, state, price_minor FROM sales ORDER BY tx_id').all() as Row[];

/** Every sale of `who` on the hub under its counter, in its journal state and price, and nothing more. */
async function hubHoldsJournal(who: Counter, counterNumber: number): Promise<void> {
  expect(await eventually(() => queued(who) === 0, 20_000)).toBe(true);
  const rows = await rig.asOwner<{ tx_id: string; state: string; price_minor: string | null }>(
    'SELECT s.tx_id, s.state, s.price_minor FROM pos_hub.sales s JOIN pos_hub.counters c ON c.id = s.counter_id WHERE c.number = $1 ORDER BY s.tx_id',
    [counterNumber],
  );
  expect(rows.map((r) => ({ tx_id: Number(r.tx_id), state: r.state, price_minor: r.price_minor === null ? null : Number(r.price_minor) }))).toEqual(journal(who));
}

describe.skipIf(POSTGRES_MISSING !== null)('a restore on a till of a shop', () => {
  beforeAll(async () => {
    rig = await startHubRig();
    owner = await ownersTill(rig);
    till = await rig.counter();
  }, 60_000);
  afterAll(async () => {
    await rig?.close();
  });

  it('a backup taken after joining, then one from before joining: still counter 2, shipping goes on, the hub equals the journal and the ledgers', async () => {
    await sell(till);
    const beforeJoining = await backUp(till);
    await joinShopFrom(rig, owner, till);
    expect(status()).toMatchObject({ linked: true, counterNumber: 2 });
    await sell(till);
    await sell(owner);
    const afterJoining = await backUp(till);
    await sell(till);

    await restore(afterJoining);
    expect(status()).toMatchObject({ linked: true, owner: false, counterNumber: 2 });
    await sell(till);
    await hubHoldsJournal(till, 2);

    await restore(beforeJoining);
    expect(status()).toMatchObject({ linked: true, owner: false, counterNumber: 2 });
    expect(till.services.settings.read().counterNumber).toBe(2);
    await sell(till);
    expect(journal(till)).toHaveLength(5);
    await hubHoldsJournal(till, 2);
    await hubHoldsJournal(owner, 1);

    // To the rial: the hub's succeeded sales = both journals = the simulators' ledgers.
    const [hub] = await rig.asOwner<{ total: string }>("SELECT coalesce(sum(price_minor), 0)::text AS total FROM pos_hub.sales WHERE state = 'succeeded'");
    const journals = [...journal(owner), ...journal(till)].filter((r) => r.state === 'succeeded').reduce((sum, r) => sum + (r.price_minor ?? 0), 0);
    const alqimah = rig.alqimah.ledger.charges.reduce((s, c) => s + c.minor, 0) - rig.alqimah.ledger.refunds.reduce((s, c) => s + c.minor, 0);
    const weta = Math.round(rig.weta.ledger.entries.reduce((s, e) => s + (e.kind === 'charge' ? e.amount : -e.amount), 0) * 100);
    expect(journals).toBeGreaterThan(0);
    expect(Number(hub!.total)).toBe(journals);
    expect(alqimah + weta).toBe(journals);
  });

  it("a backup of another till of the shop is refused: its sales would be shipped again as this till's, and nothing is replaced", async () => {
    const ownersBackup = await backUp(owner);
    copyFileSync(join(owner.services.backups.folder, ownersBackup), join(till.services.backups.folder, ownersBackup));
    const before = journal(till);
    const [hubBefore] = await rig.asOwner<{ n: string }>('SELECT count(*) AS n FROM pos_hub.sales');
    const refused = await till.services.dispatch('backup.restore', { name: ownersBackup }, ctx);
    expect(!refused.ok && refused.error).toMatchObject({ code: 'backup.other_counter', params: { counter: 1 } });
    expect(status()).toMatchObject({ linked: true, owner: false, counterNumber: 2 });
    expect(journal(till)).toEqual(before);
    await sell(till);
    await hubHoldsJournal(till, 2);
    await hubHoldsJournal(owner, 1);
    const [hubAfter] = await rig.asOwner<{ n: string }>('SELECT count(*) AS n FROM pos_hub.sales');
    expect(Number(hubAfter!.n)).toBe(Number(hubBefore!.n) + 1);
  });

  it("the shop's shared settings, not the backup's, are the till's after a restore", async () => {
    expect((await owner.services.dispatch('settings.set', { receiptFooter: 'footer when backed up' }, ctx)).ok).toBe(true);
    expect(await eventually(async () => (await till.services.hub.pullSettings(), till.services.settings.read().receiptFooter === 'footer when backed up'))).toBe(true);
    const backup = await backUp(till);
    expect((await owner.services.dispatch('settings.set', { receiptFooter: 'footer of the shop today' }, ctx)).ok).toBe(true);
    expect(await eventually(async () => (await till.services.hub.pullSettings(), till.services.settings.read().receiptFooter === 'footer of the shop today'))).toBe(true);
    await restore(backup);
    expect(await eventually(() => till.services.settings.read().receiptFooter === 'footer of the shop today', 5_000)).toBe(true);
    expect(till.services.settings.read().counterNumber).toBe(2);
  });
});
