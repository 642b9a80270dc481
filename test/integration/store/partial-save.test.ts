// A partial save changes exactly the keys it names (issue 9, defect 1): `settings.set` and
// `printer.set` through dispatch, as the Settings tabs and the language button call them.
import { describe, expect, it } from 'vitest';
import type { PrinterConfig } from '../../../shared/ipc/printing';
import type { Settings } from '../../../shared/settings';
import { backOfficeForEachTest, value } from '../back-office/back-office-harness';

const h = backOfficeForEachTest();

const owned: Omit<Settings, 'language'> = {
  digitStyle: 'arabic',
  shopName: 'محل الأمل',
  receiptHeader: 'header',
  receiptFooter: 'footer',
  counterNumber: 7,
  lowBalanceThreshold: 123_00,
  duplicateWindowMinutes: 9,
  providerUrls: { alqimah: 'http://127.0.0.1:1/a', weta: 'http://127.0.0.1:2/w' },
  providerRoutes: { sabafon: ['weta', 'alqimah'] },
  packages: [{ network: 'you', code: 'P1', name: 'package one' }],
  webhookEnabled: true,
  webhookPublicUrl: 'https://shop.example.ye/alqimah/webhook',
  webhookPort: 9000,
  backupEveryHours: 6,
  backupKeep: 60,
};

describe('a partial save', () => {
  it('settings.set with one key leaves every other key as saved', async () => {
    value(await h.call('settings.set', { ...owned, language: 'ar' }));
    const afterLanguage = value(await h.call('settings.set', { language: 'en' }));
    expect(afterLanguage).toEqual({ ...owned, language: 'en' });
    value(await h.call('settings.set', { providerRoutes: { you: ['alqimah'] } }));
    expect(value(await h.call('settings.get', {}))).toEqual({ ...owned, language: 'en', providerRoutes: { you: ['alqimah'] } });
    // What is on disk, not only what the call answered.
    const rows = h.services.db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
    expect(JSON.parse(rows.find((r) => r.key === 'counterNumber')!.value)).toBe(7);
    expect(JSON.parse(rows.find((r) => r.key === 'backupKeep')!.value)).toBe(60);
  });

  it('a nested object is saved whole: half of the provider addresses is refused, not filled with a default', async () => {
    value(await h.call('settings.set', owned));
    const half = await h.call('settings.set', { providerUrls: { alqimah: 'http://127.0.0.1:3/a' } } as never);
    expect(!half.ok && half.error.code).toBe('input.invalid');
    expect(value(await h.call('settings.get', {})).providerUrls).toEqual(owned.providerUrls);
  });

  it('printer.set with one key leaves every other key as saved', async () => {
    const saved: PrinterConfig = { mode: 'raster', host: '127.0.0.1', port: 9101, deviceName: 'EPSON', paperWidth: '58', feedLines: 7, autoPrint: false };
    value(await h.call('printer.set', saved));
    expect(value(await h.call('printer.set', { paperWidth: '80' }))).toEqual({ ...saved, paperWidth: '80' });
    expect(value(await h.call('printer.get', {}))).toEqual({ ...saved, paperWidth: '80' });
  });
});
