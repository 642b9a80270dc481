// Whether a file may become this app's database (issue 9, defect 8), checked on a copy before
// anything is replaced: it opens, passes a full integrity check, is marked as this app's database
// (or is one of our backups from before the mark existed), and its migration history is a prefix of
// ours, name by name. A foreign file that merely has a `settings` table, or a database of another
// history, is refused here instead of leaving an app that will not start.
import { err, ok, type Result } from '../../shared/result';
import { APPLICATION_ID, type Db, type Migration } from '../store/database';

/** The version of the migration that writes the application id: a backup older than it carries 0 there. */
function markedFrom(migrations: Migration[]): number {
  return migrations.findIndex((m) => m.name.endsWith('_application_id.sql')) + 1;
}

export function checkCandidate(candidate: Db, migrations: Migration[]): Result<number> {
  try {
    const integrity = candidate.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') return err('backup.invalid_file', 'integrity check failed', { detail: String(integrity).slice(0, 200) });
    const version = candidate.pragma('user_version', { simple: true }) as number;
    const applicationId = candidate.pragma('application_id', { simple: true }) as number;
    const marked = applicationId === APPLICATION_ID || (applicationId === 0 && version < markedFrom(migrations));
    if (!marked || version < 1) return err('backup.invalid_file', 'not a database of this app', { detail: 'not a database of this app' });
    if (version > migrations.length) return err('backup.newer_schema', 'backup is newer', { found: version, supported: migrations.length });
    const hasLog = candidate.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
    if (!hasLog) return err('backup.invalid_file', 'not a database of this app', { detail: 'no migration history' });
    const applied = candidate.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all() as { version: number; name: string }[];
    const sameHistory = applied.length === version && applied.every((row, i) => row.version === i + 1 && migrations[i]?.name === row.name);
    if (!sameHistory) return err('backup.invalid_file', 'another migration history', { detail: 'the backup comes from a different version history of the app' });
    const foreignKeys = candidate.pragma('foreign_key_check') as unknown[];
    if (foreignKeys.length > 0) return err('backup.invalid_file', 'broken references', { detail: `${foreignKeys.length} broken reference(s)` });
    return ok(version);
  } catch (cause) {
    return err('backup.invalid_file', 'unreadable', { detail: (cause as Error).message.slice(0, 200) });
  }
}
