// Channels of database backups: by hand and on a schedule (in the main process), listed, and
// restored only after the file is checked (it opens, passes integrity_check, its schema is not
// newer than this app's). The current database is backed up first, so a restore loses nothing.
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
    z.object({ restored: backupNameSchema, safetyCopy: backupNameSchema, schemaVersion: z.number().int() }),
    { ownerOnly: true },
  ),
};
