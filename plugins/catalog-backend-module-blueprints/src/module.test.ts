import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { BLUEPRINTS_EVENT_TOPIC } from '@plinth/plugin-blueprints-common';
import { blueprintsServiceRef } from '@plinth/plugin-blueprints-node';
import request from 'supertest';
import { InMemoryBlueprintsService } from './__testUtils__/blueprints';
import { catalogModuleBlueprints } from './module';

/** Polls the catalog until `check` passes on the entity, or fails with its last error. */
async function eventually<T>(
  read: () => Promise<T>,
  check: (value: T) => void,
) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await read();
    try {
      check(value);
      return value;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise(r => setTimeout(r, 200));
    }
  }
}

describe('catalogModuleBlueprints', () => {
  const dir = createMockDirectory();

  it('brings blueprints, Port files and the entity store into the catalog, related and validated', async () => {
    dir.setContent({
      'entities/System/Cart.json': JSON.stringify({
        identifier: 'Cart',
        relations: { domain: 'Orders' },
      }),
      'entities/Domain/Orders.json': JSON.stringify({ identifier: 'Orders' }),
      'entities/Component/PaymentsService.json': JSON.stringify({
        identifier: 'PaymentsService',
        properties: { type: 'service' },
        relations: { system: 'Cart' },
      }),
      'entities/API/PaymentsAPI.json': JSON.stringify({
        identifier: 'PaymentsAPI',
        relations: { provider: 'PaymentsService' },
      }),
      'entities/Environment/envs.json': JSON.stringify([
        {
          identifier: 'cart-dev',
          team: 'cart-team',
          properties: { type: 'development', ttlHours: 48 },
          relations: { system: 'Cart' },
        },
        // Left out: not one of the enum's values.
        {
          identifier: 'cart-qa',
          properties: { type: 'qa' },
          relations: { system: 'Cart' },
        },
      ]),
    });
    const service = new InMemoryBlueprintsService(undefined, [
      {
        blueprint: 'Component',
        entity: {
          identifier: 'CartService',
          properties: { type: 'service' },
          relations: { system: 'Cart' },
        },
      },
    ]);
    // One events service for all plugins, as the real one is (the mock
    // factory gives each plugin its own), for the test to publish on.
    const events = mockServices.events();
    const backend = await startTestBackend({
      features: [
        createServiceFactory({
          service: eventsServiceRef,
          deps: {},
          factory: () => events,
        }),
        catalogPlugin,
        catalogModuleBlueprints,
        mockServices.rootConfig.factory({
          data: {
            catalog: {
              providers: {
                plinthBlueprints: {
                  entities: [dir.resolve('entities')],
                  // One full sync at the start; after it, only events.
                  schedule: {
                    frequency: { minutes: 30 },
                    timeout: { seconds: 30 },
                  },
                },
              },
            },
          },
        }),
        createServiceFactory({
          service: blueprintsServiceRef,
          deps: {},
          factory: () => service,
        }),
      ],
    });
    const get = (path: string) =>
      request(backend.server)
        .get(`/api/catalog/entities/by-name/${path}`)
        .set('Authorization', mockCredentials.user.header());

    try {
      const environment = await eventually(
        () => get('environment/default/cart-dev'),
        response => expect(response.body.relations).toHaveLength(2),
      );
      expect(environment.body).toMatchObject({
        apiVersion: 'plinth.dev/v1alpha1',
        kind: 'Environment',
        spec: { owner: 'group:default/cart-team' },
      });
      expect(environment.body.relations).toEqual(
        expect.arrayContaining([
          { type: 'system', targetRef: 'system:default/cart' },
          { type: 'ownedBy', targetRef: 'group:default/cart-team' },
        ]),
      );

      // The system has its native domain, and the reverse relation.
      const cart = await eventually(
        () => get('system/default/Cart'),
        response =>
          expect(response.body.relations).toEqual(
            expect.arrayContaining([
              { type: 'partOf', targetRef: 'domain:default/orders' },
              { type: 'systemOf', targetRef: 'environment:default/cart-dev' },
            ]),
          ),
      );
      expect(cart.body.spec.domain).toBe('domain:default/Orders');

      // The entity store's entity, and the registry's blueprints.
      await eventually(
        () => get('component/default/CartService'),
        response => expect(response.status).toBe(200),
      );
      const blueprint = await eventually(
        () => get('blueprint/default/Environment'),
        response => expect(response.body.relations).toBeDefined(),
      );
      expect(blueprint.body.metadata.annotations['plinth.dev/origin']).toBe(
        'registry',
      );

      // An API's provider, a relation Port keeps on the API, is the
      // provider's native providesApis, so the API is "provided by" it.
      const payments = await eventually(
        () => get('component/default/PaymentsService'),
        response => expect(response.status).toBe(200),
      );
      expect(payments.body.spec.providesApis).toEqual([
        'api:default/PaymentsAPI',
      ]);
      await eventually(
        () => get('api/default/PaymentsAPI'),
        response =>
          expect(response.body.relations).toEqual(
            expect.arrayContaining([
              {
                type: 'apiProvidedBy',
                targetRef: 'component:default/paymentsservice',
              },
            ]),
          ),
      );

      // The invalid entity is left out; the valid ones of its file are in.
      expect((await get('environment/default/cart-qa')).status).toBe(404);

      // A change in the entity store reaches the catalog through an event.
      service.stored = [
        {
          blueprint: 'Component',
          entity: {
            identifier: 'ProductsService',
            properties: { type: 'service' },
          },
        },
      ];
      await events.publish({
        topic: BLUEPRINTS_EVENT_TOPIC,
        eventPayload: {
          type: 'entities.changed',
          changes: [
            { blueprint: 'Component', identifier: 'CartService' },
            {
              blueprint: 'Component',
              identifier: 'ProductsService',
              entity: {
                identifier: 'ProductsService',
                properties: { type: 'service' },
              },
            },
          ],
        },
      });
      await eventually(
        () => get('component/default/ProductsService'),
        response => expect(response.status).toBe(200),
      );
      await eventually(
        () => get('component/default/CartService'),
        response => expect(response.status).toBe(404),
      );

      // A change that points a relation nowhere is reported on the entity,
      // which keeps its last valid version.
      const dangling = {
        identifier: 'ProductsService',
        properties: { type: 'service' },
        relations: { system: 'Nowhere' },
      };
      service.stored = [{ blueprint: 'Component', entity: dangling }];
      await events.publish({
        topic: BLUEPRINTS_EVENT_TOPIC,
        eventPayload: {
          type: 'entities.changed',
          changes: [
            {
              blueprint: 'Component',
              identifier: 'ProductsService',
              entity: dangling,
            },
          ],
        },
      });
      const products = await eventually(
        () => get('component/default/ProductsService'),
        response =>
          expect(JSON.stringify(response.body.status?.items)).toContain(
            'no System \\"Nowhere\\" in the catalog',
          ),
      );
      expect(products.body.spec.system).toBeUndefined();
    } finally {
      await backend.stop();
    }
  }, 60_000);
});
