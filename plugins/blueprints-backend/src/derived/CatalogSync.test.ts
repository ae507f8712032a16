import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  ANNOTATION_BLUEPRINT,
  ANNOTATION_IDENTIFIER,
  Blueprint,
} from '@plinth/plugin-blueprints-common';
import { CatalogSync } from './CatalogSync';
import { DerivedEngine } from './DerivedEngine';
import { createDerivedTestStore } from '../__testUtils__/database';

jest.setTimeout(60_000);

const model: Blueprint[] = [
  { identifier: 'Domain', schema: { properties: {} } },
  {
    identifier: 'Environment',
    schema: { properties: { expiresAt: { type: 'string' } } },
    calculationProperties: {
      expired: {
        type: 'boolean',
        calculation: '(.properties.expiresAt | fromdateiso8601) < now',
      },
    },
  },
];

const catalogEntities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Domain',
    metadata: {
      name: 'orders',
      title: 'Orders',
      annotations: {
        [ANNOTATION_BLUEPRINT]: 'Domain',
        [ANNOTATION_IDENTIFIER]: 'orders',
      },
    },
    spec: { owner: 'group:default/orders-team' },
  },
  {
    apiVersion: 'plinth.dev/v1alpha1',
    kind: 'Environment',
    metadata: { name: 'cart-dev' },
    spec: {
      owner: 'group:default/cart-team',
      properties: { expiresAt: '2026-12-01T00:00:00Z' },
    },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'plain' },
    spec: { type: 'service', owner: 'me', lifecycle: 'production' },
  },
  {
    apiVersion: 'plinth.dev/v1alpha1',
    kind: 'Blueprint',
    metadata: { name: 'Domain' },
    spec: { schema: { properties: {} } },
  },
];

describe('CatalogSync', () => {
  const databases = TestDatabases.create();

  it.each(databases.eachSupportedId())(
    'brings the catalog’s entities of blueprints in, drops those gone, and queues time-dependent ones, on %p',
    async databaseId => {
      const store = await createDerivedTestStore(databases, databaseId);
      const blueprints = {
        list: () => ({
          items: model.map(blueprint => ({
            blueprint,
            origin: 'file' as const,
            source: 'test',
            version: 1,
            updatedAt: '2026-11-27T00:00:00Z',
          })),
        }),
      };
      const logger = mockServices.logger.mock();
      const engine = new DerivedEngine({ store, blueprints, logger });
      // An entity deleted from the catalog since it was last seen.
      await engine.ingest({
        entities: [
          {
            entityRef: 'domain:default/gone',
            entity: { identifier: 'gone', blueprint: 'Domain' },
          },
        ],
        removed: [],
      });
      await engine.run();

      const sync = new CatalogSync({
        catalog: catalogServiceMock({ entities: catalogEntities }),
        auth: mockServices.auth(),
        engine,
        store,
        blueprints,
        logger,
        settleMs: 0,
      });
      await expect(sync.run()).resolves.toEqual({ seen: 2, changed: 3 });

      const stored = await store.getEntities([
        { blueprint: 'Domain', identifier: 'orders' },
        { blueprint: 'Environment', identifier: 'cart-dev' },
        { blueprint: 'Domain', identifier: 'gone' },
      ]);
      expect([...stored.keys()].sort()).toEqual([
        'Domain:orders',
        'Environment:cart-dev',
      ]);
      // The hand-written entity's owner group is its team.
      expect(stored.get('Environment:cart-dev')).toMatchObject({
        entityRef: 'environment:default/cart-dev',
        entity: { blueprint: 'Environment', team: 'cart-team' },
      });

      // Nothing changed the second time, but the expiry is computed again.
      await engine.run();
      await expect(sync.run()).resolves.toEqual({ seen: 2, changed: 0 });
      const queued = await store.peekQueue(10);
      expect(queued.map(q => `${q.blueprint}:${q.identifier}`)).toEqual([
        'Environment:cart-dev',
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps an entity the change feed delivered that the catalog has not listed yet, on %p',
    async databaseId => {
      const store = await createDerivedTestStore(databases, databaseId);
      const blueprints = {
        list: () => ({
          items: model.map(blueprint => ({
            blueprint,
            origin: 'file' as const,
            source: 'test',
            version: 1,
            updatedAt: '2026-11-27T00:00:00Z',
          })),
        }),
      };
      const logger = mockServices.logger.mock();
      const engine = new DerivedEngine({ store, blueprints, logger });
      // Processed by the catalog a moment ago, not stitched yet.
      await engine.ingest({
        entities: [
          {
            entityRef: 'domain:default/fresh',
            entity: { identifier: 'fresh', blueprint: 'Domain' },
          },
        ],
        removed: [],
      });
      const syncWith = (settleMs?: number) =>
        new CatalogSync({
          catalog: catalogServiceMock({ entities: catalogEntities }),
          auth: mockServices.auth(),
          engine,
          store,
          blueprints,
          logger,
          settleMs,
        });
      await syncWith().run();
      const fresh = { blueprint: 'Domain', identifier: 'fresh' };
      expect([...(await store.getEntities([fresh])).keys()]).toEqual([
        'Domain:fresh',
      ]);
      // Once the catalog has had its time, an entity it does not list is gone.
      await syncWith(0).run();
      expect((await store.getEntities([fresh])).size).toBe(0);
    },
  );
});
