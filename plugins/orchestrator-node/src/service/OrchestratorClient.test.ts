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

  it('deploys new images as a change to the last set, and waits for the deployment to end', async () => {
    const bodies: unknown[] = [];
    let reads = 0;
    const deployment = (status: string) => ({
      id: 'd1',
      app: 'component:default/cartservice',
      environment: 'dev',
      kind: 'deploy',
      status,
      stages: [],
      workloads: [],
      requestedBy: 'user:default/ada',
      createdAt: '2026-12-07T10:00:00.000Z',
    });
    server.use(
      http.post(`${ENV}/deployments`, async ({ request }) => {
        bodies.push(await request.json());
        return HttpResponse.json(
          { deployment: deployment('queued') },
          { status: 202 },
        );
      }),
      http.get(`${ENV}/deployments/d1`, () => {
        reads += 1;
        return HttpResponse.json({
          deployment: deployment(reads < 3 ? 'delivering' : 'succeeded'),
        });
      }),
    );
    const queued = await client.deploy(
      'component:default/CartService',
      'dev',
      { workloads: [{ name: 'cart', images: { main: 'ghcr.io/x/cart:2' } }] },
      { credentials: mockCredentials.user('user:default/ada') },
    );
    expect(queued.status).toBe('queued');
    expect(bodies).toEqual([
      { workloads: [{ name: 'cart', images: { main: 'ghcr.io/x/cart:2' } }] },
    ]);
    const done = await client.waitForDeployment(
      'component:default/cartservice',
      'dev',
      'd1',
      { intervalMs: 5 },
    );
    expect(done.status).toBe('succeeded');
    expect(reads).toBe(3);
    await expect(
      client.waitForDeployment('component:default/cartservice', 'dev', 'd1', {
        timeoutMs: 0,
        intervalMs: 5,
      }),
    ).resolves.toMatchObject({ status: 'succeeded' });
  });
});
