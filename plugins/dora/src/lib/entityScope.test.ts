import { Entity } from '@backstage/catalog-model';
import { entityDoraScope } from './entityScope';

const cartSystem: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name: 'Cart' },
};

const cartService: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'CartService' },
};

describe('entityDoraScope', () => {
  it('asks for a component by its ref', () => {
    const scope = entityDoraScope(cartService);
    expect(scope.query).toEqual({
      entityRef: 'component:default/cartservice',
      groupBy: 'none',
    });
    expect(scope.isEntityGroup(null)).toBe(true);
  });

  it('asks for a system as the sum of its parts, found by name in any case', () => {
    const scope = entityDoraScope(cartSystem);
    expect(scope.query).toEqual({ groupBy: 'system' });
    expect(scope.isEntityGroup('cart')).toBe(true);
    expect(scope.isEntityGroup('Cart')).toBe(true);
    expect(scope.isEntityGroup('products')).toBe(false);
    expect(scope.isEntityGroup(null)).toBe(false);
  });
});
