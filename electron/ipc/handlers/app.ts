// Handlers of the app's own channels (shared/ipc/app.ts).
import type { appChannels } from '../../../shared/ipc/app';
import type { HandlersOf } from '../../../shared/ipc/contract';
import { err, ok } from '../../../shared/result';
import type { Services } from '../../services';
import { schemaVersion } from '../../store/database';
import type { CallContext } from '../dispatch';

export function createAppHandlers(s: Pick<Services, 'deps' | 'db' | 'events' | 'settings' | 'startedAt' | 'isTraining' | 'backups' | 'earlierInstall' | 'hub'>): HandlersOf<typeof appChannels, CallContext> {
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
      // A till in a shop has the number its hub gave it: a second till typed onto the same number
      // would send the same transaction ids on the same provider account.
      const given = s.hub.status().counterNumber;
      if (given !== null && patch.counterNumber !== undefined && patch.counterNumber !== given) {
        return err('hub.counter_number_given', 'the counter number is given by the shop hub', { number: given });
      }
      const settings = s.settings.update(patch);
      s.events.emit('settings.changed', settings);
      return ok(settings);
    },
  };
}
