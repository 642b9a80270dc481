// Database backups: one by hand, the list, and a restore that the main process checks before it
// replaces anything (and that keeps a copy of what it replaces).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, useChannel, useChannelMutation } from '../../ipc/client';
import { dateTimeFormat } from '../../i18n/digits';

export function BackupPanel() {
  const { t, i18n } = useTranslation();
  const list = useChannel('backup.list', {});
  const now = useChannelMutation('backup.now', ['backup.list']);
  const restore = useChannelMutation('backup.restore', ['backup.list', 'settings.get', 'cashiers.list', 'session.status']);
  const [confirming, setConfirming] = useState<string | null>(null);
  const date = dateTimeFormat(i18n);
  return (
    <section className="card" aria-labelledby="backup-title" data-testid="backups">
      <h2 id="backup-title">{t('settings.backup.title')}</h2>
      <p className="hint">
        {t('settings.backup.folder')} <bdi dir="ltr">{list.data?.folder}</bdi>
      </p>
      <button type="button" className="primary" onClick={() => now.mutate({})} disabled={now.isPending} data-testid="backup-now">
        {t('settings.backup.now')}
      </button>
      {now.error && <p className="error" role="alert">{errorText(t, now.error)}</p>}
      {now.data && <p className="ok" role="status" data-testid="backup-done">{t('settings.backup.done')}</p>}
      <ul className="backup-list" data-testid="backup-list">
        {list.data?.files.map((f) => (
          <li key={f.name}>
            <span>{date.format(f.createdAt)}</span> <bdi dir="ltr" className="muted">{f.name}</bdi>
            {confirming === f.name ? (
              <>
                <button type="button" className="danger" onClick={() => restore.mutate({ name: f.name }, { onSettled: () => setConfirming(null) })} data-testid="backup-restore-confirm">
                  {t('settings.backup.restoreConfirm')}
                </button>
                <button type="button" onClick={() => setConfirming(null)}>{t('settings.backup.cancel')}</button>
              </>
            ) : (
              <button type="button" onClick={() => setConfirming(f.name)} data-testid="backup-restore">
                {t('settings.backup.restore')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {restore.error && <p className="error" role="alert" data-testid="restore-error">{errorText(t, restore.error)}</p>}
      {restore.data && <p className="ok" role="status" data-testid="restore-done">{t('settings.backup.restored')}</p>}
    </section>
  );
}
