import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  CART,
  cartEnvironments,
  cartService,
  environment,
  fakeOrchestratorApi,
  responseError,
  SECRET_PASSWORD,
} from '../../__testUtils__/fixtures';
import { OrchestratorApi, orchestratorApiRef } from '../../api/OrchestratorApi';
import { EntityOrchestratorContent } from './EntityOrchestratorContent';

/*
 * The user may do everything here; ../permissions.test.tsx covers a user
 * who may not (usePermission caches decisions for the whole module).
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

/** The card of the environment `id`. */
async function card(id: string): Promise<HTMLElement> {
  return screen.findByRole('region', { name: `Environment ${id}` });
}

/** The card of `id`, once the permission decisions show its actions. */
async function cardWithActions(id: string): Promise<HTMLElement> {
  const found = await card(id);
  await within(found).findByRole('button', { name: 'Delete' });
  return found;
}

// Whole pages render here: on a loaded 2-core CI machine a test can pass 5 s.
jest.setTimeout(30_000);

describe('EntityOrchestratorContent', () => {
  beforeAll(() => {
    // The resource graph measures what it draws; jsdom draws nothing.
    Object.defineProperty(window.SVGElement.prototype, 'getBBox', {
      configurable: true,
      value: () => ({ x: 0, y: 0, width: 180, height: 56 }),
    });
  });

  it('lists the environments with their type, owner, status, TTL and lock', async () => {
    const api = fakeOrchestratorApi();
    renderContent(api);
    const preview = await card('preview');
    expect(api.listEnvironments).toHaveBeenCalledWith(APP);
    expect(
      within(preview).getByRole('heading', { name: 'preview' }),
    ).toBeInTheDocument();
    expect(within(preview).getByLabelText('Type: ephemeral')).toBeVisible();
    expect(within(preview).getByText('expires in 3 h 20 min')).toBeVisible();
    expect(within(preview).getByText('Ready')).toBeVisible();
    expect(
      within(preview).getByRole('link', { name: /alice/ }),
    ).toHaveAttribute('href', '/catalog/default/user/alice');

    const development = await card('development');
    expect(within(development).getByText('no TTL')).toBeVisible();
    expect(
      within(development).getByRole('link', { name: 'cart-team' }),
    ).toBeInTheDocument();

    const staging = await card('staging');
    expect(
      within(staging).getByText('Locked by bob: release 2.4 under test'),
    ).toBeVisible();
    expect(within(staging).getByLabelText('Locked')).toBeInTheDocument();
    expect(
      screen
        .getAllByRole('region', { name: /^Environment / })
        .map(
          region =>
            within(region).getByRole('heading', { level: 3 }).textContent,
        ),
    ).toEqual(['development', 'staging', 'production', 'preview']);
  });

  it('shows resources, workloads and runs on demand, never a secret', async () => {
    renderContent();
    const preview = await card('preview');
    await userEvent.click(
      within(preview).getByRole('button', { name: 'Resources and workloads' }),
    );
    const resources = await within(preview).findByRole('table', {
      name: 'Resources of preview',
    });
    // The graph: the workload and each resource with its status.
    expect(
      await within(preview).findByRole('img', { name: 'cart: Workload' }),
    ).toBeInTheDocument();
    expect(
      within(preview).getByRole('img', {
        name: 'cart.route: HTTP route · failed',
      }),
    ).toBeInTheDocument();
    expect(
      within(preview).getByRole('img', { name: /^cart\.db: .* · ready$/ }),
    ).toHaveTextContent('password: •••••• (secret)');
    const db = within(resources).getByRole('row', { name: /^cart\.db/ });
    expect(db).toHaveTextContent('PostgreSQL database');
    expect(db).toHaveTextContent('Shared PostgreSQL for previews');
    expect(within(db).getByText('pg.internal')).toBeInTheDocument();
    expect(db).toHaveTextContent('password: •••••• (secret, set)');
    const route = within(resources).getByRole('row', { name: /^cart\.route/ });
    expect(route).toHaveTextContent(
      'FailedNo host name is free under preview.example.com',
    );

    const values = within(preview).getByRole('table', {
      name: 'Values of cart',
    });
    expect(values).toHaveTextContent(
      'postgres://cart_preview:••••••@pg.internal:5432/cart_preview',
    );
    const runs = within(preview).getByRole('table', {
      name: 'Runs of preview',
    });
    expect(runs).toHaveTextContent(
      'Resource cart.route failed: no host name is free',
    );
    expect(runs).toHaveTextContent('3 attempts');

    expect(document.body.textContent).not.toContain(SECRET_PASSWORD);
  });

  it('links an owner written without its kind to its group, and shows text that is no ref', async () => {
    renderContent(
      fakeOrchestratorApi({
        listEnvironments: jest.fn(async () => [
          environment('preview', { owner: 'guests' }),
          environment('staging', { owner: 'the release crew' }),
        ]),
      }),
    );
    const preview = await card('preview');
    expect(
      within(preview).getByRole('link', { name: 'guests' }),
    ).toHaveAttribute('href', '/catalog/default/group/guests');
    const staging = await card('staging');
    expect(within(staging).getByText(/the release crew/)).toBeVisible();
  });

  it('says why an environment failed, as a sentence', async () => {
    renderContent(
      fakeOrchestratorApi({
        listEnvironments: jest.fn(async () => [
          environment('preview', {
            status: 'failed',
            statusReason:
              'Resource cart.db could not be provisioned: the PostgreSQL server refused the connection.',
          }),
        ]),
      }),
    );
    const preview = await card('preview');
    expect(
      within(preview).getByText(
        'The last run failed: Resource cart.db could not be provisioned: the PostgreSQL server refused the connection.',
      ),
    ).toBeVisible();
  });

  it('offers every action the user is allowed', async () => {
    renderContent();
    const preview = await cardWithActions('preview');
    for (const name of ['Extend TTL', 'Lock', 'Delete']) {
      expect(within(preview).getByRole('button', { name })).toBeVisible();
    }
    const staging = await cardWithActions('staging');
    expect(
      within(staging).getByRole('button', { name: 'Unlock' }),
    ).toBeVisible();
    expect(
      within(staging).queryByRole('button', { name: 'Lock' }),
    ).not.toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Create environment' }),
    ).toBeVisible();
  });

  it('creates an environment with the body the dialog makes, then reads again', async () => {
    const api = fakeOrchestratorApi();
    renderContent(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Create environment' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Create an environment',
    });
    const create = within(dialog).getByRole('button', { name: 'Create' });
    expect(create).toBeDisabled();

    await userEvent.type(within(dialog).getByLabelText(/^Name/), 'staging');
    expect(dialog).toHaveTextContent(
      'Cart Service has an environment "staging" already',
    );
    await userEvent.clear(within(dialog).getByLabelText(/^Name/));
    await userEvent.type(within(dialog).getByLabelText(/^Name/), 'pr-42');
    const type = within(dialog).getByLabelText(/^Type/);
    await waitFor(() => expect(type).toBeEnabled());
    await userEvent.selectOptions(type, 'ephemeral');
    expect(dialog).toHaveTextContent('Short-lived previews of a branch');
    await userEvent.type(
      within(dialog).getByLabelText('Time to live (hours)'),
      '8',
    );
    await userEvent.selectOptions(
      within(dialog).getByLabelText('Copy from'),
      'development',
    );
    await userEvent.click(create);

    expect(api.createEnvironment).toHaveBeenCalledWith(APP, {
      id: 'pr-42',
      type: 'ephemeral',
      ttl: 'PT8H',
      from: 'development',
    });
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    await waitFor(() => expect(api.listEnvironments).toHaveBeenCalledTimes(2));
  });

  it('leaves out the TTL and the copy when none is given', async () => {
    const api = fakeOrchestratorApi();
    renderContent(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Create environment' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(within(dialog).getByLabelText(/^Name/), 'qa');
    const type = within(dialog).getByLabelText(/^Type/);
    await waitFor(() => expect(type).toBeEnabled());
    await userEvent.selectOptions(type, 'staging');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Create' }),
    );
    expect(api.createEnvironment).toHaveBeenCalledWith(APP, {
      id: 'qa',
      type: 'staging',
    });
  });

  it("says why an environment was not created, in the backend's words", async () => {
    const api = fakeOrchestratorApi({
      createEnvironment: jest.fn(async () => {
        throw await responseError(
          403,
          'NotAllowedError',
          'You may not create environments of component:default/cartservice',
        );
      }),
    });
    renderContent(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Create environment' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(within(dialog).getByLabelText(/^Name/), 'pr-42');
    const type = within(dialog).getByLabelText(/^Type/);
    await waitFor(() => expect(type).toBeEnabled());
    await userEvent.selectOptions(type, 'ephemeral');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Create' }),
    );
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'The environment was not created: You may not create environments of component:default/cartservice',
    );
    expect(dialog).not.toHaveTextContent('Request failed');
  });

  it('extends the TTL from when the environment expires, or removes it', async () => {
    const api = fakeOrchestratorApi();
    renderContent(api);
    const preview = await cardWithActions('preview');
    await userEvent.click(
      within(preview).getByRole('button', { name: 'Extend TTL' }),
    );
    await userEvent.click(
      await screen.findByRole('menuitem', { name: '+4 h' }),
    );
    // 3 h 20 min left, and four more hours.
    expect(api.setEnvironmentTtl).toHaveBeenCalledWith(
      APP,
      'preview',
      'PT440M',
    );

    await userEvent.click(
      within(preview).getByRole('button', { name: 'Extend TTL' }),
    );
    await userEvent.click(
      await screen.findByRole('menuitem', { name: 'Remove TTL' }),
    );
    expect(api.setEnvironmentTtl).toHaveBeenLastCalledWith(
      APP,
      'preview',
      null,
    );
    await waitFor(() => expect(api.listEnvironments).toHaveBeenCalledTimes(3));
  });

  it('locks an environment with a reason, and unlocks one', async () => {
    const api = fakeOrchestratorApi();
    renderContent(api);
    const development = await cardWithActions('development');
    await userEvent.click(
      within(development).getByRole('button', { name: 'Lock' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Lock development',
    });
    const lock = within(dialog).getByRole('button', { name: 'Lock' });
    expect(lock).toBeDisabled();
    await userEvent.type(
      within(dialog).getByLabelText(/^Reason/),
      'smoke tests of 2.5',
    );
    await userEvent.click(lock);
    expect(api.lockEnvironment).toHaveBeenCalledWith(
      APP,
      'development',
      'smoke tests of 2.5',
    );

    const staging = await cardWithActions('staging');
    await userEvent.click(
      within(staging).getByRole('button', { name: 'Unlock' }),
    );
    expect(api.unlockEnvironment).toHaveBeenCalledWith(APP, 'staging');
  });

  it('deletes an environment once the user confirms what goes with it', async () => {
    const api = fakeOrchestratorApi();
    renderContent(api);
    const preview = await cardWithActions('preview');
    await userEvent.click(
      within(preview).getByRole('button', { name: 'Delete' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Delete preview?',
    });
    expect(
      await within(dialog).findByText(/1 workload \(cart\)/),
    ).toHaveTextContent(
      'This deletes the ephemeral environment preview of Cart Service. Its 1 workload (cart) and its 2 resources with their data (cart.db, PostgreSQL database; cart.route, HTTP route) are deleted with it. It cannot be undone.',
    );
    expect(api.deleteEnvironment).not.toHaveBeenCalled();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Delete preview' }),
    );
    expect(api.deleteEnvironment).toHaveBeenCalledWith(APP, 'preview');
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
  });

  it('reads again every few seconds while an environment is being provisioned', async () => {
    const provisioning = cartEnvironments().map(e =>
      e.id === 'preview' ? { ...e, status: 'provisioning' as const } : e,
    );
    const api = fakeOrchestratorApi({
      listEnvironments: jest
        .fn()
        .mockResolvedValueOnce(provisioning)
        .mockResolvedValue(cartEnvironments()),
    });
    renderContent(api);
    const preview = await card('preview');
    expect(within(preview).getByText('Provisioning…')).toBeVisible();
    expect(
      await within(preview).findByText('Ready', {}, { timeout: 10_000 }),
    ).toBeVisible();
    expect(api.listEnvironments).toHaveBeenCalledTimes(2);
  });

  it('invites to create the first environment', async () => {
    renderContent(
      fakeOrchestratorApi({ listEnvironments: jest.fn(async () => []) }),
    );
    expect(
      await screen.findByText('Cart Service has no environments yet'),
    ).toBeVisible();
    expect(
      await screen.findByRole('button', { name: 'Create environment' }),
    ).toBeVisible();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('says why the environments could not be read', async () => {
    renderContent(
      fakeOrchestratorApi({
        listEnvironments: jest.fn(async () => {
          throw await responseError(
            404,
            'NotFoundError',
            'There is no app component:default/cartservice in the catalog that you may see',
          );
        }),
      }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The environments of Cart Service could not be read: There is no app component:default/cartservice in the catalog that you may see',
    );
  });
});
