import { test, expect } from '@playwright/test';
import {
  openWhenPresent,
  screenshot,
  screenshotOf,
  signInAsGuest,
  watchForCrashes,
} from './helpers';

/*
 * The platform orchestrator in the example app, on the demo's environments
 * of the Cart Service (development, staging, production and an ephemeral
 * preview with a TTL, set up by the backend at start): the admin page, tab
 * by tab, and the app's Environments tab.
 */

test('the platform orchestrator page shows types, definitions, resource types and explain', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const crashes = watchForCrashes(page);
  await signInAsGuest(page);
  await openWhenPresent(page, '/orchestrator', 'Environment types');

  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  await expect(
    nav.getByRole('link', { name: 'Platform orchestrator' }),
  ).toBeVisible();

  const types = page.getByRole('table', { name: 'Environment types' });
  for (const type of ['development', 'staging', 'production', 'ephemeral']) {
    await expect(types.getByText(type, { exact: true })).toBeVisible();
  }
  await screenshot(page, 'orchestrator-environment-types');

  await page.getByRole('tab', { name: 'Resource definitions' }).click();
  await expect(
    page
      .getByRole('table', { name: 'Resource definitions' })
      .or(page.getByText('No resource definitions')),
  ).toBeVisible();
  await screenshot(page, 'orchestrator-resource-definitions');

  await page.getByRole('tab', { name: 'Resource types' }).click();
  const resourceTypes = page.getByRole('table', { name: 'Resource types' });
  await expect(
    resourceTypes
      .getByRole('row')
      .filter({ hasText: 'PostgreSQL database' })
      .getByText('password (secret)'),
  ).toBeVisible();
  await screenshot(page, 'orchestrator-resource-types');

  await page.getByRole('tab', { name: 'Explain' }).click();
  await page.getByLabel('App').fill('component:default/CartService');
  // Two dns definitions compete in production; the more specific one wins.
  await page.getByRole('textbox', { name: /^Environment/ }).fill('production');
  await page.getByLabel('Resource type').selectOption('dns');
  await page.getByLabel('Resource id').fill('cart-service.dns');
  await page.getByRole('button', { name: 'Explain' }).click();
  // A chosen definition, or the sentence saying why none is.
  await expect(
    page.getByRole('status').or(page.getByRole('alert')).first(),
  ).toBeVisible();
  await screenshot(page, 'orchestrator-explain');

  await crashes();
});

test("the Cart Service's Environments tab shows its environments and what is in them", async ({
  page,
}) => {
  test.setTimeout(240_000);
  const crashes = watchForCrashes(page);
  await signInAsGuest(page);
  // The demo's environments are created a few seconds after start.
  await openWhenPresent(
    page,
    '/catalog/default/component/CartService/environments',
    'Environments of Cart Service',
  );

  for (const env of ['development', 'staging', 'production', 'preview']) {
    await expect(
      page.getByRole('region', { name: `Environment ${env}` }),
    ).toBeVisible();
  }
  const preview = page.getByRole('region', { name: 'Environment preview' });
  await expect(preview.getByLabel('Type: ephemeral')).toBeVisible();
  await expect(preview.getByText(/^expires in /)).toBeVisible();
  await expect(
    page
      .getByRole('region', { name: 'Environment production' })
      .getByText('no TTL'),
  ).toBeVisible();
  await screenshot(page, 'orchestrator-entity-environments');

  await preview
    .getByRole('button', { name: 'Resources and workloads' })
    .click();
  await expect(
    preview.getByRole('heading', { name: 'Resources' }),
  ).toBeVisible();
  await expect(
    preview.getByRole('heading', { name: 'Last runs' }),
  ).toBeVisible();
  // The resource graph draws the workloads and their resources.
  await expect(
    preview.getByRole('img', { name: /: Workload$/ }).first(),
  ).toBeVisible();
  // The page scrolls inside the app's layout: the card itself, expanded.
  await screenshotOf(preview, 'orchestrator-entity-environment-preview');

  await crashes();
});

test('a deployment to production from the Environments tab shows its stages and history, and changes the DORA card and the DORA scorecard', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const crashes = watchForCrashes(page);
  await signInAsGuest(page);

  // The demo promotes its releases to production at start.
  await openWhenPresent(
    page,
    '/catalog/default/component/CartService/environments',
    'Environments of Cart Service',
  );
  const production = page.getByRole('region', {
    name: 'Environment production',
  });
  await expect(
    production
      .getByRole('region', { name: 'Current deployment' })
      .getByText('Succeeded', { exact: true }),
  ).toBeVisible({ timeout: 180_000 });
  await screenshotOf(production, 'orchestrator-entity-deployment-current');

  // The DORA card and scorecard before, once the demo's production
  // deployment is recorded (as soon as it finished).
  const doraRow = page
    .getByRole('row')
    .filter({ hasText: 'Deployment frequency' });
  await expect(async () => {
    await page.goto('/catalog/default/component/CartService/scorecards');
    await expect(doraRow.first()).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 150_000 });
  const before = await doraRow.first().innerText();
  // And the DORA scorecard's deployment frequency, as its rule read it.
  const backend = 'http://localhost:7007';
  const deploymentsPerDay = async () => {
    const refresh = await page.request.get(`${backend}/api/auth/guest/refresh`);
    const { backstageIdentity } = await refresh.json();
    const response = await page.request.get(
      `${backend}/api/scorecards/entity/component/default/CartService`,
      { headers: { Authorization: `Bearer ${backstageIdentity.token}` } },
    );
    const { items } = await response.json();
    const dora = items.find(
      (i: { scorecard: { identifier: string } }) =>
        i.scorecard.identifier === 'DORA',
    );
    return dora?.rules.find(
      (r: { rule: string }) => r.rule === 'deploysMonthly',
    )?.actual as number | undefined;
  };
  const perDayBefore = await deploymentsPerDay();
  expect(perDayBefore).toBeGreaterThan(0);

  await page.goto('/catalog/default/component/CartService/environments');

  await production.getByRole('button', { name: 'Deploy', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Deploy to production' });
  const image = dialog.getByLabel(/^Image of cart-service\/api/);
  // A tag of its own, so that a run again changes the image too.
  const tag = `1.5.${Date.now() % 100_000}`;
  await image.fill(`ghcr.io/orders/cart-service:${tag}`);
  await dialog.getByLabel(/^Commit of cart-service/).fill('c0ffee1234ab');
  await dialog.getByLabel('Comment').fill('Faster checkout');
  await screenshotOf(dialog, 'orchestrator-entity-deploy-dialog');
  await dialog.getByRole('button', { name: 'Deploy', exact: true }).click();
  await expect(dialog).toBeHidden();

  const current = production.getByRole('region', {
    name: 'Current deployment',
  });
  await expect(current.getByText('Faster checkout')).toBeVisible();
  await expect(current.getByText('Succeeded', { exact: true })).toBeVisible({
    timeout: 60_000,
  });
  await expect(
    current.getByText(`cart-service (api cart-service:${tag})`),
  ).toBeVisible();

  await production.getByRole('button', { name: /^History/ }).click();
  const history = production.getByRole('table', {
    name: 'Deployments of production',
  });
  await history
    .getByRole('button', { name: /^What .* changed$/ })
    .first()
    .click();
  await expect(
    production.getByText(
      new RegExp(
        `Image of cart-service/api: .* → ${tag.replace(/\./g, '\\.')}$`,
      ),
    ),
  ).toBeVisible();
  await screenshotOf(production, 'orchestrator-entity-deployment-history');

  // The deployment reached DORA: the card's figures moved.
  await expect(async () => {
    await page.goto('/catalog/default/component/CartService/scorecards');
    await expect(doraRow.first()).not.toHaveText(before, { timeout: 5_000 });
  }).toPass({ timeout: 60_000 });
  await screenshot(page, 'orchestrator-deployment-dora-card');
  // The DORA-based scorecard was evaluated again with the new figure.
  await expect
    .poll(deploymentsPerDay, { timeout: 60_000 })
    .toBeGreaterThan(perDayBefore!);

  await crashes();
});
