// Handlers of the app's own channels (shared/ipc/app.ts).
import type { appChannels } from '../../../shared/ipc/app';
import type { HandlersOf } from '../../../shared/ipc/contract';
import { ok } from '../../../shared/result';
import type { Services } from '../../services';
import { schemaVersion } from '../../store/database';
import type { CallContext } from '../dispatch';

export function createAppHandlers(s: Pick<Services, 'deps' | 'db' | 'events' | 'settings' | 'startedAt' | 'isTraining' | 'backups' | 'earlierInstall'>): HandlersOf<typeof appChannels, CallContext> {
  return {
    'app.info': () =>
      ok({
        name: 'Recharge POS',
        version: s.deps.version,
        training: s.isTraining(),
        shell: s.deps.shell,
        dataDir: s.deps.dataDir,
      }),
    'app.health': () => ok({ db: s.db.open, schemaVersion: schemaVersion(s.db), uptimeMs: s.deps.now() - s.startedAt }),
    'app.earlierInstall': () => {
      const traces = s.earlierInstall();
      return ok(traces.length === 0 ? null : { traces, newestBackup: s.backups.list().find((f) => !f.name.endsWith('-before-restore.sqlite')) ?? null });
    },
    'settings.get': () => ok(s.settings.read()),
    'settings.set': (patch) => {
      const settings = s.settings.update(patch);
      s.events.emit('settings.changed', settings);
      return ok(settings);
    },
  };
}
