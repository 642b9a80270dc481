// Al-Qimah's network/service map as the owner edits it (docs/architecture.md, "Providers": data, not code). Kept as one
// row of the settings table; a missing or unreadable row means the seeded defaults.
import { z } from 'zod';
import { err, ok, type Result } from '../../shared/result';
import { alqimahServiceMapSchema, defaultAlqimahServiceMap, type AlqimahServiceMap } from '../providers/alqimah/service-map';
import type { Db } from '../store/database';

const KEY = 'alqimahServiceMap';

export function createServiceMapStore(db: Db, now: () => number) {
  const select = db.prepare('SELECT value FROM settings WHERE key = ?');
  const upsert = db.prepare(
    'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
  );

  function read(): AlqimahServiceMap {
    const row = select.get(KEY) as { value: string } | undefined;
    const parsed = row ? alqimahServiceMapSchema.safeParse(JSON.parse(row.value)) : null;
    return parsed?.success ? parsed.data : defaultAlqimahServiceMap;
  }

  return {
    read,
    /** Parses the owner's JSON text; the error's detail says where it is wrong. */
    write(json: string): Result<AlqimahServiceMap> {
      let value: unknown;
      try {
        value = JSON.parse(json);
      } catch (cause) {
        return err('settings.invalid_service_map', 'not JSON', { detail: (cause as Error).message.slice(0, 200) });
      }
      const parsed = alqimahServiceMapSchema.safeParse(value);
      if (!parsed.success) {
        return err('settings.invalid_service_map', 'invalid map', { detail: z.prettifyError(parsed.error).slice(0, 300) });
      }
      upsert.run(KEY, JSON.stringify(parsed.data), now());
      return ok(parsed.data);
    },
  };
}
export type ServiceMapStore = ReturnType<typeof createServiceMapStore>;
