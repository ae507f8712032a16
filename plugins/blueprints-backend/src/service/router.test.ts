import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  ANNOTATION_BLUEPRINT,
  ANNOTATION_IDENTIFIER,
} from '@plinth/plugin-blueprints-common';
import request from 'supertest';
import {
  componentBlueprint,
  domainBlueprint,
  systemBlueprint,
} from '../__testUtils__/fixtures';
import blueprintsPlugin from '../index';
import {
  HiddenEntities,
  hidingServices,
} from '@plinth/backend-utils/testUtils';

jest.setTimeout(60_000);

const ordersDomain = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Domain',
  metadata: {
    name: 'orders',
    annotations: {
      [ANNOTATION_BLUEPRINT]: 'Domain',
      [ANNOTATION_IDENTIFIER]: 'orders',
    },
  },
};

describe('the blueprints API', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  const dir = createMockDirectory();

  /** A Domain of the entity store, as the catalog module ingests it. */
  const storedDomain = (name: string) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Domain',
    metadata: {
      name,
      annotations: {
        [ANNOTATION_BLUEPRINT]: 'Domain',
        [ANNOTATION_IDENTIFIER]: name,
        'backstage.io/managed-by-location': `plinth-entity-store:Domain/${name}`,
      },
    },
  });

  async function start(
    options: {
      deny?: boolean;
      files?: Record<string, string>;
      hide?: HiddenEntities;
    } = {},
  ) {
    dir.setContent(
      options.files ?? {
        'blueprints/domain.json': JSON.stringify(domainBlueprint()),
        'blueprints/system.json': JSON.stringify(systemBlueprint()),
      },
    );
    const knex = await databases.init('SQLITE_3');
    const { server } = await startTestBackend({
      features: [
        blueprintsPlugin,
        mockServices.rootConfig.factory({
          data: {
            plinth: { blueprints: { files: [dir.resolve('blueprints')] } },
          },
        }),
        mockServices.database.factory({ knex }),
        ...(options.hide
          ? hidingServices(
              catalogServiceMock({
                entities: [
                  ordersDomain,
                  storedDomain('billing'),
                  storedDomain('shipping'),
                ],
              }),
              options.hide,
            )
          : [catalogServiceMock.factory({ entities: [ordersDomain] })]),
        ...(options.deny
          ? [mockServices.permissions.factory({ result: AuthorizeResult.DENY })]
          : []),
      ],
    });
    return request(server);
  }

  const api = (path: string) => `/api/blueprints${path}`;

  describe('blueprints', () => {
    it('lists the applied blueprints, and the problems of an invalid file that did not stop the others', async () => {
      const client = await start({
        files: {
          'blueprints/domain.json': JSON.stringify(domainBlueprint()),
          'blueprints/team.json': JSON.stringify({
            identifier: 'Team',
            schema: { properties: { size: { type: 'integer' } } },
          }),
        },
      });
      const res = await client.get(api('/blueprints'));
      expect(res.status).toBe(200);
      expect(res.body.items).toEqual([
        {
          blueprint: domainBlueprint(),
          origin: 'file',
          source: expect.stringMatching(/blueprints\/domain\.json$/),
          version: 1,
          updatedAt: expect.any(String),
        },
      ]);
      expect(res.body.problems).toEqual([
        expect.objectContaining({
          source: expect.stringMatching(/blueprints\/team\.json$/),
          pointer: '/schema/properties/size/type',
          message: expect.stringContaining('"integer"'),
        }),
      ]);
    });

    it('creates, reads, replaces and deletes an API blueprint, with its versions', async () => {
      const client = await start();
      const squad = {
        identifier: 'acme/team',
        title: 'Team',
        schema: { properties: {}, required: [] },
      };

      const created = await client.post(api('/blueprints')).send(squad);
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        blueprint: squad,
        origin: 'api',
        source: 'api',
        version: 1,
      });

      const path = api(`/blueprints/${encodeURIComponent('acme/team')}`);
      const read = await client.get(path);
      expect(read.status).toBe(200);
      expect(read.body).toEqual(created.body);

      const replaced = await client
        .put(path)
        .send({ ...squad, title: 'Squad' });
      expect(replaced.status).toBe(200);
      expect(replaced.body).toMatchObject({
        version: 2,
        blueprint: { title: 'Squad' },
      });

      const versions = await client.get(`${path}/versions`);
      expect(versions.status).toBe(200);
      expect(versions.body.items).toEqual([
        expect.objectContaining({
          version: 2,
          createdBy: 'user:default/mock',
        }),
        expect.objectContaining({ version: 1, blueprint: squad }),
      ]);

      const deleted = await client.delete(path);
      expect(deleted.status).toBe(204);
      expect((await client.get(path)).status).toBe(404);
      expect((await client.get(`${path}/versions`)).status).toBe(200);
    });

    it('answers 400 for an invalid blueprint, naming the field', async () => {
      const client = await start();
      const res = await client.post(api('/blueprints')).send({
        identifier: 'Team',
        schema: { properties: { size: { type: 'integer' } } },
      });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({
        name: 'InputError',
        message: expect.stringMatching(
          /^api:Team: \/schema\/properties\/size\/type: /,
        ),
        // The same problems as a list, for clients to show at each field.
        problems: [
          expect.objectContaining({
            source: 'api:Team',
            pointer: '/schema/properties/size/type',
          }),
        ],
      });

      const notObject = await client.post(api('/blueprints')).send([team()]);
      expect(notObject.status).toBe(400);
      expect(notObject.body.error.message).toBe(
        'body: the body must be a JSON object',
      );

      const malformed = await client
        .post(api('/blueprints'))
        .set('Content-Type', 'application/json')
        .send('{"identifier": ');
      expect(malformed.status).toBe(400);

      const orphan = await client.post(api('/blueprints')).send({
        ...componentBlueprint(),
        relations: { system: { target: 'Sistem' } },
      });
      expect(orphan.status).toBe(400);
      expect(orphan.body.error.message).toContain(
        'api:Component: /relations/system/target: relation "system" points to blueprint "Sistem", which does not exist',
      );
      expect((await client.get(api('/blueprints/Component'))).status).toBe(404);
    });

    it('answers 409 for an identifier that exists and for blueprints managed elsewhere', async () => {
      const client = await start();
      const exists = await client
        .post(api('/blueprints'))
        .send(domainBlueprint());
      expect(exists.status).toBe(409);
      expect(exists.body.error.message).toMatch(
        /^blueprint "Domain" already exists, managed in .*blueprints\/domain\.json$/,
      );

      const managed = await client
        .put(api('/blueprints/Domain'))
        .send(domainBlueprint());
      expect(managed.status).toBe(409);
      expect(managed.body.error.message).toMatch(
        /is managed in .*domain\.json/,
      );
      expect((await client.delete(api('/blueprints/System'))).status).toBe(409);

      await client.post(api('/blueprints')).send(componentBlueprint());
      await client
        .post(api('/blueprints/Component/entities'))
        .send({ identifier: 'cart', properties: { type: 'service' } })
        .expect(201);
      const withEntities = await client.delete(api('/blueprints/Component'));
      expect(withEntities.status).toBe(409);
      expect(withEntities.body.error.message).toContain('entity store');
    });

    it('answers 404 for blueprints that are not there', async () => {
      const client = await start();
      expect((await client.get(api('/blueprints/Nothing'))).status).toBe(404);
      expect(
        (await client.get(api('/blueprints/Nothing/versions'))).status,
      ).toBe(404);
      expect(
        (await client.put(api('/blueprints/Nothing')).send(team())).status,
      ).toBe(404);
      expect((await client.delete(api('/blueprints/Nothing'))).status).toBe(
        404,
      );
    });

    it('validates a blueprint without saving it', async () => {
      const client = await start();
      const valid = await client
        .post(api('/validate/blueprint'))
        .send(componentBlueprint());
      expect(valid.status).toBe(200);
      expect(valid.body).toEqual({ valid: true, problems: [] });

      const invalid = await client.post(api('/validate/blueprint')).send({
        ...systemBlueprint(),
        relations: { domain: { target: 'Domian' } },
      });
      expect(invalid.status).toBe(200);
      expect(invalid.body).toEqual({
        valid: false,
        problems: [
          expect.objectContaining({ pointer: '/relations/domain/target' }),
        ],
      });
      expect((await client.get(api('/blueprints/Component'))).status).toBe(404);
    });
  });

  describe('entities', () => {
    it('creates, reads, upserts, replaces, merges and deletes entities', async () => {
      const client = await start();
      const entities = api('/blueprints/System/entities');

      const created = await client.post(entities).send({
        identifier: 'payments',
        title: 'Payments',
        relations: { domain: 'orders' },
      });
      expect(created.status).toBe(201);
      expect(created.body.entity).toMatchObject({
        identifier: 'payments',
        blueprint: 'System',
        createdBy: 'user:default/mock',
      });

      expect(
        (
          await client
            .post(entities)
            .send({ identifier: 'payments', relations: { domain: 'orders' } })
        ).status,
      ).toBe(409);

      const upserted = await client
        .post(`${entities}?upsert=true&merge=true`)
        .send({ identifier: 'payments', title: 'Payment' });
      expect(upserted.status).toBe(200);
      expect(upserted.body.entity).toMatchObject({
        title: 'Payment',
        relations: { domain: 'orders' },
      });

      const one = await client.get(`${entities}/payments`);
      expect(one.status).toBe(200);
      expect(one.body).toEqual({ entity: upserted.body.entity });

      const put = await client
        .put(`${entities}/payments`)
        .send({ relations: { domain: 'orders' } });
      expect(put.status).toBe(200);
      expect(put.body.entity.title).toBeUndefined();

      const patched = await client
        .patch(`${entities}/payments`)
        .send({ title: 'Payments' });
      expect(patched.status).toBe(200);
      expect(patched.body.entity).toMatchObject({
        title: 'Payments',
        relations: { domain: 'orders' },
      });

      const list = await client.get(entities);
      expect(list.status).toBe(200);
      expect(list.body).toEqual({ items: [patched.body.entity] });
      const all = await client.get(api('/entities'));
      expect(all.body).toEqual({
        items: [{ blueprint: 'System', entity: patched.body.entity }],
      });

      expect((await client.delete(`${entities}/payments`)).status).toBe(204);
      expect((await client.get(`${entities}/payments`)).status).toBe(404);
      expect((await client.delete(`${entities}/payments`)).status).toBe(404);
    });

    it('records a service caller as the author', async () => {
      const client = await start();
      const res = await client
        .post(api('/blueprints/Domain/entities'))
        .set('Authorization', mockCredentials.service.header())
        .send({ identifier: 'billing' });
      expect(res.status).toBe(201);
      expect(res.body.entity.createdBy).toBe(
        mockCredentials.service().principal.subject,
      );
    });

    it('creates an entity once when fifty upserts of it race: one 201, the others 200', async () => {
      const client = await start();
      const answers = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          client
            .post(api('/blueprints/Domain/entities?upsert=true'))
            .send({ identifier: 'billing', title: `Billing ${i}` }),
        ),
      );
      const statuses = answers.map(a => a.status).sort();
      expect(statuses.filter(s => s === 201)).toHaveLength(1);
      expect(statuses.filter(s => s === 200)).toHaveLength(49);
      const { body } = await client.get(api('/entities'));
      expect(body.items).toHaveLength(1);
      // Every later write replaced it; its creation stamp stayed.
      const created = answers.find(a => a.status === 201)!.body.entity;
      expect(body.items[0].entity.createdAt).toBe(created.createdAt);
    });

    it('shows a caller only the stored entities the catalog lets them see', async () => {
      const client = await start({
        hide: {
          from: 'user:default/outsider',
          entityRefs: ['domain:default/billing'],
        },
      });
      for (const identifier of ['billing', 'shipping']) {
        const created = await client
          .post(api('/blueprints/Domain/entities'))
          .send({ identifier });
        expect(created.status).toBe(201);
      }
      const outsider = mockCredentials.user.header('user:default/outsider');
      const identifiers = (items: any[]) =>
        items.map(i => (i.entity ?? i).identifier).sort();

      const all = await client.get(api('/entities'));
      expect(identifiers(all.body.items)).toEqual(['billing', 'shipping']);
      const seen = await client
        .get(api('/entities'))
        .set('Authorization', outsider);
      expect(identifiers(seen.body.items)).toEqual(['shipping']);

      const ofDomain = await client
        .get(api('/blueprints/Domain/entities'))
        .set('Authorization', outsider);
      expect(identifiers(ofDomain.body.items)).toEqual(['shipping']);

      // A hidden entity is answered as an unknown one.
      const hidden = await client
        .get(api('/blueprints/Domain/entities/billing'))
        .set('Authorization', outsider);
      expect(hidden.status).toBe(404);
      expect(hidden.body.error.message).toBe(
        'no entity "billing" of blueprint "Domain"',
      );
      expect(
        (await client.get(api('/blueprints/Domain/entities/billing'))).status,
      ).toBe(200);
    });

    it('answers a validation-only write without saving', async () => {
      const client = await start();
      const res = await client
        .post(api('/blueprints/Domain/entities?validation_only=true'))
        .send({ identifier: 'billing' });
      expect(res.status).toBe(201);
      expect(res.body.entity.identifier).toBe('billing');
      expect((await client.get(api('/entities'))).body).toEqual({ items: [] });
    });

    it('answers 400 for invalid entities and queries, naming the field', async () => {
      const client = await start();
      await client
        .post(api('/blueprints'))
        .send(componentBlueprint())
        .expect(201);

      const badEnum = await client
        .post(api('/blueprints/Component/entities'))
        .send({ identifier: 'cart', properties: { type: 'servce' } });
      expect(badEnum.status).toBe(400);
      expect(badEnum.body.error.message).toMatch(
        /^request: Component:cart \/properties\/type: .*service, library/,
      );

      const noRelation = await client
        .post(api('/blueprints/System/entities'))
        .send({ identifier: 'payments' });
      expect(noRelation.status).toBe(400);
      expect(noRelation.body.error.message).toContain(
        'request: System:payments /relations/domain: relation domain is required',
      );

      const missingTarget = await client
        .post(api('/blueprints/System/entities'))
        .send({ identifier: 'payments', relations: { domain: 'billing' } });
      expect(missingTarget.status).toBe(400);
      expect(missingTarget.body.error.message).toContain(
        'relation domain points to Domain "billing", which does not exist',
      );

      const badFlag = await client
        .post(api('/blueprints/Domain/entities?upsert=yes'))
        .send({ identifier: 'billing' });
      expect(badFlag.status).toBe(400);
      expect(badFlag.body.error.message).toBe(
        'query upsert: must be true or false',
      );

      const notObject = await client
        .patch(api('/blueprints/Domain/entities/billing'))
        .send(['x']);
      expect(notObject.status).toBe(400);
    });

    it('answers 404 for an unknown blueprint or entity', async () => {
      const client = await start();
      expect(
        (await client.get(api('/blueprints/Nothing/entities'))).status,
      ).toBe(404);
      expect(
        (
          await client
            .post(api('/blueprints/Nothing/entities'))
            .send({ identifier: 'x' })
        ).status,
      ).toBe(404);
      expect(
        (await client.get(api('/blueprints/Domain/entities/nope'))).status,
      ).toBe(404);
      expect(
        (await client.put(api('/blueprints/Domain/entities/nope')).send({}))
          .status,
      ).toBe(404);
    });

    it('validates an entity without saving it', async () => {
      const client = await start();
      const valid = await client
        .post(api('/validate/entity?blueprint=System'))
        .send({ identifier: 'payments', relations: { domain: 'orders' } });
      expect(valid.body).toEqual({ valid: true, problems: [] });

      const invalid = await client
        .post(api('/validate/entity'))
        .send({ identifier: 'payments', blueprint: 'System' });
      expect(invalid.status).toBe(200);
      expect(invalid.body.valid).toBe(false);
      expect(invalid.body.problems[0].pointer).toBe('/relations/domain');

      const twice = await client
        .post(api('/validate/entity?blueprint=System&blueprint=Domain'))
        .send({ identifier: 'payments' });
      expect(twice.status).toBe(400);
      expect((await client.get(api('/entities'))).body).toEqual({ items: [] });
    });
  });

  it('answers 401 to callers without credentials', async () => {
    const client = await start();
    const none = mockCredentials.none.header();
    expect(
      (await client.get(api('/blueprints')).set('Authorization', none)).status,
    ).toBe(401);
    expect(
      (
        await client
          .post(api('/blueprints'))
          .set('Authorization', none)
          .send(team())
      ).status,
    ).toBe(401);
    expect(
      (
        await client
          .post(api('/validate/entity'))
          .set('Authorization', none)
          .send({})
      ).status,
    ).toBe(401);
    expect(
      (await client.get(api('/entities')).set('Authorization', none)).status,
    ).toBe(401);
  });

  it('answers 403 to every change the permission policy denies, and still serves reads', async () => {
    const client = await start({ deny: true });
    const denied = [
      client.post(api('/blueprints')).send(team()),
      client.put(api('/blueprints/Team')).send(team()),
      client.delete(api('/blueprints/Team')),
      client.post(api('/blueprints/Domain/entities')).send({ identifier: 'x' }),
      client
        .post(api('/blueprints/Domain/entities?upsert=true'))
        .send({ identifier: 'x' }),
      client.put(api('/blueprints/Domain/entities/x')).send({}),
      client.patch(api('/blueprints/Domain/entities/x')).send({}),
      client.delete(api('/blueprints/Domain/entities/x')),
    ];
    for (const res of await Promise.all(denied)) {
      expect(res.status).toBe(403);
      expect(res.body.error.name).toBe('NotAllowedError');
    }
    expect((await client.get(api('/blueprints'))).status).toBe(200);
    expect(
      (await client.post(api('/validate/blueprint')).send(team())).status,
    ).toBe(200);
  });

  it('answers 413 to a body over 5 MiB', async () => {
    const client = await start();
    const res = await client
      .post(api('/validate/blueprint'))
      .set('Content-Type', 'application/json')
      .send(
        JSON.stringify({
          identifier: 'Big',
          title: 'x'.repeat(5 * 1024 * 1024),
        }),
      );
    expect(res.status).toBe(413);

    const under = await client
      .post(api('/validate/blueprint'))
      .set('Content-Type', 'application/json')
      .send(
        JSON.stringify({
          identifier: 'Big',
          title: 'x'.repeat(4 * 1024 * 1024),
        }),
      );
    expect(under.status).toBe(200);
  });

  it('registers its permissions', async () => {
    const client = await start();
    const res = await client.get(
      api('/.well-known/backstage/permissions/metadata'),
    );
    expect(res.status).toBe(200);
    expect(res.body.permissions.map((p: { name: string }) => p.name)).toEqual([
      'plinth.blueprint.create',
      'plinth.blueprint.update',
      'plinth.blueprint.delete',
      'plinth.blueprint.entity.create',
      'plinth.blueprint.entity.update',
      'plinth.blueprint.entity.delete',
    ]);
  });
});

function team() {
  return {
    identifier: 'Team',
    schema: { properties: {}, required: [] },
  };
}
