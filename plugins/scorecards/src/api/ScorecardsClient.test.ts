import { ResponseError } from '@backstage/errors';
import { mockApis, registerMswTestHooks } from '@backstage/frontend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  coverageCampaign,
  coverageCampaignDetails,
  historyDays,
  productionReadiness,
  resultRows,
  scorecardList,
  summaryOf,
} from '../__testUtils__/fixtures';
import { ScorecardsClient } from './ScorecardsClient';

const base = 'http://example.com/api/scorecards';

/** The body Backstage's error middleware answers an error with. */
function errorBody(name: string, message: string, statusCode: number) {
  return {
    error: { name, message },
    request: { method: 'GET', url: '/api/scorecards/x' },
    response: { statusCode },
  };
}

describe('ScorecardsClient', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const client = new ScorecardsClient({
    discoveryApi: mockApis.discovery(),
    fetchApi: { fetch: (input, init) => fetch(input, init) },
  });

  /** Answers `path` with `body` and records the URLs asked for. */
  function answer(
    method: 'get' | 'post' | 'delete',
    path: string,
    body: unknown,
  ): { urls: URL[]; bodies: unknown[] } {
    const seen = { urls: [] as URL[], bodies: [] as unknown[] };
    server.use(
      http[method](`${base}${path}`, async ({ request }) => {
        seen.urls.push(new URL(request.url));
        if (method === 'post') {
          seen.bodies.push(await request.json());
        }
        return body === undefined
          ? new HttpResponse(null, { status: 204 })
          : HttpResponse.json(body as object);
      }),
    );
    return seen;
  }

  it('lists the scorecards and their problems', async () => {
    answer('get', '/scorecards', scorecardList);
    await expect(client.listScorecards()).resolves.toEqual(scorecardList);
  });

  it('reads the scorecards of an entity by its ref, as a string or parts', async () => {
    const seen = answer('get', '/entity/:kind/:namespace/:name', {
      entityRef: 'component:default/cart-service',
      items: [],
    });
    await client.getEntityScorecards('component:default/cart-service');
    await client.getEntityScorecards({
      kind: 'Component',
      namespace: 'team a',
      name: 'cart/service',
    });
    expect(seen.urls.map(u => u.pathname)).toEqual([
      '/api/scorecards/entity/component/default/cart-service',
      '/api/scorecards/entity/Component/team%20a/cart%2Fservice',
    ]);
  });

  it('asks for a summary grouped as given, the identifier encoded', async () => {
    const seen = answer('get', '/scorecards/:id/summary', summaryOf('team'));
    await expect(
      client.getSummary('production-readiness', { groupBy: 'team' }),
    ).resolves.toEqual(summaryOf('team'));
    await client.getSummary('acme/readiness', {
      groupBy: 'property:tier',
    });
    await client.getSummary('production-readiness');
    expect(seen.urls.map(u => `${u.pathname}${u.search}`)).toEqual([
      '/api/scorecards/scorecards/production-readiness/summary?groupBy=team',
      '/api/scorecards/scorecards/acme%2Freadiness/summary?groupBy=property%3Atier',
      '/api/scorecards/scorecards/production-readiness/summary',
    ]);
  });

  it('filters the results by team, system and domain when given', async () => {
    const seen = answer('get', '/scorecards/:id/results', {
      scorecard: productionReadiness,
      items: resultRows,
    });
    const results = await client.getResults('production-readiness', {
      team: 'cart & co',
      domain: 'orders',
    });
    expect(results.items).toHaveLength(resultRows.length);
    await client.getResults('production-readiness', { system: '' });
    expect(seen.urls.map(u => u.search)).toEqual([
      '?team=cart+%26+co&domain=orders',
      '',
    ]);
    expect(seen.urls[0].searchParams.get('team')).toBe('cart & co');
  });

  it('asks for the history of a window', async () => {
    const seen = answer('get', '/scorecards/:id/history', {
      scorecard: productionReadiness,
      days: historyDays,
    });
    const history = await client.getHistory('production-readiness', {
      from: '2026-10-29T00:00:00.000Z',
      to: '2026-11-27T15:30:00.000Z',
    });
    expect(history.days).toEqual(historyDays);
    expect(seen.urls[0].searchParams.get('from')).toBe(
      '2026-10-29T00:00:00.000Z',
    );
    expect(seen.urls[0].searchParams.get('to')).toBe(
      '2026-11-27T15:30:00.000Z',
    );
  });

  it('posts what to evaluate, everything by default', async () => {
    const seen = answer('post', '/evaluate', {
      scorecards: ['production-readiness'],
      entityRefs: 4,
    });
    await expect(
      client.evaluate({ scorecard: 'production-readiness' }),
    ).resolves.toEqual({ scorecards: ['production-readiness'], entityRefs: 4 });
    await client.evaluate();
    expect(seen.bodies).toEqual([{ scorecard: 'production-readiness' }, {}]);
  });

  it('lists, grants and revokes exemptions', async () => {
    const request = {
      scorecard: 'production-readiness',
      rule: 'test-coverage',
      entityRef: 'component:default/cart-service',
      until: '2027-01-31T23:59:59.999Z',
      reason: 'Coverage tooling lands in Q1',
    };
    const exemption = {
      ...request,
      id: 'ex/1',
      grantedBy: 'user:default/alice',
      createdAt: '2026-11-27T10:00:00Z',
    };
    const listed = answer('get', '/exemptions', { items: [exemption] });
    const granted = answer('post', '/exemptions', exemption);
    const revoked = answer('delete', '/exemptions/:id', undefined);

    await expect(
      client.listExemptions({
        entityRef: 'component:default/cart-service',
        scorecard: 'production-readiness',
      }),
    ).resolves.toEqual({ items: [exemption] });
    expect(listed.urls[0].searchParams.get('entityRef')).toBe(
      'component:default/cart-service',
    );
    expect(listed.urls[0].searchParams.get('scorecard')).toBe(
      'production-readiness',
    );

    await expect(client.createExemption(request)).resolves.toEqual(exemption);
    expect(granted.bodies).toEqual([request]);

    await expect(client.deleteExemption('ex/1')).resolves.toBeUndefined();
    expect(revoked.urls[0].pathname).toBe('/api/scorecards/exemptions/ex%2F1');
  });

  it('lists the campaigns and reads one', async () => {
    answer('get', '/campaigns', { items: [coverageCampaign] });
    const seen = answer('get', '/campaigns/:id', coverageCampaignDetails);
    await expect(client.listCampaigns()).resolves.toEqual({
      items: [coverageCampaign],
    });
    await expect(client.getCampaign('coverage 2026')).resolves.toEqual(
      coverageCampaignDetails,
    );
    expect(seen.urls[0].pathname).toBe(
      '/api/scorecards/campaigns/coverage%202026',
    );
  });

  it("turns the backend's errors into response errors with its message", async () => {
    server.use(
      http.get(`${base}/campaigns/:id`, () =>
        HttpResponse.json(
          errorBody('NotFoundError', 'no campaign "nope"', 404),
          { status: 404 },
        ),
      ),
      http.post(`${base}/exemptions`, () =>
        HttpResponse.json(
          errorBody('NotAllowedError', 'not allowed to grant exemptions', 403),
          { status: 403 },
        ),
      ),
    );
    const notFound = await client.getCampaign('nope').catch(e => e);
    expect(ResponseError.is(notFound)).toBe(true);
    expect(notFound).toMatchObject({
      statusCode: 404,
      cause: { name: 'NotFoundError', message: 'no campaign "nope"' },
    });

    const refused = await client
      .createExemption({
        scorecard: 'production-readiness',
        rule: 'test-coverage',
        entityRef: 'component:default/cart-service',
        until: '2027-01-31T23:59:59.999Z',
        reason: 'later',
      })
      .catch(e => e);
    expect(ResponseError.is(refused)).toBe(true);
    expect(refused.statusCode).toBe(403);
    expect(refused.cause.message).toBe('not allowed to grant exemptions');
  });

  it('fails on a revocation the backend refuses', async () => {
    server.use(
      http.delete(`${base}/exemptions/:id`, () =>
        HttpResponse.json(errorBody('NotFoundError', 'no exemption', 404), {
          status: 404,
        }),
      ),
    );
    await expect(client.deleteExemption('gone')).rejects.toMatchObject({
      statusCode: 404,
    });
  });
});
