// Shifts: a cashier opens one, sells, closes it; the close computes the Z report from the journal
// (training left out) and the agent balances read at open and at close, and stores both with the
// shift in one transaction. Balances are read before the database is touched, so a slow provider
// never holds a write lock.
import type { ProviderId } from '../../shared/domain';
import { providerIds } from '../../shared/domain';
import type { Money } from '../../shared/money';
import type { Shift, ZReport } from '../../shared/ipc/shifts';
import { zReportSchema } from '../../shared/ipc/shifts';
import { err, ok, type Result } from '../../shared/result';
import type { Db } from '../store/database';
import { providerSales, summarizeSales } from '../reports/sales-summary';

export type Balances = Partial<Record<ProviderId, Money | null>>;

type Row = {
  id: number;
  cashier_id: string;
  opened_at: number;
  closed_at: number | null;
  balances_open: string;
  report: string | null;
};

export function createShifts(deps: { db: Db; now: () => number; readBalances: () => Promise<Balances>; cashierName: (id: string) => string }) {
  const { db, now } = deps;
  const openOf = db.prepare('SELECT * FROM shifts WHERE cashier_id = ? AND closed_at IS NULL');
  const lastClosedOf = db.prepare('SELECT * FROM shifts WHERE cashier_id = ? AND closed_at IS NOT NULL ORDER BY closed_at DESC LIMIT 1');

  function toShift(row: Row): Shift {
    return {
      id: row.id,
      cashierId: row.cashier_id,
      openedAt: row.opened_at,
      closedAt: row.closed_at,
      report: row.report ? zReportSchema.parse(JSON.parse(row.report)) : null,
    };
  }

  function current(cashierId: string) {
    const open = openOf.get(cashierId) as Row | undefined;
    const last = lastClosedOf.get(cashierId) as Row | undefined;
    return { open: open ? toShift(open) : null, lastClosed: last ? toShift(last) : null };
  }

  async function open(cashierId: string): Promise<Result<Shift>> {
    if (openOf.get(cashierId)) return err('shift.already_open', 'a shift is open');
    const balances = await deps.readBalances();
    try {
      const row = db
        .prepare('INSERT INTO shifts (cashier_id, opened_at, balances_open) VALUES (?, ?, ?) RETURNING *')
        .get(cashierId, now(), JSON.stringify(balances)) as Row;
      return ok(toShift(row));
    } catch (cause) {
      // The partial unique index: another open won the race while balances were read.
      if (/UNIQUE/.test((cause as Error).message)) return err('shift.already_open', 'a shift is open');
      throw cause;
    }
  }

  async function close(cashierId: string): Promise<Result<Shift>> {
    if (!openOf.get(cashierId)) return err('shift.not_open', 'no open shift');
    const atClose = await deps.readBalances();
    const closedAt = now();
    const closed = db.transaction((): Result<Shift> => {
      const row = openOf.get(cashierId) as Row | undefined;
      if (!row) return err('shift.not_open', 'no open shift');
      const atOpen = JSON.parse(row.balances_open) as Balances;
      const report: ZReport = {
        shiftId: row.id,
        cashier: { id: cashierId, name: deps.cashierName(cashierId) },
        openedAt: row.opened_at,
        closedAt,
        summary: summarizeSales(db, { from: row.opened_at, to: closedAt + 1, cashierId }),
        balances: providerIds.map((provider) => balanceLine(db, provider, atOpen[provider] ?? null, atClose[provider] ?? null, row.opened_at, closedAt + 1)),
      };
      db.prepare('UPDATE shifts SET closed_at = ?, balances_close = ?, report = ? WHERE id = ?').run(
        closedAt,
        JSON.stringify(atClose),
        JSON.stringify(report),
        row.id,
      );
      return ok(toShift({ ...row, closed_at: closedAt, report: JSON.stringify(report) }));
    })();
    return closed;
  }

  function list(limit: number): Shift[] {
    return (db.prepare('SELECT * FROM shifts WHERE closed_at IS NOT NULL ORDER BY closed_at DESC LIMIT ?').all(limit) as Row[]).map(toShift);
  }

  function get(id: number): Shift | null {
    const row = db.prepare('SELECT * FROM shifts WHERE id = ?').get(id) as Row | undefined;
    return row ? toShift(row) : null;
  }

  return { current, open, close, list, get };
}
export type Shifts = ReturnType<typeof createShifts>;

function balanceLine(db: Db, provider: ProviderId, atOpen: Money | null, atClose: Money | null, from: number, to: number) {
  const currency = atOpen?.currency ?? atClose?.currency ?? 'YER';
  const sold: Money = { minor: providerSales(db, provider, from, to, currency), currency };
  const spent = atOpen && atClose && atOpen.currency === atClose.currency ? { minor: atOpen.minor - atClose.minor, currency } : null;
  return {
    provider,
    atOpen,
    atClose,
    spent,
    sold,
    difference: spent ? { minor: spent.minor - sold.minor, currency } : null,
  };
}
