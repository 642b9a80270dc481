// Issue 11 item 9: a PIN is its digits, whatever script the keyboard types them in: the scripts the
// number field accepts (Arabic-Indic, Persian, full-width, Western) set a PIN and sign in with it.
import { describe, expect, it } from 'vitest';
import { backOfficeForEachTest, value } from '../back-office/back-office-harness';

const h = backOfficeForEachTest();

describe('PINs in any digit script', () => {
  it('a PIN set in Arabic-Indic digits signs in typed in Persian, full-width or Western digits', async () => {
    value(await h.call('cashiers.save', { id: 'owner', name: 'Owner', role: 'owner', pin: '٢٤٦٨' }));
    for (const typed of ['۲۴۶۸', '２４６８', '2468', '٢٤٦٨']) {
      value(await h.call('session.signOut', {}));
      const signed = await h.call('session.signIn', { cashierId: 'owner', pin: typed });
      expect(signed.ok, typed).toBe(true);
    }
  });

  it('a cashier PIN set in Persian digits is the same PIN as its Western digits', async () => {
    value(await h.call('cashiers.save', { id: 'owner', name: 'Owner', role: 'owner', pin: '9876' }));
    const ali = value(await h.call('cashiers.save', { name: 'علي', role: 'cashier', pin: '۱۳۵۷۹' }));
    value(await h.call('session.signOut', {}));
    value(await h.call('session.signIn', { cashierId: ali.id, pin: '13579' }));
    expect(value(await h.call('session.status', {})).cashier?.id).toBe(ali.id);
  });

  it('what is not 4 to 8 digits of those scripts is still refused with the PIN rule', async () => {
    for (const pin of ['١٢٣', '१२३४', '12a4', '١٢٣٤٥٦٧٨٩', '12 34']) {
      const refused = await h.call('cashiers.save', { id: 'owner', name: 'Owner', role: 'owner', pin });
      expect(!refused.ok && refused.error.code, pin).toBe('auth.invalid_pin');
    }
  });
});
