// The crash test's victim: the sale services on a file database, selling one sale after another
// until the parent SIGKILLs it at a random moment. Run with `node --import tsx`.
import { join } from 'node:path';
import { createEventBus } from '../../../electron/events';
import { defaultSimAccount } from '../../../electron/providers/alqimah/simulator';
import { createSaleServices } from '../../../electron/sales/sale-services';
import { openDatabase } from '../../../electron/store/database';
import { settingsSchema } from '../../../shared/settings';
import { money } from '../../../shared/money';

const [dir, alqimahUrl, wetaUrl, runText] = process.argv.slice(2) as [string, string, string, string];
const opened = openDatabase(join(dir, 'pos.sqlite'), { migrationsDir: join(import.meta.dirname, '..', '..', '..', 'electron', 'store', 'migrations') });
if (!opened.ok) throw new Error(opened.error.message);
const settings = settingsSchema.parse({ duplicateWindowMinutes: 0 });
const quiet = { info: () => {}, warn: () => {}, error: () => {} };
const sales = await createSaleServices(
  { db: opened.value, now: Date.now, log: quiet, events: createEventBus(), settings: () => settings },
  {
    credentialsFor: async (id): Promise<Record<string, string>> => (id === 'alqimah' ? { ...defaultSimAccount } : { username: 'agent', password: 'agent-password' }),
    providerUrls: { alqimah: alqimahUrl, weta: wetaUrl },
    providerOrder: ['weta', 'alqimah'],
    providerTimeoutMs: 1_000,
    startReconciler: false,
    every: () => () => {},
  },
);
process.stdout.write('ready\n');
const run = Number(runText);
for (let i = 0; i < 10_000; i++) {
  const product = i % 2 === 0 ? { kind: 'amount' as const, amount: money(500_00) } : { kind: 'offer' as const, code: '2' };
  await sales.engine.submit({ number: `77${String(run * 10_000 + i).padStart(7, '0')}`, product, submitKey: `crash-${run}-${i}-key` });
}
