// What gets printed, when, and as what (docs/architecture.md, "Receipts"). The first receipt of a sale is its receipt —
// provisional while the sale is still checking, and then the final one prints by itself once the
// sale settles — and every later print is marked as a copy. Every attempt is recorded, so "was it
// printed?" has an answer after a restart.
import { isFinalState } from '../../shared/domain';
import { PAPER_DOTS, printerConfigSchema, type PaperWidth, type PrinterConfig, type HubZReportDocument, type ReceiptDocument, type ZReportDocument } from '../../shared/ipc/printing';
import type { HubTotals } from '../../shared/ipc/hub';
import type { Shift } from '../../shared/ipc/shifts';
import { printerIsSet } from '../../shared/printer-set';
import type { HistoryRow, ReceiptPrintKind } from '../../shared/ipc/history';
import type { SaleView } from '../../shared/ipc/sales';
import { err, ok, type Result } from '../../shared/result';
import type { EventBus } from '../events';
import type { AppLogger } from '../log';
import type { Journal, Sale } from '../sales/journal';
import type { SettingsRepository } from '../store/settings-repository';
import type { Db } from '../store/database';
import { toHistoryRow } from '../history/history-search';
import { rasterFromPixels } from './escpos-raster';
import { printDocument, type PrinterAdapter, type RawSender } from './receipt-printer';
import { sendRaw } from './tcp-printer';
import { testPagePixels } from './test-page';

export type PrintServiceDeps = {
  db: Db;
  journal: Journal;
  settings: SettingsRepository;
  events: EventBus;
  now: () => number;
  log: AppLogger;
  adapter?: PrinterAdapter;
  send?: RawSender;
};

export function createPrintService(deps: PrintServiceDeps) {
  const { db, journal, settings, now } = deps;
  const selectConfig = db.prepare('SELECT config FROM printer_config WHERE id = 1').pluck();
  const upsertConfig = db.prepare(
    'INSERT INTO printer_config (id, config, updated_at) VALUES (1, ?, ?) ON CONFLICT(id) DO UPDATE SET config = excluded.config, updated_at = excluded.updated_at',
  );
  const selectPrinted = db.prepare('SELECT kind FROM receipt_prints WHERE tx_id = ? AND error_code IS NULL').pluck();
  const selectFinalAttempt = db.prepare("SELECT 1 FROM receipt_prints WHERE tx_id = ? AND kind = 'final'").pluck();
  const insertPrint = db.prepare('INSERT INTO receipt_prints (tx_id, kind, at, error_code) VALUES (?, ?, ?, ?)');
  const markFailed = db.prepare('UPDATE receipt_prints SET error_code = ? WHERE id = ?');
  const selectCashierName = db.prepare('SELECT name FROM cashiers WHERE id = ?').pluck();

  function config(): PrinterConfig {
    const raw = selectConfig.get() as string | undefined;
    const stored = (raw === undefined ? {} : JSON.parse(raw)) as Record<string, unknown>;
    const parsed = printerConfigSchema.safeParse(stored);
    if (parsed.success) return parsed.data;
    // A value refused today (an address saved before addresses were checked) falls back alone:
    // the paper width, port and mode the owner set stay.
    for (const issue of parsed.error.issues) delete stored[String(issue.path[0])];
    return printerConfigSchema.safeParse(stored).data ?? printerConfigSchema.parse({});
  }

  /** What the next print of this sale is. */
  function nextKind(sale: Sale): ReceiptPrintKind {
    const printed = selectPrinted.all(sale.txId) as ReceiptPrintKind[];
    if (printed.length === 0) return isFinalState(sale.state) ? 'final' : 'provisional';
    if (isFinalState(sale.state) && !printed.includes('final') && !printed.includes('copy')) return 'final';
    return 'copy';
  }

  /** What every printed slip carries: the shop, its language and digits, the paper, and when. */
  function slip() {
    const s = settings.read();
    return {
      shop: { name: s.shopName, header: s.receiptHeader, footer: s.receiptFooter },
      language: s.language,
      digitStyle: s.digitStyle,
      printedAt: now(),
      paperWidth: config().paperWidth,
    };
  }

  function document(sale: HistoryRow, kind: ReceiptPrintKind): ReceiptDocument {
    const cashierName = sale.cashierId === null ? null : ((selectCashierName.get(sale.cashierId) as string | undefined) ?? null);
    return { sale, cashierName, kind, ...slip() };
  }

  async function printSlip<D extends ZReportDocument | HubZReportDocument>(doc: D, about: Record<string, number>): Promise<Result<D>> {
    const printed = await printDocument(deps.adapter, doc, config(), deps.send);
    if (!printed.ok) {
      deps.log.warn('Z report not printed', { kind: doc.kind, ...about, code: printed.error.code });
      return printed;
    }
    return ok(doc);
  }

  async function printAs(sale: Sale, kind: ReceiptPrintKind): Promise<Result<{ kind: ReceiptPrintKind; document: ReceiptDocument }>> {
    const doc = document(toHistoryRow(sale), kind);
    // Recorded before the printer is asked, in the same tick as the decision: a second click, or
    // the sale settling while its provisional receipt is still printing, sees this print already.
    const printId = insertPrint.run(sale.txId, kind, now(), null).lastInsertRowid;
    const printed = await printDocument(deps.adapter, doc, config(), deps.send);
    if (!printed.ok) {
      markFailed.run(printed.error.code, printId);
      deps.log.warn('receipt not printed', { txId: sale.txId, kind, code: printed.error.code });
      return printed;
    }
    return ok({ kind, document: doc });
  }

  // A provisional receipt owes the final one: printed as soon as the sale settles.
  const unsubscribe = deps.events.subscribe((name, payload) => {
    if (name !== 'sale.updated') return;
    const view = payload as SaleView;
    if (!isFinalState(view.state)) return;
    const txId = Number(view.id);
    const printed = selectPrinted.all(txId) as ReceiptPrintKind[];
    if (!printed.includes('provisional') || selectFinalAttempt.get(txId) !== undefined) return;
    const sale = journal.get(txId);
    if (sale) void printAs(sale, 'final').catch((cause) => deps.log.error('final receipt failed', { error: cause as Error }));
  });

  return {
    config,
    setConfig(patch: Partial<PrinterConfig>): PrinterConfig {
      const next = printerConfigSchema.parse({ ...config(), ...patch });
      upsertConfig.run(JSON.stringify(next), now());
      return next;
    },
    async devices(): Promise<string[]> {
      return (await deps.adapter?.devices?.()) ?? [];
    },
    preview(id: string): Result<ReceiptDocument> {
      const sale = journal.get(Number(id));
      if (!sale) return err('sale.not_found', `no sale ${id}`);
      return ok(document(toHistoryRow(sale), nextKind(sale)));
    },
    /**
     * Another till's sale, as the shop's hub has it: always a copy (its receipt was that till's),
     * and not recorded here, where the sale is not in the journal.
     */
    copyDocument: (sale: HistoryRow): ReceiptDocument => document(sale, 'copy'),
    async printCopy(sale: HistoryRow): Promise<Result<{ kind: ReceiptPrintKind; document: ReceiptDocument }>> {
      const doc = document(sale, 'copy');
      const printed = await printDocument(deps.adapter, doc, config(), deps.send);
      return printed.ok ? ok({ kind: 'copy', document: doc }) : printed;
    },
    /** The test page on the network printer as it is set now: paper width, address and port. */
    async testPage(): Promise<Result<{ paperWidth: PaperWidth }>> {
      const c = config();
      if (c.mode === 'driver') return err('printer.unavailable', 'the test page goes to a network printer');
      if (!printerIsSet(c)) return err('printer.not_configured', 'no printer host is set');
      const widthDots = PAPER_DOTS[c.paperWidth];
      const bytes = rasterFromPixels(testPagePixels(widthDots), { widthDots, feedLines: c.feedLines });
      const sent = await (deps.send ?? sendRaw)({ host: c.host, port: c.port }, bytes);
      if (!sent.ok) deps.log.warn('test page not printed', { code: sent.error.code });
      return sent.ok ? ok({ paperWidth: c.paperWidth }) : sent;
    },
    async print(id: string): Promise<Result<{ kind: ReceiptPrintKind; document: ReceiptDocument }>> {
      const sale = journal.get(Number(id));
      if (!sale) return err('sale.not_found', `no sale ${id}`);
      return printAs(sale, nextKind(sale));
    },
    /** A closed shift's Z report on the receipt printer, in the shop's language and digits. */
    async printZReport(shift: Shift): Promise<Result<ZReportDocument>> {
      if (!shift.report) return err('shift.not_open', `shift ${shift.id} is not closed`);
      return printSlip({ kind: 'z-report', report: shift.report, ...slip() }, { shiftId: shift.id });
    },
    /** The shop-wide Z report from the hub's totals, in the same slip style. */
    printHubZReport: (totals: HubTotals): Promise<Result<HubZReportDocument>> =>
      printSlip({ kind: 'hub-z-report', totals, ...slip() }, { from: totals.from, to: totals.to }),
    close: unsubscribe,
  };
}
export type PrintService = ReturnType<typeof createPrintService>;
