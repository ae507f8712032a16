import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  catalogAnnotationFinder,
  catalogEntityResolver,
} from './catalogResolvers';

const catalog = catalogServiceMock({
  entities: [
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'cart',
        namespace: 'default',
        annotations: {
          'github.com/project-slug': 'acme/cart',
          'pagerduty.com/service-id': 'PCART',
        },
      },
      spec: {},
      relations: [
        { type: 'ownedBy', targetRef: 'group:default/cart-team' },
        { type: 'partOf', targetRef: 'system:default/shop' },
      ],
    },
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: { name: 'shop', namespace: 'default' },
      spec: {},
      relations: [{ type: 'partOf', targetRef: 'domain:default/orders' }],
    },
  ],
});
const auth = mockServices.auth();

describe('catalogEntityResolver', () => {
  it('gives owners, system and the system domain by name', async () => {
    const resolve = catalogEntityResolver({ catalog, auth });
    const facets = await resolve([
      'component:default/cart',
      'component:default/unknown',
    ]);
    expect(facets).toEqual(
      new Map([
        [
          'component:default/cart',
          { teams: ['cart-team'], system: 'shop', domain: 'orders' },
        ],
      ]),
    );
  });
});

describe('catalogAnnotationFinder', () => {
  it('finds the entity of a repository or a PagerDuty service by annotation', async () => {
    const find = catalogAnnotationFinder({ catalog, auth });
    await expect(find('github.com/project-slug', 'acme/cart')).resolves.toBe(
      'component:default/cart',
    );
    await expect(find('pagerduty.com/service-id', 'PCART')).resolves.toBe(
      'component:default/cart',
    );
    await expect(
      find('github.com/project-slug', 'acme/other'),
    ).resolves.toBeUndefined();
  });
});
