// The raster encoder and the test printer's decoder agree: any black-and-white image printed is the
// image the printer decodes, at the paper's width, ending with a cut.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { encodeRaster, toBitmap } from '../../../electron/printing/escpos-raster';
import { decodeEscPos } from '../../harness/test-printer';

describe('ESC/POS raster round trip', () => {
  it('decodes to the dots that were encoded, for any image and band height', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 48 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 17 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        (width, height, bandRows, seed) => {
          const data = new Uint8Array(width * height * 4);
          let x = seed;
          for (let p = 0; p < width * height; p++) {
            x = (Math.imul(x, 1103515245) + 12345) >>> 0;
            const v = x & 0x100 ? 0 : 255;
            data.set([v, v, v, 255], p * 4);
          }
          const widthDots = 64;
          const job = decodeEscPos(encodeRaster(toBitmap({ width, height, data }, widthDots), { bandRows, feedLines: 2 }));
          expect(job.unknown).toEqual([]);
          expect(job.widthDots).toBe(widthDots);
          expect(job.height).toBe(height);
          expect(job.endsWithCut).toBe(true);
          for (let y = 0; y < height; y++) {
            for (let c = 0; c < widthDots; c++) {
              const expected = c < width && data[(y * width + c) * 4] === 0 ? 1 : 0;
              if (job.dots[y * widthDots + c] !== expected) throw new Error(`dot ${c},${y} differs`);
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
