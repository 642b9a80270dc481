// What gets printed and as what, over a real SQLite file and the real raster path to the test
// printer: the first print is the receipt, later ones are copies; a provisional receipt of a sale
// still checking is followed by the final one when the sale settles; failures are recorded.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { money } from '../../../shared/money';
import type { PrintDocument, ReceiptDocument } from '../../../shared/ipc/printing';
import { createEventBus } from '../../../electron/events';
import { createLogger } from '../../../electron/log';
import { createPrintService } from '../../../electron/printing/print-service';
import type { PrinterAdapter } from '../../../electron/printing/receipt-printer';
import { createJournal, type Journal } from '../../../electron/sales/journal';
import { openDatabase, type Db } from '../../../electron/store/database';
import { createSettingsRepository } from '../../../electron/store/settings-repository';
import { startTestPrinter, type TestPrinter } from '../../harness/test-printer';
import { makeTempDir, MIGRATIONS_DIR } from '../../support/temp-dir';

let temp: ReturnType<typeof makeTempDir>;
let db: Db;
let journal: Journal;
let printer: TestPrinter;
const drawn: PrintDocument[] = [];

/** Draws a receipt as a block whose height says its kind, so the printed job shows what was drawn. */
const adapter: PrinterAdapter = {
  capture: async (doc, widthDots) => {
    drawn.push(doc);
    const height = { final: 100, provisional: 60, copy: 140, 'z-report': 180, 'hub-z-report': 220 }[doc.kind];
    const png = new PNG({ width: widthDots, height });
    for (let i = 0; i < png.data.length; i += 4) png.data.set([0, 0, 0, 255], i);
    return PNG.sync.write(png);
  },
};

beforeEach(async () => {
  temp = makeTempDir();
  const opened = openDatabase(join(temp.dir, 'pos.sqlite'), { migrationsDir: MIGRATIONS_DIR });
  if (!opened.ok) throw new Error(opened.error.message);
  db = opened.value;
  journal = createJournal(db, Date.now);
  printer = await startTestPrinter();
  drawn.length = 0;
});
afterEach(async () => {
  await printer.close();
  db.close();
  temp.remove();
});

function service(withAdapter = true) {
  const events = createEventBus();
  const printing = createPrintService({
    db,
    journal,
    settings: createSettingsRepository(db, Date.now),
    events,
    now: Date.now,
    log: createLogger(() => undefined),
    ...(withAdapter ? { adapter } : {}),
  });
  return { printing, events };
}

function sale(state: 'succeeded' | 'unknown') {
  const s = journal.create({ counter: 1, provider: 'alqimah', network: 'yemen_mobile', number: '777123456', product: { kind: 'amount', amount: money(500_00) }, training: false });
  journal.move(s.txId, 'sent', {}, null);
  return journal.move(s.txId, state, state === 'succeeded' ? { providerRef: 'R1', price: money(500_00) } : {}, Date.now() + 1000)!;
}

describe('print service', () => {
  it('prints the receipt once, then copies', async () => {
    const { printing } = service();
    printing.setConfig({ host: printer.host, port: printer.port, paperWidth: '58' });
    const s = sale('succeeded');
    expect(printing.preview(String(s.txId))).toMatchObject({ ok: true, value: { kind: 'final', paperWidth: '58' } });
    expect(await printing.print(String(s.txId))).toMatchObject({ ok: true, value: { kind: 'final' } });
    expect(await printing.print(String(s.txId))).toMatchObject({ ok: true, value: { kind: 'copy' } });
    const jobs = await printer.waitForJobs(2);
    expect(jobs.map((j) => [j.widthDots, j.height, j.endsWithCut])).toEqual([
      [384, 100, true],
      [384, 140, true],
    ]);
  });

  it('follows a provisional receipt with the final one when the sale settles, once', async () => {
    const { printing, events } = service();
    printing.setConfig({ host: printer.host, port: printer.port });
    const s = sale('unknown');
    expect(await printing.print(String(s.txId))).toMatchObject({ ok: true, value: { kind: 'provisional' } });
    const settled = journal.move(s.txId, 'succeeded', { providerRef: 'R2' }, null)!;
    events.emit('sale.updated', journal.view(settled));
    events.emit('sale.updated', journal.view(settled));
    const jobs = await printer.waitForJobs(2);
    expect(jobs.map((j) => j.height)).toEqual([60, 100]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(printer.jobs).toHaveLength(2);
    expect((drawn[1] as ReceiptDocument).sale.providerRef).toBe('R2');
    printing.close();
  });

  it('records a print that could not happen, with its code, and does not call it printed', async () => {
    const { printing } = service(false);
    const s = sale('succeeded');
    expect(await printing.print(String(s.txId))).toMatchObject({ ok: false, error: { code: 'printer.unavailable' } });
    const withAdapter = service().printing;
    expect(await withAdapter.print(String(s.txId))).toMatchObject({ ok: false, error: { code: 'printer.not_configured' } });
    expect(db.prepare('SELECT kind, error_code FROM receipt_prints').all()).toEqual([
      { kind: 'final', error_code: 'printer.unavailable' },
      { kind: 'final', error_code: 'printer.not_configured' },
    ]);
    expect(await withAdapter.print('12345')).toMatchObject({ ok: false, error: { code: 'sale.not_found' } });
  });

  it("names the sale's cashier from the back office, and falls back to the id", () => {
    const { printing } = service();
    db.prepare("INSERT INTO cashiers (id, name, role, created_at) VALUES ('c-7', 'سارة', 'cashier', 1)").run();
    const named = journal.create({ counter: 1, provider: 'weta', network: 'you', number: '733000111', product: { kind: 'units', units: 50 }, cashierId: 'c-7', training: true });
    const unnamed = journal.create({ counter: 1, provider: 'weta', network: 'you', number: '733000112', product: { kind: 'units', units: 50 }, cashierId: 'gone', training: true });
    expect(printing.preview(String(named.txId))).toMatchObject({ ok: true, value: { cashierName: 'سارة', kind: 'provisional', sale: { training: true } } });
    expect(printing.preview(String(unnamed.txId))).toMatchObject({ ok: true, value: { cashierName: null, sale: { cashierId: 'gone' } } });
  });

  it('keeps the printer config valid', () => {
    const { printing } = service();
    expect(printing.config()).toMatchObject({ mode: 'raster', port: 9100, paperWidth: '80' });
    expect(() => printing.setConfig({ port: 70000 })).toThrow();
    expect(printing.setConfig({ mode: 'driver', deviceName: 'XP-80' })).toMatchObject({ mode: 'driver', deviceName: 'XP-80', port: 9100 });
  });
});
