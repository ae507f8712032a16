import { expect, Page, test } from '@playwright/test';
import { screenshot, signInAsGuest, watchForCrashes } from './helpers';

/*
 * The self-service templates, run from the browser against the example
 * backend: the scaffolder runs the plinth:* actions, which call the
 * orchestrator as the guest.
 */

test.describe.configure({ timeout: 240_000 });

/** Opens a template's form from the create page. */
async function openTemplate(page: Page, title: string) {
  await page.goto('/create');
  // The innermost card holding the title (the page is a card too).
  const card = page
    .locator('.MuiCard-root')
    .filter({ has: page.getByText(title, { exact: true }) })
    .last();
  await expect(card).toBeVisible({ timeout: 60_000 });
  await card.getByRole('button', { name: 'Choose' }).click();
  await expect(page.getByRole('heading', { name: title })).toBeVisible();
}

/** Picks an entity in the form's entity picker by its title. */
async function pickEntity(page: Page, label: string, title: string) {
  const input = page.getByLabel(label).first();
  await input.click();
  await input.fill(title);
  await page
    .getByRole('option', { name: new RegExp(title) })
    .first()
    .click();
}

/** Review, create, and wait for the task to say it is done. */
async function createAndWait(page: Page, name: string, done: string | RegExp) {
  await page.getByRole('button', { name: 'Review' }).click();
  await screenshot(page, `self-service-${name}-review`);
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByText(done).first()).toBeVisible({
    timeout: 180_000,
  });
  await screenshot(page, `self-service-${name}-done`);
}

test('spins up a developer environment for 5 days from its template', async ({
  page,
}) => {
  const crashes = watchForCrashes(page);
  await signInAsGuest(page);
  await openTemplate(page, 'Spin up a developer environment for 5 days');
  await screenshot(page, 'self-service-spin-up-form');
  await pickEntity(page, 'Service', 'Cart Service');
  const id = `dev-e2e-${Date.now() % 100000}`;
  await page.getByLabel('Environment name').fill(id);
  await createAndWait(page, 'spin-up', `is ready; it expires on`);
  await expect(page.getByText(id).first()).toBeVisible();

  // The environment shows on the service's Environments tab, with its TTL.
  await page.goto('/catalog/default/component/CartService/environments');
  const card = page.getByRole('region', { name: `Environment ${id}` });
  await expect(card).toBeVisible();
  await expect(card.getByText(/^expires in (4|5) d/)).toBeVisible();
  await crashes();
});

test('deploys a new version as a canary from its template', async ({
  page,
}) => {
  const crashes = watchForCrashes(page);
  await signInAsGuest(page);
  await openTemplate(page, 'Deploy (canary or blue-green)');
  await pickEntity(page, 'Service', 'Cart Service');
  await page.getByLabel('Environment').fill('development');
  await page.getByLabel('Workload').fill('cart-service');
  await page.getByLabel('Version').fill('1.5.0');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(
    page.getByText('Canary (a growing share of the traffic)'),
  ).toBeVisible();
  await createAndWait(page, 'deploy-canary', /Deployment \S+ succeeded/);

  // The deployment is the development environment's current one.
  await page.goto('/catalog/default/component/CartService/environments');
  const development = page.getByRole('region', {
    name: 'Environment development',
  });
  await expect(development.getByText(/1\.5\.0/).first()).toBeVisible();
  await crashes();
});
