// Settings as rows of JSON values, read through the one schema in shared/settings.ts so a value
// written by an older version still gets today's defaults and validation.
import { settingsSchema, type Settings, type SettingsPatch } from '../../shared/settings';
import type { Db } from './database';

export function createSettingsRepository(db: Db, now: () => number) {
  const selectAll = db.prepare('SELECT key, value FROM settings');
  const upsert = db.prepare(
    'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
  );

  function read(): Settings {
    const raw: Record<string, unknown> = {};
    for (const row of selectAll.all() as { key: string; value: string }[]) raw[row.key] = JSON.parse(row.value);
    const parsed = settingsSchema.safeParse(raw);
    // A stored value today's schema refuses (edited by hand, or from a newer version) falls back
    // to the default for that key instead of locking the owner out of the app.
    if (parsed.success) return parsed.data;
    const fallback: Record<string, unknown> = { ...raw };
    // In a list (the packages) only the refused entries go: one package priced below a rial, kept
    // from before prices were bounded, must not take the owner's other packages with it.
    const refusedEntries = new Map<string, Set<number>>();
    for (const issue of parsed.error.issues) {
      const [key, index] = issue.path;
      if (Array.isArray(raw[String(key)]) && typeof index === 'number') {
        refusedEntries.set(String(key), (refusedEntries.get(String(key)) ?? new Set()).add(index));
      } else delete fallback[String(key)];
    }
    for (const [key, indexes] of refusedEntries) {
      if (key in fallback) fallback[key] = (raw[key] as unknown[]).filter((_, i) => !indexes.has(i));
    }
    const repaired = settingsSchema.safeParse(fallback);
    if (repaired.success) return repaired.data;
    for (const issue of repaired.error.issues) delete fallback[String(issue.path[0])];
    return settingsSchema.parse(fallback);
  }

  const write = db.transaction((patch: SettingsPatch) => {
    const at = now();
    for (const [key, value] of Object.entries(patch)) {
      if (value !== undefined) upsert.run(key, JSON.stringify(value), at);
    }
  });

  return {
    read,
    update(patch: SettingsPatch): Settings {
      write(patch);
      return read();
    },
  };
}
export type SettingsRepository = ReturnType<typeof createSettingsRepository>;
