import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  cartService,
  cartServiceScorecards,
  fakeScorecardsApi,
} from '../../__testUtils__/fixtures';
import { ScorecardsApi, scorecardsApiRef } from '../../api/ScorecardsApi';
import { levelColor } from '../../lib/levelColors';
import { rootRouteRef } from '../../routes';
import { EntityScorecardsCard } from './EntityScorecardsCard';

/*
 * The user may grant exemptions here; permissions.test.tsx covers a user who
 * may not (usePermission caches decisions for the whole module).
 */

function renderCard(api: ScorecardsApi = fakeScorecardsApi()) {
  return renderInTestApp(
    <EntityProvider entity={cartService}>
      <EntityScorecardsCard />
    </EntityProvider>,
    {
      apis: [[scorecardsApiRef, api], mockApis.permission()],
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        '/scorecards': rootRouteRef,
      },
    },
  );
}

/** The section of the scorecard titled `title`. */
async function section(title: string): Promise<HTMLElement> {
  return screen.findByRole('region', { name: title });
}

/** The list item of the rule titled `title`. */
function ruleItem(scope: HTMLElement, title: string): HTMLElement {
  return within(scope).getByText(title).closest('li') as HTMLElement;
}

// Whole pages render here: on a loaded 2-core CI machine a test can pass 5 s.
jest.setTimeout(30_000);

describe('EntityScorecardsCard', () => {
  it('asks for the scorecards of the entity by its ref', async () => {
    const api = fakeScorecardsApi();
    renderCard(api);
    await section('Production readiness');
    expect(api.getEntityScorecards).toHaveBeenCalledWith(
      'component:default/cart-service',
    );
  });

  it("shows each scorecard's level as a badge in the level's colour", async () => {
    renderCard();
    const readiness = await section('Production readiness');
    expect(within(readiness).getByLabelText('Level: Bronze')).toHaveStyle({
      backgroundColor: levelColor('bronze'),
    });
    expect(within(readiness).getByText(/Bronze since/)).toHaveTextContent(
      '1 of 4 rules passed · 1 exempt',
    );

    const securityCard = await section('Security');
    expect(within(securityCard).getByLabelText('Level: Secure')).toHaveStyle({
      backgroundColor: '#2e7d32',
    });
  });

  it('links each scorecard to its page', async () => {
    renderCard();
    const readiness = await section('Production readiness');
    expect(
      within(readiness).getByRole('link', { name: 'Production readiness' }),
    ).toHaveAttribute('href', '/scorecards/cards/production-readiness');
  });

  it('groups the rules by level, lowest first, each with its status', async () => {
    renderCard();
    const readiness = await section('Production readiness');
    expect(
      within(readiness)
        .getAllByRole('heading', { level: 4 })
        .map(h => h.textContent),
    ).toEqual(['Bronze', 'Silver', 'Gold']);
    expect(
      within(ruleItem(readiness, 'Has an owner')).getByTitle('Passed'),
    ).toBeInTheDocument();
    expect(
      within(ruleItem(readiness, 'Deploys at least 5 times a week')).getByTitle(
        'Error',
      ),
    ).toBeInTheDocument();
  });

  it('says why a rule failed, and the value it looked at', async () => {
    renderCard();
    const readiness = await section('Production readiness');
    const failed = ruleItem(readiness, 'Test coverage ≥ 80%');
    expect(within(failed).getByTitle('Failed')).toBeInTheDocument();
    expect(
      within(failed).getByText('"coverage" is 62; expected >= 80'),
    ).toBeInTheDocument();
    expect(within(failed).getByText('Actual value: 62')).toBeInTheDocument();
  });

  it('says until when a rule is exempt', async () => {
    renderCard();
    const readiness = await section('Production readiness');
    const exempt = ruleItem(readiness, 'Has a README');
    expect(within(exempt).getByTitle('Exempt')).toBeInTheDocument();
    expect(
      within(exempt).getByText(/^Exempt until .*2027/),
    ).toBeInTheDocument();
    expect(
      within(exempt).queryByRole('button', { name: /Request exemption/ }),
    ).not.toBeInTheDocument();
  });

  it('draws the level over time from the history', async () => {
    renderCard();
    const readiness = await section('Production readiness');
    expect(
      within(readiness).getByRole('img', { name: /^Level over time:/ }),
    ).toHaveAccessibleName(/Basic from .*2026, Bronze from .*2026/);
  });

  it('grants an exemption from a failed rule, then shows the new result', async () => {
    const api = fakeScorecardsApi();
    renderCard(api);
    const readiness = await section('Production readiness');
    await userEvent.click(
      within(ruleItem(readiness, 'Test coverage ≥ 80%')).getByRole('button', {
        name: 'Request exemption from Test coverage ≥ 80%',
      }),
    );

    const dialog = await screen.findByRole('dialog', {
      name: 'Request an exemption',
    });
    const grant = within(dialog).getByRole('button', {
      name: 'Grant exemption',
    });
    expect(grant).toBeDisabled();

    // After the exemption the backend reports the rule exempt.
    api.getEntityScorecards.mockImplementation(async () => ({
      entityRef: 'component:default/cart-service',
      items: [
        {
          ...cartServiceScorecards[0],
          rules: cartServiceScorecards[0].rules.map(rule =>
            rule.rule === 'test-coverage'
              ? {
                  ...rule,
                  status: 'exempt' as const,
                  exemptUntil: '2027-03-31T23:59:59Z',
                }
              : rule,
          ),
        },
      ],
    }));

    const until = within(dialog).getByLabelText(/^Until/);
    await userEvent.clear(until);
    await userEvent.type(until, '2099-03-31');
    await userEvent.type(
      within(dialog).getByLabelText(/^Reason/),
      'Coverage tooling lands in Q1',
    );
    await userEvent.click(grant);

    await waitFor(() =>
      expect(api.createExemption).toHaveBeenCalledWith({
        scorecard: 'production-readiness',
        rule: 'test-coverage',
        entityRef: 'component:default/cart-service',
        until: expect.stringMatching(/^2099-0[34]-\d\dT.*Z$/),
        reason: 'Coverage tooling lands in Q1',
      }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    const updated = await section('Production readiness');
    await waitFor(() =>
      expect(
        within(ruleItem(updated, 'Test coverage ≥ 80%')).getByText(
          /^Exempt until .*2027/,
        ),
      ).toBeInTheDocument(),
    );
    expect(api.getEntityScorecards).toHaveBeenCalledTimes(2);
  });

  it('shows a granted exemption at once, before the backend has applied it', async () => {
    const api = fakeScorecardsApi();
    renderCard(api);
    const readiness = await section('Production readiness');
    await userEvent.click(
      within(readiness).getByRole('button', {
        name: 'Request exemption from Test coverage ≥ 80%',
      }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(
      within(dialog).getByLabelText(/^Reason/),
      'Coverage tooling lands in Q1',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Grant exemption' }),
    );
    // The backend still reports the rule failed: it evaluates within seconds.
    const rule = ruleItem(
      await section('Production readiness'),
      'Test coverage ≥ 80%',
    );
    expect(
      await within(rule).findByText(
        /^Exemption granted until .*next evaluation/,
      ),
    ).toBeInTheDocument();
    expect(
      within(rule).queryByRole('button', { name: /Request exemption/ }),
    ).not.toBeInTheDocument();
    await waitFor(() =>
      expect(api.getEntityScorecards).toHaveBeenCalledTimes(2),
    );
  });

  it('keeps the dialog open with the reason when the backend refuses', async () => {
    const api = fakeScorecardsApi({
      createExemption: jest.fn(async () => {
        throw new Error('the rule is not failing');
      }),
    });
    renderCard(api);
    const readiness = await section('Production readiness');
    await userEvent.click(
      within(readiness).getByRole('button', {
        name: 'Request exemption from Deploys at least 5 times a week',
      }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(within(dialog).getByLabelText(/^Reason/), 'Because');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Grant exemption' }),
    );
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'The exemption was not granted: the rule is not failing',
    );
  });

  it('says so when no scorecard applies', async () => {
    renderCard(
      fakeScorecardsApi({
        getEntityScorecards: jest.fn(async () => ({
          entityRef: 'component:default/cart-service',
          items: [],
        })),
      }),
    );
    expect(
      await screen.findByText('No scorecard applies to this entity'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'See every scorecard' }),
    ).toHaveAttribute('href', '/scorecards');
  });

  it('shows what went wrong when the backend fails', async () => {
    renderCard(
      fakeScorecardsApi({
        getEntityScorecards: jest.fn(async () => {
          throw new Error('scorecards backend unavailable');
        }),
      }),
    );
    expect(
      await screen.findByText('Error: scorecards backend unavailable'),
    ).toBeInTheDocument();
  });
});
