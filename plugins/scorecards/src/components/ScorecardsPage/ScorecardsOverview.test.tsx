import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import { fakeScorecardsApi } from '../../__testUtils__/fixtures';
import { ScorecardsApi, scorecardsApiRef } from '../../api/ScorecardsApi';
import { doraRouteRef, rootRouteRef } from '../../routes';
import { NAME_COLUMN_MIN_WIDTH } from '../../lib/tableLayout';
import { ScorecardsOverview } from './ScorecardsOverview';

function renderOverview(
  api: ScorecardsApi = fakeScorecardsApi(),
  options: { doraBound?: boolean } = {},
) {
  return renderInTestApp(<ScorecardsOverview />, {
    apis: [[scorecardsApiRef, api]],
    mountedRoutes: {
      '/scorecards': rootRouteRef,
      // The app binds the external route to the DORA plugin's page.
      ...(options.doraBound && {
        '/dora': convertLegacyRouteRef(doraRouteRef),
      }),
    },
  });
}

// Whole pages render here: on a loaded 2-core CI machine a test can pass 5 s.
jest.setTimeout(30_000);

describe('ScorecardsOverview', () => {
  it('lists every scorecard with a link to its page', async () => {
    renderOverview();
    expect(
      await screen.findByRole('link', { name: 'Production readiness' }),
    ).toHaveAttribute('href', '/scorecards/cards/production-readiness');
    expect(screen.getByRole('link', { name: 'Security' })).toHaveAttribute(
      'href',
      '/scorecards/cards/security',
    );
    expect(
      screen.getByText('What a service needs before it takes traffic'),
    ).toBeInTheDocument();
    expect(screen.getByText('2 scorecards')).toBeInTheDocument();
  });

  it('shows how many entities are at each level of each scorecard', async () => {
    renderOverview();
    expect(
      await screen.findByRole('img', {
        name: 'Production readiness levels: Basic 1, Bronze 1, Silver 1, Gold 1 of 4 entities',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('img', {
        name: 'Security levels: At risk 2, Secure 3 of 5 entities',
      }),
    ).toBeInTheDocument();
  });

  it('keeps the other distributions when one cannot be read', async () => {
    const api = fakeScorecardsApi();
    const summary = api.getSummary.getMockImplementation()!;
    api.getSummary.mockImplementation(async (id, options) => {
      if (id === 'security') throw new Error('summary unavailable');
      return summary(id, options);
    });
    renderOverview(api);
    expect(
      await screen.findByText('Not available: summary unavailable'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('img', { name: /^Production readiness levels:/ }),
    ).toBeInTheDocument();
  });

  it('keeps scorecard names on one line: the name column never gets narrow', async () => {
    renderOverview();
    const name = await screen.findByRole('link', {
      name: 'Production readiness',
    });
    expect(name.closest('td')).toHaveStyle({
      minWidth: `${NAME_COLUMN_MIN_WIDTH}px`,
    });
  });

  it('names the source, place and reason of each definition problem', async () => {
    renderOverview();
    expect(
      await screen.findByText(
        'Warning: 1 problem in 1 scorecard source: what they define is not in force',
      ),
    ).toBeInTheDocument();
    const problems = screen.getByRole('list', {
      name: 'Scorecard definition problems',
    });
    const [problem] = within(problems).getAllByRole('listitem');
    // The path as the user knows it, without the steps from the backend.
    expect(problem.textContent).toBe(
      'examples/plinth/scorecards/broken.yaml at /rules/0/level: level "Platinum" is not a level of the scorecard',
    );
  });

  it('shows no problems panel when every definition applies', async () => {
    const api = fakeScorecardsApi();
    api.listScorecards.mockResolvedValue({
      ...(await api.listScorecards()),
      problems: [],
    });
    renderOverview(api);
    await screen.findByRole('link', { name: 'Production readiness' });
    expect(
      screen.queryByRole('list', { name: 'Scorecard definition problems' }),
    ).not.toBeInTheDocument();
  });

  it('links to the campaigns', async () => {
    renderOverview();
    // A link drawn as a button.
    expect(
      await screen.findByRole('button', { name: 'Campaigns' }),
    ).toHaveAttribute('href', '/scorecards/campaigns');
  });

  it('links to the DORA dashboards next to the campaigns', async () => {
    renderOverview(fakeScorecardsApi(), { doraBound: true });
    expect(await screen.findByRole('button', { name: 'DORA' })).toHaveAttribute(
      'href',
      '/dora',
    );
  });

  it('shows no DORA link when the app binds no DORA route', async () => {
    renderOverview();
    await screen.findByRole('button', { name: 'Campaigns' });
    expect(
      screen.queryByRole('button', { name: 'DORA' }),
    ).not.toBeInTheDocument();
  });

  it('says when there is no scorecard yet', async () => {
    renderOverview(
      fakeScorecardsApi({
        listScorecards: jest.fn(async () => ({ items: [], problems: [] })),
      }),
    );
    expect(await screen.findByText('No scorecards yet')).toBeInTheDocument();
  });
});
