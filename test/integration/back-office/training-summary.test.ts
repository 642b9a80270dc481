// Training sales in the reports: counted apart from the real figures (what was "sold" in practice),
// never added to them, on a real SQLite journal.
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Db } from '../../../electron/store/database';
import { createJournal } from '../../../electron/sales/journal';
import { summarizeSales } from '../../../electron/reports/sales-summary';
import { money } from '../../../shared/money';
import { openTempDatabase } from '../../support/temp-dir';

let db: Db;
let close: () => void;
beforeEach(() => {
  ({ db, close } = openTempDatabase());
});
afterEach(() => close());

it('training sales are summed apart and never into the real totals', () => {
  const journal = createJournal(db, Date.now);
  const sell = (minor: number, training: boolean, state: 'succeeded' | 'failed') => {
    const sale = journal.create({ counter: 1, provider: 'alqimah', network: 'yemen_mobile', number: '771234567', product: { kind: 'amount', amount: money(minor) }, cashierId: 'c1', training });
    journal.move(sale.txId, 'sent', {}, null);
    journal.move(sale.txId, state, state === 'succeeded' ? { providerRef: `R${sale.txId}`, price: money(minor) } : { error: { code: 'provider.rejected', message: 'x' } }, null);
  };
  sell(1_000_00, false, 'succeeded');
  sell(2_000_00, true, 'succeeded');
  sell(3_000_00, true, 'succeeded');
  sell(4_000_00, true, 'failed');
  const summary = summarizeSales(db, { from: 0, to: Date.now() + 1 });
  expect(summary.succeeded).toEqual({ count: 1, amounts: [{ minor: 1_000_00, currency: 'YER' }] });
  expect(summary.trainingSold).toEqual({ count: 2, amounts: [{ minor: 5_000_00, currency: 'YER' }] });
  expect(summary.trainingExcluded).toBe(3);
  expect(summary.count).toBe(1);
});
