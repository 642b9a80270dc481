// A real composition root on a temp folder, its log written through the rotating log file, and a
// typed way to call channels as the renderer would (through dispatch, with authorize).
import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach } from 'vitest';
import { join } from 'node:path';
import type { ChannelName, ChannelRequest, ChannelResponse } from '../../../shared/ipc';
import type { Result } from '../../../shared/result';
import { createRotatingLogFile } from '../../../electron/backup/rotating-log-file';
import type { Timer } from '../../../electron/backup/backups';
import { createLogger } from '../../../electron/log';
import type { SecretBox } from '../../../electron/platform/secret-box';
import type { ServiceDeps } from '../../../electron/services';
import { makeTempDir } from '../../support/temp-dir';
import { startTestServices, type TestServices } from '../../support/test-services';

export type Harness = {
  services: TestServices;
  call<C extends ChannelName>(name: C, request: ChannelRequest<C>): Promise<Result<ChannelResponse<C>>>;
  logText(): string;
  close(): Promise<void>;
};

export async function startBackOffice(
  dataDir: string,
  options: { now?: () => number; timer?: Timer; maxLogBytes?: number; secretBox?: SecretBox | null; sales?: ServiceDeps['sales'] } = {},
): Promise<Harness> {
  const logFile = createRotatingLogFile({ folder: dataDir, maxBytes: options.maxLogBytes ?? 10_000_000, files: 3 });
  const now = options.now ?? Date.now;
  const services = await startTestServices({
    dataDir,
    now,
    log: createLogger(logFile.sink, now),
    ...(options.timer ? { timer: options.timer } : {}),
    ...(options.secretBox !== undefined ? { secretBox: options.secretBox } : {}),
    ...(options.sales ? { sales: options.sales } : {}),
  });
  return {
    services,
    call: (name, request) => services.dispatch(name, request, { trustedSender: true }) as never,
    logText: () =>
      readdirSync(dataDir)
        .filter((f) => f.startsWith('pos.log'))
        .map((f) => readFileSync(join(dataDir, f), 'utf8'))
        .join('\n'),
    close: async () => {
      await services.stop();
    },
  };
}

/**
 * A back office on a fresh folder for each test of the file, closed and removed after it; the
 * harness returned always speaks to the current test's.
 */
export function backOfficeForEachTest(setUp?: (h: Harness) => Promise<void>): Harness {
  let current: { h: Harness; remove: () => void } | null = null;
  beforeEach(async () => {
    const temp = makeTempDir();
    const h = await startBackOffice(temp.dir);
    current = { h, remove: temp.remove };
    await setUp?.(h);
  });
  afterEach(async () => {
    await current?.h.close();
    current?.remove();
    current = null;
  });
  const now = (): Harness => {
    if (!current) throw new Error('the back office runs only inside a test');
    return current.h;
  };
  return {
    get services() {
      return now().services;
    },
    call: (name, request) => now().call(name, request),
    logText: () => now().logText(),
    close: () => now().close(),
  };
}

export function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}
