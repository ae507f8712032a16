import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { CatalogRefLookup } from './CatalogRefLookup';

const system = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name },
  spec: { owner: 'me' },
});

function setup(entities: Entity[], ttlMs?: number) {
  const catalog = catalogServiceMock({ entities });
  const getEntitiesByRefs = jest.spyOn(catalog, 'getEntitiesByRefs');
  const lookup = new CatalogRefLookup({
    catalog,
    auth: mockServices.auth(),
    ttlMs,
  });
  return { lookup, getEntitiesByRefs };
}

describe('CatalogRefLookup', () => {
  it('answers which refs exist, asking the catalog once for lookups made together', async () => {
    const { lookup, getEntitiesByRefs } = setup([
      system('cart'),
      system('products'),
    ]);
    const [a, b] = await Promise.all([
      lookup.existing(['system:default/cart', 'system:default/gone']),
      lookup.existing(['system:default/products']),
    ]);
    expect([...a]).toEqual(['system:default/cart']);
    expect([...b]).toEqual(['system:default/products']);
    expect(getEntitiesByRefs).toHaveBeenCalledTimes(1);
  });

  it('remembers refs it found, and asks again for those it did not', async () => {
    const { lookup, getEntitiesByRefs } = setup([system('cart')]);
    await lookup.existing(['system:default/cart', 'system:default/later']);
    const again = await lookup.existing(['system:default/cart']);
    expect([...again]).toEqual(['system:default/cart']);
    expect(getEntitiesByRefs).toHaveBeenCalledTimes(1);

    await lookup.existing(['system:default/later']);
    expect(getEntitiesByRefs).toHaveBeenCalledTimes(2);
    expect(getEntitiesByRefs.mock.calls[1][0].entityRefs).toEqual([
      'system:default/later',
    ]);
  });

  it('forgets found refs after their time to live, to notice deletions', async () => {
    const { lookup, getEntitiesByRefs } = setup([system('cart')], 0);
    await lookup.existing(['system:default/cart']);
    await lookup.existing(['system:default/cart']);
    expect(getEntitiesByRefs).toHaveBeenCalledTimes(2);
  });

  it('fails every waiting lookup when the catalog cannot be asked', async () => {
    const { lookup, getEntitiesByRefs } = setup([]);
    getEntitiesByRefs.mockRejectedValueOnce(new Error('catalog is down'));
    await expect(
      Promise.all([
        lookup.existing(['system:default/a']),
        lookup.existing(['system:default/b']),
      ]),
    ).rejects.toThrow('catalog is down');
  });
});
