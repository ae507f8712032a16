import { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { DerivedPropertiesResponse } from '@plinth/plugin-blueprints-common';
import { screen, within } from '@testing-library/react';
import {
  cartProduction,
  fakeBlueprintsApi,
} from '../../__testUtils__/fixtures';
import { BlueprintsApi, blueprintsApiRef } from '../../api/BlueprintsApi';
import { rootRouteRef } from '../../routes';
import { EntityBlueprintPropertiesCard } from './EntityBlueprintPropertiesCard';

const derived: DerivedPropertiesResponse = {
  entityRef: 'environment:default/cart-production',
  blueprint: 'Environment',
  identifier: 'cart-production',
  values: {
    domain: {
      kind: 'mirror',
      value: 'Orders',
      computedAt: '2026-11-27T10:00:00Z',
    },
    replicaLabel: {
      kind: 'calculation',
      value: null,
      error: 'jq: error (at <unknown>): null (null) cannot be parsed',
      computedAt: '2026-11-27T10:00:00Z',
    },
  },
  ownership: { type: 'Inherited', path: 'system', teams: ['cart-team'] },
};

function renderCard(entity: Entity, api: BlueprintsApi) {
  return renderInTestApp(
    <EntityProvider entity={entity}>
      <EntityBlueprintPropertiesCard />
    </EntityProvider>,
    {
      apis: [[blueprintsApiRef, api], catalogApiMock()],
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        '/blueprints': rootRouteRef,
      },
    },
  );
}

/** The value shown for the property labelled `label`. */
function valueOf(label: string): HTMLElement {
  const term = screen.getByText(label).closest('dt')!;
  return term.nextElementSibling as HTMLElement;
}

// Whole pages render here: on a loaded 2-core CI machine a test can pass 5 s.
jest.setTimeout(30_000);

describe('EntityBlueprintPropertiesCard', () => {
  it("shows each property of the entity's blueprint by its type", async () => {
    await renderCard(
      cartProduction,
      fakeBlueprintsApi({ getDerivedProperties: jest.fn(async () => derived) }),
    );
    expect(
      await screen.findByText('Environment properties'),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Blueprint' })).toHaveAttribute(
      'href',
      '/blueprints/Environment',
    );
    expect(within(valueOf('Type')).getByText('production')).toBeInTheDocument();
    expect(
      within(valueOf('URL')).getByRole('link', {
        name: 'https://cart.example.com',
      }),
    ).toBeInTheDocument();
    expect(within(valueOf('Expires')).getByRole('timer')).toBeInTheDocument();
    expect(valueOf('Replicas')).toHaveTextContent('6');
    expect(valueOf('Locked')).toHaveTextContent('Yes');
  });

  it('marks derived properties by kind, with their values and errors', async () => {
    await renderCard(
      cartProduction,
      fakeBlueprintsApi({ getDerivedProperties: jest.fn(async () => derived) }),
    );
    const section = await screen.findByRole('region', {
      name: 'Derived properties',
    });
    const domain = within(section).getByText('Domain').closest('dt')!;
    expect(within(domain).getByText('mirror')).toBeInTheDocument();
    expect(domain.nextElementSibling).toHaveTextContent('Orders');

    const label = within(section).getByText('Replica label').closest('dt')!;
    expect(within(label).getByText('calculation')).toBeInTheDocument();
    expect(
      within(label.nextElementSibling as HTMLElement).getByRole('alert'),
    ).toHaveTextContent(
      'jq: error (at <unknown>): null (null) cannot be parsed',
    );

    const deployments = within(section).getByText('Deployments').closest('dt')!;
    expect(within(deployments).getByText('aggregation')).toBeInTheDocument();
    expect(deployments.nextElementSibling).toHaveTextContent(
      'not computed yet',
    );

    expect(screen.getByText(/^Owned by/)).toHaveTextContent(
      'Owned by cart-team (inherited through system)',
    );
  });

  it('says derived values are not computed yet when the backend has none, without an error', async () => {
    await renderCard(cartProduction, fakeBlueprintsApi());
    const section = await screen.findByRole('region', {
      name: 'Derived properties',
    });
    expect(within(section).getAllByText('not computed yet')).toHaveLength(3);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(
      screen.queryByText('Derived properties could not be read'),
    ).not.toBeInTheDocument();
  });

  it('says so when the derived values cannot be read', async () => {
    await renderCard(
      cartProduction,
      fakeBlueprintsApi({
        getDerivedProperties: jest.fn(async () => {
          throw new Error('backend unavailable');
        }),
      }),
    );
    expect(
      await screen.findByText('Derived properties could not be read'),
    ).toBeInTheDocument();
    expect(screen.getByText('backend unavailable')).toBeInTheDocument();
  });

  it('shows nothing for an entity of no blueprint', async () => {
    const api = fakeBlueprintsApi();
    await renderCard(
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'example-website', namespace: 'default' },
        spec: { type: 'website' },
      },
      api,
    );
    expect(screen.queryByText(/properties/)).not.toBeInTheDocument();
    expect(api.getDerivedProperties).not.toHaveBeenCalled();
  });
});
