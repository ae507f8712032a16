import {
  mockCredentials,
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { OrchestratorClient } from './OrchestratorClient';

const server = setupServer();
const BASE = 'http://localhost:0/api/orchestrator';
const ENV = `${BASE}/apps/component/default/cartservice/environments/dev`;

const run = (status: string) => ({
  id: 'r1',
  app: 'component:default/cartservice',
  environment: 'dev',
  action: 'provision',
  status,
  attempts: 1,
  requestedBy: 'user:default/ada',
  createdAt: '2026-12-07T10:00:00.000Z',
});

describe('OrchestratorClient', () => {
  registerMswTestHooks(server);
  const client = new OrchestratorClient({
    discovery: mockServices.discovery(),
    auth: mockServices.auth(),
  });

  it("puts a Score file as YAML under its workload's name, on behalf of the user", async () => {
    let seen:
      | { type: string | null; body: string; auth: string | null }
      | undefined;
    server.use(
      http.put(`${ENV}/workloads/cart`, async ({ request }) => {
        seen = {
          type: request.headers.get('content-type'),
          body: await request.text(),
          auth: request.headers.get('authorization'),
        };
        return HttpResponse.json(
          { workload: 'cart', run: run('queued') },
          { status: 202 },
        );
      }),
    );
    const score = 'apiVersion: score.dev/v1b1\nmetadata:\n  name: cart\n';
    const answer = await client.putWorkload(
      'component:default/CartService',
      'dev',
      score,
      {
        credentials: mockCredentials.user('user:default/ada'),
      },
    );
    expect(answer.run.status).toBe('queued');
    expect(seen).toEqual({
      type: 'application/yaml',
      body: score,
      auth: expect.stringContaining('user:default/ada'),
    });
  });

  it('waits for a run to finish', async () => {
    const answers = ['queued', 'running', 'succeeded'];
    server.use(
      http.get(`${ENV}/runs/r1`, () =>
        HttpResponse.json(run(answers.shift()!)),
      ),
    );
    const finished = await client.waitForRun(
      'component:default/cartservice',
      'dev',
      'r1',
      {
        intervalMs: 1,
      },
    );
    expect(finished.status).toBe('succeeded');
    expect(answers).toEqual([]);
  });

  it('says which run is still going when the wait times out', async () => {
    server.use(
      http.get(`${ENV}/runs/r1`, () => HttpResponse.json(run('running'))),
    );
    await expect(
      client.waitForRun('component:default/cartservice', 'dev', 'r1', {
        intervalMs: 1,
        timeoutMs: 20,
      }),
    ).rejects.toThrow(
      'Run r1 of environment dev of component:default/cartservice is still running after 0 s',
    );
  });
});
