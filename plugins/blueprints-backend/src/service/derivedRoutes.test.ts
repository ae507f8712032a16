import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import {
  ANNOTATION_BLUEPRINT,
  ANNOTATION_IDENTIFIER,
  BLUEPRINTS_CATALOG_EVENT_TOPIC,
  BLUEPRINTS_DERIVED_EVENT_TOPIC,
  CatalogEntitiesEvent,
  DerivedEntitiesEvent,
} from '@plinth/plugin-blueprints-common';
import request from 'supertest';
import { domainBlueprint, systemBlueprint } from '../__testUtils__/fixtures';
import blueprintsPlugin from '../index';

jest.setTimeout(60_000);

const catalogEntity = (
  kind: string,
  name: string,
  blueprint: string,
  spec: Entity['spec'] = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: {
    name,
    annotations: {
      [ANNOTATION_BLUEPRINT]: blueprint,
      [ANNOTATION_IDENTIFIER]: name,
    },
  },
  spec,
});

describe('the derived properties API', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  const dir = createMockDirectory();
  const api = (path: string) => `/api/blueprints${path}`;

  let events: ReturnType<typeof mockServices.events>;
  let announced: DerivedEntitiesEvent[];

  async function start() {
    dir.setContent({
      'blueprints/domain.json': JSON.stringify(domainBlueprint()),
      'blueprints/system.json': JSON.stringify({
        ...systemBlueprint(),
        mirrorProperties: { domainTitle: { path: 'domain.$title' } },
        calculationProperties: {},
      }),
    });
    events = mockServices.events();
    announced = [];
    await events.subscribe({
      id: 'test',
      topics: [BLUEPRINTS_DERIVED_EVENT_TOPIC],
      onEvent: async ({ eventPayload }) => {
        announced.push(eventPayload as DerivedEntitiesEvent);
      },
    });
    const knex = await databases.init('SQLITE_3');
    const { server } = await startTestBackend({
      features: [
        blueprintsPlugin,
        createServiceFactory({
          service: eventsServiceRef,
          deps: {},
          factory: () => events,
        }),
        mockServices.rootConfig.factory({
          data: {
            plinth: { blueprints: { files: [dir.resolve('blueprints')] } },
          },
        }),
        mockServices.database.factory({ knex }),
        // Only the domain and the system are visible to callers.
        catalogServiceMock.factory({
          entities: [
            catalogEntity('Domain', 'orders', 'Domain'),
            catalogEntity('System', 'cart', 'System', { domain: 'orders' }),
          ],
        }),
      ],
    });
    const delivered: CatalogEntitiesEvent = {
      type: 'catalog.entities.changed',
      entities: [
        {
          entityRef: 'domain:default/orders',
          entity: {
            identifier: 'orders',
            blueprint: 'Domain',
            title: 'Orders',
          },
        },
        {
          entityRef: 'system:default/cart',
          entity: {
            identifier: 'cart',
            blueprint: 'System',
            team: 'cart-team',
            relations: { domain: 'orders' },
          },
        },
        {
          entityRef: 'system:default/hidden',
          entity: {
            identifier: 'hidden',
            blueprint: 'System',
            relations: { domain: 'orders' },
          },
        },
      ],
    };
    await events.publish({
      topic: BLUEPRINTS_CATALOG_EVENT_TOPIC,
      eventPayload: delivered,
    });
    return request(server);
  }

  async function eventually(read: () => Promise<request.Response>) {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const response = await read();
      if (response.status === 200 || Date.now() > deadline) return response;
      await new Promise(r => setTimeout(r, 200));
    }
  }

  it('serves an entity’s derived properties soon after the catalog delivers it', async () => {
    const client = await start();
    const response = await eventually(() =>
      client.get(api('/derived/by-ref/system/default/cart')),
    );
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      entityRef: 'system:default/cart',
      blueprint: 'System',
      identifier: 'cart',
      values: {
        domainTitle: {
          kind: 'mirror',
          value: 'Orders',
          computedAt: expect.any(String),
        },
      },
      ownership: { type: 'Direct', teams: ['cart-team'] },
    });

    // In bulk, in the order asked; null for what the caller cannot see.
    const bulk = await client.post(api('/derived/by-refs')).send({
      entityRefs: [
        'system:default/hidden',
        'System:default/Cart',
        'component:default/none',
      ],
    });
    expect(bulk.status).toBe(200);
    expect(bulk.body.items.map((i: any) => i?.identifier ?? null)).toEqual([
      null,
      'cart',
      null,
    ]);

    // Who owns what, directly or by inheritance, among what the caller sees.
    const owned = await client.get(api('/derived/owned-by/cart-team'));
    expect(owned.status).toBe(200);
    expect(owned.body).toEqual({
      items: [
        {
          entityRef: 'system:default/cart',
          blueprint: 'System',
          identifier: 'cart',
          ownership: { type: 'Direct', teams: ['cart-team'] },
        },
      ],
    });

    // An entity the caller cannot see is not found, as one never computed.
    const hidden = await client.get(
      api('/derived/by-ref/system/default/hidden'),
    );
    expect(hidden.status).toBe(404);
    expect(hidden.body.error.message).toContain(
      'no derived properties for system:default/hidden',
    );
  });

  it('serves whole blueprints of entity views to services, and announces what it computed', async () => {
    const client = await start();
    await eventually(() =>
      client.get(api('/derived/by-ref/system/default/cart')),
    );
    const service = mockCredentials.service.header();

    const first = await client
      .get(api('/derived/views?blueprint=System&limit=1'))
      .set('Authorization', service);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      items: [
        {
          entityRef: 'system:default/cart',
          entity: {
            identifier: 'cart',
            blueprint: 'System',
            team: 'cart-team',
            relations: { domain: 'orders' },
            derived: { domainTitle: 'Orders' },
          },
          teams: ['cart-team'],
        },
      ],
      next: 'cart',
    });
    const second = await client
      .get(api('/derived/views?blueprint=System&limit=1&after=cart'))
      .set('Authorization', service);
    expect(second.body.items.map((i: any) => i.entityRef)).toEqual([
      'system:default/hidden',
    ]);

    const byRefs = await client
      .post(api('/derived/views/by-refs'))
      .set('Authorization', service)
      .send({ entityRefs: ['domain:default/orders', 'api:default/none'] });
    expect(byRefs.status).toBe(200);
    expect(byRefs.body.items).toEqual([
      expect.objectContaining({ entityRef: 'domain:default/orders' }),
      null,
    ]);

    // Whole blueprints are not for users, and the blueprint is required.
    expect(
      (await client.get(api('/derived/views?blueprint=System'))).status,
    ).toBe(403);
    const missing = await client
      .get(api('/derived/views'))
      .set('Authorization', service);
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toContain(
      'query blueprint: is required',
    );

    const deadline = Date.now() + 10_000;
    while (
      !announced.some(e => e.entityRefs.includes('system:default/cart')) &&
      Date.now() < deadline
    ) {
      await new Promise(r => setTimeout(r, 100));
    }
    expect(announced.flatMap(e => e.entityRefs)).toEqual(
      expect.arrayContaining(['system:default/cart', 'domain:default/orders']),
    );
  });

  it('answers 400 to a malformed bulk request and 401 without credentials', async () => {
    const client = await start();
    const bad = await client
      .post(api('/derived/by-refs'))
      .send({ entityRefs: 'system:default/cart' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('body entityRefs');
    const none = mockCredentials.none.header();
    expect(
      (
        await client
          .get(api('/derived/by-ref/system/default/cart'))
          .set('Authorization', none)
      ).status,
    ).toBe(401);
    expect(
      (
        await client
          .post(api('/derived/by-refs'))
          .set('Authorization', none)
          .send({ entityRefs: [] })
      ).status,
    ).toBe(401);
  });
});
