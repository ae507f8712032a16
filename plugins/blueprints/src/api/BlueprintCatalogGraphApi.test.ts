import { ALL_RELATIONS } from '@backstage/plugin-catalog-graph';
import { blueprintList } from '../__testUtils__/fixtures';
import { BlueprintCatalogGraphApi } from './BlueprintCatalogGraphApi';

describe('BlueprintCatalogGraphApi', () => {
  it('knows the relation types of every blueprint relation once ready', async () => {
    const api = new BlueprintCatalogGraphApi({
      blueprintsApi: { listBlueprints: jest.fn(async () => blueprintList) },
    });
    expect(api.knownRelations).toEqual(ALL_RELATIONS);

    await api.ready();

    // Custom relations: `<key>` and `<key>Of`, drawn by default.
    for (const pair of [
      ['service', 'serviceOf'],
      ['environment', 'environmentOf'],
      ['cluster', 'clusterOf'],
    ]) {
      expect(api.knownRelationPairs).toContainEqual(pair);
      expect(api.defaultRelations).toEqual(expect.arrayContaining(pair));
    }
    // An Environment's `system` is a custom kind's relation: the catalog
    // module emits it as `system` / `systemOf`.
    expect(api.knownRelationPairs).toContainEqual(['system', 'systemOf']);
    // Relations a native field carries (Component.system → partOf) and the
    // API's provider (apiProvidedBy) add nothing: Backstage knows them.
    expect(api.knownRelations).not.toContain('provider');
    expect(api.knownRelations).toEqual(expect.arrayContaining(ALL_RELATIONS));
    expect(new Set(api.knownRelations).size).toBe(api.knownRelations.length);
  });

  it('keeps the base relations when the blueprints cannot be read, and tries again', async () => {
    const listBlueprints = jest
      .fn()
      .mockRejectedValueOnce(new Error('backend down'))
      .mockResolvedValueOnce(blueprintList);
    const api = new BlueprintCatalogGraphApi({
      blueprintsApi: { listBlueprints },
    });

    await expect(api.ready()).resolves.toBeUndefined();
    expect(api.knownRelations).toEqual(ALL_RELATIONS);

    await api.ready();
    expect(api.knownRelations).toContain('serviceOf');
    await api.ready();
    expect(listBlueprints).toHaveBeenCalledTimes(2);
  });

  it('honours the default relations it is given', async () => {
    const api = new BlueprintCatalogGraphApi({
      blueprintsApi: { listBlueprints: async () => blueprintList },
      defaultRelationTypes: { exclude: ['ownedBy', 'ownerOf'] },
    });
    await api.ready();
    expect(api.defaultRelations).toContain('service');
    expect(api.defaultRelations).not.toContain('ownedBy');
  });
});
