import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  ANNOTATION_BLUEPRINT,
  ANNOTATION_IDENTIFIER,
  BLUEPRINTS_EVENT_TOPIC,
} from '@plinth/plugin-blueprints-common';
import {
  componentBlueprint,
  domainBlueprint,
  systemBlueprint,
} from '../__testUtils__/fixtures';
import { DatabaseBlueprintsStore } from '../database/DatabaseBlueprintsStore';
import { BlueprintRegistry } from './BlueprintRegistry';
import { EntityStore } from './EntityStore';
import { createCatalogVisibility } from '@plinth/backend-utils';

jest.setTimeout(60_000);

const ada = mockCredentials.user('user:default/ada');
const bob = mockCredentials.user('user:default/bob');

/** A catalog entity as the catalog module makes it from a Port entity. */
function catalogEntity(
  blueprint: string,
  identifier: string,
  location = 'file:/srv/catalog/entities.json',
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: blueprint,
    metadata: {
      name: identifier.toLowerCase(),
      annotations: {
        [ANNOTATION_BLUEPRINT]: blueprint,
        [ANNOTATION_IDENTIFIER]: identifier,
        'backstage.io/managed-by-location': location,
      },
    },
    spec: {},
  };
}

describe('EntityStore', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  const dir = createMockDirectory();

  async function setup() {
    dir.setContent({
      'blueprints.json': JSON.stringify([
        domainBlueprint(),
        systemBlueprint(),
        componentBlueprint(),
      ]),
    });
    const knex = await databases.init('SQLITE_3');
    const store = await DatabaseBlueprintsStore.create({
      database: mockServices.database({ knex }),
    });
    const catalog = catalogServiceMock({
      entities: [
        catalogEntity('Domain', 'Orders'),
        catalogEntity('System', 'checkout'),
        // An entity the store made earlier, as the catalog holds it.
        catalogEntity('Domain', 'Legacy', 'plinth-entity-store:blueprints'),
      ],
    });
    const getEntities = jest.spyOn(catalog, 'getEntities');
    const events = mockServices.events.mock();
    const logger = mockServices.logger.mock();
    const registry = new BlueprintRegistry({
      store,
      logger,
      catalog,
      auth: mockServices.auth(),
      events,
      files: ['blueprints.json'],
      relativeTo: dir.path,
    });
    await registry.refresh();
    events.publish.mockClear();
    const entities = new EntityStore({
      store,
      registry,
      catalog,
      events,
      logger,
      visibility: createCatalogVisibility({
        catalog,
        permissions: mockServices.permissions(),
      }),
    });
    return { entities, store, events, getEntities };
  }

  it('creates an entity whose relation targets are in the catalog, stamped and announced', async () => {
    const { entities, store, events } = await setup();
    const { entity, created } = await entities.create(
      'System',
      {
        identifier: 'payments',
        title: 'Payments',
        relations: { domain: 'Orders' },
      },
      {},
      ada,
    );

    expect(created).toBe(true);
    expect(entity).toEqual({
      identifier: 'payments',
      title: 'Payments',
      relations: { domain: 'Orders' },
      blueprint: 'System',
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      createdBy: 'user:default/ada',
      updatedAt: entity.createdAt,
      updatedBy: 'user:default/ada',
    });
    await expect(
      store.getEntity({ blueprint: 'System', identifier: 'payments' }),
    ).resolves.toEqual(entity);
    await expect(entities.get('System', 'payments', ada)).resolves.toEqual(
      entity,
    );
    await expect(entities.listOf('System', ada)).resolves.toEqual([entity]);
    await expect(entities.list(ada)).resolves.toEqual([
      { blueprint: 'System', entity },
    ]);
    expect(events.publish).toHaveBeenCalledWith({
      topic: BLUEPRINTS_EVENT_TOPIC,
      eventPayload: {
        type: 'entities.changed',
        changes: [{ blueprint: 'System', identifier: 'payments', entity }],
      },
    });
  });

  it('requires relation targets to exist in the store or the catalog, asking the catalog once', async () => {
    const { entities, store, getEntities } = await setup();
    await entities.create('Domain', { identifier: 'billing' }, {}, ada);
    getEntities.mockClear();

    // billing is in the store, checkout in the catalog.
    await entities.create(
      'Component',
      {
        identifier: 'cart',
        properties: { type: 'service' },
        relations: { system: 'checkout' },
      },
      {},
      ada,
    );
    await entities.create(
      'System',
      { identifier: 'invoicing', relations: { domain: 'billing' } },
      {},
      ada,
    );

    // The catalog's "Orders" is not "orders": identifiers are exact.
    const missing = entities.create(
      'System',
      { identifier: 'shipping', relations: { domain: 'orders' } },
      {},
      ada,
    );
    await expect(missing).rejects.toThrow(InputError);
    await expect(missing).rejects.toThrow(
      'request: System:shipping /relations/domain: relation domain points to Domain "orders", which does not exist',
    );
    await expect(
      store.getEntity({ blueprint: 'System', identifier: 'shipping' }),
    ).resolves.toBeUndefined();

    // One catalog query per request, for what the store does not have.
    expect(getEntities).toHaveBeenCalledTimes(2);
    expect(getEntities.mock.calls[0][0]).toEqual({
      filter: [
        {
          'metadata.annotations.plinth.dev/blueprint': 'System',
          'metadata.annotations.plinth.dev/identifier': 'checkout',
        },
      ],
      fields: ['metadata.annotations'],
    });
    expect(getEntities.mock.calls[1][0]).toMatchObject({
      filter: [
        {
          'metadata.annotations.plinth.dev/blueprint': 'Domain',
          'metadata.annotations.plinth.dev/identifier': 'orders',
        },
      ],
    });
  });

  it('refuses to create an entity the catalog already has from elsewhere', async () => {
    const { entities } = await setup();
    await expect(
      entities.create(
        'System',
        { identifier: 'checkout', relations: { domain: 'Orders' } },
        {},
        ada,
      ),
    ).rejects.toThrow(
      'entity "checkout" of blueprint "System" already exists in the catalog (system:default/checkout, from file:/srv/catalog/entities.json); change it where it comes from',
    );
    await expect(
      entities.create(
        'System',
        { identifier: 'checkout', relations: { domain: 'Orders' } },
        { upsert: true },
        ada,
      ),
    ).rejects.toBeInstanceOf(ConflictError);
    // One the catalog has from the store itself is the store's to write.
    await expect(
      entities.create('Domain', { identifier: 'Legacy' }, {}, ada),
    ).resolves.toMatchObject({ created: true });
  });

  it('refuses an entity that breaks its blueprint, naming the field', async () => {
    const { entities, events } = await setup();
    await expect(
      entities.create(
        'Component',
        { identifier: 'cart', properties: { type: 'servce' } },
        {},
        ada,
      ),
    ).rejects.toThrow(
      /^request: Component:cart \/properties\/type: .*service, library/,
    );
    await expect(
      entities.create('System', { identifier: 'payments' }, {}, ada),
    ).rejects.toThrow('/relations/domain: relation domain is required');
    await expect(
      entities.create('Nothing', { identifier: 'x' }, {}, ada),
    ).rejects.toThrow(NotFoundError);
    expect(events.publish).not.toHaveBeenCalled();
  });

  it('creates, upserts and merges as Port does', async () => {
    const { entities } = await setup();
    const first = await entities.create(
      'Component',
      {
        identifier: 'cart',
        title: 'Cart',
        properties: { type: 'service', language: 'Go' },
        relations: { system: 'checkout' },
      },
      {},
      ada,
    );
    await expect(
      entities.create(
        'Component',
        { identifier: 'cart', properties: { type: 'service' } },
        {},
        ada,
      ),
    ).rejects.toThrow(ConflictError);
    await expect(
      entities.create(
        'Component',
        { identifier: 'cart' },
        { merge: true },
        ada,
      ),
    ).rejects.toThrow(
      'merge=true changes an existing entity and needs upsert=true',
    );

    // upsert replaces whole; when it exists, it is not created.
    const replaced = await entities.create(
      'Component',
      { identifier: 'cart', properties: { type: 'library' } },
      { upsert: true },
      bob,
    );
    expect(replaced.created).toBe(false);
    expect(replaced.entity).toEqual({
      identifier: 'cart',
      properties: { type: 'library' },
      blueprint: 'Component',
      createdAt: first.entity.createdAt,
      createdBy: 'user:default/ada',
      updatedAt: expect.any(String),
      updatedBy: 'user:default/bob',
    });

    // merge changes only what it is given.
    const merged = await entities.create(
      'Component',
      { identifier: 'cart', title: 'Cart', properties: { language: 'Rust' } },
      { upsert: true, merge: true },
      bob,
    );
    expect(merged.entity).toMatchObject({
      title: 'Cart',
      properties: { type: 'library', language: 'Rust' },
    });

    // upsert of a new one creates it.
    const created = await entities.create(
      'Component',
      { identifier: 'auth', properties: { type: 'service' } },
      { upsert: true, merge: true },
      bob,
    );
    expect(created.created).toBe(true);
  });

  it('answers a validation-only write as if done, saving nothing', async () => {
    const { entities, store, events } = await setup();
    const { entity, created } = await entities.create(
      'Domain',
      { identifier: 'billing', properties: { owner: 'finance' } },
      { validationOnly: true },
      ada,
    );
    expect(created).toBe(true);
    expect(entity).toMatchObject({
      identifier: 'billing',
      createdBy: 'user:default/ada',
    });
    await expect(store.listEntities()).resolves.toEqual([]);
    expect(events.publish).not.toHaveBeenCalled();
    await expect(
      entities.create(
        'Domain',
        { identifier: 'billing', properties: { size: 1 } },
        { validationOnly: true },
        ada,
      ),
    ).rejects.toThrow(/unknown property "size"/);
  });

  it('replaces with PUT, merges with PATCH, and ignores stamps sent by the client', async () => {
    const { entities } = await setup();
    const { entity: first } = await entities.create(
      'Component',
      {
        identifier: 'cart',
        title: 'Cart',
        properties: { type: 'service', language: 'Go' },
      },
      {},
      ada,
    );

    const patched = await entities.update(
      'Component',
      'cart',
      { properties: { language: 'Rust' }, createdBy: 'user:default/mallory' },
      { merge: true },
      bob,
    );
    expect(patched).toMatchObject({
      title: 'Cart',
      properties: { type: 'service', language: 'Rust' },
      createdBy: 'user:default/ada',
      createdAt: first.createdAt,
      updatedBy: 'user:default/bob',
    });

    const put = await entities.update(
      'Component',
      'cart',
      { properties: { type: 'library' } },
      { merge: false },
      bob,
    );
    expect(put).toEqual({
      identifier: 'cart',
      properties: { type: 'library' },
      blueprint: 'Component',
      createdAt: first.createdAt,
      createdBy: 'user:default/ada',
      updatedAt: expect.any(String),
      updatedBy: 'user:default/bob',
    });

    await expect(
      entities.update(
        'Component',
        'cart',
        { identifier: 'basket' },
        { merge: true },
        bob,
      ),
    ).rejects.toThrow(
      'the identifier in the body, "basket", is not "cart"; an entity cannot be renamed',
    );
    await expect(
      entities.update('Component', 'nope', {}, { merge: true }, bob),
    ).rejects.toThrow(NotFoundError);
    await expect(
      entities.update(
        'Component',
        'cart',
        { properties: { type: 1 } },
        { merge: false },
        bob,
      ),
    ).rejects.toThrow(InputError);
  });

  it('deletes, announcing the change without an entity', async () => {
    const { entities, events } = await setup();
    await entities.create('Domain', { identifier: 'billing' }, {}, ada);
    events.publish.mockClear();

    await entities.delete('Domain', 'billing');
    expect(events.publish).toHaveBeenCalledWith({
      topic: BLUEPRINTS_EVENT_TOPIC,
      eventPayload: {
        type: 'entities.changed',
        changes: [{ blueprint: 'Domain', identifier: 'billing' }],
      },
    });
    await expect(entities.delete('Domain', 'billing')).rejects.toThrow(
      'no entity "billing" of blueprint "Domain"',
    );
    await expect(entities.delete('Nothing', 'billing')).rejects.toThrow(
      'no blueprint "Nothing"',
    );
    await expect(entities.get('Domain', 'billing', ada)).rejects.toThrow(
      NotFoundError,
    );
    await expect(entities.listOf('Nothing', ada)).rejects.toThrow(
      NotFoundError,
    );
  });

  it('validates an entity against the blueprint given or its own', async () => {
    const { entities, store } = await setup();
    await expect(
      entities.validate(
        { identifier: 'payments', relations: { domain: 'Orders' } },
        'System',
        ada,
      ),
    ).resolves.toEqual({ valid: true, problems: [] });
    await expect(
      entities.validate(
        { identifier: 'payments', blueprint: 'System' },
        undefined,
        ada,
      ),
    ).resolves.toEqual({
      valid: false,
      problems: [
        expect.objectContaining({
          entity: 'System:payments',
          pointer: '/relations/domain',
        }),
      ],
    });
    const unknown = await entities.validate(
      { identifier: 'x' },
      'Nothing',
      ada,
    );
    expect(unknown.valid).toBe(false);
    expect(unknown.problems[0].message).toMatch(/unknown blueprint "Nothing"/);
    await expect(entities.validate('x', 'Domain', ada)).resolves.toMatchObject({
      valid: false,
    });
    await expect(store.listEntities()).resolves.toEqual([]);
  });
});
