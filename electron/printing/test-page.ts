// The printer's test page: drawn here as pixels, so it needs neither a sale nor a window to draw a
// receipt in. A frame as wide as the paper's dots, with a tick every 8 dots (1 mm) and a longer one
// every 80, shows the owner at a glance that the paper width is right and that every dot prints.
import type { RasterSource } from './escpos-raster';

const HEIGHT = 160;
const BAR = 8;

export function testPagePixels(widthDots: number): RasterSource {
  const data = new Uint8Array(widthDots * HEIGHT * 4).fill(255);
  const black = (x: number, y: number) => data.fill(0, (y * widthDots + x) * 4, (y * widthDots + x) * 4 + 3);
  for (let y = 0; y < HEIGHT; y++) {
    for (let x = 0; x < widthDots; x++) {
      const bar = y < BAR || y >= HEIGHT - BAR;
      const side = x < BAR / 2 || x >= widthDots - BAR / 2;
      const tick = x % 8 === 0 && y >= BAR && y < BAR + (x % 80 === 0 ? 40 : 16);
      // A chequer band in the middle: a head with dead dots leaves a white line through it.
      const chequer = y >= 70 && y < 90 && (Math.floor(x / 4) + Math.floor(y / 4)) % 2 === 0;
      if (bar || side || tick || chequer) black(x, y);
    }
  }
  return { width: widthDots, height: HEIGHT, data, order: 'rgba' };
}
