// issue 10 (one application core, providers part): both clients go through one transport, so they
// keep one set of rules. Before it, only Weta told "never reached" from "dropped", and Al-Qimah kept
// raw answers with secrets in them.
import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createAlqimahProvider } from '../../../electron/providers/alqimah/client';
import { defaultSimAccount } from '../../../electron/providers/alqimah/simulator';
import { formatYemenTime } from '../../../electron/providers/alqimah/wire';
import { quietLog } from '../sales/sale-rig';

const YM = { national: '771234567', network: 'yemen_mobile' as const };
let server: Server | null = null;

afterEach(async () => {
  const s = server;
  server = null;
  if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
});

function common(baseUrl: string, credentials: Record<string, string>) {
  return { baseUrl, now: Date.now, timeoutMs: 2_000, credentials: async () => credentials, log: quietLog };
}

describe('one transport for both providers', () => {
  it('Al-Qimah: an answer echoing the token is kept and shown with it cut; dropped after connecting is unknown; never reached is failed', async () => {
    const token = 'access-token-that-is-secret-0123456789';
    let answerPayment = true;
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        if (req.url === '/login') {
          res.end(JSON.stringify({ status: true, message: 'ok', access_token: token, token_expires: formatYemenTime(Date.now() + 3_600_000) }));
          return;
        }
        if (!answerPayment) return req.socket.destroy();
        res.end(JSON.stringify({ status: true, operationStatus: 1, price: 100, message: `done with ${req.headers['api-token']}`, transactionID: '2001', referenceID: 1 }));
      });
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const alqimah = createAlqimahProvider(common(`http://127.0.0.1:${port}`, { ...defaultSimAccount }));
    const paid = await alqimah.pay({ txId: '2001', number: YM, product: { kind: 'amount', amount: { minor: 100_00, currency: 'YER' } } });
    expect(paid.state).toBe('succeeded');
    expect(paid.raw?.body).toContain('done with [redacted]');
    expect(JSON.stringify(paid)).not.toContain(token);

    // Dropped after the connection was made: may have been received, so unknown.
    answerPayment = false;
    const dropped = await alqimah.pay({ txId: '2002', number: YM, product: { kind: 'amount', amount: { minor: 100_00, currency: 'YER' } } });
    expect(dropped.state).toBe('unknown');

    // The session is still valid, but nothing listens any more: the payment never left, as Weta reads it too.
    const closing = server!;
    server = null;
    closing.closeAllConnections();
    await new Promise<void>((resolve) => closing.close(() => resolve()));
    const unsent = await alqimah.pay({ txId: '2003', number: YM, product: { kind: 'amount', amount: { minor: 100_00, currency: 'YER' } } });
    expect([unsent.state, unsent.error?.code]).toEqual(['failed', 'provider.unavailable']);
  });
});
