// The Al-Qimah webhook receiver (docs/architecture.md, "Sales"; docs/providers-alqimah.md, the document's "Example Webhook Request"): a GET
// with OperationStatus, WebHookCode, TransactionID, ReferenceID, price and message in the query
// string. Off by default. The per-sale code is compared in constant time (SHA-256 of both sides,
// crypto.timingSafeEqual); an unknown id or a wrong code is refused and logged without the code.
// Calls are idempotent: a sale already final is answered 200 and left as it is.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { timingSafeEqual } from 'node:crypto';
import type { SaleView } from '../../shared/ipc/sales';
import { moneyFromDecimal } from '../../shared/money';
import type { Logger } from '../providers/provider';
import type { Journal } from './journal';
import { hashWebhookCode } from './sale-engine';

export type WebhookReceiverOptions = {
  host?: string;
  port?: number;
  path?: string;
  /**
   * The address the provider's platform can call (the owner's public address, forwarded by the
   * router or a reverse proxy to `port`). Without it no WebHookURL is sent: a loopback address is
   * one the provider can never reach, and status checks settle every sale anyway.
   */
  publicUrl?: string;
};

export type WebhookReceiverDeps = {
  journal: Journal;
  log: Logger;
  onSaleUpdated: (view: SaleView) => void;
};

export async function startWebhookReceiver(deps: WebhookReceiverDeps, options: WebhookReceiverOptions = {}) {
  const host = options.host ?? '127.0.0.1';
  const path = options.path ?? '/alqimah/webhook';
  const { journal, log } = deps;

  function answer(status: number, text: string): { status: number; text: string } {
    return { status, text };
  }

  function handle(url: URL): { status: number; text: string } {
    if (url.pathname !== path) return answer(404, 'not found');
    const q = url.searchParams;
    const txText = q.get('TransactionID') ?? '';
    const code = q.get('WebHookCode') ?? '';
    const status = q.get('OperationStatus') ?? '';
    if (!/^[1-9]\d{0,15}$/.test(txText)) {
      log.warn('webhook refused: bad transaction id', { transactionId: txText.slice(0, 40) });
      return answer(400, 'bad request');
    }
    const txId = Number(txText);
    const sale = journal.get(txId);
    const stored = sale ? journal.webhookCodeHash(txId) : null;
    if (!sale || !stored) {
      log.warn('webhook refused: unknown transaction', { txId });
      return answer(404, 'unknown transaction');
    }
    const given = hashWebhookCode(code);
    if (stored.length !== given.length || !timingSafeEqual(stored, given)) {
      log.warn('webhook refused: code does not match', { txId });
      return answer(403, 'forbidden');
    }
    const state = status === '1' ? 'succeeded' : status === '0' ? 'failed' : status === '-1' ? 'pending' : null;
    if (state === null) {
      log.warn('webhook refused: unreadable status', { txId });
      return answer(400, 'bad request');
    }
    const priceText = q.get('price') ?? '';
    const price = priceText === '' ? null : moneyFromDecimal(priceText);
    if (priceText !== '' && (price === null || price.minor < 0)) {
      log.warn('webhook refused: price is not an amount the sale can have', { txId, price: priceText.slice(0, 40) });
      return answer(400, 'bad request');
    }
    // Kept verbatim beside the sale, except the code, which is a secret; a replay of a call already
    // kept adds nothing.
    const kept = new URLSearchParams(q);
    kept.delete('WebHookCode');
    const body = kept.toString();
    if (journal.exchanges(txId).some((e) => e.kind === 'webhook' && e.body === body)) return answer(200, 'ok');
    journal.recordExchange(txId, 'webhook', { body });
    const message = q.get('message');
    const ref = q.get('ReferenceID');
    const moved = journal.move(
      txId,
      state,
      {
        ...(price ? { price } : {}),
        ...(ref ? { providerRef: ref } : {}),
        ...(message ? { message } : {}),
        ...(state === 'failed' ? { error: { code: 'provider.rejected' as const, message: message ?? 'failed' } } : { error: null }),
        note: `webhook: ${state}`,
      },
      state === 'pending' ? sale.nextCheckAt : null,
    );
    if (moved) deps.onSaleUpdated(journal.view(moved));
    else if (sale.state !== state) log.warn('webhook state not applied', { txId, journal: sale.state, webhook: state });
    return answer(200, 'ok');
  }

  const server: Server = createServer((req, res) => {
    let result: { status: number; text: string };
    try {
      result = req.method === 'GET' ? handle(new URL(req.url ?? '/', 'http://local')) : answer(405, 'method not allowed');
    } catch (cause) {
      log.error('webhook failed', { error: cause instanceof Error ? cause : String(cause) });
      result = answer(500, 'error');
    }
    res.writeHead(result.status, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(result.text);
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    /** What each payment sends as WebHookURL, or null when the owner has set no public address. */
    url: options.publicUrl ? options.publicUrl : null,
    /** Where this receiver listens. */
    localUrl: `http://${host}:${port}${path}`,
    port,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
export type WebhookReceiver = Awaited<ReturnType<typeof startWebhookReceiver>>;
