import {
  derivedEntitiesEvents,
  readCatalogEntitiesEvent,
} from './catalogEvents';

describe('readCatalogEntitiesEvent', () => {
  it('reads the catalog module’s event', () => {
    const event = {
      type: 'catalog.entities.changed',
      entities: [
        {
          entityRef: 'system:default/cart',
          entity: { identifier: 'Cart', blueprint: 'System', title: 'Cart' },
        },
      ],
    };
    expect(readCatalogEntitiesEvent(event)).toEqual(event);
  });

  it.each([
    ['another type', { type: 'blueprints.changed', entities: [] }],
    ['no entities', { type: 'catalog.entities.changed' }],
    [
      'an entity without a blueprint',
      {
        type: 'catalog.entities.changed',
        entities: [{ entityRef: 'x:default/y', entity: { identifier: 'y' } }],
      },
    ],
    ['not an object', 'catalog.entities.changed'],
  ])('takes nothing from %s', (_, payload) => {
    expect(readCatalogEntitiesEvent(payload)).toBeUndefined();
  });
});

describe('derivedEntitiesEvents', () => {
  it('slices a large change into messages of 1000 refs', () => {
    const refs = Array.from({ length: 2500 }, (_, i) => `system:default/s${i}`);
    const messages = derivedEntitiesEvents({
      entityRefs: refs,
      removed: ['system:default/gone'],
    });
    expect(messages.map(m => m.entityRefs.length)).toEqual([1000, 1000, 500]);
    expect(messages.map(m => m.removed)).toEqual([
      ['system:default/gone'],
      [],
      [],
    ]);
    expect(derivedEntitiesEvents({ entityRefs: [], removed: [] })).toEqual([]);
  });
});
