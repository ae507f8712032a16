import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// The real DORA backend, on whose extension point the module adds its source.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import doraPlugin from '@plinth/plugin-dora-backend';
import { createHmac, randomUUID } from 'node:crypto';
import request from 'supertest';
import success from './__fixtures__/github-deployment_status-success.json';
import merged from './__fixtures__/github-pull_request-closed-merged.json';
import githubModule from './index';

jest.setTimeout(60_000);

const SECRET = 'gh-Secret-value-1234';

const signed = (body: string, secret = SECRET) =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

/** The DORA backend with this module, on an in-memory database. */
async function start(options: { secret?: string } = { secret: SECRET }) {
  const logger = mockServices.logger.mock();
  const { server } = await startTestBackend({
    features: [
      doraPlugin,
      githubModule,
      logger.factory,
      mockServices.rootConfig.factory({
        data: {
          plinth: {
            dora: options.secret
              ? { webhooks: { github: { secret: options.secret } } }
              : {},
          },
        },
      }),
      catalogServiceMock.factory({
        entities: [
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Component',
            metadata: {
              name: 'cart-service',
              annotations: { 'github.com/project-slug': 'acme/cart-service' },
            },
            spec: {},
          },
        ],
      }),
    ],
  });
  return { client: request(server), logger };
}

/** A delivery as GitHub sends it: unauthenticated, signed, with its id. */
function deliver(
  client: request.Agent | ReturnType<typeof request>,
  event: string,
  body: string,
  signature = signed(body),
  deliveryId: string = randomUUID(),
) {
  return client
    .post('/api/dora/webhooks/github')
    .set('Authorization', '')
    .set('Content-Type', 'application/json')
    .set('X-GitHub-Event', event)
    .set('X-GitHub-Delivery', deliveryId)
    .set('X-Hub-Signature-256', signature)
    .send(body);
}

/** The recorded successful status, as another status of the same deployment. */
function status(state: string, createdAt: string, id: number) {
  return JSON.stringify({
    ...success,
    deployment_status: {
      ...success.deployment_status,
      id,
      state,
      created_at: createdAt,
      updated_at: createdAt,
    },
  });
}

const window = 'from=2024-05-01T00:00:00Z&to=2024-05-03T00:00:00Z';

describe('the GitHub event source', () => {
  it('records a merged pull request and the deployment of its commit for the annotated entity, and ignores others', async () => {
    const { client } = await start();
    for (const [event, payload] of [
      ['pull_request', merged],
      ['deployment_status', success],
    ] as const) {
      const res = await deliver(client, event, JSON.stringify(payload));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ accepted: 1, created: 1 });
    }
    const pong = await deliver(client, 'ping', '{"zen":"Design for failure."}');
    expect(pong.body).toMatchObject({ accepted: 0, ignored: 'ping' });

    const metrics = await client.get(
      '/api/dora/metrics?from=2024-05-01T00:00:00Z&to=2024-05-03T00:00:00Z&groupBy=entity',
    );
    // Opened 2024-04-29T14:02:10Z, deployed 2024-05-02T09:07:41Z.
    expect(metrics.body.groups).toHaveLength(1);
    expect(metrics.body.groups[0].key).toBe('component:default/cart-service');
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
      .post('/api/dora/webhooks/github')
      .set('Content-Type', 'application/x-www-form-urlencoded')
      .set('X-GitHub-Event', 'pull_request')
      .set('X-GitHub-Delivery', randomUUID())
      .set('X-Hub-Signature-256', signed(body))
      .send(body);
    expect(res.status).toBe(200);
    expect(res.body.created).toBe(1);
  });

  it('ignores a delivery received before (the same X-GitHub-Delivery)', async () => {
    const { client } = await start();
    const body = JSON.stringify(merged);
    const id = '72d3162e-cc78-11e3-81ab-4c9367dc0958';
    const first = await deliver(client, 'pull_request', body, undefined, id);
    expect(first.body).toMatchObject({ accepted: 1, created: 1 });
    const again = await deliver(client, 'pull_request', body, undefined, id);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({
      accepted: 0,
      created: 0,
      ignored: `delivery ${id} was received before`,
    });
  });

  it('ignores a correctly signed older status delivered after a newer one: the change failure rate stays 1', async () => {
    const { client } = await start();
    const failure = status('failure', '2024-05-02T09:20:00Z', 3300102);
    const newer = await deliver(client, 'deployment_status', failure);
    expect(newer.body).toMatchObject({ accepted: 1, created: 1 });

    // The replay: the earlier success, signed, under a fresh delivery id.
    const older = await deliver(
      client,
      'deployment_status',
      JSON.stringify(success),
    );
    expect(older.status).toBe(200);
    expect(older.body).toMatchObject({
      accepted: 0,
      ignored:
        'the deployment status of 2024-05-02T09:07:41Z is older than the stored status of deployment github:acme/cart-service:deployment:1204401 (failure at 2024-05-02T09:20:00.000Z)',
    });
    const metrics = await client.get(`/api/dora/metrics?${window}`);
    expect(metrics.body.groups[0].metrics).toMatchObject({
      deployments: 1,
      failedDeployments: 1,
      changeFailureRate: 1,
    });

    // A newer status does replace it.
    const fixed = status('success', '2024-05-02T09:30:00Z', 3300103);
    const later = await deliver(client, 'deployment_status', fixed);
    expect(later.body).toMatchObject({ accepted: 1, updated: 1 });
    const after = await client.get(`/api/dora/metrics?${window}`);
    expect(after.body.groups[0].metrics.changeFailureRate).toBe(0);
  });

  it('answers 401 to a bad signature without telling the secret, 400 without an event name, a delivery id or JSON', async () => {
    const { client, logger } = await start();
    const body = JSON.stringify(merged);
    const forged = await deliver(
      client,
      'pull_request',
      body,
      signed(body, 'guess'),
    );
    expect(forged.status).toBe(401);
    expect(JSON.stringify(forged.body)).not.toContain(SECRET);
    expect(JSON.stringify(forged.body)).not.toContain(signed(body).slice(7));
    const unsigned = await client
      .post('/api/dora/webhooks/github')
      .set('X-GitHub-Event', 'pull_request')
      .send(body);
    expect(unsigned.status).toBe(401);
    const nameless = await client
      .post('/api/dora/webhooks/github')
      .set('X-Hub-Signature-256', signed(body))
      .send(body);
    expect(nameless.status).toBe(400);
    const badJson = await deliver(client, 'pull_request', '{"action":');
    expect(badJson.status).toBe(400);
    expect(badJson.body.error.message).toMatch(
      /^the GitHub body is not valid JSON/,
    );
    const idless = await client
      .post('/api/dora/webhooks/github')
      .set('X-GitHub-Event', 'pull_request')
      .set('X-Hub-Signature-256', signed(body))
      .send(body);
    expect(idless.status).toBe(400);
    expect(idless.body.error.message).toBe(
      'the X-GitHub-Delivery header is missing',
    );
    const calls = JSON.stringify([
      ...logger.error.mock.calls,
      ...logger.warn.mock.calls,
      ...logger.info.mock.calls,
    ]);
    expect(calls).not.toContain(SECRET);
  });

  it('answers 404 saying what to set when no secret is configured', async () => {
    const { client } = await start({});
    const res = await deliver(client, 'ping', '{}');
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe(
      'the GitHub webhook is not enabled: set plinth.dora.webhooks.github.secret',
    );
  });
});
