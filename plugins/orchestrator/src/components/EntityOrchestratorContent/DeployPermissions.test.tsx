import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  cartDeployments,
  cartService,
  deployment,
  fakeOrchestratorApi,
  summaryOf,
} from '../../__testUtils__/fixtures';
import { orchestratorApiRef } from '../../api/OrchestratorApi';
import { EntityOrchestratorContent } from './EntityOrchestratorContent';

/*
 * A user who may deploy, but not to locked environments (usePermission
 * caches decisions for the whole module: these tests live apart).
 */

type PermissionOptions = NonNullable<Parameters<typeof mockApis.permission>[0]>;
type Decision = Exclude<PermissionOptions['authorize'], Function | undefined>;
/** `AuthorizeResult.ALLOW` and `DENY`, the values of that enum these tests need. */
const ALLOW = 'ALLOW' as unknown as Decision;
const DENY = 'DENY' as unknown as Decision;

// Whole pages render here: on a loaded 2-core CI machine a test can pass 5 s.
jest.setTimeout(30_000);

describe('when the user may deploy, but not to locked environments', () => {
  it('disables deploying, promoting and rolling back a locked environment, saying why', async () => {
    const deployments = cartDeployments();
    // staging, locked, with an earlier deployment to roll back to.
    deployments.staging.push(
      deployment('3e3e3e3e-earlier', {
        environment: 'staging',
        createdAt: new Date(Date.now() - 5 * 86_400_000).toISOString(),
      }),
    );
    const api = fakeOrchestratorApi({
      listDeployments: jest.fn(async (_app, env) =>
        (deployments[env] ?? []).map(summaryOf),
      ),
    });
    renderInTestApp(
      <EntityProvider entity={cartService}>
        <EntityOrchestratorContent />
      </EntityProvider>,
      {
        apis: [
          [orchestratorApiRef, api],
          mockApis.permission({
            authorize: request =>
              request.permission.name === 'plinth.orchestrator.deploy.locked'
                ? DENY
                : ALLOW,
          }),
        ],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    const reason =
      'staging is locked (release 2.4 under test): only those allowed to deploy to locked environments may change it';

    const staging = await screen.findByRole('region', {
      name: 'Environment staging',
    });
    const deploy = await within(staging).findByRole('button', {
      name: 'Deploy',
    });
    expect(deploy).toBeDisabled();
    expect(
      within(staging).getByRole('button', { name: 'Promote from…' }),
    ).toBeDisabled();
    await userEvent.hover(deploy.parentElement!);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(reason);

    await userEvent.click(
      await within(staging).findByRole('button', { name: /^History/ }),
    );
    const rollback = within(staging).getByRole('button', {
      name: 'Roll back to #3e3e3e3',
    });
    expect(rollback).toBeDisabled();
    expect(rollback.parentElement).toHaveAttribute('title', reason);

    // An unlocked environment takes deployments.
    const development = screen.getByRole('region', {
      name: 'Environment development',
    });
    await waitFor(() =>
      expect(
        within(development).getByRole('button', { name: 'Deploy' }),
      ).toBeEnabled(),
    );
    expect(
      within(development).getByRole('button', { name: 'Promote from…' }),
    ).toBeEnabled();
  });
});
