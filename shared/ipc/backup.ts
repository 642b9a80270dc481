// Channels of database backups: by hand and on a schedule (in the main process), listed, and
// restored only after a copy of the file is checked (it opens, passes integrity_check, is this
// app's database of our migration history, not newer). The current database is backed up first and
// its sales are carried into the restored one, so a restore loses no sale.
import { z } from 'zod';
import { channel } from './contract';

export const backupNameSchema = z.string().regex(/^pos-[\w-]+\.sqlite$/, 'a backup file name');

export const backupFileSchema = z.object({
  name: backupNameSchema,
  bytes: z.number().int().nonnegative(),
  createdAt: z.number().int(),
});

export const backupChannels = {
  'backup.list': channel(z.object({}).strict(), z.object({ folder: z.string(), files: z.array(backupFileSchema) }), { ownerOnly: true }),
  'backup.now': channel(z.object({}).strict(), backupFileSchema, { ownerOnly: true }),
  'backup.restore': channel(
    z.object({ name: backupNameSchema }).strict(),
    z.object({
      restored: backupNameSchema,
      safetyCopy: backupNameSchema,
      schemaVersion: z.number().int(),
      /** Sales of the live journal written into the restored database: a restore forgets no sale. */
      carriedSales: z.number().int().nonnegative(),
      /** Sales the backup caught open that the provider is now asked about. */
      salesToAsk: z.number().int().nonnegative(),
    }),
    { ownerOnly: true },
  ),
};
