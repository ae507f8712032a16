import { derivedEntitiesEvents } from './catalogEvents';

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
