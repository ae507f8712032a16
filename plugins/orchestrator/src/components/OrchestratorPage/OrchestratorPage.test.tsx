import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  fakeOrchestratorApi,
  responseError,
} from '../../__testUtils__/fixtures';
import { OrchestratorApi, orchestratorApiRef } from '../../api/OrchestratorApi';
import { OrchestratorPage } from './OrchestratorPage';

function renderPage(api: OrchestratorApi = fakeOrchestratorApi()) {
  return renderInTestApp(<OrchestratorPage />, {
    apis: [[orchestratorApiRef, api]],
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
  });
}

/** The row of `table` whose header cell starts with `name`. */
function row(table: HTMLElement, name: string): HTMLElement {
  return within(table).getByRole('row', { name: new RegExp(`^${name}`) });
}

/** The chip labels in `scope`. */
function chips(scope: HTMLElement): string[] {
  return [...scope.querySelectorAll('.MuiChip-label')].map(
    chip => chip.textContent ?? '',
  );
}

async function fillExplainForm() {
  await userEvent.type(
    screen.getByLabelText(/^App/),
    'component:default/CartService',
  );
  await userEvent.type(screen.getByLabelText(/^Environment \*/), 'preview');
  const type = screen.getByLabelText(/^Resource type/);
  await waitFor(() =>
    expect(
      within(type).getByRole('option', {
        name: 'PostgreSQL database (postgres)',
      }),
    ).toBeInTheDocument(),
  );
  await userEvent.selectOptions(type, 'postgres');
  await userEvent.type(screen.getByLabelText(/^Resource id/), 'cart.db');
}

// Whole pages render here: on a loaded 2-core CI machine a test can pass 5 s.
jest.setTimeout(30_000);

describe('OrchestratorPage', () => {
  it('opens on the environment types and where each is defined', async () => {
    renderPage();
    const types = await screen.findByRole('table', {
      name: 'Environment types',
    });
    expect(row(types, 'ephemeral')).toHaveTextContent(
      'Short-lived previews of a branchadded through the API',
    );
    expect(row(types, 'staging')).toHaveTextContent(
      'The last stop before productionapp-config',
    );
  });

  it('shows each resource definition by its title, with its criteria as chips', async () => {
    renderPage();
    await userEvent.click(
      screen.getByRole('tab', { name: 'Resource definitions' }),
    );
    const table = await screen.findByRole('table', {
      name: 'Resource definitions',
    });
    const shared = row(table, 'Shared PostgreSQL for previews');
    const [header, type, driver, criteria, inputs, usedBy] =
      within(shared).getAllByRole('cell');
    expect(header).toHaveTextContent('ephemeral-postgres');
    expect(chips(header)).toEqual(['config']);
    expect(type).toHaveTextContent('PostgreSQL database');
    expect(driver).toHaveTextContent('postgres');
    expect(chips(criteria)).toEqual([
      'env type: ephemeral',
      'env type: development',
    ]);
    expect(criteria).toHaveTextContent('or');
    expect(inputs).toHaveTextContent('host: pg.internal');
    expect(inputs).toHaveTextContent('port: 5432');
    expect(inputs).toHaveTextContent(
      'adminPassword: from secret pg-admin-password',
    );
    expect(usedBy).toHaveTextContent('2 resources in 2 environments of 1 app');
    expect(usedBy).toHaveTextContent('cartservice: preview, development');

    const production = row(table, 'cart-production-postgres');
    expect(chips(production)).toEqual([
      'api',
      'env type: production',
      'app: CartService',
    ]);
    expect(production).toHaveTextContent('Not used');
  });

  it('shows the resource types, their secret outputs marked, and their drivers', async () => {
    renderPage();
    await userEvent.click(screen.getByRole('tab', { name: 'Resource types' }));
    const table = await screen.findByRole('table', { name: 'Resource types' });
    const postgres = row(table, 'PostgreSQL database');
    expect(chips(postgres)).toEqual([
      'host',
      'port',
      'name',
      'database',
      'username',
      'password (secret)',
      'postgres',
    ]);
    expect(row(table, 'DNS name')).toHaveTextContent(
      'None installed: no definition of this type can provision',
    );
  });

  it('explains which definition a resource gets, and why each candidate does or not', async () => {
    const api = fakeOrchestratorApi();
    renderPage(api);
    await userEvent.click(screen.getByRole('tab', { name: 'Explain' }));
    await fillExplainForm();
    await userEvent.click(screen.getByRole('button', { name: 'Explain' }));

    expect(api.explain).toHaveBeenCalledWith({
      app: 'component:default/CartService',
      environment: 'preview',
      type: 'postgres',
      resId: 'cart.db',
    });
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Resource cart.db gets “Shared PostgreSQL for previews” (driver postgres): it applies (environment type ephemeral).',
    );
    const candidates = screen.getByRole('table', {
      name: 'Candidate definitions',
    });
    expect(row(candidates, 'Shared PostgreSQL for previews')).toHaveTextContent(
      'Chosen',
    );
    expect(row(candidates, 'cart-production-postgres')).toHaveTextContent(
      'Does not applyIt does not apply: it wants environment type "production", not "ephemeral".',
    );
  });

  it('says why no definition applies', async () => {
    const error =
      'No resource definition applies to resource "cart.db" (postgres, class default) of component:default/cartservice in environment preview (ephemeral): there is no definition of type postgres.';
    renderPage(
      fakeOrchestratorApi({
        explain: jest.fn(async () => ({ error, candidates: [] })),
      }),
    );
    await userEvent.click(screen.getByRole('tab', { name: 'Explain' }));
    await fillExplainForm();
    await userEvent.click(screen.getByRole('button', { name: 'Explain' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(error);
  });

  it("says why nothing could be explained, in the backend's words", async () => {
    renderPage(
      fakeOrchestratorApi({
        explain: jest.fn(async () => {
          throw await responseError(
            404,
            'NotFoundError',
            'Environment "preview" of component:default/cartservice does not exist; give envType to explain a resource of an environment to be',
          );
        }),
      }),
    );
    await userEvent.click(screen.getByRole('tab', { name: 'Explain' }));
    await fillExplainForm();
    await userEvent.click(screen.getByRole('button', { name: 'Explain' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Nothing could be explained: Environment "preview" of component:default/cartservice does not exist; give envType to explain a resource of an environment to be',
    );
  });
});
