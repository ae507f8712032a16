import { test, expect } from '@playwright/test';
import { openWhenPresent, screenshot, signInAsGuest } from './helpers';

/*
 * The scorecards plugin in the example app, on the demo data of
 * examples/plinth: the scorecards card on entity pages, the scorecards page
 * (overview, summary, heat map, history), and the campaign pages.
 */

/** The scorecards card's section of `scorecard`, once it shows `level`. */
async function cardShows(
  page: import('@playwright/test').Page,
  path: string,
  scorecard: string,
  level: string,
) {
  const section = page.getByRole('region', { name: scorecard });
  // Evaluation follows the derived values, a few seconds after start.
  await expect(async () => {
    await page.goto(path);
    await expect(
      section.getByRole('img', { name: `Level: ${level}` }),
    ).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 150_000 });
  return section;
}

test('an entity page has a Scorecards tab: level, rules with reasons, trend', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await signInAsGuest(page);

  const cart = await cardShows(
    page,
    '/catalog/default/component/CartService/scorecards',
    'Production readiness',
    'Gold',
  );
  await expect(cart.getByText('Belongs to a system')).toBeVisible();
  await expect(cart.getByText('No open incidents')).toBeVisible();
  // The DORA scorecard, a catalog Scorecard entity, levels it too, from its
  // DORA figures (the demo's year of events): it deploys most days, not
  // every day.
  const dora = await cardShows(
    page,
    '/catalog/default/component/CartService/scorecards',
    'DORA',
    'High',
  );
  await expect(
    dora.getByText('Deployment frequency tier is high, needs to be elite'),
  ).toBeVisible();
  await screenshot(page, 'scorecards-entity-cart-service');

  const products = await cardShows(
    page,
    '/catalog/default/component/ProductsService/scorecards',
    'Production readiness',
    'Silver',
  );
  // The rule it fails, with the value seen and why.
  await expect(
    products.getByText('Open incidents is 1, needs to be 0'),
  ).toBeVisible();
  await expect(
    products.getByRole('button', {
      name: 'Request exemption from No open incidents',
    }),
  ).toBeVisible();
  await cardShows(
    page,
    '/catalog/default/component/ProductsService/scorecards',
    'DORA',
    'Medium',
  );
  await screenshot(page, 'scorecards-entity-products-service');
});

test('the scorecards page shows every scorecard, its heat map and history', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await signInAsGuest(page);
  await openWhenPresent(page, '/scorecards', 'Production readiness');
  await expect(page.getByText('DORA').first()).toBeVisible();
  await screenshot(page, 'scorecards-page');

  await page
    .getByRole('link', { name: 'Production readiness' })
    .first()
    .click();
  await expect(
    page.getByRole('heading', { name: 'Production readiness' }).first(),
  ).toBeVisible();
  await screenshot(page, 'scorecards-scorecard-summary');

  await page.getByRole('tab', { name: 'Heat map' }).click();
  const heatMap = page.getByRole('table', {
    name: 'Production readiness heat map',
  });
  await expect(heatMap.getByText('Cart Service').first()).toBeVisible({
    timeout: 30_000,
  });
  await screenshot(page, 'scorecards-scorecard-heat-map');

  await page.getByRole('tab', { name: 'History' }).click();
  await expect(page.getByText('Level distribution').first()).toBeVisible();
  await screenshot(page, 'scorecards-scorecard-history');
});

test('a campaign page shows progress per team', async ({ page }) => {
  test.setTimeout(180_000);
  await signInAsGuest(page);
  await openWhenPresent(
    page,
    '/scorecards/campaigns',
    'Declare every dependency',
  );
  await screenshot(page, 'scorecards-campaigns');
  await page.getByRole('link', { name: 'Declare every dependency' }).click();
  await expect(
    page
      .getByText('2027-03-31')
      .or(page.getByText(/Mar.* 2027/))
      .first(),
  ).toBeVisible();
  // The entities still failing, with their owners: the libraries declare no
  // dependency; Products Service has an open incident.
  const failing = page.getByRole('table', { name: 'Still failing' });
  await expect(
    failing.getByRole('link', { name: 'Products Service' }),
  ).toBeVisible();
  await expect(
    failing.getByRole('link', { name: 'products-team' }),
  ).toBeVisible();
  await screenshot(page, 'scorecards-campaign');
});
