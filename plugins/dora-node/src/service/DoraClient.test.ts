import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import type { DoraEvent } from '@plinth/plugin-dora-common';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { DoraClient } from './DoraClient';

const server = setupServer();

const change = (id: string): DoraEvent => ({
  type: 'change',
  id,
  entity: 'component:default/cart',
  createdAt: '2026-12-01T10:00:00Z',
});

describe('DoraClient', () => {
  registerMswTestHooks(server);

  const client = new DoraClient({
    discovery: mockServices.discovery(),
    auth: mockServices.auth(),
  });

  it('records events with a service token for the DORA plugin, in batches, counting indexes over the whole', async () => {
    const bodies: unknown[][] = [];
    let authorization: string | null = null;
    server.use(
      http.post('http://localhost:0/api/dora/events', async ({ request }) => {
        authorization = request.headers.get('authorization');
        const body = (await request.json()) as unknown[];
        bodies.push(body);
        return HttpResponse.json({
          accepted: body.length - 1,
          created: body.length - 1,
          updated: 0,
          unchanged: 0,
          rejected: [{ index: 0, id: 'x', reason: 'entity: is required' }],
          warnings: [],
        });
      }),
    );
    const events = Array.from({ length: 5_001 }, (_, i) => change(`c${i}`));
    const answer = await client.recordEvents(events);
    expect(bodies.map(b => b.length)).toEqual([5_000, 1]);
    expect(authorization).toMatch(/^Bearer .*"target":"dora"/);
    expect(answer).toMatchObject({ accepted: 4_999, created: 4_999 });
    expect(answer.rejected.map(r => r.index)).toEqual([0, 5_000]);
  });

  it('reads the metrics with the query it is given', async () => {
    let url = '';
    server.use(
      http.get('http://localhost:0/api/dora/metrics', ({ request }) => {
        url = request.url;
        return HttpResponse.json({ groups: [] });
      }),
    );
    await client.getMetrics({
      from: '2026-09-01T00:00:00Z',
      groupBy: 'entity',
      environment: 'production',
    });
    const query = new URL(url).searchParams;
    expect(Object.fromEntries(query)).toEqual({
      from: '2026-09-01T00:00:00Z',
      groupBy: 'entity',
      environment: 'production',
    });
  });

  it('turns an error answer into an error that says what went wrong', async () => {
    server.use(
      http.post('http://localhost:0/api/dora/events', () =>
        HttpResponse.json(
          { error: { name: 'NotAllowedError', message: 'no' } },
          { status: 403 },
        ),
      ),
    );
    await expect(client.recordEvents([change('c1')])).rejects.toThrow(
      /Request failed with 403/,
    );
  });
});
