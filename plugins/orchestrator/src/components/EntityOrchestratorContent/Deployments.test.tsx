import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  CART,
  CART_SCORE,
  cartDeployments,
  cartService,
  deployment,
  DEPLOYMENT_IDS,
  environment,
  fakeOrchestratorApi,
  responseError,
  summaryOf,
} from '../../__testUtils__/fixtures';
import { OrchestratorApi, orchestratorApiRef } from '../../api/OrchestratorApi';
import { EntityOrchestratorContent } from './EntityOrchestratorContent';

/*
 * What is deployed to each environment, and deploying, rolling back and
 * promoting, for a user who may do everything;
 * DeployPermissions.test.tsx covers a locked environment without the
 * override, ../permissions.test.tsx a user who may not deploy.
 */

const APP = CART;

function renderContent(api: OrchestratorApi = fakeOrchestratorApi()) {
  return renderInTestApp(
    <EntityProvider entity={cartService}>
      <EntityOrchestratorContent />
    </EntityProvider>,
    {
      apis: [[orchestratorApiRef, api], mockApis.permission()],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

/** The card of the environment `id`, once its deployments are read. */
async function card(id: string): Promise<HTMLElement> {
  const found = await screen.findByRole('region', {
    name: `Environment ${id}`,
  });
  await waitFor(() =>
    expect(within(found).queryByRole('progressbar')).not.toBeInTheDocument(),
  );
  return found;
}

/** Clicks the enabled button `name` of the card `id`. */
async function clickAction(id: string, name: string) {
  const found = await card(id);
  const button = await within(found).findByRole('button', { name });
  await waitFor(() => expect(button).toBeEnabled());
  await userEvent.click(button);
}

// Whole pages render here: on a loaded 2-core CI machine a test can pass 5 s.
jest.setTimeout(30_000);

describe('deployments on the Environments tab', () => {
  it('shows the current deployment with its stages, the failed log open', async () => {
    const api = fakeOrchestratorApi();
    renderContent(api);
    const development = await card('development');
    const current = await within(development).findByRole('region', {
      name: 'Current deployment',
    });
    expect(within(current).getByText('Failed')).toBeVisible();
    expect(current).toHaveTextContent('Deploy by bob, 10 minutes ago #7c1e9a0');
    expect(current).toHaveTextContent('“Try the new checkout”');
    expect(current).toHaveTextContent(
      'cart (api cart-api:1.2.5, worker cart-worker:1.2.3)',
    );
    expect(
      within(current).getByText(
        'Workload cart did not become ready within 5 minutes: its container api keeps restarting.',
      ),
    ).toBeVisible();
    expect(current).toHaveTextContent(
      'Committed e4f5a6b to apps/cartservice/development on main',
    );
    expect(current).toHaveTextContent(
      'Last succeeded: Deploy by alice, 1 day ago #5b8d2f1',
    );
    expect(api.getDeployment).toHaveBeenCalledWith(
      APP,
      'development',
      DEPLOYMENT_IDS.dev3,
    );

    // Each stage with its status; the failed one's log open.
    const verify = within(current).getByRole('button', { name: /^Verify/ });
    expect(verify).toHaveTextContent('Failed in 5 min');
    expect(verify).toHaveAttribute('aria-expanded', 'true');
    const log = within(current).getByRole('list', { name: 'Log of Verify' });
    expect(within(log).getAllByRole('listitem')).toHaveLength(3);
    expect(log).toHaveTextContent('WARN Container api restarted 4 times');
    expect(log).toHaveTextContent(
      'ERROR cart did not become ready in 5 minutes',
    );
    expect(log.querySelector('time')).toHaveAttribute('title');

    // Another stage's log on demand; a stage that logged nothing opens none.
    await userEvent.click(
      within(current).getByRole('button', { name: /^Provision resources/ }),
    );
    expect(
      within(current).getByRole('list', { name: 'Log of Provision resources' }),
    ).toHaveTextContent('cart.db is ready');
    expect(
      within(current).queryByRole('list', { name: 'Log of Verify' }),
    ).not.toBeInTheDocument();
    expect(within(current).getByText('Deliver')).toBeVisible();
    expect(
      within(current).queryByRole('button', { name: /^Deliver/ }),
    ).not.toBeInTheDocument();

    // A promotion says where from, and where its manifests went.
    const staging = await card('staging');
    expect(staging).toHaveTextContent('Promotion from development by bob');
    expect(staging).toHaveTextContent(
      'Applied 3 objects, pruned 1 object in cartservice-staging on cluster staging-eu',
    );
    expect(staging).not.toHaveTextContent('Last succeeded');
  });

  it('says once that an environment is not deployed yet, with no history', async () => {
    renderContent();
    const production = await card('production');
    expect(within(production).getAllByText(/Not deployed yet/)).toHaveLength(1);
    expect(
      within(production).queryByRole('button', { name: /^History/ }),
    ).not.toBeInTheDocument();
    expect(within(production).queryByRole('table')).not.toBeInTheDocument();
  });

  it('reads a deployment again every few seconds until it is done', async () => {
    const delivering = deployment(DEPLOYMENT_IDS.dev1, {
      status: 'delivering',
      stages: deployment('x').stages.slice(0, 2),
    });
    const api = fakeOrchestratorApi({
      listDeployments: jest.fn(async (_app, env) =>
        env === 'development' ? [summaryOf(delivering)] : [],
      ),
      getDeployment: jest
        .fn()
        .mockResolvedValueOnce(delivering)
        .mockResolvedValue(deployment(DEPLOYMENT_IDS.dev1)),
    });
    renderContent(api);
    const development = await card('development');
    expect(within(development).getByText('Delivering…')).toBeVisible();
    expect(within(development).getAllByText('Pending')).toHaveLength(2);
    expect(
      await within(development).findByText(
        'Succeeded',
        {},
        { timeout: 10_000 },
      ),
    ).toBeVisible();
  });

  it('deploys a new image: the edited workload merged into the last set', async () => {
    const api = fakeOrchestratorApi();
    renderContent(api);
    await clickAction('development', 'Deploy');
    const dialog = await screen.findByRole('dialog', {
      name: 'Deploy to development',
    });
    expect(dialog).toHaveTextContent(
      'The workloads of the last deployment (#7c1e9a0)',
    );
    const api_ = within(dialog).getByLabelText(/^Image of cart\/api/);
    expect(api_).toHaveValue('registry.example.com/shop/cart-api:1.2.5');
    expect(within(dialog).getByLabelText(/^Image of cart\/worker/)).toHaveValue(
      'registry.example.com/shop/cart-worker:1.2.3',
    );
    await userEvent.clear(api_);
    await userEvent.type(api_, 'registry.example.com/shop/cart-api:1.2.6');
    expect(dialog).toHaveTextContent(
      'Now registry.example.com/shop/cart-api:1.2.5',
    );
    const commit = within(dialog).getByLabelText('Commit of cart');
    await userEvent.type(commit, 'main');
    expect(dialog).toHaveTextContent(
      'A commit sha: 7 to 64 hexadecimal digits',
    );
    const submit = within(dialog).getByRole('button', { name: 'Deploy' });
    expect(submit).toBeDisabled();
    await userEvent.clear(commit);
    await userEvent.type(commit, 'a1b2c3d4e5');
    await userEvent.type(
      within(dialog).getByLabelText('Comment'),
      'Fix the checkout',
    );
    await userEvent.click(submit);

    expect(api.deploy).toHaveBeenCalledWith(APP, 'development', {
      workloads: [
        {
          name: 'cart',
          images: { api: 'registry.example.com/shop/cart-api:1.2.6' },
          commit: { sha: 'a1b2c3d4e5' },
        },
      ],
      comment: 'Fix the checkout',
    });
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    await waitFor(() =>
      expect(
        (api.listDeployments as jest.Mock).mock.calls.filter(
          ([, env]) => env === 'development',
        ).length,
      ).toBeGreaterThan(1),
    );
  });

  it("makes a first deployment from the environment's workloads", async () => {
    const api = fakeOrchestratorApi({
      getEnvironment: jest.fn(async (_app, env) => ({
        environment: environment(env),
        resources: [],
        workloads: [
          {
            name: 'cart',
            score: CART_SCORE,
            updatedAt: '2026-11-20T09:00:00.000Z',
            updatedBy: 'user:default/alice',
          },
        ],
        runs: [],
      })),
    });
    renderContent(api);
    await clickAction('production', 'Deploy');
    const dialog = await screen.findByRole('dialog', {
      name: 'Deploy to production',
    });
    expect(
      await within(dialog).findByText(
        'production is not deployed yet: its first deployment is made from the workloads of the environment, with their Score files as they are.',
      ),
    ).toBeVisible();
    expect(within(dialog).getByLabelText(/^Image of cart\/api/)).toHaveValue(
      'registry.example.com/shop/cart-api:1.2.3',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Deploy' }),
    );
    expect(api.deploy).toHaveBeenCalledWith(APP, 'production', {
      workloads: [{ name: 'cart', score: CART_SCORE }],
      replace: true,
    });
  });

  it("says why nothing was deployed, in the backend's words", async () => {
    const api = fakeOrchestratorApi({
      deploy: jest.fn(async () => {
        throw await responseError(
          409,
          'ConflictError',
          'Environment development is locked: release 2.5 under test',
        );
      }),
    });
    renderContent(api);
    await clickAction('development', 'Deploy');
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Deploy' }),
    );
    // Nothing changed: every workload deployed again.
    expect(api.deploy).toHaveBeenCalledWith(APP, 'development', {
      workloads: [
        {
          name: 'cart',
          images: { api: 'registry.example.com/shop/cart-api:1.2.5' },
        },
      ],
    });
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Nothing was deployed: Environment development is locked: release 2.5 under test',
    );
  });

  it('lists the history, each row opening its changes as sentences', async () => {
    const api = fakeOrchestratorApi({
      getDeploymentDiff: jest.fn(async (_app, _env, id) => ({
        deployment: id,
        previous: DEPLOYMENT_IDS.dev2,
        changes: [
          {
            kind: 'image' as const,
            change: 'changed' as const,
            workload: 'cart-service',
            key: 'api',
            from: 'registry.example.com/cart-api:1.2.3',
            to: 'registry.example.com/cart-api:1.2.4',
          },
          {
            kind: 'variable' as const,
            change: 'added' as const,
            workload: 'cart-service',
            key: 'api.LOG_LEVEL',
          },
          {
            kind: 'workload' as const,
            change: 'added' as const,
            workload: 'search',
          },
        ],
      })),
    });
    renderContent(api);
    const development = await card('development');
    await userEvent.click(
      within(development).getByRole('button', {
        name: 'History (3 deployments)',
      }),
    );
    const history = within(development).getByRole('table', {
      name: 'Deployments of development',
    });
    const rows = within(history).getAllByRole('row').slice(1);
    expect(rows.map(row => row.textContent)).toEqual([
      expect.stringMatching(
        /^10 minutes agoDeploy #7c1e9a0“Try the new checkout”Failedbobcart\/api cart-api:1\.2\.5/,
      ),
      expect.stringMatching(
        /^1 day agoDeploy #5b8d2f1Succeededalicecart\/api cart-api:1\.2\.4/,
      ),
      expect.stringMatching(
        /^3 days agoDeploy #2a4c6e8SucceededaliceRoll back to this$/,
      ),
    ]);
    expect(within(rows[0]).getByText('10 minutes ago')).toHaveAttribute(
      'title',
    );

    await userEvent.click(
      within(rows[0]).getByRole('button', { name: 'What #7c1e9a0 changed' }),
    );
    expect(api.getDeploymentDiff).toHaveBeenCalledWith(
      APP,
      'development',
      DEPLOYMENT_IDS.dev3,
    );
    const changes = await within(history).findByRole('list', {
      name: 'Changes of #7c1e9a0',
    });
    expect(
      within(changes)
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual([
      'Image of cart-service/api: 1.2.3 → 1.2.4',
      'Variable LOG_LEVEL of cart-service/api added',
      'Workload search added',
    ]);
    expect(history).toHaveTextContent('Against #5b8d2f1:');
  });

  it('rolls back only to an earlier deployment that succeeded', async () => {
    const deployments = cartDeployments();
    // An earlier deployment that failed is no target.
    deployments.development.splice(
      1,
      0,
      deployment('4f4f4f4f-failed', {
        status: 'failed',
        createdAt: new Date(Date.now() - 60 * 60_000).toISOString(),
      }),
    );
    const api = fakeOrchestratorApi({
      listDeployments: jest.fn(async (_app, env) =>
        (deployments[env] ?? []).map(summaryOf),
      ),
    });
    renderContent(api);
    const development = await card('development');
    await userEvent.click(
      within(development).getByRole('button', { name: /^History/ }),
    );
    const history = within(development).getByRole('table');
    const rollbacks = within(history).getAllByRole('button', {
      name: /^Roll back to/,
    });
    expect(rollbacks.map(b => b.getAttribute('aria-label'))).toEqual([
      'Roll back to #5b8d2f1',
      'Roll back to #2a4c6e8',
    ]);

    await userEvent.click(rollbacks[0]);
    const dialog = await screen.findByRole('dialog', {
      name: 'Roll development back to #5b8d2f1?',
    });
    expect(dialog).toHaveTextContent(
      'This deploys to development again what #5b8d2f1 deployed 1 day ago for alice: cart (api cart-api:1.2.4).',
    );
    await userEvent.type(
      within(dialog).getByLabelText('Comment'),
      'incident 7',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Roll back' }),
    );
    expect(api.rollbackDeployment).toHaveBeenCalledWith(
      APP,
      'development',
      DEPLOYMENT_IDS.dev2,
      { comment: 'incident 7' },
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
  });

  it('promotes from another environment with a succeeded deployment only', async () => {
    const deployments = cartDeployments();
    // preview's only deployment failed: nothing to promote from there.
    deployments.preview = [
      deployment('6a6a6a6a-failed', {
        environment: 'preview',
        status: 'failed',
      }),
    ];
    const api = fakeOrchestratorApi({
      listDeployments: jest.fn(async (_app, env) =>
        (deployments[env] ?? []).map(summaryOf),
      ),
    });
    renderContent(api);
    await clickAction('production', 'Promote from…');
    const dialog = await screen.findByRole('dialog', {
      name: 'Promote to production',
    });
    const from = await within(dialog).findByLabelText('From');
    expect(
      within(from)
        .getAllByRole('option')
        .map(option => option.textContent),
    ).toEqual(['development', 'staging']);
    // development runs its last succeeded deployment, not its failed newest.
    expect(dialog).toHaveTextContent(
      'This deploys to production what development runs: cart (api cart-api:1.2.4) — Deploy #5b8d2f1 by alice, 1 day ago.',
    );
    expect(dialog).toHaveTextContent(
      'It is the first deployment of production.',
    );

    await userEvent.selectOptions(from, 'staging');
    expect(dialog).toHaveTextContent(
      'what staging runs: cart (api cart-api:1.2.4) — Promotion from development #9d3f1b2 by bob, 2 hours ago.',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Promote' }),
    );
    expect(api.promoteEnvironment).toHaveBeenCalledWith(APP, 'production', {
      from: 'staging',
    });
  });

  it('shows what a promotion changes against what the environment runs', async () => {
    renderContent();
    await clickAction('staging', 'Promote from…');
    const dialog = await screen.findByRole('dialog', {
      name: 'Promote to staging',
    });
    await within(dialog).findByLabelText('From');
    expect(dialog).toHaveTextContent(
      'staging runs the same workloads and images already',
    );
  });
});
