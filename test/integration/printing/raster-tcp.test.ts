// The raster path for real: an image becomes black-and-white ESC/POS, goes over TCP to the test
// printer on 127.0.0.1 and is decoded back; a printer that refuses or hangs is a value, not a hang.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { PNG } from 'pngjs';
import { encodeRaster, rasterFromPixels, toBitmap, trimBottom } from '../../../electron/printing/escpos-raster';
import { printPng } from '../../../electron/printing/receipt-printer';
import { sendRaw } from '../../../electron/printing/tcp-printer';
import { printerConfigSchema } from '../../../shared/ipc/printing';
import { blackRatio, decodeEscPos, startTestPrinter, type TestPrinter } from '../../harness/test-printer';

/** A test card: a black frame, a grey that must fall to white, a dark grey that must print. */
function card(width: number, height: number): PNG {
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const frame = x < 4 || y < 4 || x >= width - 4 || y >= height - 4;
      const v = frame ? 0 : x < width / 2 ? 200 : 60;
      png.data[i] = png.data[i + 1] = png.data[i + 2] = v;
      png.data[i + 3] = 255;
    }
  }
  return png;
}

let printer: TestPrinter;
beforeEach(async () => {
  printer = await startTestPrinter();
});
afterEach(async () => {
  await printer.close();
});

describe('ESC/POS raster', () => {
  it('thresholds to pure black and white, pads to the dot width, bands tall images and ends with a cut', () => {
    const image = card(300, 600);
    const bitmap = toBitmap({ width: 300, height: 600, data: image.data }, 384);
    const bytes = encodeRaster(bitmap, { feedLines: 3, bandRows: 256 });
    const job = decodeEscPos(bytes);
    expect(job.unknown).toEqual([]);
    expect(job.widthDots).toBe(384);
    expect(job.height).toBe(600);
    expect(job.endsWithCut).toBe(true);
    expect(job.feedLines).toBe(3);
    // Three bands of at most 256 rows.
    expect([...bytes].filter((_, i) => bytes[i] === 0x1d && bytes[i + 1] === 0x76 && bytes[i + 2] === 0x30).length).toBe(3);
    const dot = (x: number, y: number) => job.dots[y * 384 + x];
    expect(dot(0, 0)).toBe(1);
    expect(dot(100, 300)).toBe(0); // light grey → paper
    expect(dot(250, 300)).toBe(1); // dark grey → black
    expect(dot(350, 300)).toBe(0); // padding → paper
  });

  it('reads Electron BGRA pixels and treats transparency as paper', () => {
    const data = new Uint8Array(16 * 2 * 4);
    // Row 0: opaque pure blue in BGRA (dark); row 1: transparent black.
    for (let x = 0; x < 16; x++) data.set([255, 0, 0, 255], x * 4);
    for (let x = 0; x < 16; x++) data.set([0, 0, 0, 0], (16 + x) * 4);
    const bitmap = toBitmap({ width: 16, height: 2, data, order: 'bgra' }, 16);
    expect([...bitmap.bits]).toEqual([0xff, 0xff, 0, 0]);
    expect(trimBottom(bitmap).height).toBe(1);
  });

  it('refuses a width that is not whole bytes', () => {
    expect(() => toBitmap({ width: 10, height: 1, data: new Uint8Array(40) }, 383)).toThrow(RangeError);
  });
});

describe('raw TCP to the printer', () => {
  it('delivers a PNG receipt to the test printer at 576 dots for 80 mm paper', async () => {
    const png = PNG.sync.write(card(576, 400));
    const config = printerConfigSchema.parse({ host: printer.host, port: printer.port, paperWidth: '80' });
    expect(await printPng(png, config)).toEqual({ ok: true, value: undefined });
    const [job] = await printer.waitForJobs(1);
    expect(job!.widthDots).toBe(576);
    expect(job!.height).toBe(400);
    expect(job!.endsWithCut).toBe(true);
    expect(blackRatio(job!)).toBeGreaterThan(0.2);
  });

  it('says the printer is unreachable when nothing listens', async () => {
    const closed = await startTestPrinter();
    const port = closed.port;
    await closed.close();
    const result = await sendRaw({ host: '127.0.0.1', port, timeoutMs: 2000 }, rasterFromPixels({ width: 8, height: 1, data: new Uint8Array(32) }, { widthDots: 8 }));
    expect(result).toMatchObject({ ok: false, error: { code: 'printer.unreachable' } });
  });

  it('gives up on a printer that takes the connection but never finishes', async () => {
    const sockets: Socket[] = [];
    const hung: Server = createServer({ allowHalfOpen: true }, (socket) => {
      sockets.push(socket);
      socket.pause();
    });
    await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve));
    const started = Date.now();
    const result = await sendRaw({ host: '127.0.0.1', port: (hung.address() as AddressInfo).port, timeoutMs: 500 }, new Uint8Array(10));
    expect(result).toMatchObject({ ok: false, error: { code: 'printer.timeout' } });
    expect(Date.now() - started).toBeLessThan(3000);
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => hung.close(() => resolve()));
  });

  it('refuses bytes that are not a PNG without sending anything', async () => {
    const config = printerConfigSchema.parse({ host: printer.host, port: printer.port });
    expect(await printPng(new Uint8Array([1, 2, 3]), config)).toMatchObject({ ok: false, error: { code: 'printer.failed' } });
    expect(printer.jobs).toEqual([]);
  });
});
