import { criterionChips, usageSummary } from './criteria';

describe('criterionChips', () => {
  it('reads each condition of a criterion, apps by name', () => {
    expect(
      criterionChips({
        envType: 'production',
        appId: 'component:default/CartService',
        class: 'large',
      }),
    ).toEqual([
      { label: 'env type: production' },
      { label: 'app: CartService', title: 'component:default/CartService' },
      { label: 'class: large' },
    ]);
    expect(
      criterionChips({ envId: 'staging', resId: 'cart.db' }).map(c => c.label),
    ).toEqual(['environment: staging', 'resource: cart.db']);
  });

  it('says an empty criterion applies everywhere', () => {
    expect(criterionChips({})).toEqual([{ label: 'everywhere' }]);
  });

  it('keeps an app of another namespace apart', () => {
    expect(criterionChips({ appId: 'system:payments/ledger' })).toEqual([
      { label: 'app: payments/ledger', title: 'system:payments/ledger' },
    ]);
  });
});

describe('usageSummary', () => {
  it('counts resources, environments and apps', () => {
    expect(usageSummary([])).toBe('Not used');
    expect(
      usageSummary([
        {
          app: 'component:default/cart',
          environment: 'preview',
          resId: 'cart.db',
        },
        {
          app: 'component:default/cart',
          environment: 'staging',
          resId: 'cart.db',
        },
        {
          app: 'component:default/cart',
          environment: 'staging',
          resId: 'cart.cache',
        },
      ]),
    ).toBe('3 resources in 2 environments of 1 app');
  });
});
