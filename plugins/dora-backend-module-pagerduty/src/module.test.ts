import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// The real DORA backend, on whose extension point the module adds its source.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import doraPlugin from '@plinth/plugin-dora-backend';
import { createHmac } from 'node:crypto';
import request from 'supertest';
import acknowledged from './__fixtures__/pagerduty-incident-acknowledged.json';
import resolved from './__fixtures__/pagerduty-incident-resolved.json';
import triggered from './__fixtures__/pagerduty-incident-triggered.json';
import pagerDutyModule from './index';

jest.setTimeout(60_000);

const TOKEN = 'pd-Token-value-5678';
const SIGNING = 'pd-Signing-value-9012';

/** The DORA backend with this module, on an in-memory database. */
async function start(pagerduty: { token?: string; signingSecret?: string }) {
  const { server } = await startTestBackend({
    features: [
      doraPlugin,
      pagerDutyModule,
      mockServices.rootConfig.factory({
        data: { plinth: { dora: { webhooks: { pagerduty } } } },
      }),
      // The entity of the fixtures' service (by its name: no annotation).
      catalogServiceMock.factory({
        entities: [
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Component',
            metadata: { name: 'cart-service-prod' },
            spec: {},
          },
        ],
      }),
    ],
  });
  return request(server);
}

describe('the PagerDuty event source', () => {
  it('records an incident and its resolution with the token header, and ignores a delivery received again or late', async () => {
    const client = await start({ token: TOKEN });
    const deliver = (payload: object) =>
      client
        .post('/api/dora/webhooks/pagerduty')
        .set('X-Plinth-Token', TOKEN)
        .send(payload);
    for (const payload of [triggered, resolved]) {
      const res = await deliver(payload);
      expect(res.status).toBe(200);
      expect(res.body.accepted).toBe(1);
    }
    // The trigger again (a retry, or a replay: the same event id).
    const again = await deliver(triggered);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({
      accepted: 0,
      ignored: 'delivery 01EXB7Q3X1ZK2M4N6P8R0T2V4W was received before',
    });
    // The acknowledgement, delivered after the resolution, does not reopen it.
    const late = await deliver(acknowledged);
    expect(late.body.ignored).toBe(
      'the delivery is older than the stored resolution of incident pagerduty:Q2SHP0ZNMXF7TQ',
    );
    const metrics = await client.get(
      '/api/dora/metrics?from=2024-05-01T00:00:00Z&to=2024-05-03T00:00:00Z',
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
    const client = await start({ token: TOKEN });
    await client.post('/api/dora/events').send([
      {
        type: 'incident',
        id: 'pagerduty:Q2SHP0ZNMXF7TQ',
        entity: 'component:default/cart-service-prod',
        createdAt: '2024-05-02T09:12:03Z',
        causedBy: 'd1',
      },
    ]);
    await client
      .post('/api/dora/webhooks/pagerduty')
      .set('X-Plinth-Token', TOKEN)
      .send(resolved);
    const res = await client.post('/api/dora/events').send([
      {
        type: 'deployment',
        id: 'd1',
        entity: 'component:default/cart-service-prod',
        environment: 'production',
        status: 'success',
        startedAt: '2024-05-02T08:50:00Z',
        finishedAt: '2024-05-02T09:00:00Z',
        changes: [],
        rework: false,
      },
    ]);
    expect(res.body.created).toBe(1);
    const deployments = await client.get(
      '/api/dora/deployments?entityRef=component:default/cart-service-prod',
    );
    expect(deployments.body.items).toMatchObject([
      {
        id: 'd1',
        failed: true,
        incidents: [
          {
            id: 'pagerduty:Q2SHP0ZNMXF7TQ',
            resolvedAt: '2024-05-02T10:42:03.500Z',
          },
        ],
      },
    ]);
  });

  it('checks the token and the signature, without telling them', async () => {
    const client = await start({ token: TOKEN, signingSecret: SIGNING });
    const body = JSON.stringify(triggered);
    const signature = `v1=${createHmac('sha256', SIGNING)
      .update(body)
      .digest('hex')}`;
    const post = () =>
      client
        .post('/api/dora/webhooks/pagerduty')
        .set('Authorization', '')
        .set('Content-Type', 'application/json');
    const ok = await post()
      .set('X-Plinth-Token', TOKEN)
      .set('X-PagerDuty-Signature', signature)
      .send(body);
    expect(ok.status).toBe(200);
    expect(ok.body.created).toBe(1);
    const replayed = await post()
      .set('X-Plinth-Token', TOKEN)
      .set('X-PagerDuty-Signature', signature)
      .send(body);
    expect(replayed.body.ignored).toBe(
      'delivery 01EXB7Q3X1ZK2M4N6P8R0T2V4W was received before',
    );
    const noToken = await post()
      .set('X-PagerDuty-Signature', signature)
      .send(body);
    expect(noToken.status).toBe(401);
    const badSignature = await post()
      .set('X-Plinth-Token', TOKEN)
      .set('X-PagerDuty-Signature', 'v1=00')
      .send(body);
    expect(badSignature.status).toBe(401);
    expect(JSON.stringify(badSignature.body)).not.toContain(SIGNING);
    expect(JSON.stringify(noToken.body)).not.toContain(TOKEN);
  });

  it('answers 404 saying what to set when neither is configured', async () => {
    const client = await start({});
    const res = await client
      .post('/api/dora/webhooks/pagerduty')
      .send(triggered);
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe(
      'the PagerDuty webhook is not enabled: set plinth.dora.webhooks.pagerduty.token or .signingSecret',
    );
  });
});
