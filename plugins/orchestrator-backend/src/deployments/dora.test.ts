import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// An integration test: the real DORA backend receives the events.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import doraPlugin from '@plinth/plugin-dora-backend';
import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import request from 'supertest';
import { waitFor } from '../__testUtils__/waiting';
import { ENTITIES } from '../__testUtils__/orchestrator';
import { orchestratorPlugin } from '../plugin';

jest.setTimeout(120_000);

const APP = '/api/orchestrator/apps/component/default/cartservice';
const SCORE = `apiVersion: score.dev/v1b1
metadata:
  name: cart
containers:
  main:
    image: ghcr.io/example/cart:1.0
`;

describe('deployments in DORA', () => {
  it('records each finished deployment in the DORA backend, with the commits it ships and rollbacks as rework', async () => {
    const remote = await mkdtemp(join(tmpdir(), 'plinth-gitops-dora-'));
    await new Promise((resolve, reject) =>
      execFile(
        'git',
        ['init', '--quiet', '--bare', '--initial-branch=main'],
        { cwd: remote },
        error => (error ? reject(error) : resolve(undefined)),
      ),
    );
    const { server } = await startTestBackend({
      features: [
        orchestratorPlugin,
        doraPlugin,
        mockServices.rootConfig.factory({
          data: {
            plinth: {
              orchestrator: {
                secrets: {
                  keys: [
                    { id: 'test', key: Buffer.alloc(32, 3).toString('base64') },
                  ],
                },
                deployments: {
                  targets: [
                    { gitops: { repositoryUrl: pathToFileURL(remote).href } },
                  ],
                  workDir: await mkdtemp(join(tmpdir(), 'plinth-clones-')),
                },
              },
            },
          },
        }),
        catalogServiceMock.factory({ entities: ENTITIES }),
      ],
    });
    const api = request(server);
    await api
      .post(`${APP}/environments`)
      .send({ id: 'production', type: 'production' })
      .expect(201);

    const deploy = async (body: object, path = 'deployments') => {
      const response = await api
        .post(`${APP}/environments/production/${path}`)
        .send(body)
        .expect(202);
      const id: string = response.body.deployment.id;
      await waitFor(
        `deployment ${id} to succeed`,
        async () => {
          const { body: got } = await api.get(
            `${APP}/environments/production/deployments/${id}`,
          );
          return got.deployment.status === 'succeeded' ? true : undefined;
        },
        30_000,
      );
      return id;
    };
    const first = await deploy({
      workloads: [
        {
          name: 'cart',
          score: SCORE,
          commit: { sha: 'aaaaaaa1', committedAt: '2026-12-01T10:00:00Z' },
        },
      ],
    });
    const second = await deploy({
      workloads: [
        {
          name: 'cart',
          images: { main: 'ghcr.io/example/cart:1.1' },
          commit: { sha: 'bbbbbbb2', committedAt: '2026-12-02T10:00:00Z' },
        },
      ],
    });
    const rollback = await deploy({}, `deployments/${first}/rollback`);

    const recorded = async () =>
      (
        await api
          .get('/api/dora/deployments')
          .query({ entityRef: 'component:default/cartservice' })
      ).body.items as Array<Record<string, unknown>>;
    await waitFor(
      'three deployments in DORA',
      async () => ((await recorded()).length === 3 ? true : undefined),
      30_000,
    );
    const byId = new Map((await recorded()).map(d => [d.id, d]));
    expect(byId.get(first)).toMatchObject({
      environment: 'production',
      status: 'success',
      rework: false,
      changes: ['aaaaaaa1'],
    });
    expect(byId.get(second)).toMatchObject({
      status: 'success',
      rework: false,
      changes: ['bbbbbbb2'],
    });
    expect(byId.get(rollback)).toMatchObject({
      status: 'success',
      rework: true,
    });
    const metrics = await api
      .get('/api/dora/metrics')
      .query({ entityRef: 'component:default/cartservice' });
    expect(metrics.status).toBe(200);
    // The three count in the app's DORA figures.
    expect(JSON.stringify(metrics.body)).toMatch(/"deployments":3\b/);
  });
});
