import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConflictError, NotFoundError } from '@backstage/errors';
import type { Problem } from '@plinth/plugin-blueprints-common';
import { resolve } from 'node:path';
import {
  componentBlueprint,
  domainBlueprint,
  systemBlueprint,
} from '../__testUtils__/fixtures';
import type { AppliedBlueprintInput } from './BlueprintsStore';
import { DatabaseBlueprintsStore } from './DatabaseBlueprintsStore';

jest.setTimeout(60_000);

const fromFile = (
  blueprint = domainBlueprint(),
  source = 'blueprints/domain.json',
): AppliedBlueprintInput => ({
  blueprint,
  origin: 'file',
  source,
  changedBy: `file:${source}`,
});

const problem: Problem = {
  source: 'blueprints/broken.json',
  pointer: '/schema/properties/size/type',
  message: 'type must be one of string, number, boolean; got "integer"',
};

/**
 * The message a promise rejects with. Driver errors may come from another
 * realm than the test's, where `rejects.toThrow()` does not see them.
 */
async function failure(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => 'no failure',
    error => String((error as Error)?.message),
  );
}

describe('DatabaseBlueprintsStore', () => {
  const databases = TestDatabases.create();

  async function createStore(databaseId: Parameters<typeof databases.init>[0]) {
    const knex = await databases.init(databaseId);
    const store = await DatabaseBlueprintsStore.create({
      database: mockServices.database({ knex }),
    });
    return { knex, store };
  }

  it.each(databases.eachSupportedId())(
    'runs its migrations, and not when they are switched off, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const unmigrated = await DatabaseBlueprintsStore.create({
        database: mockServices.database({ knex, migrations: { skip: true } }),
      });
      expect(await failure(unmigrated.listApiBlueprints())).toMatch(
        /api_blueprints/,
      );

      const store = await DatabaseBlueprintsStore.create({
        database: mockServices.database({ knex }),
      });
      await expect(store.listApiBlueprints()).resolves.toEqual([]);
      await expect(store.getRegistry()).resolves.toEqual({
        items: [],
        problems: [],
      });

      await knex.migrate.rollback(
        {
          directory: resolve(__dirname, '../../migrations'),
        },
        true,
      );
      expect(await knex.schema.hasTable('store_entities')).toBe(false);
      expect(await knex.schema.hasTable('api_blueprints')).toBe(false);
    },
  );

  it.each(databases.eachSupportedId())(
    'saves the applied set with a first version of each blueprint, %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const saved = await store.saveRegistry({
        applied: [
          fromFile(),
          fromFile(systemBlueprint(), 'blueprints/system.json'),
        ],
        problems: [problem],
      });

      expect(saved.changed).toBe(true);
      expect(saved.items).toEqual([
        {
          blueprint: domainBlueprint(),
          origin: 'file',
          source: 'blueprints/domain.json',
          version: 1,
          updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        },
        {
          blueprint: systemBlueprint(),
          origin: 'file',
          source: 'blueprints/system.json',
          version: 1,
          updatedAt: expect.any(String),
        },
      ]);
      await expect(store.getRegistry()).resolves.toEqual({
        items: saved.items,
        problems: [problem],
      });
      await expect(store.listVersions('System')).resolves.toEqual([
        {
          version: 1,
          blueprint: systemBlueprint(),
          origin: 'file',
          source: 'blueprints/system.json',
          createdAt: saved.items[1].updatedAt,
          createdBy: 'file:blueprints/system.json',
        },
      ]);
      await expect(store.listVersions('Nothing')).resolves.toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'records a version only when the definition changes, and keeps history of a removed blueprint, %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const first = await store.saveRegistry({
        applied: [fromFile(), fromFile(systemBlueprint(), 'system.json')],
        problems: [],
      });

      // The same definitions, keys in another order: nothing changes.
      const reordered = Object.fromEntries(
        Object.entries(domainBlueprint()).reverse(),
      ) as unknown as ReturnType<typeof domainBlueprint>;
      const same = await store.saveRegistry({
        applied: [
          fromFile(reordered),
          fromFile(systemBlueprint(), 'system.json'),
        ],
        problems: [],
      });
      expect(same.changed).toBe(false);
      expect(same.items.map(i => [i.version, i.updatedAt])).toEqual(
        first.items.map(i => [i.version, i.updatedAt]),
      );

      // A real change: version 2, by whoever made it.
      const changed = domainBlueprint();
      changed.schema.properties.size = { type: 'number' };
      const second = await store.saveRegistry({
        applied: [
          { ...fromFile(changed), changedBy: 'user:default/ada' },
          fromFile(systemBlueprint(), 'system.json'),
        ],
        problems: [],
      });
      expect(second.changed).toBe(true);
      expect(second.items.map(i => i.version)).toEqual([2, 1]);
      const versions = await store.listVersions('Domain');
      expect(versions.map(v => [v.version, v.createdBy])).toEqual([
        [2, 'user:default/ada'],
        [1, 'file:blueprints/domain.json'],
      ]);
      expect(versions[0].blueprint).toEqual(changed);

      // System goes: out of the set, its history stays.
      const third = await store.saveRegistry({
        applied: [fromFile(changed)],
        problems: [],
      });
      expect(third.changed).toBe(true);
      expect(
        (await store.getRegistry()).items.map(i => i.blueprint.identifier),
      ).toEqual(['Domain']);
      await expect(store.listVersions('System')).resolves.toHaveLength(1);

      // It comes back unchanged: still version 1.
      const fourth = await store.saveRegistry({
        applied: [
          fromFile(changed),
          fromFile(systemBlueprint(), 'system.json'),
        ],
        problems: [],
      });
      expect(fourth.items[1].version).toBe(1);
      await expect(store.listVersions('System')).resolves.toHaveLength(1);
    },
  );

  it.each(databases.eachSupportedId())(
    'counts a new origin or source as a change of the set, %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      await store.saveRegistry({ applied: [fromFile()], problems: [] });
      const moved = await store.saveRegistry({
        applied: [fromFile(domainBlueprint(), 'elsewhere.json')],
        problems: [],
      });
      expect(moved.changed).toBe(true);
      expect(moved.items[0].version).toBe(1);
    },
  );

  it.each(databases.eachSupportedId())(
    'creates, updates and deletes API blueprints in the same transaction as the set, %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const component = componentBlueprint();
      const applied: AppliedBlueprintInput = {
        blueprint: component,
        origin: 'api',
        source: 'api',
        changedBy: 'user:default/ada',
      };
      await store.saveRegistry({
        applied: [applied],
        problems: [],
        apiChange: {
          type: 'create',
          blueprint: component,
          by: 'user:default/ada',
        },
      });
      const [created] = await store.listApiBlueprints();
      expect(created).toEqual({
        blueprint: component,
        createdAt: expect.any(String),
        createdBy: 'user:default/ada',
        updatedAt: created.createdAt,
        updatedBy: 'user:default/ada',
      });

      const changed = componentBlueprint();
      changed.title = 'Software component';
      await store.saveRegistry({
        applied: [
          { ...applied, blueprint: changed, changedBy: 'user:default/bob' },
        ],
        problems: [],
        apiChange: {
          type: 'update',
          blueprint: changed,
          by: 'user:default/bob',
        },
      });
      const [updated] = await store.listApiBlueprints();
      expect(updated).toMatchObject({
        blueprint: changed,
        createdBy: 'user:default/ada',
        updatedBy: 'user:default/bob',
      });
      const versions = await store.listVersions('Component');
      expect(versions.map(v => [v.version, v.origin, v.createdBy])).toEqual([
        [2, 'api', 'user:default/bob'],
        [1, 'api', 'user:default/ada'],
      ]);

      await store.saveRegistry({
        applied: [],
        problems: [],
        apiChange: { type: 'delete', identifier: 'Component' },
      });
      await expect(store.listApiBlueprints()).resolves.toEqual([]);
      await expect(store.getRegistry()).resolves.toEqual({
        items: [],
        problems: [],
      });
      await expect(store.listVersions('Component')).resolves.toHaveLength(2);
    },
  );

  it.each(databases.eachSupportedId())(
    'writes nothing when an API change is refused, %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const component = componentBlueprint();
      await store.saveRegistry({
        applied: [fromFile()],
        problems: [problem],
        apiChange: {
          type: 'create',
          blueprint: component,
          by: 'user:default/ada',
        },
      });
      const before = await store.getRegistry();
      const changed = domainBlueprint();
      changed.title = 'Changed';

      // Exists already.
      await expect(
        store.saveRegistry({
          applied: [fromFile(changed)],
          problems: [],
          apiChange: {
            type: 'create',
            blueprint: component,
            by: 'user:default/bob',
          },
        }),
      ).rejects.toThrow(ConflictError);
      // Does not exist.
      await expect(
        store.saveRegistry({
          applied: [fromFile(changed)],
          problems: [],
          apiChange: {
            type: 'update',
            blueprint: systemBlueprint(),
            by: 'user:default/bob',
          },
        }),
      ).rejects.toThrow(NotFoundError);
      await expect(
        store.saveRegistry({
          applied: [fromFile(changed)],
          problems: [],
          apiChange: { type: 'delete', identifier: 'System' },
        }),
      ).rejects.toThrow(NotFoundError);
      // Has entities.
      await store.writeEntity('Component', { identifier: 'cart' }, 'create');
      await expect(
        store.saveRegistry({
          applied: [fromFile(changed)],
          problems: [],
          apiChange: { type: 'delete', identifier: 'Component' },
        }),
      ).rejects.toThrow(
        'blueprint "Component" has 1 entity in the entity store; delete them first',
      );

      await expect(store.getRegistry()).resolves.toEqual(before);
      await expect(store.listVersions('Domain')).resolves.toHaveLength(1);
      const api = await store.listApiBlueprints();
      expect(api.map(a => [a.blueprint, a.updatedBy])).toEqual([
        [component, 'user:default/ada'],
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'rolls back the whole save when a statement fails half-way, %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      await store.saveRegistry({ applied: [fromFile()], problems: [] });
      const before = await store.getRegistry();

      // Two versions 1 of one blueprint: the API blueprint is written
      // before the insert of the versions fails.
      const system = systemBlueprint();
      expect(
        await failure(
          store.saveRegistry({
            applied: [
              fromFile(),
              fromFile(system, 'a.json'),
              fromFile(system, 'b.json'),
            ],
            problems: [problem],
            apiChange: {
              type: 'create',
              blueprint: componentBlueprint(),
              by: 'user:default/ada',
            },
          }),
        ),
      ).toMatch(/blueprint_versions/);

      await expect(store.getRegistry()).resolves.toEqual(before);
      await expect(store.listApiBlueprints()).resolves.toEqual([]);
      await expect(store.listVersions('System')).resolves.toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'creates, replaces, upserts, finds and deletes entities, %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const cart = {
        identifier: 'github.com/acme/cart',
        blueprint: 'Component',
        title: 'Cart',
        properties: { type: 'service' },
        createdAt: '2026-01-01T00:00:00.000Z',
        updatedAt: '2026-01-01T00:00:00.000Z',
      };
      await store.writeEntity('Component', cart, 'create');
      await expect(
        store.writeEntity('Component', cart, 'create'),
      ).rejects.toThrow(ConflictError);
      await expect(
        store.getEntity({
          blueprint: 'Component',
          identifier: cart.identifier,
        }),
      ).resolves.toEqual(cart);

      const replaced = { ...cart, properties: { type: 'library' } };
      await store.writeEntity('Component', replaced, 'replace');
      await expect(
        store.writeEntity('Component', { identifier: 'nope' }, 'replace'),
      ).rejects.toThrow(NotFoundError);
      await expect(
        store.getEntity({
          blueprint: 'Component',
          identifier: cart.identifier,
        }),
      ).resolves.toEqual(replaced);

      await store.writeEntity(
        'Component',
        { identifier: 'auth', title: 'Auth' },
        'upsert',
      );
      await store.writeEntity(
        'Component',
        { identifier: 'auth', title: 'Auth 2' },
        'upsert',
      );
      await store.writeEntity('Domain', { identifier: 'orders' }, 'create');

      await expect(store.listEntities()).resolves.toEqual([
        {
          blueprint: 'Component',
          entity: { identifier: 'auth', title: 'Auth 2' },
        },
        { blueprint: 'Component', entity: replaced },
        { blueprint: 'Domain', entity: { identifier: 'orders' } },
      ]);
      await expect(store.listEntities('Domain')).resolves.toEqual([
        { blueprint: 'Domain', entity: { identifier: 'orders' } },
      ]);
      await expect(store.countEntities('Component')).resolves.toBe(2);
      await expect(store.countEntities('System')).resolves.toBe(0);

      const found = await store.findEntities([
        { blueprint: 'Component', identifier: 'auth' },
        { blueprint: 'Component', identifier: 'Auth' },
        { blueprint: 'Domain', identifier: 'orders' },
        { blueprint: 'Domain', identifier: 'auth' },
        { blueprint: 'System', identifier: 'orders' },
      ]);
      expect(found).toHaveLength(2);
      expect(found).toEqual(
        expect.arrayContaining([
          { blueprint: 'Component', identifier: 'auth' },
          { blueprint: 'Domain', identifier: 'orders' },
        ]),
      );

      await expect(
        store.deleteEntity({ blueprint: 'Component', identifier: 'auth' }),
      ).resolves.toBe(true);
      await expect(
        store.deleteEntity({ blueprint: 'Component', identifier: 'auth' }),
      ).resolves.toBe(false);
      await expect(
        store.getEntity({ blueprint: 'Component', identifier: 'auth' }),
      ).resolves.toBeUndefined();
    },
  );

  it.each(databases.eachSupportedId())(
    'finds entities among many, %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const identifiers = Array.from({ length: 250 }, (_, i) => `svc-${i}`);
      for (const identifier of identifiers.filter((_, i) => i % 2 === 0)) {
        await store.writeEntity('Component', { identifier }, 'create');
      }
      const found = await store.findEntities(
        identifiers.map(identifier => ({ blueprint: 'Component', identifier })),
      );
      expect(found.map(f => f.identifier).sort()).toEqual(
        identifiers.filter((_, i) => i % 2 === 0).sort(),
      );
    },
  );
});
