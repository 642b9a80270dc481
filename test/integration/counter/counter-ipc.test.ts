// The counter channels through the real composition root and services.dispatch (training mode:
// the providers' simulators on loopback): numbers in any digits, the landline/ADSL pick, the
// catalogue fetched once then served from SQLite until a refresh, one refresh at a time, and any
// payload answered with an envelope, never a throw.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CounterCatalogue } from '../../../shared/ipc/counter';
import { errorCodes } from '../../../shared/result';
import { makeTempDir } from '../../support/temp-dir';
import { startTestServices, type TestServices } from '../../support/test-services';

let services: TestServices;
let temp: ReturnType<typeof makeTempDir>;
let clock = Date.UTC(2026, 10, 23, 7, 0);
const ctx = { trustedSender: true };

beforeAll(async () => {
  temp = makeTempDir();
  services = await startTestServices({ dataDir: temp.dir, now: () => clock, sales: { startReconciler: false, every: () => () => {} } });
});

afterAll(async () => {
  await services?.stop();
  temp?.remove();
});

describe('counter channels over dispatch', () => {
  it('remembers numbers typed in any digits as national digits, newest first', async () => {
    expect(await services.dispatch('counter.recent', {}, ctx)).toEqual({ ok: true, value: { numbers: [] } });
    await services.dispatch('counter.remember', { number: '+967 ٧٧١ ٢٣٤ ٥٦٧' }, ctx);
    clock += 1000;
    const after = await services.dispatch('counter.remember', { number: '01234567', network: 'adsl' }, ctx);
    expect(after).toMatchObject({ ok: true, value: { numbers: [{ number: '1234567', network: 'adsl' }, { number: '771234567', network: 'yemen_mobile' }] } });
    expect(await services.dispatch('counter.remember', { number: '01234567' }, ctx)).toMatchObject({ ok: false, error: { code: 'input.network_required' } });
    expect(await services.dispatch('counter.remember', { number: '99' }, ctx)).toMatchObject({ ok: false, error: { code: 'input.number_unknown_prefix' } });
  });

  it('fetches the catalogue once, then serves it from SQLite until a refresh', async () => {
    const first = await services.dispatch('counter.catalogue', {}, ctx);
    if (!first.ok) throw new Error(first.error.message);
    const fetchedAt = (first.value as CounterCatalogue).fetchedAt;
    expect(fetchedAt).toBe(clock);
    clock += 60_000;
    const cached = await services.dispatch('counter.catalogue', {}, ctx);
    expect((cached as { value: CounterCatalogue }).value.fetchedAt).toBe(fetchedAt);
    const refreshed = await services.dispatch('counter.catalogue', { refresh: true }, ctx);
    expect((refreshed as { value: CounterCatalogue }).value.fetchedAt).toBe(clock);
  });

  it('two refreshes pressed together make one fetch', async () => {
    const provider = services.sales.registry.providers()[0]!;
    const original = provider.catalogue;
    let calls = 0;
    (provider as { catalogue: typeof original }).catalogue = async () => {
      calls += 1;
      return original();
    };
    try {
      const [a, b] = await Promise.all([
        services.dispatch('counter.catalogue', { refresh: true }, ctx),
        services.dispatch('counter.catalogue', { refresh: true }, ctx),
      ]);
      expect(a).toEqual(b);
      expect(calls).toBe(1);
    } finally {
      (provider as { catalogue: typeof original }).catalogue = original;
    }
  });

  it('answers offers and queries for the number, from the provider that sells its network', async () => {
    const offers = await services.dispatch('counter.offers', { number: '۷۱۱۲۳۴۵۶۷' }, ctx);
    expect(offers).toMatchObject({ ok: true, value: { network: 'sabafon' } });
    const balance = await services.dispatch('counter.query', { number: '771234567', kind: 'balance' }, ctx);
    expect(balance).toMatchObject({ ok: true, value: { network: 'yemen_mobile', provider: 'alqimah', info: { kind: 'balance' } } });
  });

  it('any payload gets an envelope with a known code, never a throw', async () => {
    const names = ['counter.recent', 'counter.remember', 'counter.offers', 'counter.query', 'counter.catalogue'] as const;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...names), fc.anything(), async (name, payload) => {
        const result = await services.dispatch(name, payload, ctx);
        if (!result.ok) expect(errorCodes).toContain(result.error.code);
      }),
      { numRuns: 150 },
    );
  });
});
