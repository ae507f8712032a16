import { catalogDecidesPermissions } from '@plinth/backend-utils/testUtils';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import express from 'express';
import request from 'supertest';
import { AuthenticationError, InputError } from '@backstage/errors';
import type { DoraEventSource } from '@plinth/plugin-dora-node';
import { asUser, catalogHiding, GUEST } from '../__testUtils__/catalog';
import { createTestStore } from '../__testUtils__/database';
import {
  at,
  CART,
  change,
  deployment,
  incident,
  SHOP,
  T0,
} from '../__testUtils__/events';
import { catalogVisibility } from './catalogResolvers';
import { DoraMetricsService } from './DoraMetricsService';
import { createDoraRouter } from './router';

jest.setTimeout(60_000);

describe('the DORA API', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  async function start(
    options: {
      deny?: boolean;
      maxBatchBytes?: number;
      sources?: DoraEventSource[];
      now?: () => number;
    } = {},
  ) {
    const logger = mockServices.logger.mock();
    const { store } = await createTestStore(databases, 'SQLITE_3', logger);
    const service = new DoraMetricsService({
      store,
      logger,
      now: options.now ?? (() => T0 + 100 * 3_600_000),
      sources: options.sources,
      // The guest may not see the shop.
      visibleEntities: catalogVisibility({
        catalog: catalogHiding({ hiddenFrom: { [GUEST]: [SHOP] } }),
        permissions: catalogDecidesPermissions(),
      }),
      findEntityByAnnotation: async (annotation, value) =>
        annotation === 'ci/job' && value === 'cart-deploy'
          ? 'component:default/cart'
          : undefined,
    });
    const router = await createDoraRouter({
      httpAuth: mockServices.httpAuth(),
      logger: mockServices.logger.mock(),
      permissions: mockServices.permissions({
        result: options.deny ? AuthorizeResult.DENY : AuthorizeResult.ALLOW,
      }),
      service,
      maxBatchBytes: options.maxBatchBytes,
    });
    const app = express();
    app.use(router);
    app.use(
      MiddlewareFactory.create({
        config: mockServices.rootConfig(),
        logger,
      }).error(),
    );
    return { client: request(app), logger, service };
  }

  const window = `from=${encodeURIComponent(at(0))}&to=${encodeURIComponent(
    at(48),
  )}`;

  describe('POST /events', () => {
    it('takes a JSON array, or an object with events, and reports what it kept and rejected', async () => {
      const { client } = await start();
      const res = await client
        .post('/events')
        .send([
          change('c1', 0),
          deployment('d1', 10, { changes: ['c1'] }),
          { type: 'deployment', id: 'd2' },
        ]);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        accepted: 2,
        created: 2,
        rejected: [
          {
            index: 2,
            id: 'd2',
            reason: expect.stringContaining('entity: is required'),
          },
        ],
      });
      const again = await client
        .post('/events')
        .send({ events: [change('c1', 0)] });
      expect(again.body).toMatchObject({ accepted: 1, unchanged: 1 });

      const metrics = await client.get(`/metrics?${window}`);
      expect(metrics.status).toBe(200);
      expect(metrics.body.groups[0].metrics).toMatchObject({
        deployments: 1,
        leadTimeHoursMedian: 10,
      });
    });

    it('takes JSON Lines, reporting bad lines by number', async () => {
      const { client } = await start();
      const body = [
        JSON.stringify(deployment('d1', 10)),
        '',
        '{"type": "deployment", oops',
        JSON.stringify({ ...incident('i1', 11, 12), resolvedAt: 'later' }),
      ].join('\n');
      const res = await client
        .post('/events')
        .set('Content-Type', 'application/x-ndjson')
        .send(body);
      expect(res.status).toBe(200);
      expect(res.body.accepted).toBe(1);
      expect(res.body.rejected).toEqual([
        {
          index: 1,
          line: 3,
          reason: expect.stringMatching(/^not valid JSON: /),
        },
        {
          index: 2,
          line: 4,
          id: 'i1',
          reason:
            'resolvedAt: must be an ISO 8601 date-time with a time zone, e.g. 2024-05-01T12:00:00Z',
        },
      ]);
    });

    it('answers 400 to bad JSON, a body that is not a batch, and another content type', async () => {
      const { client } = await start();
      const bad = await client
        .post('/events')
        .set('Content-Type', 'application/json')
        .send('[{"type":');
      expect(bad.status).toBe(400);
      expect(bad.body.error).toMatchObject({
        name: 'InputError',
        message: expect.stringContaining('the body is not valid JSON'),
      });
      const notBatch = await client.post('/events').send({ type: 'x' });
      expect(notBatch.status).toBe(400);
      expect(notBatch.body.error.message).toBe(
        'the body must be a JSON array of events, or an object {"events": [...]}',
      );
      const text = await client
        .post('/events')
        .set('Content-Type', 'text/plain')
        .send('hello');
      expect(text.status).toBe(400);
    });

    it('answers 413 with a JSON error to a 50 MB batch', async () => {
      const { client } = await start();
      const event = JSON.stringify(deployment('d1', 10));
      const count = Math.ceil((50 * 1024 * 1024) / (event.length + 1));
      const body = `[${new Array(count).fill(event).join(',')}]`;
      expect(body.length).toBeGreaterThanOrEqual(50 * 1024 * 1024);
      const res = await client
        .post('/events')
        .set('Content-Type', 'application/json')
        .send(body);
      expect(res.status).toBe(413);
      expect(res.body.error).toEqual({
        name: 'PayloadTooLargeError',
        message:
          'the request body is larger than the limit of 10485760 bytes (plinth.dora.maxBatchBytes); send the events in smaller batches',
        statusCode: 413,
      });
    });

    it('needs a caller, and the permission', async () => {
      const { client } = await start();
      const anonymous = await client
        .post('/events')
        .set('Authorization', mockCredentials.none.header())
        .send([]);
      expect(anonymous.status).toBe(401);
      const denied = await (await start({ deny: true })).client
        .post('/events')
        .send([deployment('d1', 10)]);
      expect(denied.status).toBe(403);
      expect(denied.body.error.message).toBe(
        'not allowed: plinth.dora.events.create',
      );
    });
  });

  describe('GET /metrics, /trends, /deployments', () => {
    it('answers each with its report', async () => {
      const { client } = await start();
      await client
        .post('/events')
        .send([
          deployment('d1', 10, { entity: 'component:default/cart' }),
          deployment('d2', 30, { status: 'failure' }),
        ]);
      const metrics = await client.get(
        `/metrics?${window}&groupBy=entity&entityRef=Component:cart`,
      );
      expect(metrics.status).toBe(200);
      expect(metrics.body).toMatchObject({
        from: at(0),
        to: at(48),
        environment: 'production',
        groupBy: 'entity',
        groups: [
          {
            key: 'component:default/cart',
            metrics: { deployments: 2, changeFailureRate: 0.5 },
          },
        ],
      });
      const trends = await client.get(`/trends?${window}&bucket=week`);
      expect(trends.status).toBe(200);
      expect(trends.body.groups[0].buckets).toHaveLength(1);
      const defaults = await client.get('/metrics');
      expect(defaults.body).toMatchObject({
        to: new Date(T0 + 100 * 3_600_000).toISOString(),
        groupBy: 'none',
      });
      const deployments = await client.get(
        '/deployments?entityRef=component:default/cart&limit=1',
      );
      expect(deployments.status).toBe(200);
      expect(deployments.body.items.map((d: { id: string }) => d.id)).toEqual([
        'd2',
      ]);
    });

    it.each([
      ['/metrics?from=yesterday', 'query from: must be an ISO 8601'],
      ['/metrics?groupBy=planet', 'query groupBy: must be one of entity'],
      [
        `/metrics?from=${encodeURIComponent(at(0))}&from=${encodeURIComponent(
          at(1),
        )}`,
        'query from: must be given once',
      ],
      [
        `/metrics?from=${encodeURIComponent(at(10))}&to=${encodeURIComponent(
          at(0),
        )}`,
        'from must be before to',
      ],
      ['/metrics?entityRef=cart', 'query entityRef: must be an entity ref'],
      ['/trends?bucket=year', 'query bucket: must be week, month or quarter'],
      [
        `/trends?from=2000-01-01T00:00:00Z&to=2024-01-01T00:00:00Z`,
        'the window has more than 530 buckets of a week',
      ],
      [
        '/deployments?limit=0',
        'query limit: must be a whole number from 1 to 500',
      ],
      [
        '/deployments?limit=ten',
        'query limit: must be a whole number from 1 to 500',
      ],
    ])('answers 400 to %s', async (path, message) => {
      const { client } = await start();
      const res = await client.get(path);
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('InputError');
      expect(res.body.error.message).toContain(message);
    });

    it('needs a caller', async () => {
      const { client } = await start();
      for (const path of ['/metrics', '/trends', '/deployments']) {
        const res = await client
          .get(path)
          .set('Authorization', mockCredentials.none.header());
        expect(res.status).toBe(401);
      }
    });

    it('answers each with the entities the caller may see in the catalog only', async () => {
      const { client } = await start();
      await client
        .post('/events')
        .send([
          deployment('c1', 10),
          deployment('s1', 11, { entity: SHOP, status: 'failure' }),
          deployment('s2', 12, { entity: SHOP }),
        ]);
      const guest = mockCredentials.user.header(GUEST);
      const get = (path: string, authorization: string) =>
        client.get(path).set('Authorization', authorization);
      const keys = (res: request.Response) =>
        res.body.groups.map((g: { key: string }) => g.key);
      const ids = (res: request.Response) =>
        res.body.items.map((d: { id: string }) => d.id);

      for (const everything of [
        mockCredentials.user.header(),
        mockCredentials.service.header(),
      ]) {
        const metrics = await get(
          `/metrics?${window}&groupBy=entity`,
          everything,
        );
        expect(keys(metrics)).toEqual([CART, SHOP]);
        const trends = await get(
          `/trends?${window}&groupBy=entity`,
          everything,
        );
        expect(keys(trends)).toEqual([CART, SHOP]);
        const deployments = await get('/deployments', everything);
        expect(ids(deployments)).toEqual(['s2', 's1', 'c1']);
      }

      const metrics = await get(`/metrics?${window}&groupBy=entity`, guest);
      expect(metrics.status).toBe(200);
      expect(keys(metrics)).toEqual([CART]);
      const all = await get(`/metrics?${window}`, guest);
      expect(all.body.groups[0].metrics).toMatchObject({
        deployments: 1,
        changeFailureRate: 0,
      });
      const trends = await get(`/trends?${window}&groupBy=entity`, guest);
      expect(keys(trends)).toEqual([CART]);
      const deployments = await get('/deployments', guest);
      expect(ids(deployments)).toEqual(['c1']);

      // Naming the hidden entity answers as naming one that is not there.
      for (const path of [
        `/metrics?${window}&entityRef=${SHOP}`,
        `/metrics?${window}&groupBy=entity&entityRef=${SHOP}`,
        `/trends?${window}&entityRef=${SHOP}`,
        `/deployments?entityRef=${SHOP}`,
      ]) {
        const hidden = await get(path, guest);
        const unknown = await get(
          path.replace(SHOP, 'component:default/nowhere'),
          guest,
        );
        expect(hidden.status).toBe(200);
        expect({ path, body: hidden.body }).toEqual({
          path,
          body: unknown.body,
        });
      }
    });
  });

  describe('POST /webhooks/:source', () => {
    const source: DoraEventSource = {
      id: 'ci',
      async handleDelivery(delivery, context) {
        if (delivery.header('x-token') !== 'letmein') {
          throw new AuthenticationError('the X-Token header is wrong');
        }
        const payload = JSON.parse(delivery.body.toString('utf8'));
        if (payload.ping) return { ignored: 'ping' };
        const deliveryId = delivery.header('x-delivery');
        if (deliveryId !== undefined) {
          if (!(await context.firstDelivery(deliveryId))) {
            return { ignored: `delivery ${deliveryId} was received before` };
          }
          if (payload.fail) throw new InputError('the payload says fail');
        }
        const stored = await context.getIncident('i1');
        return {
          events: [
            {
              ...deployment('d1', 10),
              entity:
                (await context.findEntityByAnnotation('ci/job', payload.job)) ??
                'component:default/unknown',
              rework: stored !== undefined,
            },
          ],
        };
      },
    };

    it('hands the raw delivery to its source and takes in the events it gives', async () => {
      const { client, service } = await start({ sources: [source] });
      const res = await client
        .post('/webhooks/ci')
        .set('Content-Type', 'application/json')
        .set('X-Token', 'letmein')
        .send('{"job": "cart-deploy"}');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ accepted: 1, created: 1 });
      const { items } = await service.deployments({ limit: 5 }, asUser);
      expect(items).toMatchObject([
        { id: 'd1', entityRef: 'component:default/cart', rework: false },
      ]);
      const ping = await client
        .post('/webhooks/ci')
        .set('X-Token', 'letmein')
        .send('{"ping": true}');
      expect(ping.body).toMatchObject({ accepted: 0, ignored: 'ping' });
    });

    it("answers the source's errors, and 404 naming the installed sources for an unknown one", async () => {
      const { client } = await start({ sources: [source] });
      const forged = await client
        .post('/webhooks/ci')
        .set('X-Token', 'guess')
        .send('{}');
      expect(forged.status).toBe(401);
      const unknown = await client.post('/webhooks/gitlab').send('{}');
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.message).toBe(
        'no DORA event source "gitlab" is installed (installed: ci); add its module to the backend, e.g. @plinth/plugin-dora-backend-module-gitlab',
      );
    });

    it('ignores a delivery received before, takes it again after it failed, and forgets it after the retention', async () => {
      let now = T0;
      const { client, service } = await start({
        sources: [source],
        now: () => now,
      });
      const deliver = (id: string, body: object) =>
        client
          .post('/webhooks/ci')
          .set('X-Token', 'letmein')
          .set('X-Delivery', id)
          .send(JSON.stringify({ job: 'cart-deploy', ...body }));

      const failed = await deliver('del-1', { fail: true });
      expect(failed.status).toBe(400);
      const retried = await deliver('del-1', {});
      expect(retried.status).toBe(200);
      expect(retried.body).toMatchObject({ accepted: 1, created: 1 });
      const replayed = await deliver('del-1', {});
      expect(replayed.status).toBe(200);
      expect(replayed.body).toEqual({
        accepted: 0,
        created: 0,
        updated: 0,
        unchanged: 0,
        rejected: [],
        warnings: [],
        ignored: 'delivery del-1 was received before',
      });

      now += 29 * 86_400_000;
      await service.forgetOldDeliveries();
      expect((await deliver('del-1', {})).body.ignored).toBe(
        'delivery del-1 was received before',
      );
      now += 2 * 86_400_000;
      await service.forgetOldDeliveries();
      expect((await deliver('del-1', {})).body).toMatchObject({
        accepted: 1,
        unchanged: 1,
      });
    });

    it('answers 400 to a delivery id longer than 255 characters', async () => {
      const { client } = await start({ sources: [source] });
      const res = await client
        .post('/webhooks/ci')
        .set('X-Token', 'letmein')
        .set('X-Delivery', 'x'.repeat(256))
        .send('{"job": "cart-deploy"}');
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(
        'the delivery id must have 1 to 255 characters',
      );
    });
  });
});
