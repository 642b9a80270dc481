// Issue 9 defect 7: PINs sent all at once through dispatch are tries like any others. Each try is
// counted before the slow compare, so a burst cannot get more compares than the free tries, and the
// right PIN hidden in a burst of wrong ones does not sign in.
import { describe, expect, it } from 'vitest';
import { FIRST_LOCK_MS, FREE_TRIES } from '../../../electron/cashiers/cashiers';
import { backOfficeForEachTest, value } from '../back-office/back-office-harness';

const h = backOfficeForEachTest(async (office) => {
  value(await office.call('cashiers.save', { id: 'owner', name: 'Owner', role: 'owner', pin: '9876' }));
  value(await office.call('session.signOut', {}));
});

const wrongPinLogLines = () => h.logText().split('\n').filter((line) => line.includes('wrong PIN')).length;

describe('the PIN lock-out under simultaneous tries', () => {
  it('100 wrong PINs at once: at most the free tries are compared, and the lock is the first one', async () => {
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) => h.call('session.signIn', { cashierId: 'owner', pin: String(1000 + i) })),
    );
    expect(answers.every((a) => !a.ok)).toBe(true);
    const codes = answers.map((a) => (a.ok ? 'ok' : a.error.code));
    expect(codes.filter((c) => c === 'auth.wrong_pin')).toHaveLength(FREE_TRIES - 1);
    expect(codes.filter((c) => c === 'auth.locked')).toHaveLength(100 - (FREE_TRIES - 1));
    expect(wrongPinLogLines()).toBeLessThanOrEqual(FREE_TRIES);
    // What the cashier is told next: the first lock's wait, not the hour-long cap 100 counted tries would earn.
    const next = await h.call('session.signIn', { cashierId: 'owner', pin: '9876' });
    expect(!next.ok && next.error.code).toBe('auth.locked');
    if (!next.ok) expect(Number(next.error.params?.seconds)).toBeLessThanOrEqual(FIRST_LOCK_MS / 1000);
  });

  it('the right PIN sent among 12 wrong ones does not sign in', async () => {
    const tries = [...Array.from({ length: 12 }, (_, i) => String(2000 + i)), '9876'];
    const answers = await Promise.all(tries.map((pin) => h.call('session.signIn', { cashierId: 'owner', pin })));
    const right = answers[answers.length - 1]!;
    expect(!right.ok && right.error.code).toBe('auth.locked');
    expect(value(await h.call('session.status', {})).cashier).toBeNull();
  });

  it('the tries are per cashier: a burst against one leaves another free to sign in', async () => {
    value(await h.call('session.signIn', { cashierId: 'owner', pin: '9876' }));
    const ali = value(await h.call('cashiers.save', { name: 'Ali', role: 'cashier', pin: '1357' }));
    value(await h.call('session.signOut', {}));
    await Promise.all(Array.from({ length: 20 }, (_, i) => h.call('session.signIn', { cashierId: 'owner', pin: String(3000 + i) })));
    value(await h.call('session.signIn', { cashierId: ali.id, pin: '1357' }));
    expect(value(await h.call('session.status', {})).cashier?.id).toBe(ali.id);
  });

  it('the right PIN within the free tries of a burst still signs in, and clears the count', async () => {
    const answers = await Promise.all(['1111', '2222', '9876'].map((pin) => h.call('session.signIn', { cashierId: 'owner', pin })));
    expect(answers[2]!.ok).toBe(true);
    value(await h.call('session.signOut', {}));
    const after = await h.call('session.signIn', { cashierId: 'owner', pin: '0000' });
    expect(!after.ok && after.error.code).toBe('auth.wrong_pin');
  });
});
