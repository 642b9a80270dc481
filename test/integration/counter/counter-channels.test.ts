// The counter channels over a real SQLite file and the real provider clients against their
// simulators on loopback (training mode): recent numbers persist and stay bounded, the catalogue
// is cached with its fetch time and browsable when the provider is gone, offers and queries come
// from the provider that sells the network.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createCatalogueCache } from '../../../electron/catalogue/catalogue-cache';
import { createRecentNumbers } from '../../../electron/catalogue/recent-numbers';
import { createSubscriberLookup, resolveNumber } from '../../../electron/catalogue/subscriber-lookup';
import { createProviderRegistry, type ProviderRegistry } from '../../../electron/providers/registry';
import type { Provider } from '../../../electron/providers/provider';
import { openDatabase, type Db } from '../../../electron/store/database';
import type { Network, ProviderId } from '../../../shared/domain';
import { money } from '../../../shared/money';
import { err } from '../../../shared/result';
import type { Package } from '../../../shared/settings';
import { makeTempDir, MIGRATIONS_DIR } from '../../support/temp-dir';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
let temp: ReturnType<typeof makeTempDir>;
let db: Db;
let clock = Date.UTC(2026, 10, 1, 9, 0);
const now = () => clock;

beforeEach(() => {
  temp = makeTempDir();
  const opened = openDatabase(join(temp.dir, 'pos.sqlite'), { migrationsDir: MIGRATIONS_DIR });
  if (!opened.ok) throw new Error(opened.error.message);
  db = opened.value;
});
afterEach(() => {
  db.close();
  temp.remove();
});

describe('recent numbers', () => {
  it('newest first, one row per number with its use count, and they survive reopening the file', () => {
    const recent = createRecentNumbers(db, now);
    recent.remember('771234567', 'yemen_mobile');
    clock += 1000;
    recent.remember('1234567', 'adsl');
    clock += 1000;
    recent.remember('771234567', 'yemen_mobile');
    expect(recent.list().map((r) => [r.number, r.network, r.uses])).toEqual([
      ['771234567', 'yemen_mobile', 2],
      ['1234567', 'adsl', 1],
    ]);
    db.close();
    const reopened = openDatabase(join(temp.dir, 'pos.sqlite'), { migrationsDir: MIGRATIONS_DIR });
    if (!reopened.ok) throw new Error(reopened.error.message);
    db = reopened.value;
    expect(createRecentNumbers(db, now).list(1)).toMatchObject([{ number: '771234567' }]);
  });

  it('keeps at most 200 numbers', () => {
    const recent = createRecentNumbers(db, now);
    for (let i = 0; i < 230; i += 1) {
      clock += 1;
      recent.remember(`77${String(i).padStart(7, '0')}`, 'yemen_mobile');
    }
    expect((db.prepare('SELECT COUNT(*) AS n FROM recent_numbers').get() as { n: number }).n).toBe(200);
    expect(recent.list(1)[0]!.number).toBe('770000229');
  });
});

describe('numbers as the counter channels read them', () => {
  it('landline/ADSL needs the cashier pick; a pick the number does not fit is refused', () => {
    expect(resolveNumber('01234567', undefined)).toMatchObject({ ok: false, error: { code: 'input.network_required' } });
    expect(resolveNumber('01234567', 'adsl')).toEqual({ ok: true, value: { national: '1234567', network: 'adsl' } });
    expect(resolveNumber('771234567', 'adsl')).toMatchObject({ ok: false, error: { code: 'input.invalid_number' } });
    expect(resolveNumber('٧٧١٢٣', undefined)).toMatchObject({ ok: false, error: { code: 'input.number_too_short' } });
    expect(resolveNumber('+967 77 123 4567', undefined)).toEqual({ ok: true, value: { national: '771234567', network: 'yemen_mobile' } });
  });
});

describe('against the training simulators', () => {
  let registry: ProviderRegistry;
  // The owner's settings as the registry reads them at each call.
  let routes: Partial<Record<Network, ProviderId[]>>;
  const packages: Package[] = [{ network: 'sabafon', code: 'PREWhatsApp', name: 'باقة واتساب', price: money(1_500_00, 'YER') }];
  beforeEach(async () => {
    routes = {};
    registry = await createProviderRegistry({
      credentialsFor: async () => null,
      now: Date.now,
      log: quiet,
      timeoutMs: 5000,
      routes: (network) => routes[network],
      packages: (network) => packages.filter((p) => p.network === network),
    });
  });
  afterEach(async () => {
    await registry.close();
  });

  it('the catalogue is fetched, cached with its fetch time, and still browsable when the provider fails', async () => {
    const cache = createCatalogueCache(db, now);
    expect(cache.read()).toEqual({ items: [], fetchedAt: null, refreshError: null });
    const fetched = await cache.refresh(registry.providers());
    expect(fetched.refreshError).toBeNull();
    expect(fetched.fetchedAt).toBe(clock);
    expect(fetched.items.length).toBeGreaterThan(0);
    const item = fetched.items[0]!;
    expect(item.provider).toBe('alqimah');
    expect(item.requiredFields.length).toBeGreaterThan(0);
    expect(item.price.currency).toBe('USD');
    expect(item.localPrice.currency).toBe('YER');

    const fetchedAt = clock;
    clock += 3_600_000;
    const down: Provider = { ...registry.get('alqimah')!, id: 'alqimah', catalogue: async () => err('provider.unavailable', 'down') };
    const offline = await cache.refresh([down]);
    expect(offline.refreshError?.code).toBe('provider.unavailable');
    expect(offline.fetchedAt).toBe(fetchedAt);
    expect(offline.items).toEqual(fetched.items);
  });

  it('a refresh replaces the list whole: a category the provider dropped is gone', async () => {
    const cache = createCatalogueCache(db, now);
    const first = await cache.refresh(registry.providers());
    const fewer: Provider = { ...registry.get('alqimah')!, id: 'alqimah', catalogue: async () => ({ ok: true, value: first.items.slice(0, 1) }) };
    const second = await cache.refresh([fewer]);
    expect(second.items.map((i) => i.linkCode)).toEqual([first.items[0]!.linkCode]);
  });

  it("offers come from every provider that sells them on the network, in the owner's order, each tagged with its provider", async () => {
    const lookup = createSubscriberLookup(registry, now);
    const sabafon = await lookup.offers({ national: '711234567', network: 'sabafon' });
    expect(sabafon.errors).toEqual([]);
    // Al-Qimah's come from the owner's package list (its API has none), with the owner's price.
    expect(sabafon.offers[0]).toEqual({ code: 'PREWhatsApp', name: 'باقة واتساب', price: money(1_500_00, 'YER'), provider: 'alqimah' });
    expect(sabafon.offers.filter((o) => o.provider === 'alqimah')).toHaveLength(1);
    expect(sabafon.offers.filter((o) => o.provider === 'weta').length).toBeGreaterThan(0);

    routes.sabafon = ['weta', 'alqimah'];
    const wetaFirst = await lookup.offers({ national: '711234567', network: 'sabafon' });
    expect(wetaFirst.offers[0]!.provider).toBe('weta');
    expect(wetaFirst.offers.at(-1)!.provider).toBe('alqimah');

    routes.sabafon = ['weta'];
    const wetaOnly = await lookup.offers({ national: '711234567', network: 'sabafon' });
    expect(new Set(wetaOnly.offers.map((o) => o.provider))).toEqual(new Set(['weta']));
    expect(registry.route('sabafon', 'units').map((p) => p.id)).not.toContain('alqimah');

    // Al-Qimah sells no packages on landlines: the landline's offers are Weta's.
    const landline = await lookup.offers({ national: '1234567', network: 'landline' });
    expect(landline.offers.length).toBeGreaterThan(0);
    expect(landline.offers.every((o) => o.provider === 'weta')).toBe(true);
  });

  it("a mobile's balance asked of Weta carries the line type the cashier set", async () => {
    routes.yemen_mobile = ['weta'];
    const lookup = createSubscriberLookup(registry, now);
    const type = async (subscriberType?: 'prepaid' | 'postpaid') => {
      const r = await lookup.query({ national: '771234567', network: 'yemen_mobile' }, 'balance', subscriberType);
      expect(r.ok && r.value.provider).toBe('weta');
      return r.ok ? r.value.info.lines.find((l) => l.label === 'type')?.value : undefined;
    };
    expect(await type('postpaid')).toBe('postpaid');
    expect(await type()).toBe('prepaid');
  });

  it('a balance query answers with readable lines; a network with no query is unsupported', async () => {
    const lookup = createSubscriberLookup(registry, now);
    const balance = await lookup.query({ national: '771234567', network: 'yemen_mobile' }, 'balance');
    expect(balance.ok).toBe(true);
    if (balance.ok) {
      expect(balance.value.info.kind).toBe('balance');
      expect(balance.value.info.lines.length).toBeGreaterThan(0);
    }
    const loan = await lookup.query({ national: '1234567', network: 'landline' }, 'loan');
    expect(loan).toMatchObject({ ok: false, error: { code: 'provider.unsupported' } });
  });
});
