// The receipt, rendered by real Chromium through the web shell: captured at the printer's dot width
// (384 for 58 mm, 576 for 80 mm), encoded as ESC/POS raster, sent over TCP to the test printer and
// decoded back; printed to PDF at 58 and 80 mm and read back with pdftotext, every field checked.
// The owner's printer settings drive a sale's own receipt through the app's print window.
// Renderings are kept under artefacts/receipts/ (not committed).
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { PNG } from 'pngjs';
import { money } from '../../shared/money';
import { PAPER_DOTS } from '../../shared/ipc/printing';
import { printPng } from '../../electron/printing/receipt-printer';
import { createJournal } from '../../electron/sales/journal';
import { startShell, REPO_ROOT, type Shell } from '../harness/shell';
import { chromiumPrinter } from '../harness/chromium-printer';
import { blackRatio, jobToPng, startTestPrinter, type TestPrinter } from '../harness/test-printer';
import { expect, test } from './fixtures';

const RECEIPTS = join(REPO_ROOT, 'artefacts', 'receipts');

type Seeded = { id: string; number: string; ref: string };

/** A sale as the journal writes it, moved to `state`, with a price and reference when it succeeded. */
function seedSale(
  shell: Shell,
  number: string,
  state: 'succeeded' | 'unknown',
  options: { training?: boolean; ref?: string; network?: 'yemen_mobile' | 'you' | 'sabafon' } = {},
): Seeded {
  const journal = createJournal(shell.services.db, Date.now);
  const sale = journal.create({
    counter: 1,
    provider: 'alqimah',
    network: options.network ?? 'yemen_mobile',
    number,
    product: { kind: 'amount', amount: money(1_000_00) },
    cashierId: 'ahmed',
    training: options.training ?? false,
  });
  journal.move(sale.txId, 'sent', {}, Date.now() + 60_000);
  const ref = options.ref ?? 'AQ-5512093';
  journal.move(sale.txId, state, state === 'succeeded' ? { providerRef: ref, price: money(1_000_00) } : { note: 'time-out' }, Date.now() + 60_000);
  return { id: String(sale.txId), number, ref };
}

async function openSale(page: Page, id: string) {
  await page.getByTestId('nav-history').click();
  await page.getByTestId('history-results').getByTestId(`history-row-${id}`).click();
  await expect(page.getByTestId('receipt')).toBeVisible();
}

async function setShop(shell: Shell, language: 'ar' | 'en') {
  shell.services.settings.update({ shopName: language === 'ar' ? 'محل النور للاتصالات' : 'Al-Noor Telecom', receiptFooter: language === 'ar' ? 'شكراً لزيارتكم' : 'Thank you', language });
}

function keep(name: string, png: Uint8Array) {
  mkdirSync(RECEIPTS, { recursive: true });
  writeFileSync(join(RECEIPTS, `${name}.png`), png);
}

let printer: TestPrinter;
test.beforeEach(async () => {
  printer = await startTestPrinter();
});
test.afterEach(async () => {
  await printer.close();
});

for (const width of ['58', '80'] as const) {
  test(`a ${width} mm receipt captured from Chromium prints as a ${PAPER_DOTS[width]}-dot raster ending with a cut`, async ({ app, shell }) => {
    setShop(shell, 'ar');
    const sale = seedSale(shell, '777123456', 'succeeded');
    await app.evaluate((w) => window.pos.invoke('printer.set', { paperWidth: w }), width);
    await app.reload();
    await openSale(app, sale.id);
    const receipt = app.getByTestId('receipt');
    await expect(receipt.getByTestId('receipt-number')).toContainText('777123456');
    const png = await receipt.screenshot();
    keep(`receipt-${width}mm-ar-screen`, png);
    const image = PNG.sync.read(png);
    expect(image.width).toBe(PAPER_DOTS[width]);

    const sent = await printPng(png, { mode: 'raster', host: printer.host, port: printer.port, deviceName: '', paperWidth: width, feedLines: 4, autoPrint: true });
    expect(sent).toEqual({ ok: true, value: undefined });
    const [job] = await printer.waitForJobs(1);
    keep(`receipt-${width}mm-ar-printed`, jobToPng(job!));
    expect(job!.widthDots).toBe(PAPER_DOTS[width]);
    expect(job!.unknown).toEqual([]);
    expect(job!.resets).toBe(1);
    expect(job!.endsWithCut).toBe(true);
    expect(job!.feedLines).toBe(4);
    // Not blank, not a black slab: text on paper.
    expect(blackRatio(job!)).toBeGreaterThan(0.03);
    expect(blackRatio(job!)).toBeLessThan(0.5);
    expect(job!.height).toBeGreaterThan(300);
  });
}

for (const language of ['ar', 'en'] as const) {
  for (const width of ['80', '58'] as const) {
    test(`the ${width} mm PDF in ${language} carries every field`, async ({ app, shell }) => {
      setShop(shell, language);
      const sale = seedSale(shell, '733456789', 'succeeded', { ref: 'W-77120', network: 'you' });
      const training = seedSale(shell, '711222333', 'unknown', { training: true, network: 'sabafon' });
      await app.evaluate((w) => window.pos.invoke('printer.set', { paperWidth: w }), width);
      await app.reload();

      for (const [which, seeded] of [['sale', sale], ['training', training]] as const) {
        await openSale(app, seeded.id);
        const box = (await app.getByTestId('receipt').boundingBox())!;
        // Laid out for print first, so the fonts of the print copy are loaded before the PDF is cut.
        await app.emulateMedia({ media: 'print' });
        await app.evaluate(async () => {
          await document.fonts.ready;
        });
        await app.screenshot({ path: join(RECEIPTS, `receipt-${width}mm-${language}-${which}-print-media.png`) });
        const scale = (Number(width) / 25.4) * 96 / box.width;
        const pdf = await app.pdf({ width: `${width}mm`, height: `${Math.ceil(box.height * scale) + 20}px`, scale, printBackground: true, margin: { top: '0', right: '0', bottom: '0', left: '0' } });
        mkdirSync(RECEIPTS, { recursive: true });
        const file = join(RECEIPTS, `receipt-${width}mm-${language}-${which}.pdf`);
        writeFileSync(file, pdf);
        await app.emulateMedia({ media: 'screen' });
        // pdftotext wraps runs in direction marks and splits Arabic words where Chromium placed
        // glyphs apart: both are undone before the fields are looked for.
        const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'])
          .toString('utf8')
          .normalize('NFKC')
          .replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');
        const pages = execFileSync('pdfinfo', [file]).toString().match(/Pages:\s+(\d+)/)?.[1];
        expect(pages, 'one receipt, one page').toBe('1');
        expect(text).toContain(seeded.number);
        expect(text).toContain(seeded.id);
        expect(text).toContain('ahmed');
        const words =
          language === 'en'
            ? ['Al-Noor Telecom', 'Date and time', 'Cashier', 'Network', 'Number', 'Product', 'Amount paid', 'Provider ref.', 'Transaction ID', 'Status', 'Thank you']
            : [];
        for (const word of words) expect(text, word).toContain(word);
        if (which === 'sale') {
          expect(text).toContain(seeded.ref);
          expect(text).toContain('1000');
          if (language === 'en') for (const word of ['YOU', 'Top-up of 1000 YER', 'Succeeded']) expect(text, word).toContain(word);
          expect(text).not.toMatch(/TRAINING|PROVISIONAL/);
        } else if (language === 'en') {
          for (const word of ['TRAINING', 'not a sale', 'PROVISIONAL', 'Sabafon', 'Checking']) expect(text, word).toContain(word);
        }
        if (language === 'ar') {
          // pdftotext gives Arabic in logical order; folded from presentation forms by NFKC.
          const arabic = text.replace(/\s+/g, '');
          const fields = ['محلالنورللاتصالات', 'التاريخوالوقت', 'الكاشير', 'الشبكة', 'الرقم', 'الخدمة', 'المبلغالمدفوع', 'مرجعالمزود', 'رقمالعملية', 'الحالة', 'شكرًالزيارتكم'];
          for (const word of fields) expect(arabic, word).toContain(word);
          if (which === 'sale') for (const word of ['يو', 'رصيدبقيمة1000ر.ي', 'تمتبنجاح']) expect(arabic, word).toContain(word);
          else for (const word of ['تدريب—ليستعمليةبيع', 'إيصالمؤقت', 'سبأفون', 'قيدالتحقق']) expect(arabic, word).toContain(word);
        }
      }
    });
  }
}

test('reprint through the print channel: the receipt, then copies; a provisional receipt is followed by the final one', async ({ page }) => {
  // A shell of our own, whose printer adapter captures the receipt shown on screen (in the app the
  // Electron adapter draws the document in a hidden window) and sends it through the real raster
  // path. The final receipt that follows a provisional one prints while the screen already counts
  // it, so the screen then shows its next print (a copy): that capture waits only for the settled sale.
  const shell = await startShell({
    deps: {
      printer: {
        capture: async (doc) =>
          page
            .locator(doc.kind === 'final' && doc.sale.state === 'succeeded' ? '[data-testid="receipt"]:not([data-kind="provisional"])' : `[data-testid="receipt"][data-kind="${doc.kind}"]`)
            .screenshot(),
      },
    },
  });
  try {
    setShop(shell, 'en');
    const done = seedSale(shell, '777000111', 'succeeded');
    const checking = seedSale(shell, '777000222', 'unknown');
    await page.goto(shell.url);
    await page.evaluate(({ port }) => window.pos.invoke('printer.set', { host: '127.0.0.1', port, paperWidth: '58' }), { port: printer.port });
    await page.reload();

    await openSale(page, done.id);
    await expect(page.getByTestId('receipt').getByTestId('receipt-copy')).toHaveCount(0);
    await page.getByTestId('history-reprint').click();
    await expect(page.getByTestId('history-printed')).toBeVisible();
    await expect(page.getByTestId('receipt').getByTestId('receipt-copy')).toBeVisible();
    await page.getByTestId('history-reprint').click();
    const [first, copy] = await printer.waitForJobs(2);
    for (const job of [first!, copy!]) {
      expect(job.widthDots).toBe(384);
      expect(job.endsWithCut).toBe(true);
      expect(blackRatio(job)).toBeGreaterThan(0.03);
    }
    keep('reprint-58mm-en-copy', jobToPng(copy!));
    // The copy mark adds a line: the copy is taller than the receipt.
    expect(copy!.height).toBeGreaterThan(first!.height);
    await expect(page.getByTestId('history-prints')).toContainText('2');

    await openSale(page, checking.id);
    await expect(page.getByTestId('receipt').getByTestId('receipt-provisional')).toBeVisible();
    await page.getByTestId('history-reprint').click();
    await printer.waitForJobs(3);
    const journal = createJournal(shell.services.db, Date.now);
    const settled = journal.move(Number(checking.id), 'succeeded', { providerRef: 'AQ-LATE-1', price: money(1_000_00) }, null)!;
    shell.services.events.emit('sale.updated', journal.view(settled));
    const jobs = await printer.waitForJobs(4);
    keep('provisional-then-final-58mm-en', jobToPng(jobs[3]!));
    const prints = shell.services.db.prepare('SELECT kind, error_code FROM receipt_prints WHERE tx_id = ? ORDER BY id').all(Number(checking.id));
    expect(prints).toEqual([
      { kind: 'provisional', error_code: null },
      { kind: 'final', error_code: null },
    ]);
    await expect(page.getByTestId('receipt').getByTestId('receipt-provisional')).toHaveCount(0);
  } finally {
    await shell.close();
  }
});

const PRINTER_TEXT = {
  ar: { port: 'أدخل منفذاً من 1 إلى 65535.', typedPort: (port: number) => String(port).replace(/\d/g, (d) => String.fromCharCode(0x660 + Number(d))) },
  en: { port: 'Enter a port from 1 to 65535.', typedPort: (port: number) => String(port) },
} as const;

for (const language of ['ar', 'en'] as const) {
  test(`the owner sets the receipt printer in Settings (${language}); each sale then prints its receipt by itself`, async ({ page, context }) => {
    // The print window of the Electron adapter, as a second Chromium page of the same app.
    let appUrl = '';
    const shell = await startShell({ deps: { printer: chromiumPrinter(() => context.newPage(), () => appUrl) } });
    appUrl = shell.url;
    try {
      setShop(shell, language);
      await page.goto(shell.url);
      await page.getByTestId('nav-settings').click();
      await page.getByTestId('settings-tab-printer').click();
      await page.getByTestId('printer-host').fill('127.0.0.1');
      await page.getByTestId('printer-port').fill('70000');
      await page.getByTestId('printer-save').click();
      await expect(page.getByTestId('invalid-printer-port')).toHaveText(PRINTER_TEXT[language].port);
      expect(await page.evaluate(() => window.pos.invoke('printer.get', {}))).toMatchObject({ ok: true, value: { host: '' } });

      await page.getByTestId('printer-port').fill(PRINTER_TEXT[language].typedPort(printer.port));
      await page.getByTestId('printer-paperWidth').selectOption('58');
      await expect(page.getByTestId('printer-autoPrint')).toBeChecked();
      await page.getByTestId('printer-save').click();
      await expect(page.getByTestId('printer-saved')).toBeVisible();
      await expect(page.getByTestId('invalid-printer-port')).toHaveCount(0);
      expect(await page.evaluate(() => window.pos.invoke('printer.get', {}))).toMatchObject({
        ok: true,
        value: { mode: 'raster', host: '127.0.0.1', port: printer.port, paperWidth: '58', autoPrint: true },
      });

      await page.getByTestId('nav-sale').click();
      await page.getByTestId('number-input').pressSequentially('771234567');
      await page.keyboard.press('Enter');
      await page.getByTestId('preset-500').click();
      await expect(page.getByTestId('confirm-button')).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(page.getByTestId('outcome')).toHaveAttribute('data-state', 'succeeded', { timeout: 20_000 });
      const [job] = await printer.waitForJobs(1);
      expect(job!.widthDots).toBe(384);
      expect(job!.endsWithCut).toBe(true);
      expect(blackRatio(job!)).toBeGreaterThan(0.03);
      await expect(page.getByTestId('print-status')).toBeVisible();
      keep(`auto-print-58mm-${language}`, jobToPng(job!));
      // Printed once by itself: the journal has one receipt print of that sale, not a copy.
      const prints = shell.services.db.prepare('SELECT kind FROM receipt_prints').pluck().all();
      expect(prints).toEqual(['final']);
    } finally {
      await shell.close();
    }
  });
}
