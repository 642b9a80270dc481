// The join-kill test's victim: a till that joins its shop and is SIGKILLed by the parent right
// after the hub committed the join, inside the SQLite transaction that writes the link (a
// temporary trigger calls a function that says so and then waits for the kill).
// Run with `node --import tsx`.
import { startTestServices } from '../../support/test-services';
import { counterOptions } from './hub-rig';

const [dir, alqimahUrl, wetaUrl, address, code] = process.argv.slice(2) as [string, string, string, string, string];
const services = await startTestServices({ dataDir: dir, ...counterOptions(alqimahUrl, wetaUrl) });
services.db.function('stop_here', () => {
  process.stdout.write('ready\n');
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 15_000);
  return null;
});
services.db.exec('CREATE TEMP TRIGGER stop_after_hub_commit BEFORE INSERT ON main.hub_link BEGIN SELECT stop_here(); END');
await services.dispatch('hub.join', { address, code }, { trustedSender: true });
