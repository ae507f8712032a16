import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import express from 'express';
import { createHmac } from 'node:crypto';
import request from 'supertest';
import { migratedDatabase } from '../__testUtils__/database';
import { at, change, deployment, incident, T0 } from './__testUtils__/events';
import { DoraService } from './DoraService';
import { DoraStore } from './DoraStore';
import { createDoraRouter } from './router';
import success from './webhooks/__fixtures__/github-deployment_status-success.json';
import merged from './webhooks/__fixtures__/github-pull_request-closed-merged.json';
import resolved from './webhooks/__fixtures__/pagerduty-incident-resolved.json';
import triggered from './webhooks/__fixtures__/pagerduty-incident-triggered.json';

jest.setTimeout(60_000);

const GITHUB_SECRET = 'gh-Secret-value-1234';
const PAGERDUTY_TOKEN = 'pd-Token-value-5678';
const PAGERDUTY_SIGNING = 'pd-Signing-value-9012';

describe('the DORA API', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  async function start(
    options: {
      deny?: boolean;
      maxBatchBytes?: number;
      pagerduty?: { token?: string; signingSecret?: string };
      github?: boolean;
    } = {},
  ) {
    const knex = await migratedDatabase(databases, 'SQLITE_3');
    const logger = mockServices.logger.mock();
    const store = await DoraStore.create({
      database: mockServices.database({ knex, migrations: { skip: true } }),
      logger,
    });
    const service = new DoraService({
      store,
      logger,
      now: () => T0 + 100 * 3_600_000,
    });
    const router = await createDoraRouter({
      httpAuth: mockServices.httpAuth(),
      permissions: mockServices.permissions({
        result: options.deny ? AuthorizeResult.DENY : AuthorizeResult.ALLOW,
      }),
      logger,
      service,
      maxBatchBytes: options.maxBatchBytes,
      webhooks: {
        ...(options.github === false
          ? {}
          : { github: { secret: GITHUB_SECRET } }),
        pagerduty: options.pagerduty ?? { token: PAGERDUTY_TOKEN },
      },
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

  describe('POST /dora/events', () => {
    it('takes a JSON array, or an object with events, and reports what it kept and rejected', async () => {
      const { client } = await start();
      const res = await client
        .post('/dora/events')
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
        .post('/dora/events')
        .send({ events: [change('c1', 0)] });
      expect(again.body).toMatchObject({ accepted: 1, unchanged: 1 });

      const metrics = await client.get(`/dora/metrics?${window}`);
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
        .post('/dora/events')
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
        .post('/dora/events')
        .set('Content-Type', 'application/json')
        .send('[{"type":');
      expect(bad.status).toBe(400);
      expect(bad.body.error).toMatchObject({
        name: 'InputError',
        message: expect.stringContaining('the body is not valid JSON'),
      });
      const notBatch = await client.post('/dora/events').send({ type: 'x' });
      expect(notBatch.status).toBe(400);
      expect(notBatch.body.error.message).toBe(
        'the body must be a JSON array of events, or an object {"events": [...]}',
      );
      const text = await client
        .post('/dora/events')
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
        .post('/dora/events')
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
        .post('/dora/events')
        .set('Authorization', mockCredentials.none.header())
        .send([]);
      expect(anonymous.status).toBe(401);
      const denied = await (await start({ deny: true })).client
        .post('/dora/events')
        .send([deployment('d1', 10)]);
      expect(denied.status).toBe(403);
      expect(denied.body.error.message).toBe(
        'not allowed: plinth.dora.events.create',
      );
    });
  });

  describe('GET /dora/metrics, /dora/trends, /dora/deployments', () => {
    it('answers each with its report', async () => {
      const { client } = await start();
      await client
        .post('/dora/events')
        .send([
          deployment('d1', 10, { entity: 'component:default/cart' }),
          deployment('d2', 30, { status: 'failure' }),
        ]);
      const metrics = await client.get(
        `/dora/metrics?${window}&groupBy=entity&entityRef=Component:cart`,
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
      const trends = await client.get(`/dora/trends?${window}&bucket=week`);
      expect(trends.status).toBe(200);
      expect(trends.body.groups[0].buckets).toHaveLength(1);
      const defaults = await client.get('/dora/metrics');
      expect(defaults.body).toMatchObject({
        to: new Date(T0 + 100 * 3_600_000).toISOString(),
        groupBy: 'none',
      });
      const deployments = await client.get(
        '/dora/deployments?entityRef=component:default/cart&limit=1',
      );
      expect(deployments.status).toBe(200);
      expect(deployments.body.items.map((d: { id: string }) => d.id)).toEqual([
        'd2',
      ]);
    });

    it.each([
      ['/dora/metrics?from=yesterday', 'query from: must be an ISO 8601'],
      ['/dora/metrics?groupBy=planet', 'query groupBy: must be one of entity'],
      [
        `/dora/metrics?from=${encodeURIComponent(
          at(0),
        )}&from=${encodeURIComponent(at(1))}`,
        'query from: must be given once',
      ],
      [
        `/dora/metrics?from=${encodeURIComponent(
          at(10),
        )}&to=${encodeURIComponent(at(0))}`,
        'from must be before to',
      ],
      [
        '/dora/metrics?entityRef=cart',
        'query entityRef: must be an entity ref',
      ],
      [
        '/dora/trends?bucket=year',
        'query bucket: must be week, month or quarter',
      ],
      [
        `/dora/trends?from=2000-01-01T00:00:00Z&to=2024-01-01T00:00:00Z`,
        'the window has more than 530 buckets of a week',
      ],
      [
        '/dora/deployments?limit=0',
        'query limit: must be a whole number from 1 to 500',
      ],
      [
        '/dora/deployments?limit=ten',
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
      const res = await client
        .get('/dora/metrics')
        .set('Authorization', mockCredentials.none.header());
      expect(res.status).toBe(401);
    });
  });

  describe('POST /dora/webhooks/github', () => {
    const signed = (body: string, secret = GITHUB_SECRET) =>
      `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

    it('records a merged pull request and the deployment of its commit, and ignores others', async () => {
      const { client } = await start();
      for (const [event, payload] of [
        ['pull_request', merged],
        ['deployment_status', success],
      ] as const) {
        const body = JSON.stringify(payload);
        const res = await client
          .post('/dora/webhooks/github')
          .set('Content-Type', 'application/json')
          .set('X-GitHub-Event', event)
          .set('X-Hub-Signature-256', signed(body))
          .send(body);
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ accepted: 1, created: 1 });
      }
      const ping = '{"zen":"Design for failure."}';
      const pong = await client
        .post('/dora/webhooks/github')
        .set('Content-Type', 'application/json')
        .set('X-GitHub-Event', 'ping')
        .set('X-Hub-Signature-256', signed(ping))
        .send(ping);
      expect(pong.body).toMatchObject({ accepted: 0, ignored: 'ping' });

      const metrics = await client.get(
        `/dora/metrics?from=2024-05-01T00:00:00Z&to=2024-05-03T00:00:00Z`,
      );
      // Opened 2024-04-29T14:02:10Z, deployed 2024-05-02T09:07:41Z.
      expect(metrics.body.groups[0].metrics.leadTimeHoursMedian).toBeCloseTo(
        67.0919,
        3,
      );
    });

    it('takes a form-encoded delivery', async () => {
      const { client } = await start();
      const body = new URLSearchParams({
        payload: JSON.stringify(merged),
      }).toString();
      const res = await client
        .post('/dora/webhooks/github')
        .set('Content-Type', 'application/x-www-form-urlencoded')
        .set('X-GitHub-Event', 'pull_request')
        .set('X-Hub-Signature-256', signed(body))
        .send(body);
      expect(res.status).toBe(200);
      expect(res.body.created).toBe(1);
    });

    it('answers 401 to a bad signature without telling the secret, 400 without an event name, 404 when not configured', async () => {
      const { client, logger } = await start();
      const body = JSON.stringify(merged);
      const forged = await client
        .post('/dora/webhooks/github')
        .set('Content-Type', 'application/json')
        .set('X-GitHub-Event', 'pull_request')
        .set('X-Hub-Signature-256', signed(body, 'guess'))
        .send(body);
      expect(forged.status).toBe(401);
      expect(JSON.stringify(forged.body)).not.toContain(GITHUB_SECRET);
      expect(JSON.stringify(forged.body)).not.toContain(signed(body).slice(7));
      const unsigned = await client
        .post('/dora/webhooks/github')
        .set('X-GitHub-Event', 'pull_request')
        .send(body);
      expect(unsigned.status).toBe(401);
      const nameless = await client
        .post('/dora/webhooks/github')
        .set('X-Hub-Signature-256', signed(body))
        .send(body);
      expect(nameless.status).toBe(400);
      const broken = '{"action":';
      const badJson = await client
        .post('/dora/webhooks/github')
        .set('X-GitHub-Event', 'pull_request')
        .set('X-Hub-Signature-256', signed(broken))
        .send(broken);
      expect(badJson.status).toBe(400);
      const calls = JSON.stringify([
        ...logger.error.mock.calls,
        ...logger.warn.mock.calls,
        ...logger.info.mock.calls,
      ]);
      expect(calls).not.toContain(GITHUB_SECRET);

      const off = await (await start({ github: false })).client
        .post('/dora/webhooks/github')
        .set('X-GitHub-Event', 'ping')
        .send('{}');
      expect(off.status).toBe(404);
    });
  });

  describe('POST /dora/webhooks/pagerduty', () => {
    it('records an incident and its resolution with the token header', async () => {
      const { client } = await start();
      for (const payload of [triggered, resolved]) {
        const res = await client
          .post('/dora/webhooks/pagerduty')
          .set('X-Plinth-Token', PAGERDUTY_TOKEN)
          .send(payload);
        expect(res.status).toBe(200);
        expect(res.body.accepted).toBe(1);
      }
      // A late delivery of the trigger does not reopen it.
      const late = await client
        .post('/dora/webhooks/pagerduty')
        .set('X-Plinth-Token', PAGERDUTY_TOKEN)
        .send(triggered);
      expect(late.body.ignored).toBe(
        'the delivery is older than the stored resolution of incident pagerduty:Q2SHP0ZNMXF7TQ',
      );
      const metrics = await client.get(
        '/dora/metrics?from=2024-05-01T00:00:00Z&to=2024-05-03T00:00:00Z',
      );
      expect(metrics.body.groups[0].metrics).toMatchObject({
        recoveries: 1,
        recoveryHoursMedian:
          (Date.parse('2024-05-02T10:42:03.500Z') -
            Date.parse('2024-05-02T09:12:03Z')) /
          3_600_000,
      });
    });

    it('keeps a cause sent through the events API', async () => {
      const { client, service } = await start();
      await client.post('/dora/events').send([
        {
          type: 'incident',
          id: 'pagerduty:Q2SHP0ZNMXF7TQ',
          entity: 'component:default/cart-service-prod',
          createdAt: '2024-05-02T09:12:03Z',
          causedBy: 'd1',
        },
      ]);
      await client
        .post('/dora/webhooks/pagerduty')
        .set('X-Plinth-Token', PAGERDUTY_TOKEN)
        .send(resolved);
      const { items } = await service.deployments({ limit: 5 });
      expect(items).toEqual([]);
      const res = await client.post('/dora/events').send([
        {
          ...deployment('d1', 0, {
            entity: 'component:default/cart-service-prod',
          }),
          finishedAt: '2024-05-02T09:00:00Z',
          startedAt: '2024-05-02T08:50:00Z',
        },
      ]);
      expect(res.body.created).toBe(1);
      const [d1] = (await service.deployments({ limit: 5 })).items;
      expect(d1).toMatchObject({
        failed: true,
        incidents: [
          {
            id: 'pagerduty:Q2SHP0ZNMXF7TQ',
            resolvedAt: '2024-05-02T10:42:03.500Z',
          },
        ],
      });
    });

    it('checks the token and the signature', async () => {
      const { client } = await start({
        pagerduty: { token: PAGERDUTY_TOKEN, signingSecret: PAGERDUTY_SIGNING },
      });
      const body = JSON.stringify(triggered);
      const signature = `v1=${createHmac('sha256', PAGERDUTY_SIGNING)
        .update(body)
        .digest('hex')}`;
      const ok = await client
        .post('/dora/webhooks/pagerduty')
        .set('Content-Type', 'application/json')
        .set('X-Plinth-Token', PAGERDUTY_TOKEN)
        .set('X-PagerDuty-Signature', signature)
        .send(body);
      expect(ok.status).toBe(200);
      const noToken = await client
        .post('/dora/webhooks/pagerduty')
        .set('Content-Type', 'application/json')
        .set('X-PagerDuty-Signature', signature)
        .send(body);
      expect(noToken.status).toBe(401);
      const badSignature = await client
        .post('/dora/webhooks/pagerduty')
        .set('Content-Type', 'application/json')
        .set('X-Plinth-Token', PAGERDUTY_TOKEN)
        .set('X-PagerDuty-Signature', 'v1=00')
        .send(body);
      expect(badSignature.status).toBe(401);
      expect(JSON.stringify(badSignature.body)).not.toContain(
        PAGERDUTY_SIGNING,
      );
      const off = await (await start({ pagerduty: {} })).client
        .post('/dora/webhooks/pagerduty')
        .send(body);
      expect(off.status).toBe(404);
    });
  });
});
