import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import {
  Blueprint,
  PortEntity,
  RegisteredBlueprint,
} from '@plinth/plugin-blueprints-common';
import { createJqEngine } from '@plinth/plugin-blueprints-node';
import { calculationRunner } from '@plinth/plugin-blueprints-common';
import { DerivedEngine } from './DerivedEngine';
import { createDerivedTestStore } from '../__testUtils__/database';

jest.setTimeout(60_000);

const model: Blueprint[] = [
  { identifier: 'Domain', schema: { properties: {} } },
  {
    identifier: 'System',
    schema: { properties: {} },
    relations: { domain: { target: 'Domain' } },
    ownership: { type: 'Inherited', path: 'domain' },
  },
  {
    identifier: 'Component',
    schema: { properties: {} },
    relations: { system: { target: 'System' } },
    mirrorProperties: { domain: { path: 'system.domain.$title' } },
    aggregationProperties: {
      failedDeployments: {
        target: 'Deployment',
        query: {
          combinator: 'and',
          rules: [{ property: 'status', operator: '=', value: 'failed' }],
        },
        calculationSpec: { calculationBy: 'entities', func: 'count' },
      },
    },
  },
  {
    identifier: 'Cluster',
    schema: { properties: {} },
    aggregationProperties: {
      cpu: {
        target: 'Deployment',
        calculationSpec: {
          calculationBy: 'property',
          func: 'sum',
          property: 'cpu',
        },
      },
    },
  },
  {
    identifier: 'Deployment',
    schema: {
      properties: { status: { type: 'string' }, cpu: { type: 'number' } },
    },
    relations: {
      service: { target: 'Component' },
      cluster: { target: 'Cluster' },
    },
    mirrorProperties: { serviceDomain: { path: 'service.domain' } },
    calculationProperties: {
      label: {
        type: 'string',
        calculation:
          '"\\(.properties.status) on \\(.relations.cluster) for \\(.properties.serviceDomain)"',
      },
      failed: {
        type: 'boolean',
        calculation: '.properties.status == "failed"',
        colorized: true,
        colors: { true: 'red', false: 'green' },
      },
      broken: { type: 'number', calculation: '.properties.status' },
    },
  },
];

/** Blueprints as the registry serves them, versions and all. */
class Blueprints {
  items: RegisteredBlueprint[] = model.map(blueprint => ({
    blueprint,
    origin: 'file',
    source: 'test',
    version: 1,
    updatedAt: '2026-11-27T00:00:00Z',
  }));
  list() {
    return { items: this.items };
  }
}

const entity = (
  blueprint: string,
  identifier: string,
  rest: Omit<PortEntity, 'identifier'> = {},
) => ({
  entityRef: `${blueprint}:default/${identifier}`.toLocaleLowerCase('en-US'),
  entity: { ...rest, identifier, blueprint },
});

const deployment = (id: string, status: string, cpu: number, cluster: string) =>
  entity('Deployment', id, {
    properties: { status, cpu },
    relations: { service: 'cart-service', cluster },
  });

const world = [
  entity('Domain', 'orders', { title: 'Orders', team: 'orders-team' }),
  entity('System', 'cart', { relations: { domain: 'orders' } }),
  entity('Component', 'cart-service', { relations: { system: 'cart' } }),
  entity('Cluster', 'eu-1'),
  entity('Cluster', 'eu-2'),
  deployment('d1', 'succeeded', 2, 'eu-1'),
  deployment('d2', 'failed', 4, 'eu-1'),
];

describe('DerivedEngine', () => {
  const databases = TestDatabases.create();
  // Generous time limits: this test is about the engine, not jq's timeouts.
  const jq = createJqEngine({ timeoutMs: 10_000, batchTimeoutMs: 30_000 });
  afterAll(() => jq.close());

  async function setup(databaseId: TestDatabaseId) {
    const store = await createDerivedTestStore(databases, databaseId);
    const blueprints = new Blueprints();
    const engine = new DerivedEngine({
      store,
      blueprints,
      logger: mockServices.logger.mock(),
      calculate: calculationRunner(jq),
    });
    const values = async (ref: string) =>
      (await engine.getDerived([ref])).get(ref);
    return { store, blueprints, engine, values };
  }

  it.each(databases.eachSupportedId())(
    'computes derived values, and only what a change affects, on %p',
    async databaseId => {
      const { store, blueprints, engine, values } = await setup(databaseId);
      await expect(
        engine.ingest({ entities: world, removed: [] }),
      ).resolves.toBe(world.length);
      // Each entity once: the component before the deployments that mirror
      // its domain, itself a mirror.
      await expect(engine.run()).resolves.toBe(world.length);

      expect(
        (await values('component:default/cart-service'))?.values,
      ).toMatchObject({
        domain: { kind: 'mirror', value: 'Orders' },
        failedDeployments: { kind: 'aggregation', value: 1 },
      });
      expect((await values('cluster:default/eu-1'))?.values.cpu.value).toBe(6);
      expect((await values('system:default/cart'))?.ownership).toEqual({
        type: 'Inherited',
        path: 'domain',
        teams: ['orders-team'],
      });

      // Calculations run in jq, with mirror values among the properties;
      // a value of the wrong type is an error of that entity's property.
      expect((await values('deployment:default/d2'))?.values).toMatchObject({
        serviceDomain: { kind: 'mirror', value: 'Orders' },
        label: { kind: 'calculation', value: 'failed on eu-1 for Orders' },
        failed: { value: true, colorized: true, color: 'red' },
        broken: {
          value: null,
          error: expect.stringMatching(/must be a number; got a string/),
        },
      });

      // Ownership is queryable by team, inherited ownership included.
      expect(
        (await store.ownedBy('orders-team')).map(
          o => `${o.entityRef} ${o.ownership.type}`,
        ),
      ).toEqual([
        'domain:default/orders Direct',
        'system:default/cart Inherited',
      ]);

      // The same content again is no change, and nothing is computed.
      await expect(
        engine.ingest({ entities: world, removed: [] }),
      ).resolves.toBe(0);
      await expect(engine.run()).resolves.toBe(0);

      // The domain's new title reaches the component two hops away, and the
      // deployments mirroring the component's: the domain, the system reading
      // its team, the component and its two deployments are computed.
      await engine.ingest({
        entities: [
          entity('Domain', 'orders', {
            title: 'Ordering',
            team: 'orders-team',
          }),
        ],
        removed: [],
      });
      await expect(engine.run()).resolves.toBe(5);
      expect(
        (await values('component:default/cart-service'))?.values.domain.value,
      ).toBe('Ordering');

      // d1 fails: it, its component's failure count and its cluster's sum are
      // computed; the deployments mirror the component's domain, not its
      // failure count, so they are not.
      await engine.ingest({
        entities: [deployment('d1', 'failed', 2, 'eu-1')],
        removed: [],
      });
      await expect(engine.run()).resolves.toBe(3);
      expect(
        (await values('component:default/cart-service'))?.values
          .failedDeployments.value,
      ).toBe(2);
      await engine.ingest({
        entities: [deployment('d1', 'succeeded', 2, 'eu-1')],
        removed: [],
      });
      await engine.run();

      // A deployment moved to another cluster leaves one sum and joins the other.
      await engine.ingest({
        entities: [deployment('d2', 'failed', 4, 'eu-2')],
        removed: [],
      });
      await engine.run();
      expect((await values('cluster:default/eu-1'))?.values.cpu.value).toBe(2);
      expect((await values('cluster:default/eu-2'))?.values.cpu.value).toBe(4);

      // A deployment gone from the catalog is gone from the aggregations.
      await engine.ingest({
        entities: [],
        removed: [{ blueprint: 'Deployment', identifier: 'd2' }],
      });
      await engine.run();
      expect((await values('cluster:default/eu-2'))?.values.cpu.value).toBe(0);
      expect(
        (await values('component:default/cart-service'))?.values
          .failedDeployments.value,
      ).toBe(0);
      expect(await values('deployment:default/d2')).toBeUndefined();

      // A blueprint that changes has its entities computed again.
      const component = blueprints.items.find(
        i => i.blueprint.identifier === 'Component',
      )!;
      component.blueprint = {
        ...component.blueprint,
        mirrorProperties: {
          ...component.blueprint.mirrorProperties,
          systemId: { path: 'system.$identifier' },
        },
      };
      component.version = 2;
      await engine.run();
      expect(
        (await values('component:default/cart-service'))?.values.systemId,
      ).toMatchObject({ kind: 'mirror', value: 'cart' });
      await expect(store.queueLength()).resolves.toBe(0);
    },
  );
});
