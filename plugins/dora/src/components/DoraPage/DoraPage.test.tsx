import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  cartMetrics,
  cartService,
  doraReport,
  fakeDoraApi,
  legacyMetrics,
  noMetrics,
} from '../../__testUtils__/doraFixtures';
import { doraApiRef, DoraMetricsQuery } from '../../api/DoraApi';
import { DORA_STORAGE_NAMESPACE } from '../../lib/doraSettings';
import { tierColor } from '../../lib/doraTiers';
import { DoraPage } from './DoraPage';

/** A backend with two teams, their services, and a domain. */
function doraApi() {
  return fakeDoraApi({
    getMetrics: jest.fn(async (query: DoraMetricsQuery = {}) => {
      switch (query.groupBy) {
        case 'entity':
          return doraReport('entity', [
            { key: 'component:default/cart-service', metrics: cartMetrics },
            { key: 'component:default/legacy-billing', metrics: legacyMetrics },
            { key: 'component:default/idle', metrics: noMetrics },
          ]);
        case 'team':
          return doraReport('team', [
            { key: 'team-a', metrics: cartMetrics },
            { key: 'team-b', metrics: legacyMetrics },
          ]);
        case 'domain':
          return doraReport('domain', [
            { key: 'domain:default/payments', metrics: legacyMetrics },
          ]);
        default:
          return doraReport('none', [{ key: null, metrics: cartMetrics }]);
      }
    }),
  });
}

const teamA = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'team-a', title: 'Team A' },
  spec: { type: 'team', children: [] },
};

function renderPage(api = doraApi(), storage = mockApis.storage()) {
  return renderInTestApp(<DoraPage />, {
    apis: [
      [doraApiRef, api],
      // The catalog knows the cart service, titled "Cart service", and
      // team A, titled "Team A".
      catalogApiMock({ entities: [cartService, teamA] }),
      storage,
      mockApis.identity({
        userEntityRef: 'user:default/alice',
        ownershipEntityRefs: ['user:default/alice', 'group:default/team-a'],
      }),
    ],
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
  });
}

// Whole pages render here: on a loaded 2-core CI machine a test can pass 5 s.
jest.setTimeout(30_000);

describe('DoraPage', () => {
  it('opens on the developer preset: my services and their deployments', async () => {
    const api = doraApi();
    renderPage(api);
    expect(screen.getByRole('tab', { name: 'Developer' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    const services = await screen.findByRole('table', { name: 'My services' });
    // Entities by their titles, not their refs, each on one line.
    const cart = await within(services).findByRole('link', {
      name: 'Cart service',
    });
    expect(cart).toHaveAttribute(
      'href',
      '/catalog/default/component/cart-service',
    );
    expect(cart.closest('th')).toHaveStyle({ whiteSpace: 'nowrap' });
    expect(
      within(services).queryByText('component:default/cart-service'),
    ).not.toBeInTheDocument();
    // Services with no events are left out.
    expect(within(services).queryByText('idle')).not.toBeInTheDocument();
    expect(api.getMetrics).toHaveBeenCalledWith(
      expect.objectContaining({
        groupBy: 'entity',
        team: 'team-a',
        environment: 'production',
      }),
    );
    const deployments = screen.getByRole('table', {
      name: 'Recent deployments and failures',
    });
    expect(within(deployments).getAllByText('Failed').length).toBeGreaterThan(
      0,
    );
    expect(
      within(deployments).getAllByText('1 (1 open)').length,
    ).toBeGreaterThan(0);
    expect(
      within(deployments).getAllByRole('link', { name: 'Cart service' }).length,
    ).toBeGreaterThan(0);
  });

  it('shows my teams, their trends and the worst offenders to managers', async () => {
    renderPage();
    await userEvent.click(screen.getByRole('tab', { name: 'Manager' }));
    const teams = await screen.findByRole('table', { name: 'My teams' });
    // Teams by their titles, linking to their pages.
    expect(
      await within(teams).findByRole('link', { name: 'Team A' }),
    ).toHaveAttribute('href', '/catalog/default/group/team-a');
    // Only the user's teams.
    expect(within(teams).queryByText('team-b')).not.toBeInTheDocument();
    // Every trend chart says its unit, and what its shaded bands mean.
    for (const name of [
      'Deployment frequency per week, in deployments/day',
      'Lead time for changes per week, in hours',
      'Change failure rate per week, in % of deployments',
      'Failed deployment recovery time per week, in hours',
      'Rework rate per week, in % of deployments',
    ]) {
      expect(screen.getByRole('img', { name })).toBeInTheDocument();
    }
    const bands = screen.getByRole('list', { name: 'Tier bands' });
    expect(within(bands).getAllByRole('listitem')).toHaveLength(4);
    expect(within(bands).getByTestId('tier-band-high')).toHaveStyle({
      backgroundColor: tierColor('high'),
    });
    const worst = screen.getByRole('table', { name: 'Worst offenders' });
    const rows = within(worst).getAllByRole('row').slice(1);
    // One the catalog does not know, by the name in its ref.
    expect(rows[0]).toHaveTextContent('legacy-billing');
    expect(rows[0]).not.toHaveTextContent('component:default');
    expect(within(rows[0]).getAllByLabelText('Tier: Low')[0]).toHaveStyle({
      backgroundColor: tierColor('low'),
    });
  });

  it('shows the organisation, domains and tiers by quarter to executives', async () => {
    const api = doraApi();
    renderPage(api);
    await userEvent.click(screen.getByRole('tab', { name: 'Executive' }));
    expect(
      await screen.findByRole('table', { name: 'Organisation' }),
    ).toBeInTheDocument();
    // A tile per key: its value, and its tier in the tier's colour.
    const tiles = screen.getByRole('list', { name: 'Key figures' });
    expect(within(tiles).getAllByRole('listitem')).toHaveLength(5);
    const cfr = within(tiles).getByLabelText('Change failure rate');
    expect(cfr).toHaveTextContent('33%');
    expect(within(cfr).getByLabelText('Tier: Low')).toHaveStyle({
      backgroundColor: tierColor('low'),
    });
    // The tiers quarter by quarter as charts, as well as a table.
    expect(
      screen.getByRole('img', {
        name: 'Lead time for changes per quarter, in hours',
      }),
    ).toBeInTheDocument();
    expect(
      within(screen.getByRole('table', { name: 'By domain' })).getByText(
        'payments',
      ),
    ).toBeInTheDocument();
    expect(
      within(
        screen.getByRole('table', { name: 'Tiers by quarter' }),
      ).getAllByRole('columnheader')[1],
    ).toHaveTextContent('Q4 2026');
    expect(api.getTrends).toHaveBeenCalledWith(
      expect.objectContaining({ groupBy: 'none', bucket: 'quarter' }),
    );
  });

  it('remembers the chosen preset', async () => {
    const storage = mockApis.storage();
    const { unmount } = await renderPage(doraApi(), storage);
    await userEvent.click(screen.getByRole('tab', { name: 'Executive' }));
    await screen.findByRole('table', { name: 'Organisation' });
    expect(
      storage.forBucket(DORA_STORAGE_NAMESPACE).snapshot('settings').value,
    ).toMatchObject({ preset: 'executive', environment: 'production' });
    unmount();

    await renderPage(doraApi(), storage);
    expect(screen.getByRole('tab', { name: 'Executive' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
  });
});
