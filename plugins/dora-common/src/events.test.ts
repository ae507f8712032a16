import { isDoraChangedEvent } from './events';

describe('isDoraChangedEvent', () => {
  it('tells the DORA backend’s event', () => {
    expect(
      isDoraChangedEvent({
        type: 'dora.entities.changed',
        entityRefs: ['component:default/cart'],
      }),
    ).toBe(true);
    expect(
      isDoraChangedEvent({ type: 'dora.entities.changed', entityRefs: 'x' }),
    ).toBe(false);
    expect(isDoraChangedEvent(null)).toBe(false);
  });
});
