// Input guards as the cashier and the owner meet them, in Arabic and English, in real Chromium
// through the web shell: PINs in any digit script (issue 11 item 9), number and amount errors that
// say what is wrong (item 12), settings refused in words, never a developer's text, and the
// printer's test page reaching the test printer (item 14).
import type { Page } from '@playwright/test';
import type { Shell } from '../harness/shell';
import { startTestPrinter } from '../harness/test-printer';
import { expect, keepScreenshot, test } from './fixtures';

const LANGUAGES = ['ar', 'en'] as const;
type Language = (typeof LANGUAGES)[number];

const WORDS = {
  ar: {
    signInOn: 'تسجيل الدخول مفعّل',
    emptyNumber: 'اكتب رقم العميل.',
    prefix75: '75 ليست بداية شبكة يمنية: راجع أول الأرقام.',
    amount: 'المبلغ يجب أن يكون عدداً صحيحاً من الريالات من 1 إلى 1000000.',
    units: 'الوحدات يجب أن تكون عدداً صحيحاً من 1 إلى 1000000.',
    host: 'اكتب عنوان IP للطابعة (أربعة أعداد من 0 إلى 255 مثل 192.168.1.50) أو اسمها في الشبكة بحروف وأرقام وشرطات.',
    name60: 'النص طويل: 60 حرفاً على الأكثر.',
    shop80: 'النص طويل: 80 حرفاً على الأكثر.',
    price: 'السعر (ريال): السعر يجب أن يكون من 1 إلى 1000000 ريال.',
    mapLine: 'قرب السطر 3',
    testPage: 'أُرسلت الصفحة التجريبية إلى الطابعة',
  },
  en: {
    signInOn: 'Sign-in is on',
    emptyNumber: "Type the customer's number.",
    prefix75: '75 is not a Yemeni network: check the first digits.',
    amount: 'The amount must be a whole number of rials from 1 to 1000000.',
    units: 'The units must be a whole number from 1 to 1000000.',
    host: "Type the printer's IP address (four numbers from 0 to 255, like 192.168.1.50) or its network name of letters, digits and dashes.",
    name60: 'Too long: at most 60 characters.',
    shop80: 'Too long: at most 80 characters.',
    price: 'Price (YER): The price must be from 1 to 1000000 rials.',
    mapLine: 'near line 3',
    testPage: 'Test page sent to the printer',
  },
} as const;

// What a developer's error reads like; none of it may reach the screen.
const DEVELOPER_TEXT = /Too big|Too small|expected (string|number|object)|Invalid input|Unexpected token|JSON at position|✖/;

async function openIn(page: Page, shell: Shell, language: Language) {
  shell.services.settings.update({ language });
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', language);
}

async function openSettings(page: Page, tab: string) {
  await page.getByTestId('nav-settings').click();
  await page.getByTestId(`settings-tab-${tab}`).click();
}

for (const language of LANGUAGES) {
  test.describe(`input guards (${language})`, () => {
    test('a PIN set in Arabic-Indic digits signs in typed in Persian digits', async ({ app, shell }) => {
      await openIn(app, shell, language);
      await openSettings(app, 'cashiers');
      await app.getByTestId('cashier-pin-owner').fill('٤٨٢٩١٦');
      await app.getByTestId('cashier-save-owner').click();
      await expect(app.getByTestId('cashiers')).toContainText(WORDS[language].signInOn);
      await app.getByTestId('sign-out').click();
      await expect(app.getByTestId('sign-in')).toBeVisible();
      await app.getByTestId('sign-in-pin').fill('۴۸۲۹۱۶');
      await app.getByTestId('sign-in-submit').click();
      await expect(app.getByTestId('sign-in')).toHaveCount(0);
      await expect(app.getByTestId('session-badge')).toBeVisible();
      // And in Western digits: the same PIN.
      await app.getByTestId('sign-out').click();
      await app.getByTestId('sign-in-pin').fill('482916');
      await app.getByTestId('sign-in-submit').click();
      await expect(app.getByTestId('session-badge')).toBeVisible();
    });

    test('number and amount errors say what is wrong', async ({ app, shell }) => {
      await openIn(app, shell, language);
      const input = app.getByTestId('number-input');
      await expect(input).toBeFocused();
      await app.keyboard.press('Enter');
      await expect(app.getByTestId('number-status')).toHaveText(WORDS[language].emptyNumber);
      await input.pressSequentially('751234567');
      await expect(app.getByTestId('number-status')).toHaveText(WORDS[language].prefix75);
      await app.keyboard.press('Enter');
      await expect(app.getByTestId('number-status')).toHaveText(WORDS[language].prefix75);

      await input.fill('');
      await input.pressSequentially('771234567');
      await app.keyboard.press('Enter');
      const amount = app.getByTestId('top-up-value');
      await expect(amount).toBeFocused();
      for (const typed of ['0', '2000000', '-5', '12.5']) {
        await amount.fill(typed);
        await app.keyboard.press('Enter');
        await expect(app.getByTestId('top-up-error')).toHaveText(WORDS[language].amount);
      }
      await keepScreenshot(app, `guards-amount-error-${language}`);

      await app.keyboard.press('Escape');
      await input.fill('');
      await input.pressSequentially('711234567');
      await app.keyboard.press('Enter');
      await app.getByTestId('top-up-value').fill('0');
      await app.keyboard.press('Enter');
      await expect(app.getByTestId('top-up-error')).toHaveText(WORDS[language].units);
    });

    test('settings refuse bad values in words, never a developer text', async ({ app, shell }) => {
      await openIn(app, shell, language);

      await openSettings(app, 'general');
      await app.getByTestId('setting-shopName').fill('x'.repeat(81));
      await app.getByTestId('settings-save').click();
      await expect(app.getByTestId('invalid-shopName')).toHaveText(WORDS[language].shop80);
      await app.getByTestId('setting-shopName').fill('Shop');

      await openSettings(app, 'printer');
      for (const host of ['999.999.1.1', 'printer🖨️']) {
        await app.getByTestId('printer-host').fill(host);
        await app.getByTestId('printer-save').click();
        await expect(app.getByTestId('invalid-printer-host')).toHaveText(WORDS[language].host);
      }
      expect((await app.evaluate(() => window.pos.invoke('printer.get', {}))) as { value: { host: string } }).toMatchObject({ value: { host: '' } });

      await openSettings(app, 'cashiers');
      await app.getByTestId('cashier-name-new').fill('ع'.repeat(61));
      await app.getByTestId('cashier-pin-new').fill('1357');
      await app.getByTestId('cashier-save-new').click();
      await expect(app.getByTestId('invalid-cashier-name-new')).toHaveText(WORDS[language].name60);

      await openSettings(app, 'routes');
      await app.getByTestId('package-code').fill('NEG500');
      await app.getByTestId('package-name').fill('Minus');
      await app.getByTestId('package-price').fill('-500');
      await app.getByTestId('package-add').click();
      await expect(app.getByTestId('invalid-package-price')).toHaveText(WORDS[language].price);
      await expect(app.getByTestId('packages')).not.toContainText('NEG500');
      // The contract refuses it too, whatever sends it: no package priced below a rial reaches a quote.
      const refused = await app.evaluate(() =>
        window.pos.invoke('settings.set', { packages: [{ network: 'sabafon', code: 'NEG500', name: 'Minus', price: { minor: -500_00, currency: 'YER' } }] }),
      );
      expect(refused).toMatchObject({ ok: false, error: { code: 'input.invalid_price' } });
      expect(shell.services.settings.read().packages.map((p) => p.code)).not.toContain('NEG500');

      await app.locator('.service-map summary').click();
      await app.getByTestId('service-map').fill('{\n  "global": {\n    "balance": 1,,\n  }\n}');
      await app.locator('.service-map').getByRole('button').click();
      const mapError = app.locator('.service-map [role="alert"]');
      await expect(mapError).toContainText(WORDS[language].mapLine);
      await keepScreenshot(app, `guards-settings-refused-${language}`);
      await expect(app.locator('body')).not.toContainText(DEVELOPER_TEXT);
    });

    test('print a test page reaches the printer as saved', async ({ app, shell }) => {
      const printer = await startTestPrinter();
      try {
        await openIn(app, shell, language);
        await openSettings(app, 'printer');
        await app.getByTestId('printer-host').fill('127.0.0.1');
        await app.getByTestId('printer-port').fill(String(printer.port));
        await app.getByTestId('printer-paperWidth').selectOption('58');
        // Unsaved changes: the test page would go to the old address, so it waits for the save.
        await expect(app.getByTestId('printer-test-page')).toBeDisabled();
        await app.getByTestId('printer-save').click();
        await expect(app.getByTestId('printer-saved')).toBeVisible();
        await app.getByTestId('printer-test-page').click();
        await expect(app.getByTestId('printer-test-page-result')).toContainText(WORDS[language].testPage);
        const [job] = await printer.waitForJobs(1, 10_000);
        expect(job).toMatchObject({ widthDots: 384, cut: true, unknown: [] });
        await keepScreenshot(app, `guards-printer-test-page-${language}`);
      } finally {
        await printer.close();
      }
    });
  });
}
