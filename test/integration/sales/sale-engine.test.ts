// The sale engine against both real simulators on loopback (docs/architecture.md, "Sales"): exactly once, nothing lost.
import { afterEach, describe, expect, it } from 'vitest';
import type { Product } from '../../../shared/domain';
import { money } from '../../../shared/money';
import { chargesOf, freePort, simulatorState, startRig, WETA_USER, type Rig } from './sale-rig';

const topUp: Product = { kind: 'amount', amount: money(1000_00) };
const wetaOffer: Product = { kind: 'offer', code: '1' };
let rig: Rig;
let key = 0;
const submitKey = () => `key-${++key}-abcdefgh`;

afterEach(async () => {
  await rig?.close();
});

describe('sale engine', () => {
  it('a sale is journaled before it is sent and ends succeeded with the provider reference', async () => {
    rig = await startRig();
    const result = await rig.sales.engine.submit({ number: '777123456', product: topUp, submitKey: submitKey() });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const sale = result.value;
    expect(sale.state).toBe('succeeded');
    expect(sale.provider).toBe('alqimah');
    expect(sale.providerRef).toMatch(/^\d+$/);
    expect(sale.price).toEqual(money(1000_00));
    expect(sale.timeline.map((t) => t.state)).toEqual(['created', 'sent', 'succeeded']);
    expect(chargesOf(rig, 'alqimah', sale.id)).toBe(1);
    expect(rig.sales.journal.exchanges(Number(sale.id)).map((e) => e.kind)).toEqual(['pay']);
    expect(rig.events.some((e) => e.name === 'sale.updated')).toBe(true);
  });

  it('the same submitKey twice pays once and returns the same sale', async () => {
    rig = await startRig();
    const k = submitKey();
    const [a, b] = await Promise.all([
      rig.sales.engine.submit({ number: '777123456', product: topUp, submitKey: k }),
      rig.sales.engine.submit({ number: '777123456', product: topUp, submitKey: k }),
    ]);
    const c = await rig.sales.engine.submit({ number: '777123456', product: topUp, submitKey: k });
    expect(a.ok && b.ok && c.ok).toBe(true);
    if (!a.ok || !b.ok || !c.ok) return;
    expect(new Set([a.value.id, b.value.id, c.value.id]).size).toBe(1);
    expect(rig.alqimah.ledger.charges.length).toBe(1);
  });

  it('a second press while one is in flight for the same number and product returns the first sale, even with a new key', async () => {
    rig = await startRig();
    rig.alqimah.knobs.latency = { next: 1, probability: 0, ms: 150 };
    const first = rig.sales.engine.submit({ number: '777123456', product: topUp, submitKey: submitKey() });
    const second = await rig.sales.engine.submit({ number: '777123456', product: topUp, submitKey: submitKey(), confirmDuplicate: true });
    const one = await first;
    expect(one.ok && second.ok && one.value.id === second.value.id).toBe(true);
    expect(rig.alqimah.ledger.charges.length).toBe(1);
  });

  it('the same number and product within the window needs confirmDuplicate', async () => {
    rig = await startRig();
    const a = await rig.sales.engine.submit({ number: '777123456', product: topUp, submitKey: submitKey() });
    expect(a.ok).toBe(true);
    rig.clock.t += 60_000;
    const b = await rig.sales.engine.submit({ number: '0777 123 456', product: topUp, submitKey: submitKey() });
    expect(b.ok).toBe(false);
    if (!b.ok) expect(b.error.code).toBe('sale.duplicate_needs_confirm');
    const q = await rig.sales.engine.quote({ number: '777123456', product: topUp });
    expect(q.ok && q.value.duplicateOf?.id).toBe(a.ok && a.value.id);
    const c = await rig.sales.engine.submit({ number: '777123456', product: topUp, submitKey: submitKey(), confirmDuplicate: true });
    expect(c.ok && c.value.state).toBe('succeeded');
    rig.clock.t += 6 * 60_000;
    const d = await rig.sales.engine.submit({ number: '777123456', product: topUp, submitKey: submitKey() });
    expect(d.ok).toBe(true);
    expect(rig.alqimah.ledger.charges.length).toBe(3);
  });

  it('an answer dropped after the charge is unknown, then settled by the status call without paying again', async () => {
    rig = await startRig();
    rig.alqimah.knobs.dropAfterCharge = { next: 1, probability: 0, only: ['payment'] };
    const r = await rig.sales.engine.submit({ number: '777123456', product: topUp, submitKey: submitKey() });
    expect(r.ok && r.value.state).toBe('unknown');
    if (!r.ok) return;
    expect(rig.sales.engine.attention().map((s) => s.id)).toEqual([r.value.id]);
    await rig.reconcileAll(60_000);
    const after = rig.sales.engine.get(Number(r.value.id));
    expect(after.ok && after.value.state).toBe('succeeded');
    expect(after.ok && after.value.checks).toBe(1);
    expect(chargesOf(rig, 'alqimah', r.value.id)).toBe(1);
    expect(rig.sales.engine.attention()).toEqual([]);
  });

  it('a slow answer after the client time-out is matched to its existing sale: one charge, one sale', async () => {
    rig = await startRig({ timeoutMs: 100 });
    rig.alqimah.knobs.latency = { next: 0, probability: 1, ms: 300, only: ['payment'] };
    const r = await rig.sales.engine.submit({ number: '777123456', product: topUp, submitKey: submitKey() });
    expect(r.ok && r.value.state).toBe('unknown');
    if (!r.ok) return;
    rig.alqimah.knobs.latency = { next: 0, probability: 0, ms: 0 };
    await new Promise((resolve) => setTimeout(resolve, 400));
    await rig.reconcileAll(60_000);
    const after = rig.sales.engine.get(Number(r.value.id));
    expect(after.ok && after.value.state).toBe('succeeded');
    expect(rig.alqimah.ledger.charges.length).toBe(1);
    expect(rig.sales.journal.unresolved().length).toBe(0);
  });

  it('a 5xx before the charge stays unknown until the grace period, then the provider\'s not-found makes it failed', async () => {
    rig = await startRig();
    rig.alqimah.knobs.serverErrorBeforeCharge = { next: 1, probability: 0, only: ['payment'] };
    const r = await rig.sales.engine.submit({ number: '777123456', product: topUp, submitKey: submitKey() });
    expect(r.ok && r.value.state).toBe('unknown');
    if (!r.ok) return;
    rig.clock.t += 2 * 60_000;
    await rig.sales.reconciler.recheck(Number(r.value.id));
    expect(rig.sales.journal.get(Number(r.value.id))?.state).toBe('unknown');
    rig.clock.t += 10 * 60_000;
    await rig.sales.reconciler.recheck(Number(r.value.id));
    const after = rig.sales.journal.get(Number(r.value.id));
    expect(after?.state).toBe('failed');
    expect(after?.error?.code).toBe('provider.not_found');
    expect(chargesOf(rig, 'alqimah', r.value.id)).toBe(0);
  });

  it('a sale still open after its check budget stays in attention; a person can still re-check it', async () => {
    rig = await startRig({ reconciler: { maxChecks: 3 } });
    rig.alqimah.knobs.pending = { next: 1, probability: 0, checks: 6, outcome: 'succeeded' };
    const r = await rig.sales.engine.submit({ number: '777123456', product: topUp, submitKey: submitKey() });
    expect(r.ok && r.value.state).toBe('pending');
    if (!r.ok) return;
    await rig.reconcileAll(60 * 60_000, 10);
    const stuck = rig.sales.journal.get(Number(r.value.id));
    expect(stuck?.state).toBe('pending');
    expect(stuck?.checks).toBe(3);
    expect(stuck?.nextCheckAt).toBeNull();
    expect(rig.sales.engine.attention().map((s) => s.id)).toEqual([r.value.id]);
    for (let i = 0; i < 4; i++) await rig.sales.reconciler.recheck();
    expect(rig.sales.journal.get(Number(r.value.id))?.state).toBe('succeeded');
  });

  it('Weta sells its offers; an expired token is renewed and the payment still goes once', async () => {
    rig = await startRig({ order: ['weta', 'alqimah'] });
    const a = await rig.sales.engine.submit({ number: '+967 777 123 456', product: wetaOffer, submitKey: submitKey() });
    expect(a.ok && a.value.provider).toBe('weta');
    expect(a.ok && a.value.state).toBe('succeeded');
    rig.weta.knobs.next('*', { kind: 'token_expired' });
    const b = await rig.sales.engine.submit({ number: '733123456', product: wetaOffer, submitKey: submitKey() });
    expect(b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    await rig.reconcileAll(60_000);
    const final = rig.sales.journal.get(Number(b.value.id));
    expect(final?.state === 'succeeded' || final?.state === 'failed').toBe(true);
    expect(chargesOf(rig, 'weta', b.value.id)).toBeLessThanOrEqual(1);
    expect(simulatorState(rig, 'weta', b.value.id) ?? 'failed').toBe(final?.state);
  });

  it('falls back to the other provider only when the first cannot even log in, under the same id', async () => {
    rig = await startRig({
      order: ['alqimah', 'weta'],
      sales: {
        credentialsFor: async (id): Promise<Record<string, string>> => (id === 'alqimah' ? { userName: 'x', password: 'wrong', accountNumber: '1', apiToken: 'nope' } : { username: 'agent', password: 'agent-password' }),
      },
    });
    const r = await rig.sales.engine.submit({ number: '777123456', product: wetaOffer, submitKey: submitKey() });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.provider).toBe('weta');
    expect(r.value.state).toBe('succeeded');
    expect(chargesOf(rig, 'weta', r.value.id)).toBe(1);
    expect(rig.alqimah.ledger.charges.length).toBe(0);
  });

  it("an offer goes only to the provider whose list it came from, with the line type; the owner's routes choose who sells a network", async () => {
    rig = await startRig({ order: ['alqimah', 'weta'] });
    const taggedOffer: Product = { kind: 'offer', code: '1', provider: 'weta' };
    const quote = await rig.sales.engine.quote({ number: '777123456', product: taggedOffer });
    expect(quote.ok && quote.value.provider).toBe('weta');
    const sold = await rig.sales.engine.submit({ number: '777123456', product: taggedOffer, subscriberType: 'postpaid', submitKey: submitKey() });
    expect(sold.ok && sold.value).toMatchObject({ provider: 'weta', state: 'succeeded' });
    if (!sold.ok) return;
    expect(rig.weta.ledger.transaction(WETA_USER.username, Number(sold.value.id))?.type).toBe('postpaid');
    expect(rig.alqimah.ledger.charges.length).toBe(0);

    // The owner's route for the network is read at each sale: with Weta alone, an untagged offer
    // goes to Weta, and a top-up (which Weta does not sell) is refused before anything is sent.
    const before = await rig.sales.engine.submit({ number: '771234567', product: { kind: 'offer', code: '1' }, submitKey: submitKey() });
    expect(before.ok && before.value.provider).toBe('alqimah');
    rig.settings.providerRoutes = { yemen_mobile: ['weta'] };
    const after = await rig.sales.engine.submit({ number: '771234568', product: { kind: 'offer', code: '1' }, submitKey: submitKey() });
    expect(after.ok && after.value.provider).toBe('weta');
    const topUpRefused = await rig.sales.engine.submit({ number: '771234569', product: topUp, submitKey: submitKey() });
    expect(topUpRefused).toMatchObject({ ok: false, error: { code: 'provider.unsupported' } });
    expect(rig.weta.ledger.entries.filter((e) => e.kind === 'charge')).toHaveLength(2);
  });

  it('an offer from one provider never falls back to the other, which would not know its code', async () => {
    rig = await startRig({
      order: ['alqimah', 'weta'],
      sales: {
        credentialsFor: async (id): Promise<Record<string, string>> => (id === 'alqimah' ? { userName: 'x', password: 'wrong', accountNumber: '1', apiToken: 'nope' } : { ...WETA_USER }),
      },
    });
    const r = await rig.sales.engine.submit({ number: '777123456', product: { kind: 'offer', code: 'PREWhatsApp', provider: 'alqimah' }, submitKey: submitKey() });
    expect(r.ok && r.value.state).toBe('failed');
    expect(rig.weta.ledger.entries.length).toBe(0);
    expect(rig.alqimah.ledger.charges.length).toBe(0);
  });

  it('the Al-Qimah webhook settles a pending sale; a wrong code and an unknown id are refused', async () => {
    const port = await freePort();
    rig = await startRig({ sales: { webhook: { enabled: true, port, publicUrl: `http://127.0.0.1:${port}/alqimah/webhook` } } });
    rig.alqimah.knobs.pending = { next: 1, probability: 0, checks: 1, outcome: 'succeeded' };
    const r = await rig.sales.engine.submit({ number: '777123456', product: topUp, submitKey: submitKey() });
    expect(r.ok && r.value.state).toBe('pending');
    if (!r.ok) return;
    const url = rig.sales.webhook!.localUrl;
    const bad = await fetch(`${url}?OperationStatus=1&WebHookCode=guess&TransactionID=${r.value.id}&ReferenceID=1&price=1000&message=x`);
    expect(bad.status).toBe(403);
    const unknown = await fetch(`${url}?OperationStatus=1&WebHookCode=guess&TransactionID=123456789&ReferenceID=1`);
    expect(unknown.status).toBe(404);
    expect(rig.sales.journal.get(Number(r.value.id))?.state).toBe('pending');
    // The provider calls back with the per-sale code it was given (as the simulator holds it).
    const code = rig.alqimah.ledger.transactions.get(r.value.id)!.webhook!.code;
    expect(code.length).toBeGreaterThanOrEqual(16);
    const good = `${url}?OperationStatus=1&WebHookCode=${encodeURIComponent(code)}&TransactionID=${r.value.id}&ReferenceID=220065&price=1000&message=ok`;
    expect((await fetch(good)).status).toBe(200);
    expect(rig.sales.journal.get(Number(r.value.id))?.state).toBe('succeeded');
    // Idempotent: the same call again changes nothing and adds no row.
    expect((await fetch(good)).status).toBe(200);
    expect(rig.sales.journal.exchanges(Number(r.value.id)).filter((e) => e.kind === 'webhook').length).toBe(1);
    expect(rig.sales.engine.get(Number(r.value.id)).ok && (rig.sales.engine.get(Number(r.value.id)) as { value: { timeline: unknown[] } }).value.timeline.length).toBe(4);
    const view = JSON.stringify(rig.sales.engine.get(Number(r.value.id)));
    expect(view).not.toContain(code);
    expect(JSON.stringify(rig.sales.journal.exchanges(Number(r.value.id)))).not.toContain(code);
  });

  it('a sale left created by a crash was never sent: start-up fails it without asking a provider', async () => {
    rig = await startRig();
    const sale = rig.sales.journal.create({ counter: 1, provider: 'alqimah', network: 'yemen_mobile', number: '777123456', product: topUp, training: false });
    await rig.restart();
    await rig.sales.reconciler.start();
    expect(rig.sales.journal.get(sale.txId)?.state).toBe('failed');
    expect(rig.alqimah.ledger.usedIds.has(String(sale.txId))).toBe(false);
  });
});
