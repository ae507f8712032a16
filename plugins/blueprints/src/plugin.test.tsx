import { Entity } from '@backstage/catalog-model';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { blueprintToEntity } from '@plinth/plugin-blueprints-common';
import {
  cartProduction,
  catalogEntity,
  environmentBlueprint,
} from './__testUtils__/fixtures';
import { blueprintsPlugin } from './plugin';

const component = catalogEntity('Component', {
  identifier: 'CartService',
  properties: { type: 'service' },
});
const plainComponent: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'example-website' },
  spec: { type: 'website' },
};
const blueprint = blueprintToEntity(environmentBlueprint);

type CardId =
  | 'entity-card:blueprints/properties'
  | 'entity-card:blueprints/relations'
  | 'entity-card:blueprints/definition';

/** Whether the app shows the card on an entity's page. */
function cardFilter(id: CardId): (entity: Entity) => boolean {
  const tester = createExtensionTester(blueprintsPlugin.getExtension(id));
  return tester.get(EntityCardBlueprint.dataRefs.filterFunction) as (
    entity: Entity,
  ) => boolean;
}

describe('blueprintsPlugin', () => {
  it('mounts the data model at /blueprints', () => {
    const tester = createExtensionTester(
      blueprintsPlugin.getExtension('page:blueprints'),
    );
    expect(tester.get(coreExtensionData.routePath)).toBe('/blueprints');
  });

  it.each<CardId>([
    'entity-card:blueprints/properties',
    'entity-card:blueprints/relations',
  ])(
    'shows %s on entities of blueprints only, custom and built-in kinds',
    id => {
      const filter = cardFilter(id);
      expect(filter(cartProduction)).toBe(true);
      expect(filter(component)).toBe(true);
      expect(filter(plainComponent)).toBe(false);
      expect(filter(blueprint)).toBe(false);
    },
  );

  it('shows the definition card on Blueprint entities only', () => {
    const filter = cardFilter('entity-card:blueprints/definition');
    expect(filter(blueprint)).toBe(true);
    expect(filter(cartProduction)).toBe(false);
  });
});
