// A missing pos.sqlite in a folder that shows an earlier install (issue 9, defect 9): backups, the
// provider key file, or a log older than this start. Opening an empty database there must not look
// like a fresh install: the owner is told at start and offered the newest backup.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EarlierInstallTrace } from '../../shared/ipc/app';

const BACKUP = /^pos-[\w-]+\.sqlite$/;
/** A log line older than this before the start was written by an earlier run, not this one. */
const EARLIER_RUN_MS = 60_000;

function firstLogTime(file: string): number | null {
  try {
    const first = readFileSync(file, 'utf8').split('\n', 1)[0] ?? '';
    const at = Date.parse((JSON.parse(first) as { t?: string }).t ?? '');
    return Number.isNaN(at) ? null : at;
  } catch {
    return null;
  }
}

/** What is left of an earlier install in `dataDir`; call it before the database file is created. */
export function earlierInstallTraces(dataDir: string, now: number): EarlierInstallTrace[] {
  const traces: EarlierInstallTrace[] = [];
  const backups = join(dataDir, 'backups');
  if (existsSync(backups) && readdirSync(backups).some((f) => BACKUP.test(f))) traces.push('backups');
  if (existsSync(join(dataDir, 'secret.key'))) traces.push('key_file');
  const logs = existsSync(dataDir) ? readdirSync(dataDir).filter((f) => /^pos\.log(\.\d+)?$/.test(f)) : [];
  const logAt = logs.includes('pos.log') ? firstLogTime(join(dataDir, 'pos.log')) : null;
  if (logs.some((f) => f !== 'pos.log') || (logAt !== null && logAt < now - EARLIER_RUN_MS)) traces.push('log');
  return traces;
}
