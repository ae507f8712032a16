import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { blueprintEntityCreatePermission } from '@plinth/plugin-blueprints-common';
import { screen } from '@testing-library/react';
import { fakeBlueprintsApi } from '../__testUtils__/fixtures';
import { blueprintsApiRef } from '../api/BlueprintsApi';
import { catalogIndexRouteRef, rootRouteRef } from '../routes';
import { BlueprintPage } from './BlueprintPage';
import { CreateEntityPage } from './CreateEntityPage';

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
    [blueprintsApiRef, fakeBlueprintsApi()],
    catalogApiMock(),
    mockApis.permission({ authorize: DENY }),
  ] as const,
  mountedRoutes: {
    '/blueprints': rootRouteRef,
    '/catalog': catalogIndexRouteRef,
    '/catalog/:namespace/:kind/:name': entityRouteRef,
  },
};

// Whole pages render here: on a loaded 2-core CI machine a test can pass 5 s.
jest.setTimeout(30_000);

describe('when the permission policy denies creating entities', () => {
  it('shows no creation form, and says which permission it needs', async () => {
    await renderInTestApp(
      <CreateEntityPage identifier="Environment" />,
      options,
    );
    expect(
      await screen.findByText('You are not allowed to create entities'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(new RegExp(blueprintEntityCreatePermission.name)),
    ).toBeInTheDocument();
    expect(screen.queryByLabelText(/^Identifier/)).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Create/ })).toBeNull();
  });

  it('offers no Create button on the blueprint page', async () => {
    await renderInTestApp(<BlueprintPage identifier="Environment" />, options);
    expect(
      await screen.findByRole('heading', { name: 'Environment' }),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('link', {
        name: /entity in the catalog|entities in the catalog/,
      }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('link', { name: 'Create Environment' }),
    ).not.toBeInTheDocument();
  });
});
