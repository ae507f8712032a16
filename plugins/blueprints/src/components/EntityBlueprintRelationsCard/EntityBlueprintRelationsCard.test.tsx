import { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import {
  cartProduction,
  catalogEntity,
  fakeBlueprintsApi,
} from '../../__testUtils__/fixtures';
import { blueprintsApiRef } from '../../api/BlueprintsApi';
import { EntityBlueprintRelationsCard } from './EntityBlueprintRelationsCard';

function renderCard(entity: Entity) {
  return renderInTestApp(
    <EntityProvider entity={entity}>
      <EntityBlueprintRelationsCard />
    </EntityProvider>,
    {
      apis: [[blueprintsApiRef, fakeBlueprintsApi()]],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

/** The links listed for the relation titled `title`. */
function targetsOf(title: string): string[] {
  const term = screen.getByText(title).closest('dt')!;
  return [...term.nextElementSibling!.querySelectorAll('a')].map(
    a => a.getAttribute('href')!,
  );
}

// Whole pages render here: on a loaded 2-core CI machine a test can pass 5 s.
jest.setTimeout(30_000);

describe('EntityBlueprintRelationsCard', () => {
  it('lists each relation by its title, with links to its targets', async () => {
    await renderCard(
      catalogEntity('Deployment', {
        identifier: 'cart-1',
        properties: { status: 'success' },
        relations: { service: 'CartService', environment: 'cart-production' },
      }),
    );
    expect(await screen.findByText('Deployment relations')).toBeInTheDocument();
    expect(targetsOf('Service')).toEqual([
      '/catalog/default/component/CartService',
    ]);
    expect(targetsOf('Environment')).toEqual([
      '/catalog/default/environment/cart-production',
    ]);
  });

  it('says when a required relation is not set', async () => {
    await renderCard(
      catalogEntity('Deployment', {
        identifier: 'cart-2',
        relations: { service: 'CartService' },
      }),
    );
    expect(
      await screen.findByText('required, but no Environment is set'),
    ).toBeInTheDocument();
  });

  it('lists the entities of other blueprints that relate to it', async () => {
    await renderCard({
      ...cartProduction,
      relations: [
        {
          type: 'environmentOf',
          targetRef: 'deployment:default/cart-service-2026-11-20-1',
        },
        { type: 'ownedBy', targetRef: 'group:default/cart-team' },
      ],
    });
    expect(
      await screen.findByText('Environment relations'),
    ).toBeInTheDocument();
    expect(targetsOf('System')).toEqual(['/catalog/default/system/Cart']);
    expect(targetsOf('Cluster')).toEqual([]);
    expect(targetsOf('Deployment · Environment')).toEqual([
      '/catalog/default/deployment/cart-service-2026-11-20-1',
    ]);
  });
});
