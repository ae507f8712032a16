import { KubernetesValidatorFunctions } from '@backstage/catalog-model';
import { customKindFor, entityNameFor, findNameCollisions } from './names';

describe('entityNameFor', () => {
  it('keeps identifiers that are valid Backstage names', () => {
    expect(entityNameFor('CartService')).toBe('CartService');
    expect(entityNameFor('cart-sql-sb')).toBe('cart-sql-sb');
  });

  it.each([
    'github.com/acme/cart',
    'user@example.com',
    'a+b:c\\d',
    '@scope/pkg',
    '---',
    `x${'y'.repeat(99)}`,
  ])('maps %p onto a valid name, the same every time', identifier => {
    const name = entityNameFor(identifier);
    expect(KubernetesValidatorFunctions.isValidObjectName(name)).toBe(true);
    expect(entityNameFor(identifier)).toBe(name);
  });

  it('keeps apart identifiers that differ only in forbidden characters', () => {
    expect(entityNameFor('a/b')).not.toBe(entityNameFor('a:b'));
    expect(entityNameFor('a/b')).toMatch(/^a-b-[0-9a-f]{8}$/);
  });
});

describe('customKindFor', () => {
  it('makes a kind from a blueprint identifier', () => {
    expect(customKindFor('pull-request')).toBe('PullRequest');
    expect(customKindFor('_team_member')).toBe('TeamMember');
    expect(customKindFor('Environment')).toBe('Environment');
    expect(customKindFor('3d-model')).toBe('B3dModel');
  });
});

describe('findNameCollisions', () => {
  it('reports identifiers that meet on one Backstage name, case ignored', () => {
    const problems = findNameCollisions(
      [
        { identifier: 'Cart', source: 'cart.json' },
        { identifier: 'Orders', source: 'orders.json' },
        { identifier: 'cart', source: 'other.json', pointer: '/2' },
      ],
      'System',
    );
    expect(problems).toEqual([
      {
        source: 'other.json',
        pointer: '/2',
        entity: 'System:cart',
        message: expect.stringContaining(
          'identifier "cart" maps onto the same Backstage name as "Cart"',
        ),
      },
    ]);
  });
});
