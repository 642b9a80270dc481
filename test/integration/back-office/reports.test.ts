// Shifts, Z report, day report and CSV over a real journal: figures are integer sums per
// currency, training sales never count, the balance check compares provider balances with sales.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CSV_BOM } from '../../../electron/reports/csv-export';
import type { Db } from '../../../electron/store/database';
import { startAlqimahSimulator } from '../../harness/simulator-faults/alqimah';
import { makeTempDir } from '../../support/temp-dir';
import { startBackOffice, value, type Harness } from './back-office-harness';

let temp = makeTempDir();
let h: Harness;
let clock = Date.UTC(2026, 10, 23, 6, 0, 0);
const now = () => clock;
let nextTx = 1;

beforeEach(async () => {
  temp = makeTempDir();
  clock = Date.UTC(2026, 10, 23, 6, 0, 0);
  h = await startBackOffice(temp.dir, { now });
});
afterEach(async () => {
  await h.close();
  temp.remove();
});

type SaleRow = { network?: string; provider?: string; state?: string; minor?: number | null; currency?: string; training?: 0 | 1; cashier?: string; at?: number; number?: string; kind?: 'amount' | 'offer'; message?: string };

function insertSale(db: Db, s: SaleRow = {}) {
  const minor = s.minor === undefined ? 1000_00 : s.minor;
  const product = s.kind === 'offer' ? { kind: 'offer', code: 'A1', name: 'باقة مزايا' } : { kind: 'amount', amount: { minor: minor ?? 0, currency: 'YER' } };
  db.prepare(
    `INSERT INTO sales (tx_id, provider, network, number, product, product_key, price_minor, price_currency, state, cashier_id, training, created_at, updated_at, message)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    nextTx++,
    s.provider ?? 'alqimah',
    s.network ?? 'yemen_mobile',
    s.number ?? '771234567',
    JSON.stringify(product),
    JSON.stringify(product),
    minor,
    minor === null ? null : (s.currency ?? 'YER'),
    s.state ?? 'succeeded',
    s.cashier ?? 'owner',
    s.training ?? 0,
    s.at ?? clock,
    s.at ?? clock,
    s.message ?? null,
  );
}

describe('the Z report', () => {
  it('sums the cashier\'s shift by network, product and state, counts pending, leaves training out, and compares balances', async () => {
    const sim = await startAlqimahSimulator({ balanceMinor: 500_000_00 });
    try {
      value(await h.call('cashiers.save', { id: 'owner', name: 'Owner', role: 'owner', pin: '9876' }));
      value(await h.call('settings.set', { providerUrls: { alqimah: sim.url, weta: '' } }));
      value(await h.call('accounts.set', { provider: 'alqimah', fields: { userName: 'shop-user', password: 'shop-password-1', accountNumber: '100200', apiToken: 'sim-api-token-0123456789' } }));
      const opened = value(await h.call('shift.open', {}));
      expect((await h.call('shift.open', {})).ok).toBe(false);
      clock += 60_000;
      insertSale(h.services.db, { minor: 1000_00 });
      insertSale(h.services.db, { minor: 500_00, network: 'sabafon' });
      insertSale(h.services.db, { minor: 2000_00, kind: 'offer' });
      insertSale(h.services.db, { minor: 300_00, state: 'failed' });
      insertSale(h.services.db, { minor: 700_00, state: 'unknown' });
      insertSale(h.services.db, { minor: 9999_00, training: 1 });
      insertSale(h.services.db, { minor: 100_00, cashier: 'someone-else' });
      // The provider's ledger moves by what was sold through it (and 100 more sold elsewhere).
      sim.ledger.balanceMinor -= 1000_00 + 500_00 + 2000_00 + 100_00 + 250_00;
      clock += 60_000;
      const closed = value(await h.call('shift.close', {}));
      const z = closed.report!;
      expect(z.shiftId).toBe(opened.id);
      expect(z.summary.succeeded).toEqual({ count: 3, amounts: [{ minor: 3500_00, currency: 'YER' }] });
      expect(z.summary.count).toBe(5);
      expect(z.summary.pendingCount).toBe(1);
      expect(z.summary.trainingExcluded).toBe(1);
      expect(Object.fromEntries(z.summary.byNetwork.map((n) => [n.network, n.amounts[0]!.minor]))).toEqual({ yemen_mobile: 3000_00, sabafon: 500_00 });
      expect(Object.fromEntries(z.summary.byProduct.map((n) => [n.kind, n.count]))).toEqual({ amount: 2, offer: 1 });
      expect(z.summary.byState.find((s) => s.state === 'failed')).toEqual({ state: 'failed', count: 1, amounts: [{ minor: 300_00, currency: 'YER' }] });
      const alqimah = z.balances.find((b) => b.provider === 'alqimah')!;
      expect(alqimah.atOpen).toEqual({ minor: 500_000_00, currency: 'YER' });
      expect(alqimah.spent!.minor).toBe(3850_00);
      // Sold through Al-Qimah in the window by anyone at this counter: 3500 + 100.
      expect(alqimah.sold!.minor).toBe(3600_00);
      expect(alqimah.difference!.minor).toBe(250_00);
      expect(z.balances.find((b) => b.provider === 'weta')!.atOpen).toBeNull();
      expect(value(await h.call('shift.current', {}))).toMatchObject({ open: null, lastClosed: { id: opened.id } });
      expect((await h.call('shift.close', {})).ok).toBe(false);
    } finally {
      await sim.close();
    }
  });
});

describe('the day report and the CSV', () => {
  it('buckets succeeded sales by hour from the day start, training left out', async () => {
    const day = Date.UTC(2026, 10, 22, 21, 0, 0); // midnight in Sana'a (UTC+3)
    insertSale(h.services.db, { at: day + 30 * 60_000, minor: 100_00 });
    insertSale(h.services.db, { at: day + 9 * 3_600_000 + 5, minor: 200_00 });
    insertSale(h.services.db, { at: day + 9 * 3_600_000 + 9, minor: 300_00, network: 'you' });
    insertSale(h.services.db, { at: day + 9 * 3_600_000 + 9, minor: 300_00, training: 1 });
    insertSale(h.services.db, { at: day - 1, minor: 999_00 });
    const report = value(await h.call('reports.day', { from: day }));
    expect(report.byHour).toHaveLength(24);
    expect(report.byHour[0]).toEqual({ hour: 0, count: 1, amounts: [{ minor: 100_00, currency: 'YER' }] });
    expect(report.byHour[9]).toEqual({ hour: 9, count: 2, amounts: [{ minor: 500_00, currency: 'YER' }] });
    expect(report.summary.succeeded.amounts).toEqual([{ minor: 600_00, currency: 'YER' }]);
    expect(report.summary.trainingExcluded).toBe(1);
  });

  it('exports a date range as UTF-8 CSV with a BOM, Arabic kept, fields quoted, formulas defused, training left out', async () => {
    const from = Date.UTC(2026, 10, 1);
    insertSale(h.services.db, { at: from + 1000, minor: 1234_56, message: 'تمت العملية بنجاح, شكراً' });
    insertSale(h.services.db, { at: from + 2000, minor: null, kind: 'offer', number: '01234567', network: 'landline', message: '=HYPERLINK("x")' });
    insertSale(h.services.db, { at: from + 3000, training: 1 });
    insertSale(h.services.db, { at: from - 1 });
    const out = value(await h.call('reports.exportCsv', { from, to: from + 86_400_000 }));
    expect(out.rows).toBe(2);
    expect(out.fileName).toBe('sales-2026-11-01-2026-11-01.csv');
    expect(out.csv.startsWith(CSV_BOM)).toBe(true);
    const lines = out.csv.slice(1).split('\r\n');
    expect(lines[0]).toBe('tx_id,created_at_utc,cashier,provider,network,number,product,amount,currency,state,provider_ref,message');
    expect(lines[1]).toContain(',1234.56,YER,succeeded,,"تمت العملية بنجاح, شكراً"');
    expect(lines[2]).toContain(',01234567,باقة مزايا (A1),,,succeeded,,"\'=HYPERLINK(""x"")"');
    expect(lines).toHaveLength(4);
    // The bytes are UTF-8: the Arabic survives a round trip through a Buffer.
    expect(Buffer.from(out.csv, 'utf8').toString('utf8')).toContain('تمت العملية');
    const tooLong = await h.call('reports.exportCsv', { from, to: from + 400 * 86_400_000 });
    expect(!tooLong.ok && tooLong.error.code).toBe('input.invalid');
  });
});
