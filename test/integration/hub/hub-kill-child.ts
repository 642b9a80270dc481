// The kill test's victim: a till already joined to the hub, the real services on its data folder,
// selling one sale after another and shipping in small batches, until the parent SIGKILLs it.
// Run with `node --import tsx`.
import { money } from '../../../shared/money';
import { startTestServices } from '../../support/test-services';
import { counterOptions } from './hub-rig';

const [dir, alqimahUrl, wetaUrl, runText] = process.argv.slice(2) as [string, string, string, string];
const services = await startTestServices({ dataDir: dir, ...counterOptions(alqimahUrl, wetaUrl, { batch: 7, idleMs: 2 }) });
if (!services.hub.status().linked) throw new Error('the till is not joined');
process.stdout.write('ready\n');
const run = Number(runText);
for (let i = 0; i < 5_000; i++) {
  const product = i % 2 === 0 ? { kind: 'amount' as const, amount: money((100 + i) * 100) } : { kind: 'offer' as const, code: String(1 + (i % 5)) };
  await services.sales.engine.submit({ number: `77${String(run).padStart(2, '0')}${String(i).padStart(5, '0')}`, product, submitKey: `kill-${run}-${i}-key` });
}
