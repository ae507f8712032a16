import { ResponseError } from '@backstage/errors';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import {
  coverageCampaignDetails,
  daysFromToday,
  fakeScorecardsApi,
} from '../../__testUtils__/fixtures';
import { ScorecardsApi, scorecardsApiRef } from '../../api/ScorecardsApi';
import { rootRouteRef } from '../../routes';
import { CampaignPage } from './CampaignPage';

function renderPage(api: ScorecardsApi = fakeScorecardsApi()) {
  return renderInTestApp(<CampaignPage identifier="coverage-2026" />, {
    apis: [[scorecardsApiRef, api]],
    mountedRoutes: {
      '/scorecards': rootRouteRef,
      '/catalog/:namespace/:kind/:name': entityRouteRef,
    },
  });
}

// Whole pages render here: on a loaded 2-core CI machine a test can pass 5 s.
jest.setTimeout(30_000);

describe('CampaignPage', () => {
  it('shows the deadline, days left, target and overall progress', async () => {
    const api = fakeScorecardsApi();
    renderPage(api);
    expect(await screen.findByText('Test coverage to 80%')).toBeInTheDocument();
    expect(api.getCampaign).toHaveBeenCalledWith('coverage-2026');
    expect(screen.getByText(/34 days left/)).toBeInTheDocument();
    expect(
      screen.getByText('80% of the entities in scope pass every rule'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('progressbar', { name: 'Overall progress' }),
    ).toHaveAttribute('aria-valuetext', '50%, target 80%');
  });

  it('shows the progress of each team against the target, furthest behind first', async () => {
    renderPage();
    const teams = await screen.findByRole('list', {
      name: 'Progress per team',
    });
    const rows = within(teams).getAllByRole('listitem');
    expect(rows.map(row => within(row).getByRole('link').textContent)).toEqual([
      'platform-team',
      'cart-team',
      'payments-team',
    ]);
    expect(within(rows[0]).getByRole('link')).toHaveAttribute(
      'href',
      '/catalog/default/group/platform-team',
    );
    expect(
      within(teams).getByRole('progressbar', {
        name: 'payments-team progress',
      }),
    ).toHaveAttribute('aria-valuetext', '100%, target 80%');
    expect(within(rows[1]).getByText('1 of 2 · 50%')).toBeInTheDocument();
  });

  it('shows the progress of each rule, linked to its scorecard', async () => {
    renderPage();
    const rules = await screen.findByRole('list', {
      name: 'Progress per rule',
    });
    expect(
      within(rules).getByRole('progressbar', {
        name: 'Test coverage ≥ 80% progress',
      }),
    ).toHaveAttribute('aria-valuenow', '50');
    expect(
      within(rules).getByRole('link', { name: 'production-readiness' }),
    ).toHaveAttribute('href', '/scorecards/cards/production-readiness');
  });

  it('lists the entities still failing, with their owner and the rule they fail, each linked', async () => {
    renderPage();
    const failing = await screen.findByRole('table', { name: 'Still failing' });
    expect(
      screen.getByText('2 entities in scope fail a rule of the campaign'),
    ).toBeInTheDocument();
    const rows = within(failing).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    // The entity by its title, linked to its page.
    expect(
      within(rows[0]).getByRole('link', { name: 'Legacy billing' }),
    ).toHaveAttribute('href', '/catalog/default/component/legacy-billing');
    expect(within(rows[0]).getByText('No owner')).toBeInTheDocument();
    // The rule it fails, why, and a link to its scorecard.
    expect(
      within(rows[0]).getByRole('link', { name: 'Test coverage ≥ 80%' }),
    ).toHaveAttribute('href', '/scorecards/cards/production-readiness');
    expect(rows[0]).toHaveTextContent('coverage is 12, needs >= 80');
    // Its owner, linked to the team's page.
    expect(
      within(rows[1]).getByRole('link', { name: 'platform-team' }),
    ).toHaveAttribute('href', '/catalog/default/group/platform-team');
  });

  it('says so when every entity passes', async () => {
    renderPage(
      fakeScorecardsApi({
        getCampaign: jest.fn(async () => ({
          ...coverageCampaignDetails,
          failing: [],
        })),
      }),
    );
    expect(
      await screen.findByText(
        'Every entity in scope passes every rule of the campaign.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('table', { name: 'Still failing' }),
    ).not.toBeInTheDocument();
  });

  it('says how long an unfinished campaign is overdue', async () => {
    renderPage(
      fakeScorecardsApi({
        getCampaign: jest.fn(async () => ({
          ...coverageCampaignDetails,
          campaign: {
            ...coverageCampaignDetails.campaign,
            deadline: daysFromToday(-3),
          },
        })),
      }),
    );
    expect(await screen.findByText(/3 days overdue/)).toBeInTheDocument();
    expect(screen.getByText('Missed')).toBeInTheDocument();
  });

  it('says when there is no such campaign', async () => {
    const response = new Response(
      JSON.stringify({
        error: { name: 'NotFoundError', message: 'no campaign' },
      }),
      { status: 404, headers: { 'Content-Type': 'application/json' } },
    );
    const notFound = await ResponseError.fromResponse(response);
    renderPage(
      fakeScorecardsApi({
        getCampaign: jest.fn(async () => {
          throw notFound;
        }),
      }),
    );
    expect(
      await screen.findByText('There is no campaign "coverage-2026"'),
    ).toBeInTheDocument();
  });
});
