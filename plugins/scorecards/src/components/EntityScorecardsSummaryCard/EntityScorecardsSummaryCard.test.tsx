import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { EntityScorecardsResponse } from '@plinth/plugin-scorecards-common';
import { screen, waitFor, within } from '@testing-library/react';
import { cartService, fakeScorecardsApi } from '../../__testUtils__/fixtures';
import { ScorecardsApi, scorecardsApiRef } from '../../api/ScorecardsApi';
import { levelColor } from '../../lib/levelColors';
import { rootRouteRef } from '../../routes';
import { EntityScorecardsSummaryCard } from './EntityScorecardsSummaryCard';

function renderCard(api: ScorecardsApi = fakeScorecardsApi()) {
  return renderInTestApp(
    <EntityProvider entity={cartService}>
      <EntityScorecardsSummaryCard />
    </EntityProvider>,
    {
      apis: [[scorecardsApiRef, api]],
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        '/scorecards': rootRouteRef,
      },
    },
  );
}

// Whole pages render here: on a loaded 2-core CI machine a test can pass 5 s.
jest.setTimeout(30_000);

describe('EntityScorecardsSummaryCard', () => {
  it("shows the entity's level on each scorecard as a badge", async () => {
    renderCard();
    const levels = await screen.findByRole('list', {
      name: 'Scorecards levels',
    });
    const readiness = within(levels)
      .getByText('Production readiness')
      .closest('li')!;
    expect(within(readiness).getByLabelText('Level: Bronze')).toHaveStyle({
      backgroundColor: levelColor('bronze'),
    });
    const security = within(levels).getByText('Security').closest('li')!;
    expect(
      within(security).getByLabelText('Level: Secure'),
    ).toBeInTheDocument();
  });

  it('shows a DORA level in the colour the DORA card gives its tier', async () => {
    const dora = {
      identifier: 'DORA',
      title: 'DORA',
      blueprint: 'Component',
      levels: [
        { title: 'Low', color: 'red' },
        { title: 'Medium', color: 'orange' },
        { title: 'High', color: 'yellow' },
        { title: 'Elite', color: 'green' },
      ],
      rules: [],
    };
    const response: EntityScorecardsResponse = {
      entityRef: 'component:default/cart-service',
      items: [
        {
          scorecard: dora,
          level: 'High',
          levelIndex: 2,
          evaluatedAt: '2026-11-27T10:00:00Z',
          rules: [],
          history: [],
        },
      ],
    };
    renderCard(
      fakeScorecardsApi({ getEntityScorecards: jest.fn(async () => response) }),
    );
    // The DORA plugin's "High" chip: light green (#8bd17c), not yellow.
    expect(await screen.findByLabelText('Level: High')).toHaveStyle({
      backgroundColor: '#8bd17c',
    });
  });

  it("links to the entity's Scorecards tab", async () => {
    renderCard();
    expect(
      await screen.findByRole('link', { name: /Every rule and trend/ }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/cart-service/scorecards',
    );
  });

  it('shows nothing where no scorecard applies', async () => {
    let answer: (response: EntityScorecardsResponse) => void = () => {};
    const api = fakeScorecardsApi({
      getEntityScorecards: jest.fn(
        () => new Promise(resolve => (answer = resolve)),
      ),
    });
    renderCard(api);
    // While it asks, the card shows it is loading; once told, it is gone.
    expect(await screen.findByText('Scorecards')).toBeInTheDocument();
    answer({ entityRef: 'component:default/cart-service', items: [] });
    await waitFor(() =>
      expect(screen.queryByText('Scorecards')).not.toBeInTheDocument(),
    );
  });
});
