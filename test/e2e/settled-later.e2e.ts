// issue 9 defects 4 and 5 on the screen, in Arabic and English: a sale settled later by a status
// check says so in the owner's language with its price, and a sale whose status answer read two
// ways waits in "needs attention" with its translated reason and the provider's raw answer.
import { money } from '../../shared/money';
import { createJournal } from '../../electron/sales/journal';
import { expect, test } from './fixtures';

for (const language of ['ar', 'en'] as const) {
  test(`history in ${language}: settled by a status check, and a status answer that needs the owner`, async ({ app, shell }) => {
    const journal = createJournal(shell.services.db, Date.now);
    const product = { kind: 'offer' as const, code: '1', provider: 'weta' as const };
    const settled = journal.create({ counter: 1, provider: 'weta', network: 'yemen_mobile', number: '771234567', product, training: false });
    journal.move(settled.txId, 'sent', {}, Date.now() + 60_000);
    journal.move(settled.txId, 'unknown', { message: 'Weta bill: connection lost', error: { code: 'provider.unavailable', message: 'lost' } }, Date.now() + 60_000);
    journal.move(settled.txId, 'succeeded', { price: money(600_00), message: null, error: null, note: 'status: succeeded' }, null);
    const unclear = journal.create({ counter: 1, provider: 'weta', network: 'yemen_mobile', number: '771234568', product, training: false });
    journal.move(unclear.txId, 'sent', {}, Date.now() + 60_000);
    const raw = '{"status_code":200,"description":"Success.","data":{"isDone":1,"isBan":1,"mobile":"967771234568","reason":null}}';
    journal.flagForAttention(unclear.txId, { code: 'provider.unclear_status', message: 'Weta status: isDone 1 with isBan 1 reads two ways' }, raw);

    if (language === 'en') await app.getByTestId('language-switch').click();
    await app.keyboard.press('F3');
    const results = app.getByTestId('history-results');

    await results.getByTestId(`history-row-${settled.txId}`).click();
    await expect(app.getByTestId('history-settled-by')).toHaveText(
      language === 'ar' ? 'حُسمت لاحقاً بالاستعلام من المزوّد عن هذه العملية (فُقد ردّه الأول).' : 'Settled later by asking the provider about this sale (its first answer was lost).',
    );
    await expect(app.getByTestId('history-message')).toHaveCount(0);

    await expect(app.getByTestId('history-attention').getByTestId(`history-row-${unclear.txId}`)).toBeVisible();
    await results.getByTestId(`history-row-${unclear.txId}`).click();
    await expect(app.getByTestId('history-error')).toContainText(language === 'ar' ? 'متناقض أو غير موثّق' : 'contradictory or not a documented result');
    await expect(app.getByTestId('history-message')).toHaveText(raw);
    await expect(app.getByTestId('history-settled-by')).toHaveCount(0);
  });
}
