import { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen, within } from '@testing-library/react';
import {
  cartProduction,
  fakeBlueprintsApi,
} from '../../__testUtils__/fixtures';
import { BlueprintsApi, blueprintsApiRef } from '../../api/BlueprintsApi';
import { catalogIndexRouteRef, rootRouteRef } from '../../routes';
import { NAME_COLUMN_MIN_WIDTH } from '../../lib/tableLayout';
import { BlueprintPage } from './BlueprintPage';

function renderPage(
  identifier: string,
  api: BlueprintsApi = fakeBlueprintsApi(),
  entities: Entity[] = [cartProduction],
) {
  return renderInTestApp(<BlueprintPage identifier={identifier} />, {
    apis: [
      [blueprintsApiRef, api],
      catalogApiMock({ entities }),
      mockApis.permission(),
    ],
    mountedRoutes: {
      '/blueprints': rootRouteRef,
      '/catalog': catalogIndexRouteRef,
      '/catalog/:namespace/:kind/:name': entityRouteRef,
    },
  });
}

/** The table row whose header cell says `name`. */
function row(name: string): HTMLElement {
  return screen.getByRole('rowheader', { name: new RegExp(`^${name}`) })
    .parentElement!;
}

// Whole pages render here: on a loaded 2-core CI machine a test can pass 5 s.
jest.setTimeout(30_000);

describe('BlueprintPage', () => {
  it("shows the blueprint's properties: type, format, required, enum colours, constraints", async () => {
    await renderPage('Environment');
    expect(
      await screen.findByRole('heading', { name: 'Environment' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Where a system is deployed')).toBeInTheDocument();

    const type = row('Type');
    expect(type).toHaveTextContent('required');
    expect(
      within(type).getByText('production').closest('.MuiChip-root'),
    ).toHaveStyle({ backgroundColor: '#c92a2a' });
    expect(
      within(type).getByText('staging').closest('.MuiChip-root'),
    ).toHaveStyle({ backgroundColor: '#f2c94c' });
    expect(row('Expires')).toHaveTextContent('string · timer');
    expect(row('Replicas')).toHaveTextContent('≥ 0');
    expect(row('Locked')).toHaveTextContent('default false');
  });

  it('shows its relations, and the relations of others to it, linked to their blueprints', async () => {
    await renderPage('Environment');
    const system = await screen.findByRole('rowheader', { name: /^System/ });
    const systemRow = system.parentElement!;
    expect(
      within(systemRow).getByRole('link', { name: 'System' }),
    ).toHaveAttribute('href', '/blueprints/System');
    expect(systemRow).toHaveTextContent('required');
    expect(systemRow).toHaveTextContent('one');
    expect(
      screen.getByText('Relations of other blueprints to Environment'),
    ).toBeInTheDocument();
    const incoming = row('Environment');
    expect(
      within(incoming).getByRole('link', { name: 'Deployment' }),
    ).toHaveAttribute('href', '/blueprints/Deployment');
  });

  it('shows how each derived property derives', async () => {
    await renderPage('Environment');
    expect(await screen.findByText('system.domain.$title')).toBeInTheDocument();
    expect(
      screen.getByText('"\\(.properties.replicas) replicas"'),
    ).toBeInTheDocument();
    expect(row('Deployments')).toHaveTextContent(
      'count of Deployment entities',
    );
    // In words, not as the JSON of its specification.
    expect(row('Deployments')).not.toHaveTextContent('calculationSpec');
  });

  it('counts its entities, links them and the catalog filtered by its kind', async () => {
    await renderPage('Environment');
    expect(
      await screen.findByRole('link', {
        name: /1 Environment entity in the catalog/,
      }),
    ).toHaveAttribute('href', '/catalog?filters%5Bkind%5D=environment');
    expect(
      screen.getByRole('link', { name: 'Cart production' }),
    ).toHaveAttribute('href', '/catalog/default/environment/cart-production');
  });

  it('links an owner written without a kind to its group', async () => {
    const guestsOwned: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Environment',
      metadata: { name: 'sandbox', namespace: 'default', title: 'Sandbox' },
      spec: { owner: 'guests' },
    };
    const unowned: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Environment',
      metadata: { name: 'scratch', namespace: 'default' },
      spec: { owner: 'group:' },
    };
    await renderPage('Environment', fakeBlueprintsApi(), [
      guestsOwned,
      unowned,
    ]);
    expect(await screen.findByRole('link', { name: 'guests' })).toHaveAttribute(
      'href',
      '/catalog/default/group/guests',
    );
    expect(row('scratch')).toHaveTextContent('—');
  });

  it('keeps entity names on one line: the name column never gets narrow', async () => {
    await renderPage('Environment');
    const header = await screen.findByRole('columnheader', { name: 'Entity' });
    // Even where the table has no room at all (jsdom lays out nothing), the
    // name column keeps its minimum width rather than an equal share.
    expect(header).toHaveStyle({ width: `${NAME_COLUMN_MIN_WIDTH}px` });
    const entities = header.closest('table')!;
    expect(
      within(entities).getByRole('columnheader', { name: 'Description' }),
    ).not.toHaveStyle({ width: `${NAME_COLUMN_MIN_WIDTH}px` });
  });

  it('shows its version history', async () => {
    await renderPage('Environment');
    const history = (await screen.findByText('Version history')).closest(
      'article',
    )!;
    const rows = within(history).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(rows[1]).toHaveTextContent('2');
    expect(within(rows[1]).getByRole('link')).toHaveAttribute(
      'href',
      '/catalog/default/user/alice',
    );
  });

  it('offers to create an entity to those allowed to', async () => {
    await renderPage('Environment');
    expect(
      await screen.findByRole('link', { name: 'Create Environment' }),
    ).toHaveAttribute('href', '/blueprints/Environment/create');
  });

  it('says when there is no such blueprint', async () => {
    const notFound = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: { name: 'NotFoundError', message: 'no blueprint "Nope"' },
          response: { statusCode: 404 },
        }),
        { status: 404, statusText: 'Not Found' },
      ) as any,
    );
    await renderPage(
      'Nope',
      fakeBlueprintsApi({
        getBlueprint: jest.fn(async () => {
          throw notFound;
        }),
      }),
    );
    expect(
      await screen.findByText('There is no blueprint "Nope"'),
    ).toBeInTheDocument();
  });
});
