// The provider balance drift per provider account across every till that sells on it, judged
// against the simulators' own ledgers: two tills sell on the same accounts, so each till alone
// would show the other's sales as drift; the owner's view across tills shows none, and shows
// exactly what was spent on the account outside these tills.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { money } from '../../../shared/money';
import type { HubDrift, HubDriftLine } from '../../../shared/ipc/hub';
import { POSTGRES_MISSING } from '../../support/postgres';
import { createShopFrom, eventually, joinShopFrom, startHubRig, WETA_ACCOUNT, type Counter, type HubRig } from './hub-rig';

const ctx = { trustedSender: true };
let rig: HubRig;
let till1: Counter;
let till2: Counter;
let first: HubDrift;

/** What each simulator's ledger says the account holds, in YER minor units. */
function ledgers(): Record<'alqimah' | 'weta', number> {
  return { alqimah: rig.alqimah.ledger.balanceMinor, weta: rig.weta.ledger.balanceOf(WETA_ACCOUNT.username) * 100 };
}

async function drift(): Promise<Record<'alqimah' | 'weta', HubDriftLine>> {
  const answer = await till1.services.dispatch('hub.drift', {}, ctx);
  if (!answer.ok) throw new Error(JSON.stringify(answer));
  const lines = (answer.value as HubDrift).accounts;
  expect(lines.map((l) => l.provider).sort()).toEqual(['alqimah', 'weta']);
  return { alqimah: lines.find((l) => l.provider === 'alqimah')!, weta: lines.find((l) => l.provider === 'weta')! };
}

async function sell(rounds: number, tag: string): Promise<void> {
  for (let round = 0; round < rounds; round++) {
    await Promise.all(
      [till1, till2].map(async (till, i) => {
        // Al-Qimah amounts and Weta offers, alternating between the tills.
        const product = (round + i) % 2 === 0 ? { kind: 'amount' as const, amount: money((100 + round * 10 + i) * 100) } : { kind: 'offer' as const, code: String(1 + ((round + i) % 5)) };
        const sale = await till.services.sales.engine.submit({ number: `77${i}${tag}${String(round).padStart(5, '0')}`, product, submitKey: `drift-${tag}-${i}-${round}-key` });
        expect(sale.ok, JSON.stringify(sale)).toBe(true);
      }),
    );
  }
  const queued = (till: Counter) => till.services.db.prepare('SELECT count(*) FROM hub_outbox').pluck().get() as number;
  expect(await eventually(() => queued(till1) === 0 && queued(till2) === 0)).toBe(true);
}

function soldByJournals(provider: string, from: number): number {
  return [till1, till2]
    .map((t) => t.services.db.prepare("SELECT coalesce(sum(price_minor), 0) FROM sales WHERE provider = ? AND state = 'succeeded' AND created_at >= ?").pluck().get(provider, from) as number)
    .reduce((a, b) => a + b, 0);
}

describe.skipIf(POSTGRES_MISSING !== null)('provider balance drift across the tills of an account', () => {
  beforeAll(async () => {
    rig = await startHubRig();
    till1 = await rig.counter();
    till2 = await rig.counter();
    till1.services.settings.update({ providerUrls: { alqimah: rig.alqimah.url, weta: rig.weta.url } });
    const created = await createShopFrom(rig, till1);
    expect(created.ok, JSON.stringify(created)).toBe(true);
    await joinShopFrom(rig, till1, till2);
  }, 90_000);
  afterAll(async () => {
    await rig?.close();
  });

  it("the first reading is each account's balance as the simulators hold it, with nothing to compare yet", async () => {
    const before = ledgers();
    const lines = await drift();
    first = { accounts: [lines.alqimah, lines.weta] };
    for (const provider of ['alqimah', 'weta'] as const) {
      expect(lines[provider]).toMatchObject({ balance: { minor: before[provider], currency: 'YER' }, since: null, drift: null });
    }
  });

  it("two tills selling on the same accounts: every rial the ledgers lost is explained by the tills' sales, drift 0", async () => {
    const before = ledgers();
    await sell(6, '1');
    const after = ledgers();
    const lines = await drift();
    for (const provider of ['alqimah', 'weta'] as const) {
      const spent = before[provider] - after[provider];
      expect(spent).toBeGreaterThan(0);
      expect(lines[provider]).toMatchObject({
        since: first.accounts.find((l) => l.provider === provider)!.at,
        balance: { minor: after[provider] },
        spent: { minor: spent, currency: 'YER' },
        sold: { minor: soldByJournals(provider, 0), currency: 'YER' },
        drift: { minor: 0, currency: 'YER' },
        counters: 2,
        unsettled: 0,
      });
    }
  });

  it('money spent on the account outside these tills shows as that account’s drift, to the rial', async () => {
    const from = Date.now();
    rig.alqimah.ledger.balanceMinor -= 5_678_00;
    rig.weta.ledger.setBalance(WETA_ACCOUNT.username, rig.weta.ledger.balanceOf(WETA_ACCOUNT.username) - 1_234);
    await sell(2, '2');
    const lines = await drift();
    expect(lines.alqimah.drift).toEqual({ minor: 5_678_00, currency: 'YER' });
    expect(lines.weta.drift).toEqual({ minor: 1_234_00, currency: 'YER' });
    expect(lines.alqimah.sold?.minor).toBe(soldByJournals('alqimah', from));
    expect(lines.weta.sold?.minor).toBe(soldByJournals('weta', from));
  });

  it('a till that is not the owner cannot read the drift', async () => {
    const refused = await till2.services.dispatch('hub.drift', {}, ctx);
    expect(!refused.ok && refused.error.code).toBe('hub.not_linked');
  });
});
