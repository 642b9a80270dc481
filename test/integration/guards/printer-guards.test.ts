// Issue 11 item 14, main side: the printer's address is an IPv4 address or a host name, nothing else
// (not 999.999.1.1, not emoji), and "print a test page" reaches the printer as set: one job as wide
// as the paper, framed to its edges, ending with a cut.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PAPER_DOTS } from '../../../shared/ipc/printing';
import { startTestPrinter, type TestPrinter } from '../../harness/test-printer';
import { makeTempDir } from '../../support/temp-dir';
import { startBackOffice, value, type Harness } from '../back-office/back-office-harness';

let temp = makeTempDir();
let h: Harness;
let printer: TestPrinter;

beforeEach(async () => {
  temp = makeTempDir();
  h = await startBackOffice(temp.dir);
  printer = await startTestPrinter();
});
afterEach(async () => {
  await printer.close();
  await h.close();
  temp.remove();
});

describe('the printer address', () => {
  it.each(['999.999.1.1', '192.168.1', '192.168.1.256', '1.2.3.4.5', 'printer🖨️', 'my printer', '-printer', 'a..b', '٢٥٥.١.١.١'])(
    'refuses %j with the translated address error',
    async (host) => {
      const refused = await h.call('printer.set', { host });
      expect(!refused.ok && refused.error.code).toBe('input.invalid_host');
    },
  );

  it.each(['192.168.1.50', '10.0.0.1', 'printer-1', 'epson.local', ''])('takes %j', async (host) => {
    expect(value(await h.call('printer.set', { host })).host).toBe(host);
  });

  it('an address stored before addresses were checked falls back alone; the paper width and port stay', async () => {
    value(await h.call('printer.set', { host: '10.0.0.9', port: 9101, paperWidth: '58' }));
    h.services.db.prepare('UPDATE printer_config SET config = json_set(config, \'$.host\', \'999.999.1.1\')').run();
    expect(value(await h.call('printer.get', {}))).toMatchObject({ host: '', port: 9101, paperWidth: '58' });
  });
});

describe('print a test page', () => {
  for (const paperWidth of ['58', '80'] as const) {
    it(`prints one ${paperWidth} mm job on the printer as set`, async () => {
      value(await h.call('printer.set', { host: '127.0.0.1', port: printer.port, paperWidth, feedLines: 3 }));
      expect(value(await h.call('printer.testPage', {}))).toEqual({ paperWidth });
      const [job] = await printer.waitForJobs(1, 5000);
      expect(job).toMatchObject({ widthDots: PAPER_DOTS[paperWidth], cut: true, endsWithCut: true, unknown: [], feedLines: 3 });
      // Framed to the paper's edges: the first and last dots of a middle row are black.
      const row = Math.floor(job!.height / 2);
      expect(job!.dots[row * job!.widthDots]).toBe(1);
      expect(job!.dots[row * job!.widthDots + job!.widthDots - 1]).toBe(1);
    });
  }

  it('says so when no printer is set, and when the printer does not answer', async () => {
    const none = await h.call('printer.testPage', {});
    expect(!none.ok && none.error.code).toBe('printer.not_configured');
    const port = printer.port;
    await printer.close();
    value(await h.call('printer.set', { host: '127.0.0.1', port }));
    const down = await h.call('printer.testPage', {});
    expect(!down.ok && down.error.code).toMatch(/^printer\.(unreachable|timeout)$/);
    printer = await startTestPrinter();
  });
});
