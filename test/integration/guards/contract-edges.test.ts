// Issue 9 defect 12: every channel of the contract, every number and text in its request, against
// the values no sale can have (zero, negatives, fractions, the largest safe integer, NaN, infinities,
// empty, huge, control characters, emoji). The answer is never `internal`: it is ok, or an error
// whose code has its words in Arabic and English with every value those words need. The largest
// values and control characters are refused outright: nothing in the contract is unbounded.
import i18next from 'i18next';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelNames, type ChannelName, type ChannelRequest } from '../../../shared/ipc';
import type { Result } from '../../../shared/result';
import arErrors from '../../../renderer/i18n/locales/ar/errors.json';
import enErrors from '../../../renderer/i18n/locales/en/errors.json';
import { makeTempDir } from '../../support/temp-dir';
import { startBackOffice, type Harness } from '../back-office/back-office-harness';

const YER = (minor: number) => ({ minor, currency: 'YER' as const });

/** A valid request for every channel, with every optional field present so each one gets walked. */
const BASE: { [C in ChannelName]: ChannelRequest<C> } = {
  'app.info': {},
  'app.health': {},
  'app.earlierInstall': {},
  'settings.get': {},
  'settings.set': {
    shopName: 'Shop',
    receiptHeader: 'Header',
    receiptFooter: 'Footer',
    counterNumber: 2,
    lowBalanceThreshold: 1000_00,
    duplicateWindowMinutes: 5,
    webhookPort: 8787,
    backupEveryHours: 0,
    backupKeep: 14,
    providerUrls: { alqimah: '', weta: '' },
    packages: [{ network: 'sabafon', code: 'P1', name: 'Pack', price: YER(500_00) }],
  },
  'sale.quote': { number: '771234567', product: { kind: 'amount', amount: YER(1000_00) } },
  'sale.submit': { number: '711234567', product: { kind: 'units', units: 100 }, submitKey: 'edge-key-0001' },
  'sale.get': { id: '1' },
  'sale.attention': {},
  'sale.recheck': { id: '1' },
  'history.search': { text: '77', from: 0, to: 1_900_000_000_000, cashierId: 'owner', limit: 10 },
  'history.get': { id: '1' },
  'printer.get': {},
  'printer.set': { host: '192.168.1.50', port: 9100, deviceName: '', feedLines: 4 },
  'printer.devices': {},
  'printer.testPage': {},
  'receipt.print': { id: '1' },
  'receipt.preview': { id: '1' },
  'zReport.print': { shiftId: 1 },
  'hubZReport.print': { from: 1_780_000_000_000, to: 1_780_086_400_000 },
  'counter.balances': { refresh: true },
  'counter.recent': { limit: 8 },
  'counter.remember': { number: '771234567' },
  'counter.offers': { number: '771234567' },
  'counter.query': { number: '771234567', kind: 'balance' },
  'counter.catalogue': {},
  'accounts.status': {},
  'accounts.set': { provider: 'weta', fields: { username: 'shop', password: 'secret-pass' } },
  'accounts.clear': { provider: 'weta' },
  'accounts.test': { provider: 'weta' },
  'accounts.logout': { provider: 'weta' },
  'accounts.wetaRegister': { name: 'Shop', username: 'shopuser', email: 'a@b.ye', mobile: '771234567', password: 'password1' },
  'accounts.wetaResetPassword': { newPassword: 'password2' },
  'accounts.serviceMap.get': {},
  'accounts.serviceMap.set': { json: '{}' },
  'session.status': {},
  'session.signIn': { cashierId: 'owner', pin: '1234' },
  'session.signOut': {},
  'cashiers.list': {},
  'cashiers.save': { name: 'Ali', role: 'cashier', pin: '1357' },
  'cashiers.remove': { id: 'c-none' },
  'shift.current': {},
  'shift.open': {},
  'shift.close': {},
  'shift.list': { limit: 10 },
  'reports.day': { from: 1_780_000_000_000 },
  'reports.balances': {},
  'reports.feedVouchers': {},
  'reports.exportCsv': { from: 1_780_000_000_000, to: 1_780_086_400_000 },
  'backup.list': {},
  'backup.now': {},
  'backup.restore': { name: 'pos-none.sqlite' },
  // Port 1 on loopback: nothing listens, so a request that passes its checks is refused at once.
  'hub.status': {},
  'hub.createShop': { address: '127.0.0.1:1/shop_hub', user: 'shop_owner', password: 'pw', shopName: 'Shop', counterLabel: 'Till 1' },
  'hub.joinCode': { label: 'Till 2' },
  'hub.join': { address: '127.0.0.1:1/shop_hub', code: '1-abcdef-abcdefghjkmnpqrstuvw' },
  'hub.totals': { from: 1_780_000_000_000, to: 1_780_086_400_000 },
  'hub.drift': {},
};

const HUGE_NUMBERS = [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER - 1, -Number.MAX_SAFE_INTEGER, 1e308, 2 ** 53 + 2];
const NUMBER_EDGES = [0, -0, -1, 1, 0.5, -0.5, 99, 100, 1e9, 2 ** 31, Number.NaN, Infinity, -Infinity, ...HUGE_NUMBERS];
const HUGE_TEXT = 'x'.repeat(100_001);
const CONTROL_TEXTS = ['a\u0000b', 'a\u001b[31mb', 'a\u0007b', 'a\u0085b'];
const TEXT_EDGES = ['', ' ', 'x'.repeat(61), 'x'.repeat(301), HUGE_TEXT, ...CONTROL_TEXTS, 'a\nb', '😀😀', '٠١٢٣٤', '999.999.1.1', '__proto__', '-1', '1e309'];

type Leaf = { path: (string | number)[]; value: unknown };

function leaves(value: unknown, path: (string | number)[] = []): Leaf[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => leaves(item, [...path, i]));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]));
  return [{ path, value }];
}

function withLeaf(base: unknown, path: (string | number)[], value: unknown): unknown {
  const copy = structuredClone(base) as Record<string | number, unknown>;
  let cursor = copy;
  for (const key of path.slice(0, -1)) cursor = cursor[key] as Record<string | number, unknown>;
  cursor[path[path.length - 1]!] = value;
  return copy;
}

const ar = i18next.createInstance();
const en = i18next.createInstance();
let temp = makeTempDir();
let h: Harness;

beforeAll(async () => {
  await ar.init({ lng: 'ar', resources: { ar: { translation: arErrors } }, interpolation: { escapeValue: false } });
  await en.init({ lng: 'en', resources: { en: { translation: enErrors } }, interpolation: { escapeValue: false } });
  temp = makeTempDir();
  h = await startBackOffice(temp.dir);
});
afterAll(async () => {
  await h.close();
  temp.remove();
});

/** Why an answer is not acceptable, or null: never internal, and an error must have its words, whole, in both languages. */
function problemWith(answer: Result<unknown>): string | null {
  if (answer.ok) return null;
  const { code, params } = answer.error;
  if (code === 'internal') return 'internal';
  for (const t of [ar.t, en.t]) {
    // errorText (renderer/ipc/client.ts) passes the params with an empty detail by default.
    const text: string = t(code, { detail: '', ...(params ?? {}) });
    if (text === code) return `${code} has no words`;
    if (/\{\{|undefined|NaN|Too big|Too small|expected (string|number|object)|Invalid input|Unexpected token|✖/.test(text)) return `${code} reads "${text}"`;
  }
  return null;
}

describe('the whole contract against values no sale can have', () => {
  it('every channel has a base request here, so a new channel is walked too', () => {
    expect(Object.keys(BASE).sort()).toEqual([...channelNames].sort());
  });

  it('no edge value answers internal or an error without words, and the unbounded ones are refused', async () => {
    const problems: string[] = [];
    let calls = 0;
    for (const name of channelNames) {
      const base = BASE[name];
      const call = async (payload: unknown, label: string, mustRefuse: boolean) => {
        calls++;
        const answer = await h.call(name, payload as never);
        const problem = problemWith(answer);
        if (problem) problems.push(`${name} ${label}: ${problem}`);
        else if (mustRefuse && answer.ok) problems.push(`${name} ${label}: accepted`);
      };
      for (const { path, value } of leaves(base)) {
        const at = path.join('.');
        if (typeof value === 'number') {
          for (const edge of NUMBER_EDGES) await call(withLeaf(base, path, edge), `${at}=${edge}`, HUGE_NUMBERS.includes(edge) || !Number.isFinite(edge));
        } else if (typeof value === 'string') {
          for (const edge of TEXT_EDGES) {
            const unbounded = edge === HUGE_TEXT || CONTROL_TEXTS.includes(edge);
            await call(withLeaf(base, path, edge), `${at}=${JSON.stringify(edge.slice(0, 12))}`, unbounded);
          }
        }
      }
    }
    expect(problems).toEqual([]);
    expect(calls).toBeGreaterThan(1000);
  }, 120_000);

  it('the values seen in issue 9 are refused with the error that says the rule', async () => {
    const refusal = async (name: ChannelName, payload: unknown) => {
      const answer = await h.call(name, payload as never);
      return answer.ok ? 'ok' : answer.error;
    };
    const quote = (product: unknown) => ({ number: '771234567', product });
    for (const minor of [0, -100_00, 50, 1_000_001_00, 10 ** 15]) {
      expect(await refusal('sale.quote', quote({ kind: 'amount', amount: YER(minor) }))).toMatchObject({ code: 'input.invalid_amount', params: { min: 1, max: 1_000_000 } });
    }
    for (const units of [0, -5, 1_000_001, 10 ** 12]) {
      expect(await refusal('sale.quote', quote({ kind: 'units', units }))).toMatchObject({ code: 'input.invalid_units', params: { min: 1, max: 1_000_000 } });
    }
    for (const name of ['Ali\u0007', 'A\u001b[2Jli', 'Ali\nOwner', 'Ali\u0085']) {
      expect(await refusal('cashiers.save', { name, role: 'cashier', pin: '1357' })).toMatchObject({ code: 'input.control_characters', params: { field: 'name' } });
    }
    expect(await refusal('reports.day', { from: Number.MAX_SAFE_INTEGER - 1 })).toMatchObject({ code: 'input.out_of_range', params: { field: 'from' } });
    expect(await refusal('sale.quote', { number: '', product: { kind: 'amount', amount: YER(100_00) } })).toMatchObject({ code: 'input.number_empty' });
  });
});
