import { expect, Locator, Page } from '@playwright/test';
import { resolve } from 'node:path';

// Screenshots of every page the example app is tested on, for a person to look
// at: e2e-screenshots/ at the repository root (the HTML report's folder is
// emptied on every run, so they live beside it).
const screenshotDir = resolve(__dirname, '../../../e2e-screenshots');

/** A screenshot of one part of a page, such as an expanded card. */
export async function screenshotOf(locator: Locator, name: string) {
  await locator.screenshot({ path: resolve(screenshotDir, `${name}.png`) });
}

export async function screenshot(page: Page, name: string) {
  await page.screenshot({
    path: resolve(screenshotDir, `${name}.png`),
    fullPage: true,
  });
}

export async function signInAsGuest(page: Page) {
  await page.goto('/');
  const enterButton = page.getByRole('button', { name: 'Enter' });
  await expect(enterButton).toBeVisible();
  await screenshot(page, 'sign-in');
  await enterButton.click();
  // Signed in once the app shows its navigation.
  await expect(
    page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();
}

/**
 * Opens `path` until `text` shows: the catalog brings in the demo data a few
 * seconds after the backend is ready, and a page reads the catalog once.
 */
export async function openWhenPresent(page: Page, path: string, text: string) {
  await expect(async () => {
    await page.goto(path);
    await expect(page.getByText(text).first()).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 120_000 });
}

/**
 * Watches `page` for crashes from now on: the returned check fails the test
 * on an uncaught error in the page, or on an extension's error panel
 * (`Error in <plugin>`) on screen. (Chromium's benign ResizeObserver loop
 * notice is no crash.)
 */
export function watchForCrashes(page: Page): () => Promise<void> {
  const errors: string[] = [];
  page.on('pageerror', error => {
    if (!/ResizeObserver loop/.test(error.message)) {
      errors.push(error.message);
    }
  });
  return async () => {
    expect(errors, 'uncaught errors in the page').toEqual([]);
    await expect(page.getByText(/^Error in /)).toHaveCount(0);
  };
}
