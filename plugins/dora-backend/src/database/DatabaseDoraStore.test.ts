import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';
import { createTestStore } from '../__testUtils__/database';
import {
  at,
  CART,
  change,
  deployment,
  incident,
  SHOP,
} from '../__testUtils__/events';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const migrations = resolvePackagePath(
  '@plinth/plugin-dora-backend',
  'migrations',
);

describe('DatabaseDoraStore on each database', () => {
  it.each(databases.eachSupportedId())(
    'records each delivery id of a source once, forgets one, and those older than a time, on %p',
    async databaseId => {
      const { store } = await createTestStore(databases, databaseId);
      await expect(store.recordDelivery('github', 'g1', 1_000)).resolves.toBe(
        true,
      );
      await expect(store.recordDelivery('github', 'g1', 2_000)).resolves.toBe(
        false,
      );
      // Ids are per source.
      await expect(
        store.recordDelivery('pagerduty', 'g1', 2_000),
      ).resolves.toBe(true);
      // Of concurrent deliveries with the same id, one is the first.
      const concurrent = await Promise.all(
        Array.from({ length: 5 }, () =>
          store.recordDelivery('github', 'g2', 3_000),
        ),
      );
      expect(concurrent.filter(Boolean)).toHaveLength(1);

      await store.forgetDelivery('github', 'g2');
      await expect(store.recordDelivery('github', 'g2', 4_000)).resolves.toBe(
        true,
      );
      await expect(store.forgetDeliveriesBefore(2_500)).resolves.toBe(2);
      await expect(store.recordDelivery('github', 'g1', 5_000)).resolves.toBe(
        true,
      );
      await expect(store.recordDelivery('github', 'g2', 5_000)).resolves.toBe(
        false,
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'reads a stored deployment back as an event, on %p',
    async databaseId => {
      const { store } = await createTestStore(databases, databaseId);
      const d1 = deployment('d1', 10, { changes: ['c2', 'c1'], rework: true });
      await store.upsertEvents([{ event: d1 }]);
      await expect(store.getDeployment('d1')).resolves.toEqual({
        ...d1,
        changes: ['c1', 'c2'],
      });
      await expect(store.getDeployment('d2')).resolves.toBeUndefined();
    },
  );

  it.each(databases.eachSupportedId())(
    'lists every entity with events, and keeps the queries to given entities, on %p',
    async databaseId => {
      const { store } = await createTestStore(databases, databaseId);
      const many = Array.from(
        { length: 1_200 },
        (_, i) => `component:default/other-${i}`,
      );
      await store.upsertEvents(
        [
          change('c1', 0, 'component:default/changes-only'),
          deployment('d1', 10, { changes: ['c1'] }),
          deployment('d2', 11, { entity: SHOP, status: 'failure' }),
          incident('i1', 12, 13, null, 'component:default/incidents-only'),
        ].map(event => ({ event })),
      );
      expect(await store.listEntityRefs()).toEqual([
        'component:default/cart',
        'component:default/changes-only',
        'component:default/incidents-only',
        'component:default/shop',
      ]);
      // Recorded with their facets unread.
      await expect(
        store.entitiesToRefresh([CART, SHOP], Date.parse(at(0))),
      ).resolves.toEqual([CART, SHOP]);

      const window = {
        from: Date.parse(at(0)),
        to: Date.parse(at(48)),
        environment: 'production',
        groupBy: 'entity' as const,
        filter: {},
      };
      const keys = async (entityRefs?: string[]) => [
        ...(await store.totals({ ...window, entityRefs })).keys(),
      ];
      expect((await keys()).sort()).toEqual([
        CART,
        'component:default/incidents-only',
        SHOP,
      ]);
      await expect(keys([...many, CART, ...many])).resolves.toEqual([CART]);
      await expect(keys([])).resolves.toEqual([]);

      const ids = async (entityRefs?: string[]) =>
        (await store.deployments({ limit: 10, entityRefs })).map(d => d.id);
      await expect(ids()).resolves.toEqual(['d2', 'd1']);
      await expect(ids([...many, SHOP])).resolves.toEqual(['d2']);
      await expect(ids([])).resolves.toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'migrates a database with events: every entity with events gets a row with its facets unread, and back, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await knex.migrate.up({ directory: migrations });
      await knex('dora_changes').insert({
        id: 'c1',
        entity_ref: 'component:default/a',
        created_at: 0,
        hash: 'h',
      });
      await knex('dora_incidents').insert({
        id: 'i1',
        entity_ref: 'component:default/b',
        created_at: 0,
        hash: 'h',
      });
      await knex('dora_deployments').insert(
        ['component:default/a', 'component:default/c'].map((ref, i) => ({
          id: `d${i}`,
          entity_ref: ref,
          environment: 'production',
          status: 'success',
          started_at: 0,
          finished_at: 0,
          finished_day: 0,
          rework: false,
          hash: 'h',
        })),
      );
      await knex('dora_entities').insert({
        entity_ref: 'component:default/c',
        system_ref: 'system:default/s',
        refreshed_at: 5,
      });

      await knex.migrate.latest({ directory: migrations });
      const rows = await knex('dora_entities')
        .orderBy('entity_ref')
        .select('entity_ref', 'system_ref', 'refreshed_at');
      expect(
        rows.map(r => [r.entity_ref, r.system_ref, Number(r.refreshed_at)]),
      ).toEqual([
        ['component:default/a', null, 0],
        ['component:default/b', null, 0],
        ['component:default/c', 'system:default/s', 5],
      ]);
      await expect(
        knex.schema.hasTable('dora_webhook_deliveries'),
      ).resolves.toBe(true);

      await knex.migrate.down({ directory: migrations });
      await expect(
        knex.schema.hasTable('dora_webhook_deliveries'),
      ).resolves.toBe(false);
      await expect(knex.schema.hasTable('dora_entities')).resolves.toBe(true);
    },
  );
});
