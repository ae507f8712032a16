import { test, expect, Page } from '@playwright/test';
import { resolve } from 'node:path';

// Screenshots of every page the example app is tested on, for a person to look
// at: e2e-screenshots/ at the repository root (the HTML report's folder is
// emptied on every run, so they live beside it).
const screenshotDir = resolve(__dirname, '../../../e2e-screenshots');

async function screenshot(page: Page, name: string) {
  await page.screenshot({
    path: resolve(screenshotDir, `${name}.png`),
    fullPage: true,
  });
}

async function signInAsGuest(page: Page) {
  await page.goto('/');
  const enterButton = page.getByRole('button', { name: 'Enter' });
  await expect(enterButton).toBeVisible();
  await screenshot(page, 'sign-in');
  await enterButton.click();
}

test('a guest signs in and lands on the catalog', async ({ page }) => {
  await signInAsGuest(page);

  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  await expect(
    nav.getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();
  await expect(
    nav.getByRole('link', { name: 'APIs', exact: true }),
  ).toBeVisible();

  // The catalog is the landing page, titled after the organization.
  await expect(
    page.getByRole('heading', { name: 'Plinth Catalog' }),
  ).toBeVisible();
  // The example components from the configured catalog locations are listed.
  await expect(
    page.getByRole('link', { name: 'example-website' }),
  ).toBeVisible();
  await screenshot(page, 'catalog');
});

test('an entity page shows the entity and its relations', async ({ page }) => {
  await signInAsGuest(page);

  await page.getByRole('link', { name: 'example-website' }).click();

  await expect(page).toHaveURL(
    /\/catalog\/default\/component\/example-website/,
  );
  await expect(
    page.getByRole('heading', { name: 'example-website' }).first(),
  ).toBeVisible();
  // The about card shows its owner and system as links to those entities.
  await expect(page.getByText('About', { exact: true })).toBeVisible();
  await expect(
    page.getByRole('link', { name: 'guests' }).first(),
  ).toBeVisible();
  await expect(
    page.getByRole('link', { name: 'examples' }).first(),
  ).toBeVisible();
  await screenshot(page, 'entity-page');
});
