import {
  coreServices,
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import {
  DORA_CHANGED_EVENT_TOPIC,
  DoraChangedEvent,
} from '@plinth/plugin-dora-common';
import { catalogDecidesPermissions } from '@plinth/backend-utils/testUtils';
import { doraEventSourcesExtensionPoint } from '@plinth/plugin-dora-node';
import request from 'supertest';
import { catalogHiding, GUEST } from './__testUtils__/catalog';
import { CART, deployment, SHOP } from './__testUtils__/events';
import { doraPlugin } from './plugin';

jest.setTimeout(60_000);

/** A source that takes a deployment id and finds its entity by annotation. */
const testSource = createBackendModule({
  pluginId: 'dora',
  moduleId: 'test-source',
  register(reg) {
    reg.registerInit({
      deps: { sources: doraEventSourcesExtensionPoint },
      async init({ sources }) {
        sources.addSource({
          id: 'test',
          async handleDelivery(delivery, context) {
            const { id, app } = JSON.parse(delivery.body.toString('utf8'));
            const entity = await context.findEntityByAnnotation('ci/app', app);
            return { events: [{ ...deployment(id, 10), entity }] };
          },
        });
      },
    });
  },
});

describe('the DORA backend plugin', () => {
  it('takes webhook deliveries unauthenticated through the sources of modules, and announces changed entities', async () => {
    const announced: DoraChangedEvent[] = [];
    const events = mockServices.events();
    await events.subscribe({
      id: 'listener',
      topics: [DORA_CHANGED_EVENT_TOPIC],
      onEvent: async ({ eventPayload }) => {
        announced.push(eventPayload as DoraChangedEvent);
      },
    });
    const { server } = await startTestBackend({
      features: [
        doraPlugin,
        testSource,
        createServiceFactory({
          service: eventsServiceRef,
          deps: {},
          factory: () => events,
        }),
        catalogServiceMock.factory({
          entities: [
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Component',
              metadata: { name: 'cart', annotations: { 'ci/app': 'cart' } },
              spec: {},
            },
          ],
        }),
      ],
    });
    const client = request(server);

    const anonymous = await client
      .post('/api/dora/events')
      .set('Authorization', mockCredentials.none.header())
      .send([deployment('d0', 10)]);
    expect(anonymous.status).toBe(401);
    const metricsAnonymous = await client
      .get('/api/dora/metrics')
      .set('Authorization', mockCredentials.none.header());
    expect(metricsAnonymous.status).toBe(401);

    const delivered = await client
      .post('/api/dora/webhooks/test')
      .set('Authorization', mockCredentials.none.header())
      .send(JSON.stringify({ id: 'd1', app: 'cart' }));
    expect(delivered.status).toBe(200);
    expect(delivered.body).toMatchObject({ accepted: 1, created: 1 });
    expect(announced).toEqual([
      {
        type: 'dora.entities.changed',
        entityRefs: ['component:default/cart'],
      },
    ]);

    // Sending it again changes nothing, and announces nothing.
    await client
      .post('/api/dora/webhooks/test')
      .send(JSON.stringify({ id: 'd1', app: 'cart' }));
    expect(announced).toHaveLength(1);
  });

  it("answers the reads with the entities the caller may see in the catalog, asked with the caller's credentials", async () => {
    const catalog = catalogHiding({ hiddenFrom: { [GUEST]: [SHOP] } });
    const { server } = await startTestBackend({
      features: [
        doraPlugin,
        catalog.factory,
        // The catalog decides, entity by entity, what users may read.
        createServiceFactory({
          service: coreServices.permissions,
          deps: {},
          factory: () => catalogDecidesPermissions(),
        }),
      ],
    });
    const client = request(server);
    const recorded = await client
      .post('/api/dora/events')
      .send([
        deployment('d1', 10),
        deployment('d2', 11, { entity: SHOP, status: 'failure' }),
      ]);
    expect(recorded.body).toMatchObject({ created: 2 });

    const read = (path: string, authorization: string) =>
      client.get(`/api/dora${path}`).set('Authorization', authorization);
    const metrics = '/metrics?from=2024-03-04T00:00:00Z&groupBy=entity';
    const guest = mockCredentials.user.header(GUEST);
    const keys = (res: request.Response) =>
      res.body.groups.map((g: { key: string }) => g.key);
    expect(keys(await read(metrics, guest))).toEqual([CART]);
    expect(keys(await read(metrics, mockCredentials.user.header()))).toEqual([
      CART,
      SHOP,
    ]);
    expect(keys(await read(metrics, mockCredentials.service.header()))).toEqual(
      [CART, SHOP],
    );
    const deployments = await read('/deployments', guest);
    expect(deployments.body.items.map((d: { id: string }) => d.id)).toEqual([
      'd1',
    ]);
    expect(catalog.getEntitiesByRefs).toHaveBeenCalledWith(
      { entityRefs: [CART, SHOP], fields: ['kind'] },
      { credentials: mockCredentials.user(GUEST) },
    );
  });
});
