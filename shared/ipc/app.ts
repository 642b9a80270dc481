// Channels of the app itself: what it is, whether its parts are up, its settings.
import { z } from 'zod';
import { channel } from './contract';
import { settingsPatchSchema, settingsSchema } from '../settings';

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
  'settings.get': channel(z.object({}).strict(), settingsSchema),
  'settings.set': channel(settingsPatchSchema.strict(), settingsSchema, { ownerOnly: true }),
};
