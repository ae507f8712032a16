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
  // Signed in once the app shows its navigation.
  await expect(
    page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();
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

/**
 * Opens `path` until `text` shows: the catalog brings in the demo data a few
 * seconds after the backend is ready, and a page reads the catalog once.
 */
async function openWhenPresent(page: Page, path: string, text: string) {
  await expect(async () => {
    await page.goto(path);
    await expect(page.getByText(text).first()).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 120_000 });
}

test('the seed’s Cart system shows in the catalog and its graph with its relations', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signInAsGuest(page);
  await openWhenPresent(page, '/catalog/default/system/Cart', 'Has components');

  await expect(
    page.getByRole('heading', { name: 'Cart' }).first(),
  ).toBeVisible();
  // Part of the Orders domain; the service and both libraries are its parts.
  await expect(
    page.getByRole('link', { name: 'Orders' }).first(),
  ).toBeVisible();
  for (const component of [
    'Cart Service',
    'Core Kafka Library',
    'Core Payment Library',
  ]) {
    await expect(
      page.getByRole('link', { name: component }).first(),
    ).toBeVisible();
  }
  // The relations card lays its graph out after fetching the related
  // entities: wait until the drawing has its size.
  await expect
    .poll(
      () =>
        page.evaluate(() => {
          const graph = [...document.querySelectorAll('svg')].find(svg =>
            svg.textContent?.includes('hasPart'),
          );
          return graph?.viewBox.baseVal?.width ?? 0;
        }),
      { timeout: 30_000 },
    )
    .toBeGreaterThan(100);
  await screenshot(page, 'seed-system');

  // The system's structure, without the ownership edges.
  const relations = [
    'partOf',
    'hasPart',
    'dependsOn',
    'dependencyOf',
    'providesApi',
    'apiProvidedBy',
    'consumesApi',
    'apiConsumedBy',
  ]
    .map(relation => `selectedRelations%5B%5D=${relation}`)
    .join('&');
  await page.goto(
    `/catalog-graph?rootEntityRefs%5B%5D=system%3Adefault%2Fcart&maxDepth=2&unidirectional=false&mergeRelations=true&direction=LR&showFilters=false&${relations}`,
  );
  const graph = page.locator('svg');
  for (const node of [
    'Orders',
    'Cart Service',
    'Cart API',
    'Cart SQL database',
    'Core Kafka Library',
  ]) {
    await expect(graph.getByText(node, { exact: true }).first()).toBeVisible();
  }
  await expect(graph.getByText('apiProvidedBy').first()).toBeVisible();
  await screenshot(page, 'seed-system-graph');
});

test('blueprints and entities of custom blueprints are in the catalog', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signInAsGuest(page);
  await openWhenPresent(page, '/?filters%5Bkind%5D=blueprint', 'Environment');
  for (const blueprint of ['Component', 'Deployment', 'Incident', 'Customer']) {
    await expect(
      page.getByRole('link', { name: blueprint, exact: true }),
    ).toBeVisible();
  }
  await screenshot(page, 'blueprints');

  await openWhenPresent(
    page,
    '/catalog/default/environment/cart-production',
    'Cart production',
  );
  await expect(page.getByText('Environment').first()).toBeVisible();
  await expect(
    page.getByRole('link', { name: 'Cart team' }).first(),
  ).toBeVisible();
  await screenshot(page, 'custom-kind-entity');
});
