import { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import {
  cartMetrics,
  cartService,
  doraReport,
  doraTrends,
  fakeDoraApi,
  noMetrics,
} from '../../__testUtils__/doraFixtures';
import { DoraApi, doraApiRef } from '../../api/DoraApi';
import { tierColor } from '../../lib/doraTiers';
import { EntityDoraCard } from './EntityDoraCard';

function renderCard(
  api: DoraApi = fakeDoraApi(),
  entity: Entity = cartService,
) {
  return renderInTestApp(
    <EntityProvider entity={entity}>
      <EntityDoraCard />
    </EntityProvider>,
    { apis: [[doraApiRef, api]] },
  );
}

/** The row of the key titled `title`. */
async function row(title: string): Promise<HTMLElement> {
  const header = await screen.findByText(title);
  return header.closest('tr') as HTMLElement;
}

// Whole pages render here: on a loaded 2-core CI machine a test can pass 5 s.
jest.setTimeout(30_000);

describe('EntityDoraCard', () => {
  it('asks for the last 90 days of the entity in production, weekly', async () => {
    const api = fakeDoraApi();
    renderCard(api);
    await row('Deployment frequency');
    const query = api.getMetrics.mock.calls[0][0]!;
    expect(query).toMatchObject({
      entityRef: 'component:default/cart-service',
      environment: 'production',
      groupBy: 'none',
    });
    const days = (Date.parse(query.to!) - Date.parse(query.from!)) / 86_400_000;
    expect(days).toBeGreaterThan(89);
    expect(days).toBeLessThan(90);
    expect(api.getTrends).toHaveBeenCalledWith(
      expect.objectContaining({ bucket: 'week', entityRef: query.entityRef }),
    );
  });

  it('shows each key with its value and its tier in the tier colour', async () => {
    renderCard();
    const frequency = await row('Deployment frequency');
    expect(frequency).toHaveTextContent('1.22/day · 60 deployment days');
    expect(within(frequency).getByLabelText('Tier: Elite')).toHaveStyle({
      backgroundColor: tierColor('elite'),
    });
    const failures = await row('Change failure rate');
    expect(within(failures).getByLabelText('Tier: Low')).toHaveStyle({
      backgroundColor: tierColor('low'),
    });
    expect(await row('Lead time for changes')).toHaveTextContent(
      'median 5.5 h · p90 30 h',
    );
    expect(
      within(await row('Rework rate')).getByLabelText('Tier: High'),
    ).toBeInTheDocument();
    expect(
      within(frequency).getByRole('img', {
        name: 'Deployment frequency trend',
      }),
    ).toBeInTheDocument();
  });

  it('says so when the entity has no DORA events', async () => {
    renderCard(
      fakeDoraApi({
        getMetrics: jest.fn(async () =>
          doraReport('none', [{ key: null, metrics: noMetrics }]),
        ),
      }),
    );
    expect(await screen.findByText('No DORA events')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('shows a system the DORA figures of its parts together', async () => {
    const cartSystem: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: { name: 'Cart' },
    };
    const api = fakeDoraApi({
      // The backend groups by system name, as the catalog relations give it.
      getMetrics: jest.fn(async () =>
        doraReport('system', [
          { key: 'products', metrics: noMetrics },
          { key: 'cart', metrics: cartMetrics },
        ]),
      ),
      getTrends: jest.fn(async () =>
        doraTrends('system', ['products', 'cart']),
      ),
    });
    renderCard(api, cartSystem);
    expect(await row('Deployment frequency')).toHaveTextContent(
      '1.22/day · 60 deployment days',
    );
    expect(api.getMetrics).toHaveBeenCalledWith(
      expect.objectContaining({ groupBy: 'system', environment: 'production' }),
    );
    expect(api.getMetrics.mock.calls[0][0]).not.toHaveProperty('entityRef');
    expect(
      screen.getByText(/Last 90 days in production, all its parts together/),
    ).toBeInTheDocument();
  });
});
