import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { ConfigReader } from '@backstage/config';
import { createCatalogVisibility } from './CatalogVisibility';

const entity = (name: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name },
  spec: {},
});

function visibilityWith(
  decision: PolicyDecision,
  options: { cacheTtlMs?: number; config?: ConfigReader } = {},
) {
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
    permissions,
    visibility: createCatalogVisibility({ catalog, permissions, ...options }),
  };
}

const CONDITIONAL: PolicyDecision = {
  result: AuthorizeResult.CONDITIONAL,
  pluginId: 'catalog',
  resourceType: 'catalog-entity',
  conditions: {
    resourceType: 'catalog-entity',
    rule: 'IS_ENTITY_OWNER',
    params: { claims: [] },
  },
};

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

  it("reuses a caller's decision and the catalog's answers for the cache's time, for that caller's token only", async () => {
    const { catalog, permissions, visibility } = visibilityWith(CONDITIONAL, {
      cacheTtlMs: 200,
    });
    const again = async (who = credentials) =>
      (await visibility.forCaller(who)).visible(refs);

    await expect(again()).resolves.toEqual(new Set(['component:default/cart']));
    await expect(again()).resolves.toEqual(new Set(['component:default/cart']));
    expect(permissions.authorizeConditional).toHaveBeenCalledTimes(1);
    expect(catalog.getEntitiesByRefs).toHaveBeenCalledTimes(1);

    // Another user, and the same user with another token, are asked for.
    await again(mockCredentials.user('user:default/other'));
    await again({
      ...credentials,
      expiresAt: new Date(Date.now() + 3_600_000),
    });
    expect(permissions.authorizeConditional).toHaveBeenCalledTimes(3);
    expect(catalog.getEntitiesByRefs).toHaveBeenCalledTimes(3);

    // Once the time is up, the policy and the catalog decide again.
    await new Promise(resolve => setTimeout(resolve, 300));
    await again();
    expect(permissions.authorizeConditional).toHaveBeenCalledTimes(4);
    expect(catalog.getEntitiesByRefs).toHaveBeenCalledTimes(4);
  });

  it('asks the catalog only about entities it has no fresh answer for', async () => {
    const { catalog, visibility } = visibilityWith(CONDITIONAL);
    const view = await visibility.forCaller(credentials);
    await view.visible(refs.slice(0, 2));
    await expect(view.visible(refs)).resolves.toEqual(
      new Set(['component:default/cart']),
    );
    expect(
      catalog.getEntitiesByRefs.mock.calls.map(([r]) => r.entityRefs),
    ).toEqual([refs.slice(0, 2), [refs[2]]]);
  });

  it('asks on every request when the cache is turned off in config', async () => {
    const { permissions, visibility } = visibilityWith(
      { result: AuthorizeResult.ALLOW },
      {
        config: new ConfigReader({
          plinth: { catalogVisibility: { cacheTtl: { seconds: 0 } } },
        }),
      },
    );
    await visibility.forCaller(credentials);
    await visibility.forCaller(credentials);
    expect(permissions.authorizeConditional).toHaveBeenCalledTimes(2);
  });

  it('keeps no failed decision', async () => {
    const { permissions, visibility } = visibilityWith({
      result: AuthorizeResult.ALLOW,
    });
    permissions.authorizeConditional.mockRejectedValueOnce(
      new Error('permission backend unreachable'),
    );
    await expect(visibility.forCaller(credentials)).rejects.toThrow(
      'permission backend unreachable',
    );
    await expect(visibility.forCaller(credentials)).resolves.toMatchObject({
      all: true,
    });
  });

  it("asks the catalog once for the entities of one caller's concurrent requests", async () => {
    const { catalog, visibility } = visibilityWith(CONDITIONAL);
    const seen = await Promise.all(
      refs.map(async ref =>
        (await visibility.forCaller(credentials)).visible([ref]),
      ),
    );
    expect(seen.map(set => [...set])).toEqual([
      ['component:default/cart'],
      [],
      [],
    ]);
    expect(
      catalog.getEntitiesByRefs.mock.calls.map(([r]) => r.entityRefs),
    ).toEqual([refs]);
  });
  it('asks ahead about refs callers asked about lately, keeping the answers for this caller only', async () => {
    const { catalog, visibility } = visibilityWith(CONDITIONAL);
    const other = mockCredentials.user('user:default/other');
    await (await visibility.forCaller(other)).visible(refs);
    const view = await visibility.forCaller(credentials);
    await expect(view.visible([refs[1]])).resolves.toEqual(new Set());
    // The caller's first request asked about the others' refs too ...
    expect(catalog.getEntitiesByRefs.mock.calls[1][0].entityRefs).toEqual([
      refs[1],
      ...[refs[2], refs[0]],
    ]);
    expect(catalog.getEntitiesByRefs.mock.calls[1][1]).toEqual({
      credentials,
    });
    // ... so its next pages are answered without the catalog.
    await expect(view.visible(refs)).resolves.toEqual(
      new Set(['component:default/cart']),
    );
    expect(catalog.getEntitiesByRefs).toHaveBeenCalledTimes(2);
  });

  it('asks no ref twice while its answer is on its way, and keeps no failed answer', async () => {
    const { catalog, visibility } = visibilityWith(CONDITIONAL);
    let answer: () => void = () => {};
    catalog.getEntitiesByRefs.mockImplementationOnce(
      ({ entityRefs }) =>
        new Promise(resolve => {
          answer = () =>
            resolve({ items: entityRefs.map(() => entity('cart')) });
        }),
    );
    const view = await visibility.forCaller(credentials);
    const first = view.visible([refs[0]]);
    await new Promise(resolve => setImmediate(resolve));
    const second = view.visible([refs[0]]);
    await new Promise(resolve => setImmediate(resolve));
    answer();
    await expect(first).resolves.toEqual(new Set([refs[0]]));
    await expect(second).resolves.toEqual(new Set([refs[0]]));
    expect(catalog.getEntitiesByRefs).toHaveBeenCalledTimes(1);

    catalog.getEntitiesByRefs.mockRejectedValueOnce(
      new Error('catalog unreachable'),
    );
    await expect(view.visible([refs[1]])).rejects.toThrow(
      'catalog unreachable',
    );
    await expect(view.visible([refs[1]])).resolves.toEqual(new Set());
    expect(catalog.getEntitiesByRefs).toHaveBeenCalledTimes(3);
  });
  it('answers each ref for itself when concurrent requests name it twice', async () => {
    const { visibility } = visibilityWith(CONDITIONAL);
    const view = await visibility.forCaller(credentials);
    const [pay, payAndCart] = await Promise.all([
      view.visible([refs[1]]),
      view.visible([refs[1], refs[0]]),
    ]);
    expect([...pay]).toEqual([]);
    expect([...payAndCart]).toEqual([refs[0]]);
  });
});
