import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { cartService, fakeOrchestratorApi } from '../__testUtils__/fixtures';
import { OrchestratorApi, orchestratorApiRef } from '../api/OrchestratorApi';
import { EntityOrchestratorContent } from './EntityOrchestratorContent';

/*
 * usePermission caches decisions for the whole module: the tests of denied
 * permissions live apart from those of allowed ones.
 */

type PermissionOptions = NonNullable<Parameters<typeof mockApis.permission>[0]>;
/** `AuthorizeResult.DENY`, the one value of that enum these tests need. */
const DENY = 'DENY' as unknown as Exclude<
  PermissionOptions['authorize'],
  Function | undefined
>;

function renderContent(api: OrchestratorApi = fakeOrchestratorApi()) {
  const permission = mockApis.permission({ authorize: DENY });
  const authorize = jest.spyOn(permission, 'authorize');
  renderInTestApp(
    <EntityProvider entity={cartService}>
      <EntityOrchestratorContent />
    </EntityProvider>,
    {
      apis: [[orchestratorApiRef, api], permission],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
  return { authorize };
}

// Whole pages render here: on a loaded 2-core CI machine a test can pass 5 s.
jest.setTimeout(30_000);

describe('when the permission policy denies changes to the app’s environments', () => {
  it('shows the environments and what is in them, and offers no action', async () => {
    const { authorize } = renderContent();
    const preview = await screen.findByRole('region', {
      name: 'Environment preview',
    });
    expect(within(preview).getByText('expires in 3 h 20 min')).toBeVisible();
    // Asked about the app itself, for each action, and answered.
    await waitFor(() =>
      expect(
        authorize.mock.calls.map(([request]) => [
          request.permission.name,
          'resourceRef' in request ? request.resourceRef : undefined,
        ]),
      ).toEqual(
        expect.arrayContaining(
          [
            ...['create', 'update', 'lock', 'delete'].map(
              action => `plinth.orchestrator.environment.${action}`,
            ),
            'plinth.orchestrator.deploy',
            'plinth.orchestrator.deploy.locked',
          ].map(name => [name, 'component:default/cartservice']),
        ),
      ),
    );
    await Promise.all(authorize.mock.results.map(result => result.value));
    for (const name of [
      'Extend TTL',
      'Lock',
      'Unlock',
      'Delete',
      'Create environment',
      'Deploy',
      'Promote from…',
      /^Roll back/,
    ]) {
      expect(screen.queryByRole('button', { name })).not.toBeInTheDocument();
    }
    // What is deployed shows all the same, without a rollback.
    const development = screen.getByRole('region', {
      name: 'Environment development',
    });
    await userEvent.click(
      await within(development).findByRole('button', { name: /^History/ }),
    );
    expect(
      within(development).getByRole('table', {
        name: 'Deployments of development',
      }),
    ).toBeVisible();
    expect(
      screen.queryByRole('button', { name: /^Roll back/ }),
    ).not.toBeInTheDocument();
    await userEvent.click(
      within(preview).getByRole('button', { name: 'Resources and workloads' }),
    );
    expect(
      await within(preview).findByRole('table', {
        name: 'Resources of preview',
      }),
    ).toBeInTheDocument();
  });

  it('says who can create the first environment instead of offering it', async () => {
    renderContent(
      fakeOrchestratorApi({ listEnvironments: jest.fn(async () => []) }),
    );
    expect(
      await screen.findByText(
        'An environment is where its workloads run with resources of their own. Its owners can create one.',
      ),
    ).toBeVisible();
    expect(
      screen.queryByRole('button', { name: 'Create environment' }),
    ).not.toBeInTheDocument();
  });
});
