import { test, expect } from '@playwright/test';
import { openWhenPresent, screenshot, signInAsGuest } from './helpers';

/*
 * The DORA dashboards in the example app, on the demo's year of events for
 * the seed's services (loaded at start through the DORA events API): the
 * page in each role's preset, and the entity card.
 */

test('the DORA page shows each role its view', async ({ page }) => {
  test.setTimeout(240_000);
  await signInAsGuest(page);
  await openWhenPresent(page, '/dora', 'Developer');

  await page.getByRole('tab', { name: 'Executive' }).click();
  await expect(page.getByText('Organisation').first()).toBeVisible();
  // The year of history arrives a few seconds after start.
  await expect(async () => {
    await page.reload();
    await page.getByRole('tab', { name: 'Executive' }).click();
    await expect(
      page.getByLabel(/Tier: (Elite|High|Medium|Low)/).first(),
    ).toBeVisible({
      timeout: 5_000,
    });
  }).toPass({ timeout: 120_000 });
  await screenshot(page, 'dora-executive');

  await page.getByRole('tab', { name: 'Manager' }).click();
  await expect(page.getByText('Worst offenders').first()).toBeVisible();
  await screenshot(page, 'dora-manager');

  // The guest belongs to no group: the developer picks a team of the demo.
  await page.getByRole('tab', { name: 'Developer' }).click();
  await page.getByLabel('Team').fill('cart-team');
  await page.getByLabel('Team').press('Enter');
  await expect(page.getByText('My services').first()).toBeVisible();
  await expect(
    page.getByText('Recent deployments and failures').first(),
  ).toBeVisible();
  await screenshot(page, 'dora-developer');

  // The choice of view is remembered: once the user-settings backend has
  // saved it (a reload before then would cancel the save), a reload shows it.
  const saved = page.waitForResponse(
    response =>
      // The storage API prefixes the bucket with its own namespace.
      /\/api\/user-settings\/buckets\/[^/]*plinth\.dora\/keys\/settings$/.test(
        response.url(),
      ) && response.request().method() === 'PUT',
  );
  await page.getByRole('tab', { name: 'Manager' }).click();
  expect((await saved).ok()).toBe(true);
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole('tab', { name: 'Manager' })).toHaveAttribute(
      'aria-selected',
      'true',
      { timeout: 3_000 },
    );
  }).toPass({ timeout: 30_000 });
});

test('an entity page shows its DORA figures with their tiers on its Scorecards tab', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await signInAsGuest(page);
  await expect(async () => {
    await page.goto('/catalog/default/component/CartService/scorecards');
    await expect(page.getByText('Lead time for changes').first()).toBeVisible({
      timeout: 5_000,
    });
    await expect(page.getByLabel(/Tier: (Elite|High)/).first()).toBeVisible({
      timeout: 5_000,
    });
  }).toPass({ timeout: 150_000 });
  await screenshot(page, 'dora-entity-cart-service');
});
