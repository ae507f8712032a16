import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { DoraMetricsReport } from '@plinth/plugin-dora-common';
import { screen, waitFor, within } from '@testing-library/react';
import {
  cartService,
  doraReport,
  fakeDoraApi,
  noMetrics,
} from '../../__testUtils__/doraFixtures';
import { DoraApi, doraApiRef } from '../../api/DoraApi';
import { tierColor } from '../../lib/doraTiers';
import { EntityDoraSummaryCard } from './EntityDoraSummaryCard';

function renderCard(api: DoraApi = fakeDoraApi()) {
  return renderInTestApp(
    <EntityProvider entity={cartService}>
      <EntityDoraSummaryCard />
    </EntityProvider>,
    {
      apis: [[doraApiRef, api]],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

// Whole pages render here: on a loaded 2-core CI machine a test can pass 5 s.
jest.setTimeout(30_000);

describe('EntityDoraSummaryCard', () => {
  it('shows the tier of each key in its colour', async () => {
    renderCard();
    const tiers = await screen.findByRole('list', { name: 'DORA tiers' });
    const frequency = within(tiers)
      .getByText('Deployment frequency')
      .closest('li')!;
    expect(within(frequency).getByLabelText('Tier: Elite')).toHaveStyle({
      backgroundColor: tierColor('elite'),
    });
    const failures = within(tiers)
      .getByText('Change failure rate')
      .closest('li')!;
    expect(within(failures).getByLabelText('Tier: Low')).toBeInTheDocument();
  });

  it('links to the tab with the figures and trends, without asking for trends', async () => {
    const api = fakeDoraApi();
    renderCard(api);
    expect(
      await screen.findByRole('link', { name: /Figures and trends/ }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/cart-service/scorecards',
    );
    expect(api.getTrends).not.toHaveBeenCalled();
  });

  it('shows nothing where the entity has no DORA events', async () => {
    let answer: (report: DoraMetricsReport) => void = () => {};
    renderCard(
      fakeDoraApi({
        getMetrics: jest.fn(() => new Promise(resolve => (answer = resolve))),
      }),
    );
    // While it asks, the card shows it is loading; once told, it is gone.
    expect(await screen.findByText('DORA')).toBeInTheDocument();
    answer(doraReport('none', [{ key: null, metrics: noMetrics }]));
    await waitFor(() =>
      expect(screen.queryByText('DORA')).not.toBeInTheDocument(),
    );
  });
});
