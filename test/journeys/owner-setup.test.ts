// Journey: the owner sets the shop up from nothing, tab by tab, through the same channels the
// Settings screen calls (each tab saves only its own keys; the language button saves only the
// language, twice), then the app restarts and every value of every tab is still as saved. The
// provider accounts are judged by the simulators: after the restart "Test connection" reads the
// agent balance their ledgers hold.
import { describe, expect, it } from 'vitest';
import type { PrinterConfig } from '../../shared/ipc/printing';
import type { Network, ProviderId } from '../../shared/domain';
import type { Settings } from '../../shared/settings';
import { OWNER, WETA_USER, openApp, journeyRig, value } from './support/journey-app';

const rig = journeyRig();

const routes: Partial<Record<Network, ProviderId[]>> = {
  yemen_mobile: ['alqimah', 'weta'],
  you: ['weta', 'alqimah'],
  sabafon: ['alqimah'],
  y: ['weta'],
  yemen_4g: ['alqimah', 'weta'],
  landline: ['weta'],
  adsl: ['alqimah'],
};

describe('owner set-up from nothing', () => {
  it('every tab saved in turn, the language switched twice, a restart: every value as saved', async () => {
    rig.app = await openApp(rig.temp.dir);
    const fresh = value(await rig.app.call('settings.get', {}));
    expect(fresh.counterNumber).toBe(1);

    // General, as its form sends it: every field of the tab, nothing of the other tabs.
    const general = {
      shopName: 'بقالة وشحن الأمل',
      receiptHeader: 'صنعاء - شارع حدة',
      receiptFooter: 'شكراً لزيارتكم',
      counterNumber: 7,
      lowBalanceThreshold: 20_000_00,
      duplicateWindowMinutes: 12,
      webhookPort: 8899,
      backupEveryHours: 12,
      backupKeep: 60,
      providerUrls: { alqimah: rig.sims.alqimah.url, weta: rig.sims.weta.url },
      language: 'ar',
      digitStyle: 'arabic',
      webhookEnabled: false,
      webhookPublicUrl: 'https://shop.example.ye/alqimah/webhook',
    } satisfies Partial<Settings>;
    value(await rig.app.call('settings.set', general));
    // The language button, between tabs.
    value(await rig.app.call('settings.set', { language: 'en' }));

    // Cashiers: the owner's PIN first (provider accounts need it), then a cashier.
    value(await rig.app.call('cashiers.save', { id: OWNER.id, name: OWNER.name, role: 'owner', pin: OWNER.pin }));
    const cashier = value(await rig.app.call('cashiers.save', { name: 'سالم', role: 'cashier', pin: '2468' }));

    // Printer.
    const printer: PrinterConfig = { mode: 'raster', host: '192.0.2.10', port: 9100, deviceName: '', paperWidth: '58', feedLines: 6, autoPrint: false };
    value(await rig.app.call('printer.set', printer));

    // Provider accounts.
    value(await rig.app.call('accounts.set', { provider: 'alqimah', fields: { ...rig.sims.alqimah.account } }));
    value(await rig.app.call('accounts.set', { provider: 'weta', fields: WETA_USER }));

    // Networks and packages: one select at a time, as the screen saves them.
    let current = value(await rig.app.call('settings.get', {}));
    for (const [network, route] of Object.entries(routes)) {
      current = value(await rig.app.call('settings.set', { providerRoutes: { ...current.providerRoutes, [network]: route } }));
    }
    const packages = [
      ...current.packages,
      { network: 'you' as const, code: 'YOU-NET-5G', name: 'باقة نت 5 جيجا' },
      { network: 'yemen_mobile' as const, code: 'A3825', name: 'نت توفير فورجي', price: { minor: 1200_00, currency: 'YER' as const } },
    ];
    value(await rig.app.call('settings.set', { packages }));
    const serviceMap = value(await rig.app.call('accounts.serviceMap.get', {}));
    value(await rig.app.call('accounts.serviceMap.set', { json: serviceMap.json }));
    value(await rig.app.call('settings.set', { language: 'ar' }));

    // Backup tab.
    const backup = value(await rig.app.call('backup.now', {}));

    const expected: Settings = { ...general, language: 'ar', providerRoutes: routes, packages };
    expect(value(await rig.app.call('settings.get', {}))).toEqual(expected);

    await rig.app.close();
    rig.app = await openApp(rig.temp.dir);

    expect(value(await rig.app.call('settings.get', {}))).toEqual(expected);
    expect(value(await rig.app.call('printer.get', {}))).toEqual(printer);
    const status = value(await rig.app.call('accounts.status', {}));
    expect(status.providers.map((p) => [p.provider, p.configured])).toEqual([
      ['alqimah', true],
      ['weta', true],
    ]);
    expect(value(await rig.app.call('accounts.serviceMap.get', {})).json).toBe(serviceMap.json);
    expect(value(await rig.app.call('cashiers.list', {})).cashiers.map((c) => c.id)).toEqual(expect.arrayContaining([OWNER.id, cashier.id]));
    expect(value(await rig.app.call('backup.list', {})).files.map((f) => f.name)).toContain(backup.name);
    expect(value(await rig.app.call('app.info', {})).training).toBe(false);
    // The accounts reach the providers the owner entered: the balance is the simulators' ledger's.
    expect(value(await rig.app.call('accounts.test', { provider: 'alqimah' })).balance.minor).toBe(rig.sims.alqimah.ledger.balanceMinor);
    expect(value(await rig.app.call('accounts.test', { provider: 'weta' })).balance.minor).toBe(rig.sims.weta.ledger.balanceOf(WETA_USER.username) * 100);
  });
});
