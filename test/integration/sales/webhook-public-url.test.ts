// issue 9 defect 6: a WebHookURL is sent only when the owner has entered a public address (a
// loopback one can never be called by the provider's platform); a replayed webhook adds no journal
// row; a negative or non-numeric price in a webhook is refused and logged.
import { afterEach, describe, expect, it } from 'vitest';
import type { Product } from '../../../shared/domain';
import { money } from '../../../shared/money';
import { settingsSchema } from '../../../shared/settings';
import { startWebhookReceiver } from '../../../electron/sales/webhook-receiver';
import { freePort, quietLog, startRig, type Rig } from './sale-rig';

const topUp: Product = { kind: 'amount', amount: money(1000_00) };
let rig: Rig;
let key = 0;
const submitKey = () => `hook-${++key}-abcdefgh`;

afterEach(async () => {
  await rig?.close();
});

describe('Al-Qimah webhook address', () => {
  it('with the receiver on but no public address, the payment carries no WebHookURL and status checks settle it', async () => {
    rig = await startRig({ sales: { webhook: { enabled: true } } });
    expect(rig.sales.webhook?.url).toBeNull();
    rig.alqimah.knobs.pending = { next: 1, probability: 0, checks: 1, outcome: 'succeeded' };
    const r = await rig.sales.engine.submit({ number: '777123456', product: topUp, submitKey: submitKey() });
    if (!r.ok) throw new Error(r.error.message);
    expect(rig.alqimah.ledger.transactions.get(r.value.id)?.webhook).toBeUndefined();
    await rig.reconcileAll(60_000, 10);
    expect(rig.sales.journal.get(Number(r.value.id))?.state).toBe('succeeded');
    expect(rig.alqimah.webhookCalls).toEqual([]);
  });

  it('with a public address, the payment names it and the provider\'s call settles the sale once', async () => {
    const port = await freePort();
    const publicUrl = `http://127.0.0.1:${port}/alqimah/webhook`; // stands in for the router's forward
    rig = await startRig({ sales: { webhook: { enabled: true, port, publicUrl } } });
    rig.alqimah.knobs.pending = { next: 1, probability: 0, checks: 0, outcome: 'succeeded' };
    const r = await rig.sales.engine.submit({ number: '777123456', product: topUp, submitKey: submitKey() });
    if (!r.ok) throw new Error(r.error.message);
    expect(rig.alqimah.ledger.transactions.get(r.value.id)?.webhook?.url).toBe(publicUrl);
    // A status check makes the simulator settle it and call the webhook.
    await rig.sales.reconciler.recheck(Number(r.value.id));
    await rig.alqimah.flushWebhooks();
    expect(rig.alqimah.webhookCalls.length).toBe(1);
    expect(rig.sales.journal.get(Number(r.value.id))?.state).toBe('succeeded');
    expect(rig.sales.journal.exchanges(Number(r.value.id)).filter((e) => e.kind === 'webhook').length).toBe(1);
  });

  it('a replayed call adds no row; a negative or non-numeric price is refused, logged and changes nothing', async () => {
    rig = await startRig();
    rig.alqimah.knobs.pending = { next: 1, probability: 0, checks: 5, outcome: 'succeeded' };
    const warnings: { message: string; fields?: Record<string, unknown> }[] = [];
    const log = { ...quietLog, warn: (message: string, fields?: Record<string, unknown>) => warnings.push({ message, ...(fields ? { fields } : {}) }) };
    const receiver = await startWebhookReceiver({ journal: rig.sales.journal, log, onSaleUpdated: () => {} }, { publicUrl: 'https://shop.example.com/alqimah/webhook' });
    try {
      // The engine hashes the code it sends: a sale made here with a known code.
      const { hashWebhookCode } = await import('../../../electron/sales/sale-engine');
      const sale = rig.sales.journal.create({ counter: 1, provider: 'alqimah', network: 'yemen_mobile', number: '777123456', product: topUp, training: false, webhookCodeHash: hashWebhookCode('code-for-this-sale-123') });
      rig.sales.journal.move(sale.txId, 'sent', {}, null);
      const call = (query: Record<string, string>) =>
        fetch(`${receiver.localUrl}?${new URLSearchParams({ WebHookCode: 'code-for-this-sale-123', TransactionID: String(sale.txId), ReferenceID: '220065', message: 'Order Sucsses', ...query })}`);
      for (const price of ['-507.87', 'abc', '1e5']) {
        expect((await call({ OperationStatus: '1', price })).status).toBe(400);
      }
      expect(rig.sales.journal.get(sale.txId)?.state).toBe('sent');
      expect(rig.sales.journal.exchanges(sale.txId)).toEqual([]);
      expect(warnings.filter((w) => w.message.startsWith('webhook refused: price')).length).toBe(3);
      expect(JSON.stringify(warnings)).not.toContain('code-for-this-sale-123');

      expect((await call({ OperationStatus: '1', price: '507.87' })).status).toBe(200);
      expect((await call({ OperationStatus: '1', price: '507.87' })).status).toBe(200);
      expect((await call({ OperationStatus: '1', price: '507.87' })).status).toBe(200);
      const after = rig.sales.journal.get(sale.txId)!;
      expect(after.state).toBe('succeeded');
      expect(after.price).toEqual(money(507_87));
      expect(rig.sales.journal.exchanges(sale.txId).filter((e) => e.kind === 'webhook').length).toBe(1);
      expect(rig.sales.journal.view(after).timeline.map((t) => t.state)).toEqual(['created', 'sent', 'succeeded']);
    } finally {
      await receiver.close();
    }
  });

  it('the public address setting is a URL the provider can reach, or empty', () => {
    const accepts = (webhookPublicUrl: string) => settingsSchema.partial().safeParse({ webhookPublicUrl }).success;
    expect(accepts('')).toBe(true);
    expect(accepts('https://shop.example.com/alqimah/webhook')).toBe(true);
    expect(accepts('http://203.0.113.7:8787/alqimah/webhook')).toBe(true);
    for (const bad of ['http://127.0.0.1:8787/alqimah/webhook', 'http://localhost:8787/x', 'http://[::1]:8787/x', 'shop.example.com', 'ftp://shop.example.com/x', 'not a url']) {
      expect(accepts(bad), bad).toBe(false);
    }
    expect(settingsSchema.parse({}).webhookPublicUrl).toBe('');
  });
});
