// The order rules of a game or gift card category: required fields, quantity bounds, fixed quantity.
import { describe, expect, it } from 'vitest';
import { orderProduct, quantityBounds } from '../../../renderer/features/catalogue/game-card-order';
import type { CounterCatalogueItem } from '../../../shared/ipc/counter';

const pubg: CounterCatalogueItem = {
  provider: 'alqimah',
  linkCode: '3201',
  service: 'PUBG',
  name: 'شدات بوبجي ( 60 شدة )',
  price: { minor: 99, currency: 'USD' },
  localPrice: { minor: 530_00, currency: 'YER' },
  allowFreeQuantity: true,
  minQuantity: 1,
  maxQuantity: 5,
  requiredFields: [
    { code: 'PlayerID', name: 'رقم ايدي - اللاعب' },
    { code: 'Server', name: 'الخادم' },
  ],
};

describe('a game card order', () => {
  it('takes every required field (trimmed) and a quantity in any digits', () => {
    expect(orderProduct(pubg, { fields: { PlayerID: ' 5123 ', Server: 'EU' }, quantity: '٣' })).toEqual({
      ok: true,
      value: { kind: 'game', linkCode: '3201', name: pubg.name, fields: { PlayerID: '5123', Server: 'EU' }, quantity: 3 },
    });
  });

  it.each([
    [{ PlayerID: '5123' }, '1', 'input.missing_field'],
    [{ PlayerID: '   ', Server: 'EU' }, '1', 'input.missing_field'],
    [{ PlayerID: '1', Server: 'EU' }, '0', 'input.invalid_quantity'],
    [{ PlayerID: '1', Server: 'EU' }, '6', 'input.invalid_quantity'],
    [{ PlayerID: '1', Server: 'EU' }, '1.5', 'input.invalid_quantity'],
    [{ PlayerID: '1', Server: 'EU' }, '', 'input.invalid_quantity'],
    [{ PlayerID: '1', Server: 'EU' }, '-1', 'input.invalid_quantity'],
  ])('refuses %j × %j with %s', (fields, quantity, code) => {
    expect(orderProduct(pubg, { fields, quantity })).toMatchObject({ ok: false, error: { code } });
  });

  it('a category with no free quantity sells its fixed quantity and nothing else', () => {
    const fixed = { ...pubg, allowFreeQuantity: false, minQuantity: 0, maxQuantity: 0 };
    expect(quantityBounds(fixed)).toEqual({ min: 1, max: 1, fixed: true });
    expect(orderProduct(fixed, { fields: { PlayerID: '1', Server: 'EU' }, quantity: '' })).toMatchObject({ ok: true, value: { quantity: 1 } });
    expect(orderProduct(fixed, { fields: { PlayerID: '1', Server: 'EU' }, quantity: '2' })).toMatchObject({ ok: false, error: { code: 'input.invalid_quantity' } });
  });

  it('a maximum below the minimum is read as the minimum', () => {
    expect(quantityBounds({ ...pubg, minQuantity: 3, maxQuantity: 0 })).toEqual({ min: 3, max: 3, fixed: false });
  });
});
