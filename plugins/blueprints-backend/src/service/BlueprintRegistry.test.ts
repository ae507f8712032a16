import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { rmSync } from 'node:fs';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  Blueprint,
  blueprintToEntity,
  BLUEPRINTS_EVENT_TOPIC,
} from '@plinth/plugin-blueprints-common';
import {
  componentBlueprint,
  domainBlueprint,
  systemBlueprint,
} from '../__testUtils__/fixtures';
import { DatabaseBlueprintsStore } from '../database/DatabaseBlueprintsStore';
import { ANNOTATION_ORIGIN } from '@plinth/plugin-blueprints-common';
import { createJqEngine } from '@plinth/plugin-blueprints-node';
import { jqCompileCheck } from '@plinth/plugin-blueprints-common';
import {
  BlueprintRegistry,
  ORIGIN_REGISTRY,
  ProgramCheck,
} from './BlueprintRegistry';

jest.setTimeout(60_000);

const ada = mockCredentials.user('user:default/ada');

/** A catalog `Blueprint` entity holding the blueprint. */
function catalogBlueprint(blueprint: Blueprint, name?: string): Entity {
  const entity = blueprintToEntity(blueprint);
  if (name) {
    entity.metadata.name = name;
  }
  return entity;
}

describe('BlueprintRegistry', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  const dir = createMockDirectory();

  /** What the catalog holds; tests change it between refreshes. */
  let catalogEntities: Entity[];
  let catalogFails: Error | undefined;
  const catalog = {
    async getEntities(...args: Parameters<CatalogService['getEntities']>) {
      if (catalogFails) throw catalogFails;
      return catalogServiceMock({ entities: catalogEntities }).getEntities(
        ...args,
      );
    },
  } as unknown as CatalogService;

  let events: ReturnType<typeof mockServices.events.mock>;

  async function setup(
    options: { files?: string[]; checkProgram?: ProgramCheck } = {},
  ) {
    const knex = await databases.init('SQLITE_3');
    const store = await DatabaseBlueprintsStore.create({
      database: mockServices.database({ knex }),
    });
    const registry = new BlueprintRegistry({
      store,
      logger: mockServices.logger.mock(),
      catalog,
      auth: mockServices.auth(),
      events,
      files: options.files ?? ['blueprints'],
      relativeTo: dir.path,
      checkProgram: options.checkProgram,
    });
    return { registry, store, knex };
  }

  function published() {
    return events.publish.mock.calls.map(([params]) => params);
  }

  beforeEach(() => {
    dir.clear();
    catalogEntities = [];
    catalogFails = undefined;
    events = mockServices.events.mock();
  });

  it('applies blueprints from files, the catalog and the API, with where each came from', async () => {
    dir.setContent({
      'blueprints/domain.json': JSON.stringify(domainBlueprint()),
      'blueprints/system.yaml': `identifier: System\nschema:\n  properties: {}\nrelations:\n  domain: { target: Domain, required: true }\n`,
      'blueprints/entities/Domain/orders.json': JSON.stringify({
        identifier: 'orders',
      }),
    });
    catalogEntities = [
      catalogBlueprint(componentBlueprint()),
      // Published by the catalog module from this registry: not a source.
      {
        ...catalogBlueprint(domainBlueprint(), 'domain-copy'),
        metadata: {
          name: 'domain-copy',
          annotations: {
            [ANNOTATION_ORIGIN]: ORIGIN_REGISTRY,
            'plinth.dev/identifier': 'Domain',
          },
        },
      },
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'cart' },
      },
    ];
    const { registry } = await setup();
    await registry.refresh();

    const { items, problems } = registry.list();
    expect(problems).toEqual([]);
    expect(
      items.map(i => [i.blueprint.identifier, i.origin, i.source, i.version]),
    ).toEqual([
      ['Domain', 'file', 'blueprints/domain.json', 1],
      ['System', 'file', 'blueprints/system.yaml', 1],
      ['Component', 'catalog', 'blueprint:default/component', 1],
    ]);
    expect(registry.get('Component')?.blueprint).toEqual(componentBlueprint());

    const versions = await registry.versions('Component');
    expect(versions).toEqual([
      expect.objectContaining({
        version: 1,
        origin: 'catalog',
        createdBy: 'blueprint:default/component',
      }),
    ]);
    expect((await registry.versions('Domain'))[0].createdBy).toBe(
      'file:blueprints/domain.json',
    );
    expect(published()).toEqual([
      {
        topic: BLUEPRINTS_EVENT_TOPIC,
        eventPayload: { type: 'blueprints.changed' },
      },
    ]);
  });

  it('leaves out a blueprint whose jq program does not compile, with those that depend on it', async () => {
    const jq = createJqEngine({ timeoutMs: 10_000, batchTimeoutMs: 30_000 });
    const checkProgram: ProgramCheck = jqCompileCheck(jq);
    try {
      dir.setContent({
        'blueprints/domain.json': JSON.stringify({
          ...domainBlueprint(),
          calculationProperties: {
            slug: {
              type: 'string',
              calculation: '.identifier | ascii_downcase | (',
            },
            upper: {
              type: 'string',
              calculation: '.identifier | ascii_upcase',
            },
          },
        }),
        'blueprints/system.json': JSON.stringify(systemBlueprint()),
      });
      const { registry } = await setup({ checkProgram });
      await registry.refresh();
      const { items, problems } = registry.list();
      expect(items).toEqual([]);
      expect(problems).toEqual([
        expect.objectContaining({
          source: 'blueprints/domain.json',
          pointer: '/calculationProperties/slug/calculation',
          message: expect.stringMatching(
            /^the jq program of calculation property "slug" does not compile: .*syntax error/,
          ),
        }),
        expect.objectContaining({
          source: 'blueprints/system.json',
          message: expect.stringContaining('depends on "Domain"'),
        }),
      ]);

      // Through the API, the same program is refused before anything is saved.
      await expect(
        registry.validate({
          identifier: 'Team',
          schema: { properties: {} },
          calculationProperties: {
            size: { type: 'number', calculation: 'length +' },
          },
        }),
      ).resolves.toEqual({
        valid: false,
        problems: [
          expect.objectContaining({
            source: 'api:Team',
            pointer: '/calculationProperties/size/calculation',
          }),
        ],
      });
    } finally {
      await jq.close();
    }
  });

  it('keeps the valid blueprints of the files when one file is invalid, and says why', async () => {
    dir.setContent({
      'blueprints/domain.json': JSON.stringify(domainBlueprint()),
      'blueprints/broken.json': '{ "identifier": "Broken", ',
      'blueprints/bad-type.json': JSON.stringify({
        identifier: 'Team',
        schema: { properties: { size: { type: 'integer' } } },
      }),
    });
    const { registry } = await setup();
    await registry.refresh();

    expect(registry.list().items.map(i => i.blueprint.identifier)).toEqual([
      'Domain',
    ]);
    const problems = registry.list().problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ source: 'blueprints/broken.json' }),
        expect.objectContaining({
          source: 'blueprints/bad-type.json',
          pointer: '/schema/properties/size/type',
        }),
      ]),
    );
  });

  describe("blueprints of Port's integrations, with warnings", () => {
    // The shapes of Port's ArgoCD and AWS integration blueprints.
    const argoApplication = {
      identifier: 'argocdApplication',
      title: 'ArgoCD Application',
      schema: {
        properties: {
          healthStatus: {
            title: 'Health Status',
            type: 'enum',
            enum: ['Healthy', 'Degraded'],
          },
        },
      },
    };
    const awsBucket = {
      identifier: 'awsS3Bucket',
      title: 'S3 Bucket',
      schema: {
        properties: {
          creationDate: {
            type: 'string',
            format: 'date-time',
            dateFormat: 'YYYY-MM-DD',
          },
        },
      },
    };

    it('loads them as written, and reports the warnings with their severity', async () => {
      dir.setContent({
        'blueprints/argocd.json': JSON.stringify(argoApplication),
        'blueprints/aws.json': JSON.stringify(awsBucket),
      });
      const { registry } = await setup();
      await registry.refresh();

      expect(registry.get('argocdApplication')?.blueprint).toEqual(
        argoApplication,
      );
      // The unknown keyword is kept for the round trip.
      expect(
        registry.get('awsS3Bucket')?.blueprint.schema.properties.creationDate,
      ).toHaveProperty('dateFormat', 'YYYY-MM-DD');
      expect(registry.list().problems).toEqual([
        expect.objectContaining({
          source: 'blueprints/argocd.json',
          pointer: '/schema/properties/healthStatus/type',
          severity: 'warning',
        }),
        expect.objectContaining({
          source: 'blueprints/aws.json',
          pointer: '/schema/properties/creationDate/dateFormat',
          severity: 'warning',
        }),
      ]);
      // Their entities are checked, a "type": "enum" as a string enum.
      const validator = registry.entityValidator();
      expect(
        validator.validate(
          { identifier: 'cart', properties: { healthStatus: 'Healthy' } },
          { source: 'test', blueprint: 'argocdApplication' },
        ),
      ).toEqual([]);
    });

    it('creates and validates them through the API, with their warnings', async () => {
      dir.setContent({
        'blueprints/domain.json': JSON.stringify(domainBlueprint()),
      });
      const { registry } = await setup();
      await registry.refresh();

      expect(await registry.validate(argoApplication)).toEqual({
        valid: true,
        problems: [
          expect.objectContaining({
            source: 'api:argocdApplication',
            pointer: '/schema/properties/healthStatus/type',
            severity: 'warning',
          }),
        ],
      });
      const created = await registry.create(awsBucket, ada);
      expect(created.blueprint).toEqual(awsBucket);
      expect(registry.list().problems).toEqual([
        expect.objectContaining({
          source: 'api:awsS3Bucket',
          severity: 'warning',
        }),
      ]);
    });
  });

  it('names file sources as configured: relative, or absolute', async () => {
    dir.setContent({
      'blueprints/domain.json': JSON.stringify(domainBlueprint()),
      'more/system.json': JSON.stringify(systemBlueprint()),
    });
    const { registry } = await setup({
      files: ['blueprints', dir.resolve('more'), dir.resolve('missing.json')],
    });
    await registry.refresh();

    expect(registry.list().items.map(i => i.source)).toEqual([
      'blueprints/domain.json',
      dir.resolve('more/system.json'),
    ]);
    expect((await registry.versions('System'))[0].createdBy).toBe(
      `file:${dir.resolve('more/system.json')}`,
    );
    expect(registry.list().problems).toEqual([
      {
        source: dir.resolve('missing.json'),
        pointer: '',
        message: 'no such file or folder',
      },
    ]);
  });

  it('leaves out an identifier that two origins define, both times', async () => {
    dir.setContent({
      'blueprints/domain.json': JSON.stringify(domainBlueprint()),
    });
    catalogEntities = [catalogBlueprint(domainBlueprint())];
    const { registry } = await setup();
    await registry.refresh();

    expect(registry.list().items).toEqual([]);
    expect(registry.list().problems).toEqual([
      expect.objectContaining({
        source: 'blueprint:default/domain',
        pointer: '/identifier',
        message: expect.stringContaining('defined twice'),
      }),
    ]);
  });

  it('records a version per change, drops a blueprint that is gone, and announces only changes', async () => {
    dir.setContent({
      'blueprints/domain.json': JSON.stringify(domainBlueprint()),
      'blueprints/system.json': JSON.stringify(systemBlueprint()),
    });
    const { registry } = await setup();
    await registry.refresh();
    await registry.refresh();
    expect(published()).toHaveLength(1);

    const changed = domainBlueprint();
    changed.description = 'A business domain';
    dir.addContent({ 'blueprints/domain.json': JSON.stringify(changed) });
    await registry.refresh();
    expect(registry.get('Domain')).toMatchObject({
      version: 2,
      blueprint: changed,
    });
    expect(published()).toHaveLength(2);

    rmSync(dir.resolve('blueprints/system.json'));
    await registry.refresh();
    expect(registry.get('System')).toBeUndefined();
    expect(published()).toHaveLength(3);
    await expect(registry.versions('System')).resolves.toHaveLength(1);
    await expect(registry.versions('Nothing')).rejects.toThrow(NotFoundError);
  });

  it('keeps the catalog blueprints read before when the catalog cannot be read', async () => {
    catalogEntities = [catalogBlueprint(domainBlueprint())];
    const { registry } = await setup({ files: [] });
    await registry.refresh();
    catalogFails = new Error('connect ECONNREFUSED');
    await registry.refresh();

    expect(registry.get('Domain')?.origin).toBe('catalog');
    expect(registry.list().problems).toEqual([
      {
        source: 'catalog',
        pointer: '',
        message:
          'the Blueprint entities could not be read (connect ECONNREFUSED); the 1 read before are kept',
      },
    ]);
  });

  it('creates API blueprints, checked alone and against the set', async () => {
    dir.setContent({
      'blueprints/domain.json': JSON.stringify(domainBlueprint()),
    });
    const { registry, store } = await setup();
    await registry.refresh();

    const system = await registry.create(systemBlueprint(), ada);
    expect(system).toMatchObject({
      blueprint: systemBlueprint(),
      origin: 'api',
      source: 'api',
      version: 1,
    });
    expect(registry.get('System')).toEqual(system);
    expect((await registry.versions('System'))[0].createdBy).toBe(
      'user:default/ada',
    );
    expect(published()).toHaveLength(2);

    await expect(registry.create(systemBlueprint(), ada)).rejects.toThrow(
      new ConflictError('blueprint "System" already exists'),
    );
    await expect(registry.create(domainBlueprint(), ada)).rejects.toThrow(
      new ConflictError(
        'blueprint "Domain" already exists, managed in blueprints/domain.json',
      ),
    );

    const badType = {
      identifier: 'Team',
      schema: { properties: { size: { type: 'integer' } } },
    };
    await expect(registry.create(badType, ada)).rejects.toThrow(InputError);
    await expect(registry.create(badType, ada)).rejects.toThrow(
      /^api:Team: \/schema\/properties\/size\/type: /,
    );

    const orphan = componentBlueprint();
    orphan.relations!.system.target = 'Sistem';
    await expect(registry.create(orphan, ada)).rejects.toThrow(
      /api:Component: \/relations\/system\/target: relation "system" points to blueprint "Sistem", which does not exist/,
    );
    expect(registry.get('Component')).toBeUndefined();
    expect(
      (await store.listApiBlueprints()).map(a => a.blueprint.identifier),
    ).toEqual(['System']);
  });

  it('replaces API blueprints only, and never so that another is left out', async () => {
    dir.setContent({
      'blueprints/domain.json': JSON.stringify(domainBlueprint()),
    });
    const { registry } = await setup();
    await registry.refresh();
    const system = systemBlueprint();
    system.schema.properties.owner = { type: 'string' };
    await registry.create(system, ada);
    const component = componentBlueprint();
    component.mirrorProperties = { systemOwner: { path: 'system.owner' } };
    await registry.create(component, ada);

    const renamed = { ...system, title: 'Software system' };
    const replaced = await registry.replace(
      'System',
      renamed,
      mockCredentials.user('user:default/bob'),
    );
    expect(replaced).toMatchObject({ version: 2, blueprint: renamed });
    expect((await registry.versions('System'))[0].createdBy).toBe(
      'user:default/bob',
    );

    // Without the owner property, Component's mirror has nothing to read.
    const withoutOwner = systemBlueprint();
    await expect(registry.replace('System', withoutOwner, ada)).rejects.toThrow(
      /api:Component: \/mirrorProperties\/systemOwner\/path: .*no property "owner"/,
    );
    expect(registry.get('System')?.blueprint).toEqual(renamed);
    expect(registry.get('Component')).toBeDefined();

    // The body's identifier may be left out, not changed.
    const { identifier: _, ...anonymous } = renamed;
    await expect(
      registry.replace('System', anonymous, ada),
    ).resolves.toMatchObject({
      version: 2,
    });
    await expect(
      registry.replace('System', { ...renamed, identifier: 'Other' }, ada),
    ).rejects.toThrow(
      'the identifier in the body, "Other", is not "System"; a blueprint cannot be renamed',
    );

    await expect(
      registry.replace('Domain', domainBlueprint(), ada),
    ).rejects.toThrow(
      new ConflictError(
        'blueprint "Domain" is managed in blueprints/domain.json; change it there',
      ),
    );
    await expect(
      registry.replace('Nothing', domainBlueprint(), ada),
    ).rejects.toThrow(NotFoundError);
  });

  it('deletes API blueprints nothing depends on and that have no entities', async () => {
    dir.setContent({
      'blueprints/domain.json': JSON.stringify(domainBlueprint()),
    });
    const { registry, store } = await setup();
    await registry.refresh();
    await registry.create(systemBlueprint(), ada);
    await registry.create(componentBlueprint(), ada);

    await expect(registry.delete('System')).rejects.toThrow(
      new ConflictError(
        'blueprint "System" cannot be deleted: "Component" depends on it',
      ),
    );
    await expect(registry.delete('Domain')).rejects.toThrow(
      new ConflictError(
        'blueprint "Domain" is managed in blueprints/domain.json; change it there',
      ),
    );
    await expect(registry.delete('Nothing')).rejects.toThrow(NotFoundError);

    await store.writeEntity('Component', { identifier: 'cart' }, 'create');
    await expect(registry.delete('Component')).rejects.toThrow(ConflictError);
    expect(registry.get('Component')).toBeDefined();

    await store.deleteEntity({ blueprint: 'Component', identifier: 'cart' });
    await registry.delete('Component');
    expect(registry.get('Component')).toBeUndefined();
    await expect(registry.versions('Component')).resolves.toHaveLength(1);
    expect(published().at(-1)).toEqual({
      topic: BLUEPRINTS_EVENT_TOPIC,
      eventPayload: { type: 'blueprints.changed' },
    });
  });

  it('validates a blueprint alone and as if it replaced its namesake, saving nothing', async () => {
    dir.setContent({
      'blueprints/domain.json': JSON.stringify(domainBlueprint()),
      'blueprints/system.json': JSON.stringify(systemBlueprint()),
    });
    const { registry } = await setup();
    await registry.refresh();

    expect(await registry.validate(componentBlueprint())).toEqual({
      valid: true,
      problems: [],
    });
    expect(registry.get('Component')).toBeUndefined();

    // Replacing Domain by another that System can still point to is fine.
    expect(
      (await registry.validate({ ...domainBlueprint(), title: 'Area' })).valid,
    ).toBe(true);
    // Replacing System by one pointing nowhere is not.
    const broken = systemBlueprint();
    broken.relations!.domain.target = 'Domian';
    expect(await registry.validate(broken)).toEqual({
      valid: false,
      problems: [
        expect.objectContaining({
          source: 'api:System',
          pointer: '/relations/domain/target',
          message:
            'relation "domain" points to blueprint "Domian", which does not exist (known blueprints: Domain, System)',
        }),
      ],
    });
    expect(await registry.validate({ identifier: 'x' })).toEqual({
      valid: false,
      problems: [expect.objectContaining({ source: 'api:x' })],
    });
  });

  it('picks up what another replica saved when it reloads', async () => {
    const knex = await databases.init('SQLITE_3');
    const replica = async () =>
      new BlueprintRegistry({
        store: await DatabaseBlueprintsStore.create({
          database: mockServices.database({ knex }),
        }),
        logger: mockServices.logger.mock(),
        catalog,
        auth: mockServices.auth(),
        events,
        files: [],
      });
    const one = await replica();
    const two = await replica();
    await one.start();
    await two.start();

    await one.create(domainBlueprint(), ada);
    expect(two.get('Domain')).toBeUndefined();
    await two.reload();
    expect(two.get('Domain')).toEqual(one.get('Domain'));
    expect(two.entityValidator().blueprints).toEqual(['Domain']);
  });

  it('retries a save that lost a race with another replica', async () => {
    dir.setContent({
      'blueprints/domain.json': JSON.stringify(domainBlueprint()),
    });
    const { store } = await setup();
    const saveRegistry = jest
      .spyOn(store, 'saveRegistry')
      .mockRejectedValueOnce(
        Object.assign(new Error('duplicate key value'), { code: '23505' }),
      );
    const registry = new BlueprintRegistry({
      store,
      logger: mockServices.logger.mock(),
      catalog,
      auth: mockServices.auth(),
      events,
      files: ['blueprints'],
      relativeTo: dir.path,
    });
    await registry.refresh();
    expect(saveRegistry).toHaveBeenCalledTimes(2);
    expect(registry.get('Domain')?.version).toBe(1);

    saveRegistry.mockRejectedValueOnce(new Error('disk full'));
    await expect(registry.refresh()).rejects.toThrow('disk full');
  });

  it('is ready once the first load is done', async () => {
    dir.setContent({
      'blueprints/domain.json': JSON.stringify(domainBlueprint()),
    });
    const { registry } = await setup();
    await registry.ready();
    expect(registry.get('Domain')).toBeDefined();
    expect(() => registry.require('Nothing')).toThrow(NotFoundError);
  });
});
