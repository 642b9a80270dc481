// Bench of the sale pipeline: local overhead of one sale (journal writes with synchronous=FULL,
// client, parse) against a zero-latency Al-Qimah simulator on loopback, and sales per second of
// the whole pipeline. The bench runner imports benchSale() and prints the rows.
import { join } from 'node:path';
import { createEventBus } from '../../electron/events';
import { defaultSimAccount, startAlqimahSimulator } from '../harness/simulator-faults/alqimah';
import { createSaleServices } from '../../electron/sales/sale-services';
import { openDatabase } from '../../electron/store/database';
import { money } from '../../shared/money';
import { settingsSchema } from '../../shared/settings';
import { makeTempDir, MIGRATIONS_DIR } from '../support/temp-dir';
import { median, percentile, type BenchRow } from './bench-row';


export async function benchSale(options: { sales?: number; throughputSales?: number } = {}): Promise<BenchRow[]> {
  const count = options.sales ?? 300;
  const throughputCount = options.throughputSales ?? 500;
  const temp = makeTempDir('pos-bench-sale-');
  const sim = await startAlqimahSimulator({ balanceMinor: 1_000_000_000_00, recordRequests: false });
  const opened = openDatabase(join(temp.dir, 'pos.sqlite'), { migrationsDir: MIGRATIONS_DIR });
  if (!opened.ok) throw new Error(opened.error.message);
  const db = opened.value;
  const settings = settingsSchema.parse({ duplicateWindowMinutes: 0 });
  const quiet = { info: () => {}, warn: () => {}, error: () => {} };
  const sales = await createSaleServices(
    { db, now: Date.now, log: quiet, events: createEventBus(), settings: () => settings },
    {
      credentialsFor: async (id): Promise<Record<string, string> | null> => (id === 'alqimah' ? { ...defaultSimAccount } : null),
      providerUrls: { alqimah: sim.url },
      providerOrder: ['alqimah'],
      startReconciler: false,
      every: () => () => {},
    },
  );
  try {
    const product = { kind: 'amount' as const, amount: money(100_00) };
    // Warm-up: login, prepared statements, JIT.
    for (let i = 0; i < 20; i++) await sales.engine.submit({ number: `77${String(9_000_000 + i)}`, product, submitKey: `warm-${i}-key` });
    const times: number[] = [];
    for (let i = 0; i < count; i++) {
      const t0 = performance.now();
      const r = await sales.engine.submit({ number: `77${String(1_000_000 + i)}`, product, submitKey: `bench-${i}-key` });
      times.push(performance.now() - t0);
      if (!r.ok || r.value.state !== 'succeeded') throw new Error('bench sale did not succeed');
    }
    const t0 = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < throughputCount) {
          const i = next++;
          await sales.engine.submit({ number: `77${String(5_000_000 + i)}`, product, submitKey: `tp-${i}-key` });
        }
      }),
    );
    const perSecond = throughputCount / ((performance.now() - t0) / 1000);
    const [p50, p95] = [median(times), percentile(times, 95)];
    return [
      { name: 'sale local overhead median (zero-latency simulator)', value: Number(p50.toFixed(2)), unit: 'ms', target: '< 5 ms', ok: p50 < 5 },
      { name: 'sale local overhead p95 (zero-latency simulator)', value: Number(p95.toFixed(2)), unit: 'ms', target: '< 5 ms', ok: p95 < 5 },
      { name: 'sales per second, whole pipeline, synchronous=FULL, 8 in flight', value: Math.round(perSecond), unit: 'sales/s', target: '> 50', ok: perSecond > 50 },
    ];
  } finally {
    await sales.close();
    db.close();
    await sim.close();
    temp.remove();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.table(await benchSale());
}
