// A thermal printer for tests (docs/architecture.md, "Receipts"): a TCP server on 127.0.0.1 (OS-picked port; 9100 in
// production) that decodes the ESC/POS it receives — ESC @, GS v 0 raster bands, ESC d / LF feeds,
// GS V cut — back into an image, so the raster path is checked on what a printer would print.
import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { PNG } from 'pngjs';

export type PrintedJob = {
  widthDots: number;
  height: number;
  /** 1 = black, one byte a dot, row by row. */
  dots: Uint8Array;
  resets: number;
  feedLines: number;
  cut: boolean;
  /** Nothing after the cut (a cut is the last command of a job). */
  endsWithCut: boolean;
  /** Commands the decoder did not know; a test expects none. */
  unknown: string[];
  bytes: number;
};

export type TestPrinter = {
  host: string;
  port: number;
  jobs: PrintedJob[];
  /** Resolves when `count` jobs have arrived, or rejects after `timeoutMs`. */
  waitForJobs(count: number, timeoutMs?: number): Promise<PrintedJob[]>;
  close(): Promise<void>;
};

export function decodeEscPos(buffer: Uint8Array): PrintedJob {
  const rows: Uint8Array[] = [];
  let widthDots = 0;
  let resets = 0;
  let feedLines = 0;
  let cut = false;
  let lastCutEnd = -1;
  const unknown: string[] = [];
  let i = 0;
  while (i < buffer.length) {
    const b = buffer[i]!;
    if (b === 0x1b && buffer[i + 1] === 0x40) {
      resets++;
      i += 2;
    } else if (b === 0x1b && buffer[i + 1] === 0x64) {
      feedLines += buffer[i + 2] ?? 0;
      i += 3;
    } else if (b === 0x0a) {
      feedLines++;
      i += 1;
    } else if (b === 0x1d && buffer[i + 1] === 0x76 && buffer[i + 2] === 0x30) {
      const x = buffer[i + 4]! | (buffer[i + 5]! << 8);
      const y = buffer[i + 6]! | (buffer[i + 7]! << 8);
      const start = i + 8;
      if (start + x * y > buffer.length) {
        unknown.push(`truncated raster at ${i}`);
        break;
      }
      if (widthDots !== 0 && widthDots !== x * 8) unknown.push(`band width changed at ${i}`);
      widthDots = x * 8;
      for (let r = 0; r < y; r++) {
        const row = new Uint8Array(widthDots);
        for (let c = 0; c < widthDots; c++) row[c] = (buffer[start + r * x + (c >> 3)]! >> (7 - (c & 7))) & 1;
        rows.push(row);
      }
      i = start + x * y;
    } else if (b === 0x1d && buffer[i + 1] === 0x56) {
      cut = true;
      // GS V m (m = 0/1/48/49) or GS V m n (m = 65/66).
      i += buffer[i + 2] === 65 || buffer[i + 2] === 66 ? 4 : 3;
      lastCutEnd = i;
    } else {
      unknown.push(`0x${b.toString(16)} at ${i}`);
      i += 1;
    }
  }
  const dots = new Uint8Array(widthDots * rows.length);
  rows.forEach((row, r) => dots.set(row, r * widthDots));
  return {
    widthDots,
    height: rows.length,
    dots,
    resets,
    feedLines,
    cut,
    endsWithCut: cut && lastCutEnd === buffer.length,
    unknown,
    bytes: buffer.length,
  };
}

export function jobToPng(job: PrintedJob): Buffer {
  const png = new PNG({ width: Math.max(1, job.widthDots), height: Math.max(1, job.height) });
  for (let p = 0; p < job.dots.length; p++) {
    const v = job.dots[p] ? 0 : 255;
    png.data[p * 4] = v;
    png.data[p * 4 + 1] = v;
    png.data[p * 4 + 2] = v;
    png.data[p * 4 + 3] = 255;
  }
  return PNG.sync.write(png);
}

export function blackRatio(job: PrintedJob): number {
  let black = 0;
  for (const d of job.dots) black += d;
  return job.dots.length === 0 ? 0 : black / job.dots.length;
}

export async function startTestPrinter(): Promise<TestPrinter> {
  const jobs: PrintedJob[] = [];
  const waiters = new Set<() => void>();
  const sockets = new Set<Socket>();
  // One connection is one job, as a raw 9100 printer treats it.
  const server = createServer((socket) => {
    sockets.add(socket);
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => {
      jobs.push(decodeEscPos(Buffer.concat(chunks)));
      for (const wake of waiters) wake();
    });
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: '127.0.0.1',
    port,
    jobs,
    waitForJobs(count, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (jobs.length >= count) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(jobs.slice(0, count));
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`the test printer got ${jobs.length} of ${count} jobs in ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
