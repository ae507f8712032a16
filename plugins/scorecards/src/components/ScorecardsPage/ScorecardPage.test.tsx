import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeScorecardsApi } from '../../__testUtils__/fixtures';
import { ScorecardsApi, scorecardsApiRef } from '../../api/ScorecardsApi';
import { rootRouteRef } from '../../routes';
import { ReEvaluateButton } from './ReEvaluateButton';
import { ScorecardPage } from './ScorecardPage';

/*
 * The user may re-evaluate here; permissions.test.tsx covers a user who may
 * not (usePermission caches decisions for the whole module).
 */

function renderPage(
  api: ScorecardsApi = fakeScorecardsApi(),
  alertApi = mockApis.alert(),
  identifier = 'production-readiness',
) {
  return renderInTestApp(<ScorecardPage identifier={identifier} />, {
    apis: [[scorecardsApiRef, api], mockApis.permission(), alertApi],
    mountedRoutes: {
      '/scorecards': rootRouteRef,
      '/catalog/:namespace/:kind/:name': entityRouteRef,
    },
  });
}

/** The entity names of the heat map's rows. */
function heatMapEntities(): string[] {
  const table = screen.getByRole('table', {
    name: 'Production readiness heat map',
  });
  return within(table)
    .getAllByRole('rowheader')
    .map(cell => within(cell).getByRole('link').textContent!);
}

// Whole pages render here: on a loaded 2-core CI machine a test can pass 5 s.
jest.setTimeout(30_000);

describe('ScorecardPage', () => {
  it('shows the definition: title, description and levels lowest first', async () => {
    renderPage();
    expect(
      await screen.findByRole('heading', { name: 'Production readiness' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('What a service needs before it takes traffic'),
    ).toBeInTheDocument();
    const levels = screen.getByLabelText('Levels, lowest first');
    expect(
      within(levels)
        .getAllByRole('img')
        .map(badge => badge.textContent),
    ).toEqual(['Basic', 'Bronze', 'Silver', 'Gold']);
  });

  it('says when there is no such scorecard', async () => {
    renderPage(fakeScorecardsApi(), mockApis.alert(), 'nope');
    expect(
      await screen.findByText('There is no scorecard "nope"'),
    ).toBeInTheDocument();
  });

  it('summarises the levels and pass rates, grouped by the chosen field', async () => {
    const api = fakeScorecardsApi();
    renderPage(api);
    expect(
      await screen.findByRole('img', {
        name: 'All entities levels: Basic 1, Bronze 1, Silver 1, Gold 1 of 4 entities',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('progressbar', { name: 'Test coverage ≥ 80% passing' }),
    ).toHaveAttribute('aria-valuenow', '50');
    expect(await screen.findByText('By team')).toBeInTheDocument();
    expect(
      screen.getByRole('img', { name: /^payments-team levels: / }),
    ).toHaveAccessibleName(
      'payments-team levels: Basic 0, Bronze 1, Silver 0, Gold 1 of 2 entities',
    );
    expect(api.getSummary).toHaveBeenLastCalledWith('production-readiness', {
      groupBy: 'team',
    });

    await userEvent.selectOptions(screen.getByLabelText('Group by'), 'System');
    expect(await screen.findByText('By system')).toBeInTheDocument();
    expect(
      await screen.findByRole('img', { name: /^payments levels: / }),
    ).toBeInTheDocument();
    expect(api.getSummary).toHaveBeenLastCalledWith('production-readiness', {
      groupBy: 'system',
    });
  });

  it('draws entities against rules, cells by status, entities linked to the catalog', async () => {
    renderPage();
    await userEvent.click(await screen.findByRole('tab', { name: 'Heat map' }));
    const table = await screen.findByRole('table', {
      name: 'Production readiness heat map',
    });
    expect(
      within(table).getByRole('link', { name: 'Cart service' }),
    ).toHaveAttribute('href', '/catalog/default/component/cart-service');
    const checkout = within(table)
      .getByRole('link', { name: 'Checkout UI' })
      .closest('tr')!;
    expect(
      within(checkout).getByTitle('Test coverage ≥ 80%: Failed'),
    ).toBeInTheDocument();
    expect(
      within(checkout).getByTitle('Has a README: Exempt'),
    ).toBeInTheDocument();
    expect(
      within(checkout).getByTitle('Deploys at least 5 times a week: Error'),
    ).toBeInTheDocument();
    expect(
      within(checkout).getByLabelText('Level: Bronze'),
    ).toBeInTheDocument();
  });

  it('filters the heat map by team, system and domain present in the rows', async () => {
    renderPage();
    await userEvent.click(await screen.findByRole('tab', { name: 'Heat map' }));
    await screen.findByRole('table', { name: 'Production readiness heat map' });
    expect(heatMapEntities()).toEqual([
      'Cart service',
      'Checkout UI',
      'Payment gateway',
      'Build tools',
    ]);

    const team = screen.getByLabelText('Team');
    expect(
      within(team)
        .getAllByRole('option')
        .map(o => o.textContent),
    ).toEqual(['All', 'cart-team', 'payments-team', 'platform-team']);
    expect(
      within(screen.getByLabelText('Domain'))
        .getAllByRole('option')
        .map(o => o.textContent),
    ).toEqual(['All', 'orders']);

    await userEvent.selectOptions(team, 'cart-team');
    expect(heatMapEntities()).toEqual(['Cart service', 'Checkout UI']);
    expect(screen.getByRole('status')).toHaveTextContent('2 of 4 entities');

    await userEvent.selectOptions(screen.getByLabelText('System'), 'payments');
    expect(heatMapEntities()).toEqual(['Checkout UI']);

    await userEvent.selectOptions(team, 'All');
    await userEvent.selectOptions(screen.getByLabelText('System'), 'All');
    expect(heatMapEntities()).toHaveLength(4);
  });

  it('shows the history of the chosen window', async () => {
    const api = fakeScorecardsApi();
    renderPage(api);
    await userEvent.click(await screen.findByRole('tab', { name: 'History' }));
    expect(await screen.findByText('Level distribution')).toBeInTheDocument();
    expect(
      screen.getByText(/: Basic 1, Bronze 1, Silver 1, Gold 1 of 4 entities$/),
    ).toBeInTheDocument();
    const rates = screen.getByRole('table', {
      name: 'Rule pass rates over the window',
    });
    const coverage = within(rates)
      .getByRole('rowheader', { name: 'Test coverage ≥ 80%' })
      .closest('tr')!;
    expect(
      within(coverage)
        .getAllByRole('cell')
        .map(c => c.textContent),
    ).toEqual(['0%', '50%', '+50 pts']);

    const window30 = api.getHistory.mock.calls[0][1]!;
    expect(
      Date.parse(window30.to!) - Date.parse(window30.from!),
    ).toBeLessThanOrEqual(30 * 24 * 3600 * 1000);
    expect(screen.getByRole('button', { name: '30 days' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );

    await userEvent.click(screen.getByRole('button', { name: '365 days' }));
    await waitFor(() => expect(api.getHistory).toHaveBeenCalledTimes(2));
    const window365 = api.getHistory.mock.calls[1][1]!;
    expect(
      (Date.parse(window365.to!) - Date.parse(window365.from!)) /
        (24 * 3600 * 1000),
    ).toBeGreaterThan(364);
    expect(screen.getByRole('button', { name: '365 days' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
  });

  it('says when the window has no history', async () => {
    renderPage(
      fakeScorecardsApi({
        getHistory: jest.fn(async () => ({
          scorecard: (await fakeScorecardsApi().getResults('x')).scorecard,
          days: [],
        })),
      }),
    );
    await userEvent.click(await screen.findByRole('tab', { name: 'History' }));
    expect(
      await screen.findByText(/No evaluation in the last 30 days yet/),
    ).toBeInTheDocument();
  });

  it('re-evaluates the scorecard now', async () => {
    const api = fakeScorecardsApi();
    const alertApi = mockApis.alert();
    renderPage(api, alertApi);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Re-evaluate now' }),
    );
    expect(api.evaluate).toHaveBeenCalledWith({
      scorecard: 'production-readiness',
    });
    await alertApi.waitForAlert(alert =>
      alert.message.startsWith('Re-evaluating 4 entities'),
    );
    expect(
      screen.getByRole('button', { name: 'Re-evaluating…' }),
    ).toBeDisabled();
  });
});

describe('ReEvaluateButton', () => {
  it('has the results read again once evaluated', async () => {
    const onEvaluated = jest.fn();
    renderInTestApp(
      <ReEvaluateButton
        scorecard="security"
        onEvaluated={onEvaluated}
        reloadAfterMs={0}
      />,
      {
        apis: [[scorecardsApiRef, fakeScorecardsApi()], mockApis.permission()],
      },
    );
    await userEvent.click(
      await screen.findByRole('button', { name: 'Re-evaluate now' }),
    );
    await waitFor(() => expect(onEvaluated).toHaveBeenCalledTimes(1));
    expect(
      screen.getByRole('button', { name: 'Re-evaluate now' }),
    ).toBeEnabled();
  });

  it('says when the backend refuses', async () => {
    const alertApi = mockApis.alert();
    renderInTestApp(
      <ReEvaluateButton scorecard="security" onEvaluated={jest.fn()} />,
      {
        apis: [
          [
            scorecardsApiRef,
            fakeScorecardsApi({
              evaluate: jest.fn(async () => {
                throw new Error('evaluation already running');
              }),
            }),
          ],
          mockApis.permission(),
          alertApi,
        ],
      },
    );
    await userEvent.click(
      await screen.findByRole('button', { name: 'Re-evaluate now' }),
    );
    const alert = await alertApi.waitForAlert(a => a.severity === 'error');
    expect(alert.message).toBe(
      'Re-evaluation failed: evaluation already running',
    );
  });
});
