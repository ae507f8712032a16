import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import { Scorecard } from '@plinth/plugin-scorecards-common';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen, waitFor } from '@testing-library/react';
import { Route, Routes, useLocation } from 'react-router-dom';
import {
  fakeScorecardsApi,
  productionReadinessScorecard,
  scorecardList,
} from '../__testUtils__/fixtures';
import { scorecardsApiRef } from '../api/ScorecardsApi';
import { doraRouteRef, rootRouteRef } from '../routes';
import { ScorecardsRouter } from './ScorecardsRouter';

/** The DORA scorecard of the example app: its identifier is `DORA`. */
const doraScorecard: Scorecard = {
  ...productionReadinessScorecard,
  identifier: 'DORA',
  title: 'DORA performance',
};

function DoraDashboard() {
  return <p>DORA dashboards</p>;
}

function Location() {
  return <output aria-label="location">{useLocation().pathname}</output>;
}

/** The router where an app of the old frontend system mounts it. */
function renderAt(path: string) {
  return renderInTestApp(
    <>
      <Routes>
        <Route
          path="/scorecards/*"
          element={<ScorecardsRouter variant="legacy" />}
        />
        <Route path="/dora" element={<DoraDashboard />} />
      </Routes>
      <Location />
    </>,
    {
      apis: [
        [
          scorecardsApiRef,
          fakeScorecardsApi({
            listScorecards: jest.fn(async () => ({
              ...scorecardList,
              items: [
                ...scorecardList.items,
                {
                  scorecard: doraScorecard,
                  source: 'dora.yaml',
                  origin: 'file' as const,
                },
              ],
            })),
          }),
        ],
      ],
      mountedRoutes: {
        '/scorecards': rootRouteRef,
        '/dora': convertLegacyRouteRef(doraRouteRef),
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
      initialRouteEntries: [path],
    },
  );
}

// Whole pages render here: on a loaded 2-core CI machine a test can pass 5 s.
jest.setTimeout(30_000);

describe('ScorecardsRouter', () => {
  it('shows the overview at the root', async () => {
    renderAt('/scorecards');
    expect(
      await screen.findByRole('link', { name: 'Production readiness' }),
    ).toBeInTheDocument();
  });

  it('shows the campaigns', async () => {
    renderAt('/scorecards/campaigns');
    expect(
      await screen.findByRole('link', { name: 'Test coverage to 80%' }),
    ).toBeInTheDocument();
  });

  it('shows a campaign', async () => {
    renderAt('/scorecards/campaigns/coverage-2026');
    expect(
      await screen.findByRole('list', { name: 'Progress per team' }),
    ).toBeInTheDocument();
  });

  it('shows a scorecard', async () => {
    renderAt('/scorecards/cards/production-readiness');
    expect(
      await screen.findByRole('heading', { name: 'Production readiness' }),
    ).toBeInTheDocument();
  });

  it('shows the page of a scorecard whose identifier is DORA', async () => {
    renderAt('/scorecards/cards/DORA');
    expect(
      await screen.findByRole('heading', { name: 'DORA performance' }),
    ).toBeInTheDocument();
  });

  it('sends an old bookmark of a scorecard to its page', async () => {
    renderAt('/scorecards/production-readiness');
    expect(
      await screen.findByRole('heading', { name: 'Production readiness' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('status', { name: 'location' })).toHaveTextContent(
      '/scorecards/cards/production-readiness',
    );
  });

  it('sends an old bookmark of the DORA scorecard to it, and of the DORA dashboards to them', async () => {
    const { unmount } = await renderAt('/scorecards/DORA');
    expect(
      await screen.findByRole('heading', { name: 'DORA performance' }),
    ).toBeInTheDocument();
    unmount();

    renderAt('/scorecards/dora');
    expect(await screen.findByText('DORA dashboards')).toBeInTheDocument();
  });

  it('names a scorecard and a campaign by their titles in the header, not their identifiers', async () => {
    const { unmount } = await renderAt('/scorecards/cards/DORA');
    const header = await screen.findByRole('banner');
    await waitFor(() => expect(header).toHaveTextContent('DORA performance'));
    unmount();

    renderAt('/scorecards/campaigns/coverage-2026');
    const campaignHeader = await screen.findByRole('banner');
    await waitFor(() =>
      expect(campaignHeader).toHaveTextContent('Test coverage to 80%'),
    );
    expect(campaignHeader).not.toHaveTextContent('coverage-2026');
  });

  it('decodes the identifier in the path', async () => {
    renderAt('/scorecards/cards/acme%2Freadiness');
    expect(
      await screen.findByText('There is no scorecard "acme/readiness"'),
    ).toBeInTheDocument();
  });
});
