import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { CatalogProcessorCache } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  blueprintToEntity,
  portEntityToBackstage,
} from '@plinth/plugin-blueprints-common';
import { BlueprintCache } from '../BlueprintCache';
import {
  InMemoryBlueprintsService,
  testBlueprints,
} from '../__testUtils__/blueprints';
import { BlueprintEntitiesProcessor } from './BlueprintEntitiesProcessor';
import { CatalogRefLookup } from './CatalogRefLookup';

const location = { type: 'url', target: 'http://example.com/catalog.yaml' };
const blueprintMap = new Map(testBlueprints.map(b => [b.identifier, b]));

function setup(catalogEntities?: Entity[]) {
  const service = new InMemoryBlueprintsService();
  const cache = new BlueprintCache({
    service,
    logger: mockServices.logger.mock(),
  });
  const refs =
    catalogEntities &&
    new CatalogRefLookup({
      catalog: catalogServiceMock({ entities: catalogEntities }),
      auth: mockServices.auth(),
    });
  return {
    service,
    processor: new BlueprintEntitiesProcessor(cache, { refs }),
  };
}

type JsonValue = Parameters<CatalogProcessorCache['set']>[1];

/** An entity's processing cache, as the catalog keeps it between runs. */
function processingCache(): CatalogProcessorCache {
  const values = new Map<string, JsonValue>();
  return {
    async get<T extends JsonValue>(key: string) {
      return values.get(key) as T | undefined;
    },
    async set(key: string, value: JsonValue) {
      values.set(key, value);
    },
  };
}

async function relationsOf(
  processor: BlueprintEntitiesProcessor,
  entity: Entity,
  cache: CatalogProcessorCache = processingCache(),
) {
  const emit = jest.fn();
  await processor.postProcessEntity(entity, location, emit, cache);
  return emit.mock.calls.map(([result]) => {
    const { source, type, target } = result.relation;
    return `${source.kind}:${source.name} ${type} ${target.kind}:${target.name}`;
  });
}

const environment: Entity = {
  apiVersion: 'plinth.dev/v1alpha1',
  kind: 'Environment',
  metadata: { name: 'cart-dev' },
  spec: {
    owner: 'group:default/cart-team',
    properties: { type: 'development', ttlHours: 72 },
    relations: { system: 'Cart' },
  },
};

describe('BlueprintEntitiesProcessor', () => {
  it('leaves entities of no blueprint alone, without reading the blueprints', async () => {
    const { service, processor } = setup();
    const plain: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'plain' },
      spec: { type: 'service', owner: 'me', lifecycle: 'production' },
    };
    await expect(processor.validateEntityKind(plain)).resolves.toBe(false);
    await expect(relationsOf(processor, plain)).resolves.toEqual([]);
    expect(service.reads).toBe(0);
  });

  it('recognises a custom kind written by hand and relates it', async () => {
    const { processor } = setup();
    await expect(processor.validateEntityKind(environment)).resolves.toBe(true);
    await expect(relationsOf(processor, environment)).resolves.toEqual([
      'Environment:cart-dev system System:Cart',
      'System:Cart systemOf Environment:cart-dev',
      'Environment:cart-dev ownedBy group:cart-team',
      'group:cart-team ownerOf Environment:cart-dev',
    ]);
  });

  it('rejects an entity that breaks its blueprint, naming each field', async () => {
    const { processor } = setup();
    const broken = {
      ...environment,
      spec: { properties: { type: 'staging', ttlHours: 0 }, relations: {} },
    };
    await expect(processor.validateEntityKind(broken)).rejects.toThrow(
      /^environment:default\/cart-dev is not valid: \/properties\/type: .*development, production.*; \/properties\/ttlHours: .*; \/relations\/system: .*required/,
    );
  });

  it('rejects a kind of Plinth’s apiVersion that no blueprint has', async () => {
    const { processor } = setup();
    await expect(
      processor.validateEntityKind({ ...environment, kind: 'Cluster' }),
    ).rejects.toThrow(
      "cluster:default/cart-dev: kind Cluster of plinth.dev/v1alpha1 is no blueprint's kind",
    );
  });

  it('validates a Port entity of a built-in kind and leaves its recognition to Backstage', async () => {
    const { processor } = setup();
    const cart = portEntityToBackstage(
      {
        identifier: 'CartService',
        properties: { type: 'service' },
        relations: { system: 'Cart' },
      },
      'Component',
      { blueprints: blueprintMap },
    );
    await expect(processor.validateEntityKind(cart)).resolves.toBe(false);
    const wrong = portEntityToBackstage(
      { identifier: 'CartService', properties: { type: 'servise' } },
      'Component',
      { blueprints: blueprintMap },
    );
    await expect(processor.validateEntityKind(wrong)).rejects.toThrow(
      /\/properties\/type: .*servise/,
    );
  });

  it('emits an API’s provider as Backstage’s provides-API relation', async () => {
    const { processor } = setup();
    const api = portEntityToBackstage(
      { identifier: 'CartAPI', relations: { provider: 'CartService' } },
      'API',
      { blueprints: blueprintMap },
    );
    await expect(relationsOf(processor, api)).resolves.toEqual([
      'API:CartAPI apiProvidedBy Component:CartService',
      'Component:CartService providesApi API:CartAPI',
    ]);
  });

  it('recognises Blueprint entities, validates them, and draws the data model', async () => {
    const { processor } = setup();
    const system = blueprintToEntity(blueprintMap.get('System')!);
    await expect(processor.validateEntityKind(system)).resolves.toBe(true);
    await expect(relationsOf(processor, system)).resolves.toEqual([
      'Blueprint:System dependsOn Blueprint:Domain',
      'Blueprint:Domain dependencyOf Blueprint:System',
    ]);
    const broken = blueprintToEntity({
      identifier: 'Broken',
      schema: { properties: { size: { type: 'integer' as any } } },
    });
    await expect(processor.validateEntityKind(broken)).rejects.toThrow(
      /^blueprint:default\/broken is not valid: \/schema\/properties\/size\/type: /,
    );
  });

  it("accepts a Blueprint entity whose only problems are warnings (Port's integrations)", async () => {
    const { processor } = setup();
    // The shapes of Port's ArgoCD and AWS integration blueprints.
    const argocd = blueprintToEntity({
      identifier: 'argocdApplication',
      schema: {
        properties: {
          healthStatus: { type: 'enum', enum: ['Healthy', 'Degraded'] },
          syncedAt: {
            type: 'string',
            format: 'date-time',
            dateFormat: 'YYYY-MM-DD',
          } as any,
        },
      },
    });
    await expect(processor.validateEntityKind(argocd)).resolves.toBe(true);
    // An error beside the warnings is still one, and names only the error.
    const broken = blueprintToEntity({
      identifier: 'argocdApplication',
      schema: {
        properties: {
          healthStatus: { type: 'enum', enum: ['Healthy', 'Degraded'] },
          size: { type: 'integer' as any },
        },
      },
    });
    const error = await processor.validateEntityKind(broken).catch(e => e);
    expect(error.message).toMatch(/\/schema\/properties\/size\/type: /);
    expect(error.message).not.toContain('"type": "enum"');
  });

  describe('relation targets', () => {
    const cart: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: { name: 'Cart' },
      spec: { owner: 'me' },
    };

    it('lets a new entity in before its targets arrive, and reports a target still missing the next time', async () => {
      const { processor } = setup([]);
      const cache = processingCache();
      // The first processing: its targets often come in the same batch.
      await expect(
        relationsOf(processor, environment, cache),
      ).resolves.toContain('Environment:cart-dev system System:Cart');
      await expect(relationsOf(processor, environment, cache)).rejects.toThrow(
        'environment:default/cart-dev is not valid: /relations/system: no System "Cart" in the catalog (looked for system:default/cart)',
      );
    });

    it('accepts the entity when its targets are in the catalog', async () => {
      const { processor } = setup([cart]);
      const cache = processingCache();
      await relationsOf(processor, environment, cache);
      await expect(
        relationsOf(processor, environment, cache),
      ).resolves.toContain('Environment:cart-dev system System:Cart');
    });
  });
});
