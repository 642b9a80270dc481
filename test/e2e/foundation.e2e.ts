import { expect, keepScreenshot, test } from './fixtures';

test.describe('the app frame', () => {
  test('opens in Arabic, right to left, with the training banner', async ({ app }) => {
    await expect(app.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(app.locator('html')).toHaveAttribute('lang', 'ar');
    await expect(app.locator('.app-title')).toHaveText('نقطة بيع الشحن');
    await expect(app.getByTestId('training-banner')).toContainText('وضع التدريب');
    await keepScreenshot(app, 'start-ar');
  });

  test('switches to English and back, and remembers the choice', async ({ app, shell }) => {
    await app.getByTestId('language-switch').click();
    await expect(app.locator('html')).toHaveAttribute('dir', 'ltr');
    await expect(app.locator('.app-title')).toHaveText('Recharge POS');
    await keepScreenshot(app, 'start-en');
    await expect.poll(() => shell.services.settings.read().language).toBe('en');
    await app.reload();
    await expect(app.locator('html')).toHaveAttribute('dir', 'ltr');
    await app.getByTestId('language-switch').click();
    await expect(app.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(app.locator('.app-title')).toHaveText('نقطة بيع الشحن');
  });

  test('F-keys move between screens', async ({ app }) => {
    await app.keyboard.press('F3');
    await expect(app.getByTestId('nav-history')).toHaveAttribute('aria-current', 'page');
    await app.keyboard.press('F1');
    await expect(app.getByTestId('nav-sale')).toHaveAttribute('aria-current', 'page');
  });
});

test.describe('the IPC bridge', () => {
  test('a malformed payload gets a clear error envelope and the app keeps working', async ({ app }) => {
    const bad = await app.evaluate(() =>
      window.pos.invoke('settings.set', { counterNumber: 'not a number' } as never),
    );
    expect(bad).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
    expect((bad as { error: { message: string } }).error.message).toContain('counterNumber');

    const unknown = await app.evaluate(() => window.pos.invoke('no.such.channel' as never, {} as never));
    expect(unknown).toMatchObject({ ok: false, error: { code: 'ipc.unknown_channel' } });

    const notJson = await app.evaluate(async () => {
      const response = await fetch('./__pos/invoke/settings.get', { method: 'POST', body: '{oops' });
      return response.json();
    });
    expect(notJson).toMatchObject({ ok: false });

    // Still alive: a good call answers and the UI still switches language.
    const good = await app.evaluate(() => window.pos.invoke('app.health', {}));
    expect(good).toMatchObject({ ok: true, value: { db: true } });
    await app.getByTestId('language-switch').click();
    await expect(app.locator('html')).toHaveAttribute('dir', 'ltr');
  });

  test('a call without the launch token, or from another origin, is refused', async ({ shell }) => {
    const noToken = await fetch(`${shell.url}__pos/invoke/app.info`, { method: 'POST', body: '{}' });
    expect(noToken.status).toBe(403);
    expect(await noToken.json()).toMatchObject({ ok: false, error: { code: 'ipc.forbidden_sender' } });
    const otherOrigin = await fetch(`${shell.url}__pos/invoke/app.info`, {
      method: 'POST',
      headers: { origin: 'http://127.0.0.1:1', 'x-pos-token': shell.token },
      body: '{}',
    });
    expect(otherOrigin.status).toBe(403);
  });
});
