import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// The real DORA backend, on whose extension point the module adds its source.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import doraPlugin from '@plinth/plugin-dora-backend';
import { createHmac } from 'node:crypto';
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

/** A delivery as GitHub sends it: unauthenticated, signed. */
function deliver(
  client: request.Agent | ReturnType<typeof request>,
  event: string,
  body: string,
  signature = signed(body),
) {
  return client
    .post('/api/dora/webhooks/github')
    .set('Authorization', '')
    .set('Content-Type', 'application/json')
    .set('X-GitHub-Event', event)
    .set('X-Hub-Signature-256', signature)
    .send(body);
}

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
      .set('X-Hub-Signature-256', signed(body))
      .send(body);
    expect(res.status).toBe(200);
    expect(res.body.created).toBe(1);
  });

  it('answers 401 to a bad signature without telling the secret, 400 without an event name or JSON', async () => {
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
