import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import { cartService, fakeScorecardsApi } from '../__testUtils__/fixtures';
import { scorecardsApiRef } from '../api/ScorecardsApi';
import { rootRouteRef } from '../routes';
import { EntityScorecardsCard } from './EntityScorecardsCard';
import { ScorecardPage } from './ScorecardsPage';

/*
 * usePermission caches decisions for the whole module: the tests of a denied
 * permission live apart from those of an allowed one.
 */

type PermissionOptions = NonNullable<Parameters<typeof mockApis.permission>[0]>;
/** `AuthorizeResult.DENY`, the one value of that enum these tests need. */
const DENY = 'DENY' as unknown as Exclude<
  PermissionOptions['authorize'],
  Function | undefined
>;

const options = {
  apis: [
    [scorecardsApiRef, fakeScorecardsApi()],
    mockApis.permission({ authorize: DENY }),
  ] as const,
  mountedRoutes: {
    '/scorecards': rootRouteRef,
    '/catalog/:namespace/:kind/:name': entityRouteRef,
  },
};

// Whole pages render here: on a loaded 2-core CI machine a test can pass 5 s.
jest.setTimeout(30_000);

describe('when the permission policy denies exemptions and re-evaluation', () => {
  it('offers no exemption from failed rules, and still shows why they failed', async () => {
    renderInTestApp(
      <EntityProvider entity={cartService}>
        <EntityScorecardsCard />
      </EntityProvider>,
      options,
    );
    const readiness = await screen.findByRole('region', {
      name: 'Production readiness',
    });
    expect(
      within(readiness).getByText('"coverage" is 62; expected >= 80'),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /Request exemption/ }),
    ).not.toBeInTheDocument();
  });

  it('offers no re-evaluation on the scorecard page', async () => {
    renderInTestApp(
      <ScorecardPage identifier="production-readiness" />,
      options,
    );
    expect(
      await screen.findByRole('heading', { name: 'Production readiness' }),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('img', { name: /^All entities levels:/ }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Re-evaluate now' }),
    ).not.toBeInTheDocument();
  });
});
