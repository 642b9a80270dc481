// Handlers of the backup channels (shared/ipc/backup.ts).
import type { backupChannels } from '../../../shared/ipc/backup';
import type { HandlersOf } from '../../../shared/ipc/contract';
import { ok } from '../../../shared/result';
import type { Services } from '../../services';
import type { CallContext } from '../dispatch';

export function createBackupHandlers(s: Pick<Services, 'backups' | 'events' | 'settings' | 'sales' | 'hub' | 'deps' | 'forgetEarlierInstall'>): HandlersOf<typeof backupChannels, CallContext> {
  return {
    'backup.list': () => ok({ folder: s.backups.folder, files: s.backups.list() }),
    'backup.now': () => s.backups.backupNow(),
    'backup.restore': async ({ name }) => {
      const restored = await s.backups.restore(name);
      // Settings may differ in the restored database: every window re-reads them.
      if (restored.ok) {
        s.forgetEarlierInstall();
        s.events.emit('settings.changed', s.settings.read());
        s.hub.restored();
        // The restored file's open sales are settled by asking the provider, now rather than at the next tick.
        void s.sales.reconciler.runDue().catch((cause: unknown) => s.deps.log.error('reconcile after restore failed', { error: cause instanceof Error ? cause : String(cause) }));
      }
      return restored;
    },
  };
}
