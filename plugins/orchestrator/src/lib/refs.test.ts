import { fullEntityRef, shortEntityRef } from './refs';

describe('entity refs as shown', () => {
  it('writes out a kindless owner with the kind it defaults to', () => {
    expect(fullEntityRef('guests', 'group')).toBe('group:default/guests');
    expect(fullEntityRef('user:default/ada', 'group')).toBe('user:default/ada');
    expect(fullEntityRef('Group:payments/Ledger', 'group')).toBe(
      'group:payments/Ledger',
    );
    expect(fullEntityRef('', 'group')).toBeUndefined();
  });

  it('shortens a ref to its name, keeping a namespace other than default', () => {
    expect(shortEntityRef('component:default/cartservice')).toBe('cartservice');
    expect(shortEntityRef('group:payments/ledger')).toBe('payments/ledger');
  });
});
