// Transaction ids (docs/architecture.md, "Sales"): unique across restarts and counters, increasing when the clock steps back.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../../electron/store/database';
import { counterOf, createTransactionIds } from '../../../electron/sales/transaction-id';
import { canMove } from '../../../electron/sales/journal';
import { saleStates } from '../../../shared/domain';
import { makeTempDir, MIGRATIONS_DIR } from '../../support/temp-dir';

let temp: ReturnType<typeof makeTempDir> | undefined;
afterEach(() => temp?.remove());

function open(dir: string): Db {
  const r = openDatabase(join(dir, 'pos.sqlite'), { migrationsDir: MIGRATIONS_DIR });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('transaction ids', () => {
  it('ids of one counter strictly increase, keep the counter digits and stay safe integers whatever the clock does, across reopen', () => {
    temp = makeTempDir();
    const dir = temp.dir;
    fc.assert(
      fc.property(
        fc.array(fc.record({ step: fc.integer({ min: -86_400_000, max: 86_400_000 }), reopen: fc.boolean() }), { maxLength: 40 }),
        fc.integer({ min: 0, max: 99 }),
        (steps, counter) => {
          let db = open(dir);
          let ids = createTransactionIds(db);
          let t = Date.UTC(2026, 5, 1);
          let last = 0;
          db.prepare('DELETE FROM transaction_ids').run();
          for (const { step, reopen } of steps) {
            t += step;
            if (reopen) {
              db.close();
              db = open(dir);
              ids = createTransactionIds(db);
            }
            const id = ids.issue(counter, t);
            expect(id).toBeGreaterThan(last);
            expect(Number.isSafeInteger(id)).toBe(true);
            expect(counterOf(id)).toBe(counter);
            last = id;
          }
          db.close();
        },
      ),
      { numRuns: 60 },
    );
  });

  it('two counters on one provider account never issue the same id, even at the same millisecond', () => {
    temp = makeTempDir();
    const a = open(join(temp.dir));
    const ids = createTransactionIds(a);
    const seen = new Set<number>();
    const t = Date.UTC(2026, 0, 1);
    for (let i = 0; i < 500; i++) for (const counter of [1, 2]) seen.add(ids.issue(counter, t + (i % 3)));
    expect(seen.size).toBe(1000);
    a.close();
  });

  it('a sale state only moves forward and never leaves a final state', () => {
    for (const from of saleStates)
      for (const to of saleStates) {
        if (from === 'succeeded' || from === 'failed') expect(canMove(from, to)).toBe(false);
        if (to === 'created') expect(canMove(from, to)).toBe(false);
      }
    expect(canMove('unknown', 'pending')).toBe(true);
    expect(canMove('pending', 'unknown')).toBe(false);
    expect(canMove('sent', 'succeeded')).toBe(true);
  });
});
