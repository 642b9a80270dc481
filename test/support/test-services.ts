// The real application core on a test's own data folder, with the app's dispatch beside it: what the
// tests that call channels through dispatch, as the renderer would, start from. Each passes only what
// it needs to differ.
import { createLogger } from '../../electron/log';
import { createAppDispatch } from '../../electron/ipc/app-dispatch';
import type { Dispatch } from '../../electron/ipc/dispatch';
import { startServices, type ServiceDeps, type Services } from '../../electron/services';
import { MIGRATIONS_DIR } from './temp-dir';

export type TestServices = Services & { dispatch: Dispatch };

export async function startTestServices(deps: Partial<ServiceDeps> & Pick<ServiceDeps, 'dataDir'>): Promise<TestServices> {
  const started = await startServices({
    migrationsDir: MIGRATIONS_DIR,
    now: Date.now,
    log: createLogger(() => undefined),
    shell: 'web',
    version: 'test',
    ...deps,
  });
  if (!started.ok) throw new Error(started.error.message);
  return { ...started.value, dispatch: createAppDispatch(started.value) };
}
