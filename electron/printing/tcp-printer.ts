// Raw bytes to a network thermal printer (port 9100, "JetDirect"/raw): connect, write, close. A
// printer that does not answer is a value with a stable code, never a hang: every step has a time-out.
import { Socket } from 'node:net';
import { err, ok, type Result } from '../../shared/result';

export type RawTarget = { host: string; port: number; timeoutMs?: number };

export function sendRaw(target: RawTarget, bytes: Uint8Array): Promise<Result<void>> {
  const timeoutMs = target.timeoutMs ?? 10_000;
  return new Promise((resolve) => {
    const socket = new Socket();
    let settled = false;
    const finish = (result: Result<void>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => finish(err('printer.timeout', `printer ${target.host}:${target.port} did not take the job in ${timeoutMs} ms`)), timeoutMs);
    socket.once('error', (cause: NodeJS.ErrnoException) => {
      const unreachable = ['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET'].includes(cause.code ?? '');
      finish(err(unreachable ? 'printer.unreachable' : 'printer.failed', `printer ${target.host}:${target.port}: ${cause.code ?? cause.message}`));
    });
    socket.connect(target.port, target.host, () => {
      // end() flushes everything written; 'close' without an error means the printer took it all.
      socket.end(bytes);
    });
    socket.once('close', (hadError) => {
      if (!hadError) finish(ok(undefined));
    });
  });
}
