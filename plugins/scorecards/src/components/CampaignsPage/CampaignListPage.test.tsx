import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import { fakeScorecardsApi } from '../../__testUtils__/fixtures';
import { ScorecardsApi, scorecardsApiRef } from '../../api/ScorecardsApi';
import { rootRouteRef } from '../../routes';
import { CampaignListPage } from './CampaignListPage';

function renderList(api: ScorecardsApi = fakeScorecardsApi()) {
  return renderInTestApp(<CampaignListPage />, {
    apis: [[scorecardsApiRef, api]],
    mountedRoutes: { '/scorecards': rootRouteRef },
  });
}

/** The table row of the campaign titled `title`. */
async function rowOf(title: string): Promise<HTMLElement> {
  const link = await screen.findByRole('link', { name: title });
  return link.closest('tr') as HTMLElement;
}

// Whole pages render here: on a loaded 2-core CI machine a test can pass 5 s.
jest.setTimeout(30_000);

describe('CampaignListPage', () => {
  it('lists the campaigns, soonest deadline first, linked to their pages', async () => {
    renderList();
    expect(
      await screen.findByRole('link', { name: 'Test coverage to 80%' }),
    ).toHaveAttribute('href', '/scorecards/campaigns/coverage-2026');
    const titles = screen
      .getAllByRole('link')
      .map(link => link.textContent)
      .filter(
        text =>
          text === 'Every component owned' || text === 'Test coverage to 80%',
      );
    expect(titles).toEqual(['Every component owned', 'Test coverage to 80%']);
  });

  it('shows the deadline with the days left, the target and the progress', async () => {
    renderList();
    const coverage = await rowOf('Test coverage to 80%');
    expect(within(coverage).getByText('34 days left')).toBeInTheDocument();
    expect(within(coverage).getByText('80%')).toBeInTheDocument();
    const progress = within(coverage).getByRole('progressbar', {
      name: 'Test coverage to 80% progress',
    });
    expect(progress).toHaveAttribute('aria-valuenow', '50');
    expect(progress).toHaveAttribute('aria-valuetext', '50%, target 80%');
    expect(within(coverage).getByText('2 of 4 · 50%')).toBeInTheDocument();
    expect(within(coverage).getByText('In progress')).toBeInTheDocument();
  });

  it('marks a campaign past its deadline and short of its target as missed', async () => {
    renderList();
    const owners = await rowOf('Every component owned');
    expect(within(owners).getByText('7 days overdue')).toBeInTheDocument();
    // No target given: every entity.
    expect(within(owners).getByText('100%')).toBeInTheDocument();
    expect(within(owners).getByText('Missed')).toBeInTheDocument();
  });

  it('says when there is no campaign', async () => {
    renderList(
      fakeScorecardsApi({
        listCampaigns: jest.fn(async () => ({ items: [] })),
      }),
    );
    expect(await screen.findByText('No campaigns yet')).toBeInTheDocument();
  });
});
