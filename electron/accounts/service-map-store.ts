// Al-Qimah's network/service map as the owner edits it (docs/architecture.md, "Providers": data, not code). Kept as one
// row of the settings table; a missing or unreadable row means the seeded defaults.
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
    /** Parses the owner's JSON text; a refusal names the line or the entry that is wrong, never the parser's words. */
    write(json: string): Result<AlqimahServiceMap> {
      let value: unknown;
      try {
        value = JSON.parse(json);
      } catch (cause) {
        const message = (cause as Error).message;
        return err('settings.service_map_not_json', `not JSON: ${message.slice(0, 200)}`, { line: lineOfParseError(json, message) });
      }
      const parsed = alqimahServiceMapSchema.safeParse(value);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        const entry = issue.path.map(String).join('.') || '(map)';
        return err('settings.invalid_service_map', `invalid map: ${entry}: ${issue.message}`, { entry: entry.slice(0, 120) });
      }
      upsert.run(KEY, JSON.stringify(parsed.data), now());
      return ok(parsed.data);
    },
  };
}
/** The line of the owner's text a JSON parser stopped at: from its position when it gives one. */
function lineOfParseError(json: string, message: string): number {
  const position = /position (\d+)/.exec(message);
  const at = position ? Number(position[1]) : /end of JSON input/.test(message) ? json.length : 0;
  return json.slice(0, at).split('\n').length;
}

export type ServiceMapStore = ReturnType<typeof createServiceMapStore>;
