// The real composition root on a test's own data folder: what the tests that call channels through
// dispatch, as the renderer would, start from. Each passes only what it needs to differ.
import { createLogger } from '../../electron/log';
import { createServices, type ServiceDeps, type Services } from '../../electron/services';
import { MIGRATIONS_DIR } from './temp-dir';

export async function startTestServices(deps: Partial<ServiceDeps> & Pick<ServiceDeps, 'dataDir'>): Promise<Services> {
  const created = await createServices({
    migrationsDir: MIGRATIONS_DIR,
    now: Date.now,
    log: createLogger(() => undefined),
    shell: 'web',
    version: 'test',
    ...deps,
  });
  if (!created.ok) throw new Error(created.error.message);
  return created.value;
}
