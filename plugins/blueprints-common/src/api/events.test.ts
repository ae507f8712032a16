import {
  isBlueprintsEvent,
  isCatalogEntitiesEvent,
  isDerivedEntitiesEvent,
} from './events';

describe('event payload checks', () => {
  it('tell the blueprints backend’s events', () => {
    expect(isBlueprintsEvent({ type: 'blueprints.changed' })).toBe(true);
    expect(
      isBlueprintsEvent({
        type: 'entities.changed',
        changes: [{ blueprint: 'System', identifier: 'Cart' }],
      }),
    ).toBe(true);
    expect(isBlueprintsEvent({ type: 'entities.changed' })).toBe(false);
    expect(isBlueprintsEvent('blueprints.changed')).toBe(false);

    expect(
      isDerivedEntitiesEvent({
        type: 'derived.entities.changed',
        entityRefs: ['system:default/cart'],
        removed: [],
      }),
    ).toBe(true);
    expect(
      isDerivedEntitiesEvent({
        type: 'derived.entities.changed',
        entityRefs: [1],
      }),
    ).toBe(false);
  });

  it('tell the catalog module’s event, every entity with its blueprint', () => {
    const entity = { identifier: 'Cart', blueprint: 'System' };
    expect(
      isCatalogEntitiesEvent({
        type: 'catalog.entities.changed',
        entities: [{ entityRef: 'system:default/cart', entity }],
      }),
    ).toBe(true);
    expect(
      isCatalogEntitiesEvent({
        type: 'catalog.entities.changed',
        entities: [
          { entityRef: 'system:default/cart', entity: { identifier: 'Cart' } },
        ],
      }),
    ).toBe(false);
    expect(isCatalogEntitiesEvent({ type: 'blueprints.changed' })).toBe(false);
  });
});
