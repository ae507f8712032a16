import { catalogDecidesPermissions } from '@plinth/backend-utils/testUtils';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { catalogHiding, GUEST } from '../__testUtils__/catalog';
import {
  catalogAnnotationFinder,
  catalogEntityResolver,
  catalogVisibility,
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

describe('catalogVisibility', () => {
  it("keeps the entities the catalog answers with the caller's credentials, asking 1,000 at a time, and everything for service callers", async () => {
    const refs = Array.from(
      { length: 2_500 },
      (_, i) => `component:default/c${i}`,
    );
    const hiding = catalogHiding({
      hiddenFrom: { [GUEST]: [refs[3], refs[1_999]] },
      entities: refs.slice(0, 2_400),
    });
    const visible = catalogVisibility({
      catalog: hiding,
      permissions: catalogDecidesPermissions(),
    });

    const guest = mockCredentials.user(GUEST);
    const seen = await visible(refs, guest);
    expect(seen).toEqual(
      new Set(refs.slice(0, 2_400).filter((_, i) => i !== 3 && i !== 1_999)),
    );
    expect(
      hiding.getEntitiesByRefs.mock.calls.map(([request, options]) => [
        request.entityRefs.length,
        request.fields,
        options,
      ]),
    ).toEqual([
      [1_000, ['kind'], { credentials: guest }],
      [1_000, ['kind'], { credentials: guest }],
      [500, ['kind'], { credentials: guest }],
    ]);
    // Another plugin may read every entity: the catalog is not asked.
    hiding.getEntitiesByRefs.mockClear();
    await expect(visible(refs, mockCredentials.service())).resolves.toEqual(
      new Set(refs),
    );
    expect(hiding.getEntitiesByRefs).not.toHaveBeenCalled();
    await expect(visible([], guest)).resolves.toEqual(new Set());
  });
});
