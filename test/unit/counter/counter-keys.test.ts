// The counter's key rules (issue 11 items 5 and 6), as pure functions: an early confirming Enter
// applies only on a price the cashier has seen; a second Enter is one press only within a bounce.
import { describe, expect, it } from 'vitest';
import { money } from '../../../shared/money';
import { earlyEnterApplies } from '../../../renderer/features/sale/early-enter';
import { createEnterClock, ENTER_BOUNCE_MS } from '../../../renderer/features/sale/enter-clock';

describe('an Enter pressed before the price showed', () => {
  const amount = { kind: 'amount' as const, amount: money(1_000_00) };
  it('applies to a top-up by amount quoted at the amount typed, with no duplicate to look at', () => {
    expect(earlyEnterApplies(amount, { price: money(1_000_00), duplicateOf: null })).toBe(true);
  });
  it('is refused when the price is news: another figure, none yet, units, a package, a card, or a duplicate', () => {
    expect(earlyEnterApplies(amount, { price: money(1_010_00), duplicateOf: null })).toBe(false);
    expect(earlyEnterApplies(amount, { price: { minor: 1_000_00, currency: 'USD' }, duplicateOf: null })).toBe(false);
    expect(earlyEnterApplies(amount, { price: null, duplicateOf: null })).toBe(false);
    expect(earlyEnterApplies({ kind: 'units', units: 100 }, { price: money(120_00), duplicateOf: null })).toBe(false);
    expect(earlyEnterApplies({ kind: 'offer', code: 'x' }, { price: money(1_000_00), duplicateOf: null })).toBe(false);
    expect(earlyEnterApplies({ kind: 'game', linkCode: 'pubg_60', fields: { PlayerID: '1' }, quantity: 1 }, { price: money(1_000_00), duplicateOf: null })).toBe(false);
    expect(earlyEnterApplies(amount, { price: money(1_000_00), duplicateOf: { id: '1' } })).toBe(false);
  });
});

describe('a second Enter', () => {
  it('within the bounce of the one before is the same press; later, or after a held key, it is a new one', () => {
    const clock = createEnterClock();
    const press = (timeStamp: number, key = 'Enter', repeat = false) => {
      clock.note({ key, timeStamp, repeat });
      return clock.isBounce({ key, timeStamp });
    };
    expect(press(1_000)).toBe(false);
    expect(press(1_000 + ENTER_BOUNCE_MS - 1)).toBe(true);
    expect(press(5_000)).toBe(false);
    expect(press(5_000 + ENTER_BOUNCE_MS)).toBe(false);
    // Other keys and a held Enter's repeats neither count nor bounce.
    expect(press(9_000, '7')).toBe(false);
    expect(press(9_010, 'Enter', true)).toBe(false);
    expect(press(9_020)).toBe(false);
  });
});
