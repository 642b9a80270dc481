// Said at start when the database is missing from a folder that shows an earlier install (issue 9,
// defect 9): the app started empty, and the newest backup is offered before anything else is done.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, useChannel, useChannelMutation } from '../ipc/client';

export function EarlierInstallNotice() {
  const { t, i18n } = useTranslation();
  const found = useChannel('app.earlierInstall', {});
  const restore = useChannelMutation('backup.restore', ['app.earlierInstall', 'backup.list', 'settings.get', 'cashiers.list', 'session.status', 'app.info']);
  const [dismissed, setDismissed] = useState(false);
  const notice = found.data;
  if (!notice || dismissed) return null;
  const backup = notice.newestBackup;
  return (
    <div className="earlier-install" role="alert" data-testid="earlier-install">
      <strong>{t('app.earlierInstall.title')}</strong>
      <p>
        {t('app.earlierInstall.found', { traces: notice.traces.map((trace) => t(`app.earlierInstall.trace.${trace}`)).join(t('app.earlierInstall.and')) })}
      </p>
      {backup ? (
        <p>
          {t('app.earlierInstall.offer', { date: new Date(backup.createdAt).toLocaleString(i18n.language) })} <bdi dir="ltr">{backup.name}</bdi>
        </p>
      ) : (
        <p>{t('app.earlierInstall.noBackup')}</p>
      )}
      {restore.error && <p className="error">{errorText(t, restore.error)}</p>}
      <div className="earlier-install-actions">
        {backup && (
          <button type="button" className="primary" disabled={restore.isPending} onClick={() => restore.mutate({ name: backup.name })} data-testid="earlier-install-restore">
            {t('app.earlierInstall.restore')}
          </button>
        )}
        <button type="button" onClick={() => setDismissed(true)} data-testid="earlier-install-dismiss">
          {t('app.earlierInstall.dismiss')}
        </button>
      </div>
    </div>
  );
}
