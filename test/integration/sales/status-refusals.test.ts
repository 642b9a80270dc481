// issue 9 defect 3: a refused Al-Qimah status check whose free text says "not found" about
// something else (a service, an agent account) proves nothing about the sale. The sale stays
// unknown, is asked again with back-off, and after a day waits for the owner; never failed by itself.
import { afterEach, describe, expect, it } from 'vitest';
import type { Product } from '../../../shared/domain';
import { money } from '../../../shared/money';
import { isTransactionNotFound } from '../../../electron/providers/alqimah/client';
import { chargesOf, startRig, type Rig } from './sale-rig';

const topUp: Product = { kind: 'amount', amount: money(1500_00) };
const HOUR = 60 * 60_000;
let rig: Rig;
let key = 0;
const submitKey = () => `refusal-${++key}-abcdefgh`;

afterEach(async () => {
  await rig?.close();
});

describe('Al-Qimah status refusals', () => {
  it.each(['Service number not found', 'Agent account does not exist', 'رقم الخدمة غير موجود', 'حساب الوكيل غير موجود'])(
    'a charged sale whose status check answers "%s" is never failed; after a day it needs attention',
    async (refusal) => {
      rig = await startRig({ reconciler: { maxChecks: 1000, attentionAfterMs: 24 * HOUR } });
      rig.alqimah.knobs.dropAfterCharge = { next: 1, probability: 0, only: ['payment'] };
      const r = await rig.sales.engine.submit({ number: '777123456', product: topUp, submitKey: submitKey() });
      expect(r.ok && r.value.state).toBe('unknown');
      if (!r.ok) return;
      const txId = Number(r.value.id);
      expect(chargesOf(rig, 'alqimah', r.value.id)).toBe(1);
      rig.alqimah.knobs.statusRefused = { next: 0, probability: 1, only: ['global'], message: refusal };

      // Twelve hours in: still asked by itself, still unknown.
      await rig.reconcileAll(HOUR, 12);
      const halfway = rig.sales.journal.get(txId)!;
      expect(halfway.state).toBe('unknown');
      expect(halfway.checks).toBeGreaterThanOrEqual(10);
      expect(halfway.nextCheckAt).not.toBeNull();

      await rig.reconcileAll(HOUR, 30);
      const after = rig.sales.journal.get(txId)!;
      expect(after.state).toBe('unknown');
      expect(after.error?.code).toBe('sale.needs_attention');
      expect(after.nextCheckAt).toBeNull();
      const checks = after.checks;
      await rig.reconcileAll(HOUR, 5);
      expect(rig.sales.journal.get(txId)!.checks).toBe(checks);
      expect(rig.sales.engine.attention().map((s) => s.id)).toEqual([r.value.id]);
      // The duplicate guard still sees it: selling it again needs the cashier's confirmation.
      const again = await rig.sales.engine.submit({ number: '777123456', product: topUp, submitKey: submitKey() });
      expect(!again.ok && again.error.code).toBe('sale.duplicate_needs_confirm');

      // A restart does not put it back on the automatic checks; a person's re-check settles it.
      await rig.restart();
      await rig.sales.reconciler.start();
      await rig.sales.reconciler.stop();
      expect(rig.sales.journal.get(txId)!.checks).toBe(checks);
      rig.alqimah.knobs.statusRefused = { next: 0, probability: 0, message: refusal };
      await rig.sales.reconciler.recheck(txId);
      expect(rig.sales.journal.get(txId)!.state).toBe('succeeded');
      expect(rig.sales.journal.get(txId)!.price).toEqual(money(1500_00));
      expect(chargesOf(rig, 'alqimah', r.value.id)).toBe(1);
    },
  );

  it('only an answer about the transaction itself counts as "no such transaction"', () => {
    for (const text of ['العملية غير موجودة', 'Transaction not found', 'Operation does not exist', 'لا توجد عملية بهذا الرقم']) {
      expect(isTransactionNotFound(text), text).toBe(true);
    }
    for (const text of ['Service number not found', 'Agent account does not exist', 'رقم الشبكة أو الخدمة غير موجود', 'User not found', 'not found', 'Transaction service not found']) {
      expect(isTransactionNotFound(text), text).toBe(false);
    }
  });
});
