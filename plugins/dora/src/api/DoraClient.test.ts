import { ResponseError } from '@backstage/errors';
import { mockApis, registerMswTestHooks } from '@backstage/frontend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  cartDeployments,
  doraReport,
  doraTrends,
} from '../__testUtils__/doraFixtures';
import { DoraClient } from './DoraClient';

const base = 'http://example.com/api/dora';

describe('DoraClient', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const client = new DoraClient({
    discoveryApi: mockApis.discovery(),
    fetchApi: { fetch: (input, init) => fetch(input, init) },
  });

  /** Answers `GET path` with `body` and records the URLs asked for. */
  function answer(path: string, body: unknown): { urls: URL[] } {
    const seen = { urls: [] as URL[] };
    server.use(
      http.get(`${base}${path}`, ({ request }) => {
        seen.urls.push(new URL(request.url));
        return HttpResponse.json(body as object);
      }),
    );
    return seen;
  }

  it('asks for DORA metrics with the query given, leaving out the rest', async () => {
    const seen = answer('/metrics', doraReport('team', []));
    await client.getMetrics();
    await client.getMetrics({
      from: '2026-08-30T00:00:00.000Z',
      to: '2026-11-27T12:00:00+01:00',
      environment: 'production',
      groupBy: 'team',
      team: 'group:default/team-a',
      domain: '',
    });
    expect(seen.urls.map(u => u.pathname)).toEqual([
      '/api/dora/metrics',
      '/api/dora/metrics',
    ]);
    expect(seen.urls.map(u => u.search)).toEqual([
      '',
      '?from=2026-08-30T00%3A00%3A00.000Z&to=2026-11-27T12%3A00%3A00%2B01%3A00&environment=production&groupBy=team&team=group%3Adefault%2Fteam-a',
    ]);
    expect(seen.urls[1].searchParams.get('to')).toBe(
      '2026-11-27T12:00:00+01:00',
    );
  });

  it('asks for DORA trends by bucket', async () => {
    const seen = answer('/trends', doraTrends('none', [null]));
    await expect(
      client.getTrends({
        entityRef: 'component:default/cart-service',
        bucket: 'month',
      }),
    ).resolves.toEqual(doraTrends('none', [null]));
    expect(Object.fromEntries(seen.urls[0].searchParams)).toEqual({
      entityRef: 'component:default/cart-service',
      bucket: 'month',
    });
  });

  it('asks for recent deployments of an entity, with a limit', async () => {
    const seen = answer('/deployments', cartDeployments);
    await expect(
      client.getDeployments({
        entityRef: 'component:default/cart-service',
        limit: 20,
      }),
    ).resolves.toEqual(cartDeployments);
    expect(Object.fromEntries(seen.urls[0].searchParams)).toEqual({
      entityRef: 'component:default/cart-service',
      limit: '20',
    });
  });

  it("turns the backend's errors into response errors with its message", async () => {
    server.use(
      http.get(`${base}/metrics`, () =>
        HttpResponse.json(
          {
            error: { name: 'InputError', message: 'from is not an instant' },
            request: { method: 'GET', url: '/api/dora/metrics' },
            response: { statusCode: 400 },
          },
          { status: 400 },
        ),
      ),
    );
    const error = await client.getMetrics({ from: 'soon' }).catch(e => e);
    expect(ResponseError.is(error)).toBe(true);
    expect(error).toMatchObject({
      statusCode: 400,
      cause: { name: 'InputError', message: 'from is not an instant' },
    });
  });
});
