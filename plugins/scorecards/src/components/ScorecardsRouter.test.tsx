import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { fakeScorecardsApi } from '../__testUtils__/fixtures';
import { scorecardsApiRef } from '../api/ScorecardsApi';
import { rootRouteRef } from '../routes';
import { ScorecardsRouter } from './ScorecardsRouter';

/** The router where an app of the old frontend system mounts it. */
function renderAt(path: string) {
  return renderInTestApp(
    <Routes>
      <Route
        path="/scorecards/*"
        element={<ScorecardsRouter variant="legacy" />}
      />
    </Routes>,
    {
      apis: [[scorecardsApiRef, fakeScorecardsApi()]],
      mountedRoutes: {
        '/scorecards': rootRouteRef,
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
    renderAt('/scorecards/production-readiness');
    expect(
      await screen.findByRole('heading', { name: 'Production readiness' }),
    ).toBeInTheDocument();
  });

  it('decodes the identifier in the path', async () => {
    renderAt('/scorecards/acme%2Freadiness');
    expect(
      await screen.findByText('There is no scorecard "acme/readiness"'),
    ).toBeInTheDocument();
  });
});
