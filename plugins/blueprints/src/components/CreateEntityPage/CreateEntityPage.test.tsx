import {
  mockApis,
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { Blueprint } from '@plinth/plugin-blueprints-common';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  catalogEntity,
  fakeBlueprintsApi,
  registered,
  systemBlueprint,
} from '../../__testUtils__/fixtures';
import { blueprintsApiRef } from '../../api/BlueprintsApi';
import { BlueprintsClient } from '../../api/BlueprintsClient';
import { rootRouteRef } from '../../routes';
import { CreateEntityPage } from './CreateEntityPage';

const ticket: Blueprint = {
  identifier: 'Ticket',
  title: 'Ticket',
  schema: {
    properties: {
      summary: { title: 'Summary', type: 'string' },
      replicas: { title: 'Replicas', type: 'number' },
      reporter: { title: 'Reporter', type: 'string', format: 'user' },
      labels: { title: 'Labels', type: 'object' },
    },
    required: ['summary'],
  },
  relations: {
    system: { title: 'System', target: 'System', required: false, many: false },
  },
};

const server = setupServer();
registerMswTestHooks(server);

const client = new BlueprintsClient({
  discoveryApi: mockApis.discovery(),
  fetchApi: { fetch: (input, init) => fetch(input, init) },
});

function renderPage(
  options: { api?: ReturnType<typeof fakeBlueprintsApi> } = {},
) {
  const api =
    options.api ??
    fakeBlueprintsApi({
      listBlueprints: jest.fn(async () => ({
        items: [registered(ticket), registered(systemBlueprint)],
        problems: [],
      })),
      createEntity: jest.fn((blueprint, entity) =>
        client.createEntity(blueprint, entity),
      ),
    });
  return {
    api,
    rendered: renderInTestApp(<CreateEntityPage identifier="Ticket" />, {
      apis: [
        [blueprintsApiRef, api],
        catalogApiMock({
          entities: [
            catalogEntity('System', { identifier: 'Cart', title: 'Cart' }),
          ],
        }),
        mockApis.permission(),
      ],
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        '/blueprints': rootRouteRef,
      },
    }),
  };
}

/** The errors the form shows under a field, by the field's path. */
function fieldError(path: string): HTMLElement | null {
  return document.getElementById(`root_${path}__error`);
}

async function fillIn(label: RegExp, text: string) {
  await userEvent.type(await screen.findByLabelText(label), text);
}

// Typing into Material UI fields is slow under jsdom.
jest.setTimeout(30_000);

describe('CreateEntityPage', () => {
  it('generates the form from the blueprint, and shows the backend’s problems on their fields', async () => {
    let sent: any;
    server.use(
      http.post(
        'http://example.com/api/blueprints/blueprints/Ticket/entities',
        async ({ request }) => {
          sent = await request.json();
          return HttpResponse.json(
            {
              error: {
                name: 'InputError',
                message: [
                  'request: Ticket:T-1 /properties/replicas: must be >= 0',
                  'request: Ticket:T-1 /relations/system: there is no System "Cart"',
                  'request: Ticket:T-1: the store is read-only today',
                ].join('\n'),
              },
              response: { statusCode: 400 },
            },
            { status: 400 },
          );
        },
      ),
    );
    renderPage();

    expect(
      await screen.findByRole('heading', { name: 'Create Ticket' }),
    ).toBeInTheDocument();
    await fillIn(/^Identifier/, 'T-1');
    await fillIn(/^Summary/, 'Broken checkout');
    await fillIn(/^Replicas/, '-1');
    await userEvent.click(
      screen.getByRole('button', { name: 'Create Ticket' }),
    );

    await waitFor(() =>
      expect(fieldError('properties_replicas')).toHaveTextContent(
        'must be >= 0',
      ),
    );
    expect(fieldError('relations_system')).toHaveTextContent(
      'there is no System "Cart"',
    );
    expect(
      screen.getByText(/the store is read-only today/),
    ).toBeInTheDocument();
    expect(sent).toEqual({
      identifier: 'T-1',
      properties: { summary: 'Broken checkout', replicas: -1 },
    });
  });

  it('checks the form before sending it', async () => {
    const { api } = renderPage();
    await fillIn(/^Identifier/, 'not valid!');
    await userEvent.click(screen.getByLabelText(/^Labels/));
    await userEvent.paste('{"tier": ');
    await userEvent.click(
      await screen.findByRole('button', { name: 'Create Ticket' }),
    );

    expect(fieldError('identifier')).toHaveTextContent(
      'may hold only letters, digits and @ _ . + : / = -',
    );
    expect(fieldError('properties_summary')).toHaveTextContent(/required/);
    expect(fieldError('properties_labels')).toHaveTextContent(
      'must be a JSON object',
    );
    expect(api.createEntity).not.toHaveBeenCalled();
  });

  it('says what a field expects in words, and lists the problems at the top', async () => {
    const { api } = renderPage();
    await fillIn(/^Identifier/, 'T-3');
    await fillIn(/^Reporter/, 'bob');
    await userEvent.click(
      await screen.findByRole('button', { name: 'Create Ticket' }),
    );

    expect(fieldError('properties_reporter')).toHaveTextContent(
      'must be an e-mail address',
    );
    expect(fieldError('properties_reporter')).not.toHaveTextContent(
      'must match format',
    );
    expect(fieldError('properties_summary')).toHaveTextContent('is required');
    // The same problems, by field, above the form.
    const list = screen.getByText('Errors').closest('div')!;
    expect(list).toHaveTextContent('Reporter: must be an e-mail address');
    expect(list).toHaveTextContent('Summary: is required');
    expect(api.createEntity).not.toHaveBeenCalled();
  });

  it('says where the new entity is once created', async () => {
    const api = fakeBlueprintsApi({
      listBlueprints: jest.fn(async () => ({
        items: [registered(ticket), registered(systemBlueprint)],
        problems: [],
      })),
    });
    renderPage({ api });
    await fillIn(/^Identifier/, 'T-2');
    await fillIn(/^Title/, 'Slow search');
    await fillIn(/^Summary/, 'Search takes 3 s');
    await userEvent.click(
      screen.getByRole('button', { name: 'Create Ticket' }),
    );

    expect(
      await screen.findByText('Created the Ticket Slow search'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Open in the catalog' }),
    ).toHaveAttribute('href', '/catalog/default/ticket/T-2');
    expect(api.createEntity).toHaveBeenCalledWith('Ticket', {
      identifier: 'T-2',
      title: 'Slow search',
      properties: { summary: 'Search takes 3 s' },
    });
  });
});
