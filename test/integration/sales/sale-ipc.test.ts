// The sale channels through services.dispatch: any payload gets a result envelope with a clear
// error, never a throw; a real submit goes end to end in training mode.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../electron/log';
import { makeTempDir } from '../../support/temp-dir';
import { startTestServices, type TestServices } from '../../support/test-services';
import { errorCodes } from '../../../shared/result';

let services: TestServices;
let temp: ReturnType<typeof makeTempDir>;
const lines: string[] = [];

beforeAll(async () => {
  temp = makeTempDir();
  services = await startTestServices({
    dataDir: temp.dir,
    log: createLogger((line) => lines.push(line)),
    sales: { startReconciler: false, every: () => () => {} },
  });
});

afterAll(async () => {
  await services?.stop();
  temp?.remove();
});

const ctx = { trustedSender: true };
const saleChannels = ['sale.quote', 'sale.submit', 'sale.get', 'sale.attention', 'sale.recheck'] as const;

describe('sale channels over dispatch', () => {
  it('with no provider account the app is in training and a sale goes through the in-process simulators, flagged training', async () => {
    expect(services.isTraining()).toBe(true);
    const quote = await services.dispatch('sale.quote', { number: '٧٧٧١٢٣٤٥٦', product: { kind: 'amount', amount: { minor: 50000, currency: 'YER' } } }, ctx);
    expect(quote.ok && (quote.value as { provider: string }).provider).toBe('alqimah');
    const sale = await services.dispatch('sale.submit', { number: '777123456', product: { kind: 'amount', amount: { minor: 50000, currency: 'YER' } }, submitKey: 'ipc-test-key-1' }, ctx);
    expect(sale.ok).toBe(true);
    if (!sale.ok) return;
    const view = sale.value as { id: string; state: string; training: boolean };
    expect(view.state).toBe('succeeded');
    expect(view.training).toBe(true);
    const got = await services.dispatch('sale.get', { id: view.id }, ctx);
    expect(got.ok && (got.value as { id: string }).id).toBe(view.id);
    const missing = await services.dispatch('sale.get', { id: '42' }, ctx);
    expect(!missing.ok && missing.error.code).toBe('sale.not_found');
  });

  it('no payload on a sale channel throws; each bad one gets a stable error code', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...saleChannels), fc.anything({ withBigInt: false }), async (name, payload) => {
        const r = await services.dispatch(name, payload, ctx);
        expect(typeof r.ok).toBe('boolean');
        if (!r.ok) {
          expect(errorCodes).toContain(r.error.code);
          expect(r.error.code).not.toBe('internal');
          expect(r.error.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 45 }), fc.option(fc.constantFrom('landline', 'adsl', 'you', 'bogus')), async (number, network) => {
        const r = await services.dispatch('sale.quote', { number, product: { kind: 'offer', code: 'X1' }, ...(network ? { network } : {}) }, ctx);
        if (!r.ok) expect(r.error.code).not.toBe('internal');
      }),
      { numRuns: 300 },
    );
    expect(lines.join('\n')).not.toContain('shop-password-1');
  });
});
