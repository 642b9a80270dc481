// The owner's settings (F5): general values, the receipt printer, provider accounts, which
// provider sells what, cashiers, backups and the shop's hub. Owner only: the main process refuses every channel
// here to a cashier.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, useChannel } from '../../ipc/client';
import { BackupPanel } from './backup-panel';
import { CashierList } from './cashier-list';
import { GeneralSettings } from './general-settings';
import { HubPanel } from './hub-panel';
import { PrinterSettings } from './printer-settings';
import { ProviderAccounts } from './provider-accounts';
import { SalesRouting } from './sales-routing';
import './settings.css';

const TABS = ['general', 'printer', 'accounts', 'routes', 'cashiers', 'backup', 'hub'] as const;
type Tab = (typeof TABS)[number];

export default function SettingsScreen() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('general');
  const session = useChannel('session.status', {});
  const settings = useChannel('settings.get', {});
  const isOwner = session.data?.cashier?.role === 'owner';
  return (
    <section className="screen settings-screen" aria-labelledby="screen-title">
      <h1 id="screen-title">{t('app.nav.settings')}</h1>
      {session.data && !isOwner ? (
        <p className="error" role="alert" data-testid="owner-only">{t('errors.auth.forbidden')}</p>
      ) : (
        <>
          <div role="tablist" className="tabs" aria-label={t('app.nav.settings')}>
            {TABS.map((id) => (
              <button key={id} type="button" role="tab" aria-selected={tab === id} onClick={() => setTab(id)} data-testid={`settings-tab-${id}`}>
                {t(`settings.tab.${id}`)}
              </button>
            ))}
          </div>
          {settings.error && <p className="error" role="alert">{errorText(t, settings.error)}</p>}
          {settings.data && tab === 'general' && <GeneralSettings settings={settings.data} />}
          {tab === 'printer' && <PrinterSettings />}
          {tab === 'accounts' && <ProviderAccounts />}
          {settings.data && tab === 'routes' && <SalesRouting settings={settings.data} />}
          {tab === 'cashiers' && <CashierList />}
          {tab === 'backup' && <BackupPanel />}
          {tab === 'hub' && <HubPanel />}
        </>
      )}
    </section>
  );
}
