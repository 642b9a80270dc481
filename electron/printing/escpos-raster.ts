// A receipt image as ESC/POS raster (docs/architecture.md, "Receipts"): printers cannot shape Arabic, so the browser's
// rendering is sent as pixels. Pure black and white by a luminance threshold (a thermal head has no
// grey), in `GS v 0` bands, then a feed and a cut. Pixels arrive as RGBA or as Electron's BGRA.

export type RasterSource = {
  width: number;
  height: number;
  /** 4 bytes a pixel, row by row. */
  data: Uint8Array;
  order?: 'rgba' | 'bgra';
};

export type RasterOptions = {
  /** The printer's dot width: the image is cropped or padded (white) to it. */
  widthDots: number;
  /** Luminance below this is printed black (0–255). */
  threshold?: number;
  feedLines?: number;
  /** Rows per `GS v 0` command: many printers cannot buffer one tall image. */
  bandRows?: number;
};

const ESC = 0x1b;
const GS = 0x1d;

/** One bit a dot, most significant bit leftmost, 1 = black; `bytesPerRow` × height. */
export type Bitmap = { widthDots: number; height: number; bytesPerRow: number; bits: Uint8Array };

export function toBitmap(source: RasterSource, widthDots: number, threshold = 128): Bitmap {
  if (widthDots % 8 !== 0) throw new RangeError(`a raster width must be a multiple of 8 dots, not ${widthDots}`);
  const bytesPerRow = widthDots / 8;
  const bits = new Uint8Array(bytesPerRow * source.height);
  const [r, b] = source.order === 'bgra' ? [2, 0] : [0, 2];
  const columns = Math.min(widthDots, source.width);
  for (let y = 0; y < source.height; y++) {
    for (let x = 0; x < columns; x++) {
      const i = (y * source.width + x) * 4;
      const alpha = source.data[i + 3]! / 255;
      // Composited on white paper: a transparent pixel is blank.
      const luminance =
        (0.299 * source.data[i + r]! + 0.587 * source.data[i + 1]! + 0.114 * source.data[i + b]!) * alpha + 255 * (1 - alpha);
      if (luminance < threshold) bits[y * bytesPerRow + (x >> 3)]! |= 0x80 >> (x & 7);
    }
  }
  return { widthDots, height: source.height, bytesPerRow, bits };
}

/** Drops blank rows at the bottom so no paper is wasted; keeps at least one row. */
export function trimBottom(bitmap: Bitmap): Bitmap {
  let height = bitmap.height;
  outer: while (height > 1) {
    const start = (height - 1) * bitmap.bytesPerRow;
    for (let i = start; i < start + bitmap.bytesPerRow; i++) if (bitmap.bits[i] !== 0) break outer;
    height--;
  }
  return { ...bitmap, height, bits: bitmap.bits.subarray(0, height * bitmap.bytesPerRow) };
}

/** ESC @ (reset), the image as `GS v 0` bands, ESC d n (feed), GS V 66 0 (feed to the cutter and cut). */
export function encodeRaster(bitmap: Bitmap, options: { feedLines?: number; bandRows?: number } = {}): Uint8Array {
  const bandRows = options.bandRows ?? 256;
  const feed = Math.max(0, Math.min(255, options.feedLines ?? 4));
  const parts: Uint8Array[] = [Uint8Array.of(ESC, 0x40)];
  for (let top = 0; top < bitmap.height; top += bandRows) {
    const rows = Math.min(bandRows, bitmap.height - top);
    const x = bitmap.bytesPerRow;
    parts.push(Uint8Array.of(GS, 0x76, 0x30, 0, x & 0xff, x >> 8, rows & 0xff, rows >> 8));
    parts.push(bitmap.bits.subarray(top * x, (top + rows) * x));
  }
  parts.push(Uint8Array.of(ESC, 0x64, feed));
  parts.push(Uint8Array.of(GS, 0x56, 66, 0));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export function rasterFromPixels(source: RasterSource, options: RasterOptions): Uint8Array {
  const bitmap = trimBottom(toBitmap(source, options.widthDots, options.threshold));
  return encodeRaster(bitmap, {
    ...(options.feedLines === undefined ? {} : { feedLines: options.feedLines }),
    ...(options.bandRows === undefined ? {} : { bandRows: options.bandRows }),
  });
}
