import { completeEntityRef } from './entityRefs';

describe('completeEntityRef', () => {
  it('gives a ref without a kind the default kind', () => {
    expect(completeEntityRef('guests', 'group')).toEqual({
      kind: 'group',
      namespace: 'default',
      name: 'guests',
    });
  });

  it('keeps the kind and namespace a ref names', () => {
    expect(completeEntityRef('user:people/alice', 'group')).toEqual({
      kind: 'user',
      namespace: 'people',
      name: 'alice',
    });
  });

  it('gives nothing for what is no entity ref', () => {
    expect(completeEntityRef('', 'group')).toBeUndefined();
    expect(completeEntityRef('group:', 'group')).toBeUndefined();
    expect(completeEntityRef(42, 'group')).toBeUndefined();
    expect(completeEntityRef(undefined, 'group')).toBeUndefined();
  });
});
