// Issue 11 item 14, main side: a quote priced at nothing or less never reaches the confirm screen as
// a price to confirm. The package priced -500 of the issue is set the way an old database would
// hold it (the settings channel refuses it now), and the quote answers with the price rule instead.
import { afterEach, expect, it } from 'vitest';
import { money } from '../../../shared/money';
import { startRig, type Rig } from '../sales/sale-rig';

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

it('a package priced -500 is refused at the quote with the price rule, and nothing is charged', async () => {
  rig = await startRig({ order: ['alqimah', 'weta'] });
  rig.settings.packages = [{ network: 'sabafon', code: 'NEG', name: 'Minus', price: money(-500_00) }];
  const quote = await rig.sales.engine.quote({ number: '711234567', network: 'sabafon', product: { kind: 'offer', code: 'NEG', provider: 'alqimah' } });
  expect(quote).toMatchObject({ ok: false, error: { code: 'input.invalid_price', params: { min: 1, max: 1_000_000 } } });
  expect(rig.alqimah.ledger.charges).toHaveLength(0);

  rig.settings.packages = [{ network: 'sabafon', code: 'POS', name: 'Plus', price: money(500_00) }];
  const good = await rig.sales.engine.quote({ number: '711234567', network: 'sabafon', product: { kind: 'offer', code: 'POS', provider: 'alqimah' } });
  expect(good.ok && good.value.price).toEqual(money(500_00));
});
