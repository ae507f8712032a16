import { test, expect } from '@playwright/test';
import { openWhenPresent, screenshot, signInAsGuest } from './helpers';

test('a guest signs in, lands on the home page and opens the catalog', async ({
  page,
}) => {
  await signInAsGuest(page);
  await expect(page).toHaveURL(/\/$/);

  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  await expect(
    nav.getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();
  await expect(
    nav.getByRole('link', { name: 'APIs', exact: true }),
  ).toBeVisible();

  // The catalog is at /catalog, titled after the organization.
  await nav.getByRole('link', { name: 'Catalog', exact: true }).click();
  await expect(page).toHaveURL(/\/catalog$/);
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

  await openWhenPresent(page, '/catalog', 'example-website');
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
  // Owned by the demo's Cart team, no longer "No owner yet".
  await expect(
    page.getByRole('link', { name: 'Cart team' }).first(),
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
  await openWhenPresent(
    page,
    '/catalog?filters%5Bkind%5D=blueprint',
    'Environment',
  );
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
