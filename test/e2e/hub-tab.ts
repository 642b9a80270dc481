// Reaching Settings → Hub in the web shell, shared by the hub's end-to-end tests.
import type { Page } from '@playwright/test';
import { OWNER } from '../integration/hub/hub-rig';
import { expect } from './fixtures';

/** Settings (F5), Hub tab, once the page is up: a key pressed while it is still loading is lost. */
export async function openHubTab(page: Page): Promise<void> {
  await expect(page.locator('.app-header')).toBeVisible();
  await expect(async () => {
    await page.keyboard.press('F5');
    await expect(page.getByTestId('settings-tab-hub')).toBeVisible({ timeout: 2_000 });
  }).toPass();
  await page.getByTestId('settings-tab-hub').click();
}

/** The owner's "Create the shop" form, filled (not sent) with the hub rig's owner role. */
export async function fillCreateShop(page: Page, address: string, shopName: string, counterLabel: string): Promise<void> {
  await page.getByTestId('hub-address').fill(address);
  await page.getByTestId('hub-user').fill(OWNER.user);
  await page.getByTestId('hub-password').fill(OWNER.password);
  await page.getByTestId('hub-shopName').fill(shopName);
  await page.getByTestId('hub-counterLabel').fill(counterLabel);
}
