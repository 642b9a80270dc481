// Channels of the app itself: what it is, whether its parts are up, its settings.
import { z } from 'zod';
import { channel } from './contract';
import { settingsPatchSchema, settingsSchema } from '../settings';
import { backupFileSchema } from './backup';

/** What shows that this data folder held the app before its database went missing. */
export const earlierInstallTraceSchema = z.enum(['backups', 'key_file', 'log']);
export type EarlierInstallTrace = z.infer<typeof earlierInstallTraceSchema>;

export const appChannels = {
  'app.info': channel(
    z.object({}).strict(),
    z.object({
      name: z.string(),
      version: z.string(),
      training: z.boolean(),
      shell: z.enum(['electron', 'web']),
      dataDir: z.string(),
    }),
  ),
  'app.health': channel(
    z.object({}).strict(),
    z.object({ db: z.boolean(), schemaVersion: z.number().int(), uptimeMs: z.number() }),
  ),
  /**
   * The app started on an empty database in a folder that shows an earlier install: what was found
   * and the newest backup to offer. Null once a backup is restored, or when the start was a real first one.
   */
  'app.earlierInstall': channel(
    z.object({}).strict(),
    z.object({ traces: z.array(earlierInstallTraceSchema).min(1), newestBackup: backupFileSchema.nullable() }).nullable(),
  ),
  'settings.get': channel(z.object({}).strict(), settingsSchema),
  'settings.set': channel(settingsPatchSchema.strict(), settingsSchema, { ownerOnly: true }),
};
