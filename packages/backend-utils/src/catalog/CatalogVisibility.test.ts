import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { createCatalogVisibility } from './CatalogVisibility';

const entity = (name: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name },
  spec: {},
});

function visibilityWith(decision: PolicyDecision) {
  const catalog = catalogServiceMock.mock({
    getEntitiesByRefs: jest.fn(async ({ entityRefs }) => ({
      // The catalog shows this caller cart, not pay; it has no ghost.
      items: entityRefs.map(ref =>
        ref === 'component:default/cart' ? entity('cart') : undefined,
      ),
    })),
  });
  const permissions = mockServices.permissions.mock({
    authorizeConditional: jest.fn(async () => [decision]) as any,
  });
  return {
    catalog,
    visibility: createCatalogVisibility({ catalog, permissions }),
  };
}

const refs = [
  'component:default/cart',
  'component:default/pay',
  'component:default/ghost',
];
const credentials = mockCredentials.user();

describe('createCatalogVisibility', () => {
  it('shows everything, without asking the catalog, when the policy allows every entity', async () => {
    const { catalog, visibility } = visibilityWith({
      result: AuthorizeResult.ALLOW,
    });
    const view = await visibility.forCaller(credentials);
    expect(view.all).toBe(true);
    await expect(view.visible(refs)).resolves.toEqual(new Set(refs));
    expect(catalog.getEntitiesByRefs).not.toHaveBeenCalled();
  });

  it('shows what the catalog returns the caller when the policy decides per entity', async () => {
    const { catalog, visibility } = visibilityWith({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        resourceType: 'catalog-entity',
        rule: 'IS_ENTITY_OWNER',
        params: { claims: [] },
      },
    });
    const view = await visibility.forCaller(credentials);
    expect(view.all).toBe(false);
    await expect(view.filter(refs, ref => ref)).resolves.toEqual([
      'component:default/cart',
    ]);
    expect(catalog.getEntitiesByRefs).toHaveBeenCalledWith(
      { entityRefs: refs, fields: ['kind'] },
      { credentials },
    );
  });

  it('shows nothing when the policy denies reading the catalog', async () => {
    const { visibility } = visibilityWith({ result: AuthorizeResult.DENY });
    const view = await visibility.forCaller(credentials);
    await expect(view.visible(refs)).resolves.toEqual(new Set());
  });
});
