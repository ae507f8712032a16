import { TestDatabases } from '@backstage/backend-test-utils';
import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startOrchestrator } from '../__testUtils__/orchestrator';

jest.setTimeout(180_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const APP = '/apps/component/default/cartservice';
/** Environment ids of this process: test runs share the PostgreSQL server. */
const env = (name: string) => `${name}-${process.pid}`;

const SCORE = `apiVersion: score.dev/v1b1
metadata:
  name: cart
containers:
  main:
    image: ghcr.io/example/cart:1.0
    variables:
      DATABASE_URL: postgres://\${resources.db.username}:\${resources.db.password}@\${resources.db.host}:\${resources.db.port}/\${resources.db.name}
      CACHE_HOST: \${resources.cache.host}
      LOG_LEVEL: info
service:
  ports:
    http:
      port: 80
      targetPort: 8080
resources:
  db:
    type: postgres
  cache:
    type: redis
`;

/** A workload reached on a route, and needing nothing else. */
const ROUTED = `apiVersion: score.dev/v1b1
metadata:
  name: web
containers:
  main:
    image: ghcr.io/example/web:1.0
service:
  ports:
    http:
      port: 80
      targetPort: 8080
resources:
  route:
    type: route
    params: { host: web.example.com, path: /, port: 80 }
`;

/** The same workload without its redis, which production has no definition for. */
const SCORE_WITHOUT_CACHE = SCORE.replace(
  '      CACHE_HOST: ${resources.cache.host}\n',
  '',
).replace('  cache:\n    type: redis\n', '');

function git(cwd: string, ...args: string[]): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile('git', args, { cwd }, (error, stdout, stderr) =>
      error
        ? reject(new Error(`${error.message}\n${stderr}`))
        : resolve(stdout),
    ),
  );
}

async function bareRepository(): Promise<{ dir: string; url: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'plinth-gitops-remote-'));
  await git(dir, 'init', '--quiet', '--bare', '--initial-branch=main');
  return { dir, url: pathToFileURL(dir).href };
}

/** A file of the remote's branch, or undefined. */
async function remoteFile(dir: string, file: string) {
  try {
    return await git(dir, 'show', `main:${file}`);
  } catch {
    return undefined;
  }
}

describe('deployments', () => {
  it.each(databases.eachSupportedId())(
    'deploy, change an image, roll back and promote, each a commit on the GitOps remote with its stages and diff, on %p',
    async databaseId => {
      const remote = await bareRepository();
      const o = await startOrchestrator(databases, databaseId, {
        delivery: remote.url,
      });
      const dev = env('dev');
      const preview = env('preview');
      for (const id of [dev, preview]) {
        const created = await o.client
          .post(`${APP}/environments`)
          .send({ id, type: 'development' });
        expect(created.status).toBe(201);
      }

      // The first deployment: postgres from its definition, redis from
      // the built-in defaults (no definition matches it in development).
      const first = await o.client
        .post(`${APP}/environments/${dev}/deployments`)
        .send({
          workloads: [{ name: 'cart', score: SCORE }],
          comment: 'First release',
        });
      expect(first.status).toBe(202);
      expect(first.body.deployment).toMatchObject({
        kind: 'deploy',
        status: 'queued',
        requestedBy: 'user:default/mock',
      });
      await o.executor.drain();
      const firstId = first.body.deployment.id;
      const done = await o.client.get(
        `${APP}/environments/${dev}/deployments/${firstId}`,
      );
      expect(done.body.deployment.status).toBe('succeeded');
      expect(done.body.deployment.stages.map((s: any) => s.status)).toEqual([
        'succeeded',
        'succeeded',
        'succeeded',
        'succeeded',
      ]);
      const logText = JSON.stringify(done.body.deployment.stages);
      expect(logText).toContain('cart.db (postgres) is ready');
      expect(logText).toContain(
        'cart.cache has no resource definition in this development environment',
      );
      expect(done.body.deployment.snapshot).toMatchObject({
        definitions: [
          expect.objectContaining({
            resId: 'cart.db',
            definitionId: 'postgres-local',
          }),
        ],
        defaults: ['cart.cache'],
      });
      const delivery = done.body.deployment.delivery;
      expect(delivery).toMatchObject({
        kind: 'gitops',
        branch: 'main',
        path: `apps/cartservice/${dev}`,
        changed: true,
      });
      const log = await git(remote.dir, 'log', '-1', '--format=%B', 'main');
      expect(log).toContain(firstId);
      expect(log).toContain('user:default/mock');

      const deploymentYaml = await remoteFile(
        remote.dir,
        `apps/cartservice/${dev}/deployment-cart.yaml`,
      );
      expect(deploymentYaml).toContain('image: ghcr.io/example/cart:1.0');
      // Secret outputs only ever reach a Secret.
      const password = (
        await o.store.listResources('component:default/cartservice', dev)
      ).find(r => r.resId === 'cart.db');
      expect(password?.sealedSecrets).toBeDefined();
      const files = await git(
        remote.dir,
        'ls-tree',
        '--name-only',
        'main',
        `apps/cartservice/${dev}/`,
      );
      expect(files).toContain('statefulset-');
      expect(files).toContain('secret-');
      expect(deploymentYaml).not.toMatch(/password/i);

      // A new image, as a change to the last deployment.
      const second = await o.client
        .post(`${APP}/environments/${dev}/deployments`)
        .send({
          workloads: [
            {
              name: 'cart',
              images: { main: 'ghcr.io/example/cart:1.1' },
              commit: { sha: 'a1b2c3d4e5f6' },
            },
          ],
        });
      expect(second.status).toBe(202);
      await o.executor.drain();
      const secondId = second.body.deployment.id;
      expect(
        await remoteFile(
          remote.dir,
          `apps/cartservice/${dev}/deployment-cart.yaml`,
        ),
      ).toContain('image: ghcr.io/example/cart:1.1');
      const diff = await o.client.get(
        `${APP}/environments/${dev}/deployments/${secondId}/diff`,
      );
      expect(diff.body).toEqual({
        deployment: secondId,
        previous: firstId,
        changes: [
          {
            kind: 'image',
            change: 'changed',
            workload: 'cart',
            key: 'main',
            from: 'ghcr.io/example/cart:1.0',
            to: 'ghcr.io/example/cart:1.1',
          },
        ],
      });

      // Rolling back to the first: its set again, and the old image.
      const rollback = await o.client
        .post(`${APP}/environments/${dev}/deployments/${firstId}/rollback`)
        .send({ comment: '1.1 breaks checkout' });
      expect(rollback.status).toBe(202);
      expect(rollback.body.deployment).toMatchObject({
        kind: 'rollback',
        source: { deployment: firstId, environment: dev },
      });
      await o.executor.drain();
      expect(
        await remoteFile(
          remote.dir,
          `apps/cartservice/${dev}/deployment-cart.yaml`,
        ),
      ).toContain('image: ghcr.io/example/cart:1.0');

      // Promotion: dev's current set into preview.
      const promoted = await o.client
        .post(`${APP}/environments/${preview}/promote`)
        .send({ from: dev });
      expect(promoted.status).toBe(202);
      await o.executor.drain();
      const previewFile = await remoteFile(
        remote.dir,
        `apps/cartservice/${preview}/deployment-cart.yaml`,
      );
      expect(previewFile).toContain('image: ghcr.io/example/cart:1.0');
      expect(previewFile).toContain(`namespace: cartservice-${preview}`);

      const list = await o.client.get(`${APP}/environments/${dev}/deployments`);
      expect(
        list.body.items.map((d: any) => [d.kind, d.status, d.comment]),
      ).toEqual([
        ['rollback', 'succeeded', '1.1 breaks checkout'],
        ['deploy', 'succeeded', undefined],
        ['deploy', 'succeeded', 'First release'],
      ]);
      expect(list.body.items[0].stages).toBeUndefined();

      // Rolling back to a deployment that is not a success is refused.
      const missing = await o.client
        .post(
          `${APP}/environments/${dev}/deployments/00000000-0000-4000-8000-000000000000/rollback`,
        )
        .send({});
      expect(missing.status).toBe(404);

      for (const id of [dev, preview]) {
        await o.client.delete(`${APP}/environments/${id}`);
      }
      await o.executor.drain();
    },
  );

  it.each(databases.eachSupportedId())(
    'scales a workload to a count of pods or between autoscaling bounds, as a change to its last deployment, on %p',
    async databaseId => {
      const remote = await bareRepository();
      const o = await startOrchestrator(databases, databaseId, {
        delivery: remote.url,
      });
      const dev = env('scaled');
      await o.client
        .post(`${APP}/environments`)
        .send({ id: dev, type: 'development' });
      const deploy = async (body: object) => {
        const queued = await o.client
          .post(`${APP}/environments/${dev}/deployments`)
          .send(body);
        expect(queued.status).toBe(202);
        await o.executor.drain();
        return queued.body.deployment.id as string;
      };
      await deploy({
        workloads: [
          {
            name: 'web',
            score: ROUTED,
            scaling: { autoscaling: { minReplicas: 2, maxReplicas: 6 } },
          },
        ],
      });
      const folder = `apps/cartservice/${dev}`;
      const hpa = await remoteFile(
        remote.dir,
        `${folder}/horizontalpodautoscaler-web.yaml`,
      );
      expect(hpa).toContain('minReplicas: 2');
      expect(hpa).toContain('maxReplicas: 6');

      // Only the count changes: the Score file stays the last one.
      const second = await deploy({
        workloads: [{ name: 'web', scaling: { replicas: 3 } }],
      });
      expect(
        await remoteFile(remote.dir, `${folder}/deployment-web.yaml`),
      ).toContain('replicas: 3');
      const files = await git(
        remote.dir,
        'ls-tree',
        '--name-only',
        'main',
        `${folder}/`,
      );
      expect(files).not.toContain('horizontalpodautoscaler-');
      const diff = await o.client.get(
        `${APP}/environments/${dev}/deployments/${second}/diff`,
      );
      expect(diff.body.changes).toEqual([
        {
          kind: 'scaling',
          change: 'changed',
          workload: 'web',
          from: '2–6 pods at 80 % CPU',
          to: '3 pods',
        },
      ]);

      const refused = await o.client
        .post(`${APP}/environments/${dev}/deployments`)
        .send({
          workloads: [
            {
              name: 'web',
              scaling: { autoscaling: { minReplicas: 8, maxReplicas: 4 } },
            },
          ],
        });
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toContain(
        'minReplicas must not be more than maxReplicas',
      );

      await o.client.delete(`${APP}/environments/${dev}`);
      await o.executor.drain();
    },
  );

  it.each(databases.eachSupportedId())(
    'renders routes as HTTPRoutes of the Gateway the routing names, on %p',
    async databaseId => {
      const remote = await bareRepository();
      const o = await startOrchestrator(databases, databaseId, {
        delivery: remote.url,
        routing: {
          kind: 'httproute',
          gateway: { name: 'public', namespace: 'gateways' },
        },
      });
      const dev = env('routed');
      await o.client
        .post(`${APP}/environments`)
        .send({ id: dev, type: 'development' });
      const deployed = await o.client
        .post(`${APP}/environments/${dev}/deployments`)
        .send({ workloads: [{ name: 'web', score: ROUTED }] });
      expect(deployed.status).toBe(202);
      await o.executor.drain();

      const folder = `apps/cartservice/${dev}`;
      const files = await git(
        remote.dir,
        'ls-tree',
        '--name-only',
        'main',
        `${folder}/`,
      );
      expect(files).toContain('httproute-web-web.example.com.yaml');
      expect(files).not.toContain('ingress-');
      const route = await remoteFile(
        remote.dir,
        `${folder}/httproute-web-web.example.com.yaml`,
      );
      expect(route).toContain('apiVersion: gateway.networking.k8s.io/v1');
      expect(route).toContain(
        'parentRefs:\n    - name: public\n      namespace: gateways\n',
      );

      await o.client.delete(`${APP}/environments/${dev}`);
      await o.executor.drain();
    },
  );

  it.each(databases.eachSupportedId())(
    'refuses a bad deployment with a 400 naming the workload, container or resource, and stores nothing, on %p',
    async databaseId => {
      const remote = await bareRepository();
      const o = await startOrchestrator(databases, databaseId, {
        delivery: remote.url,
      });
      const prod = env('prod');
      await o.client
        .post(`${APP}/environments`)
        .send({ id: prod, type: 'production' });
      const deploy = (body: unknown) =>
        o.client
          .post(`${APP}/environments/${prod}/deployments`)
          .send(body as object);

      // Production never falls back to the built-in defaults.
      const noDefinition = await deploy({
        workloads: [{ name: 'cart', score: SCORE }],
      });
      expect(noDefinition.status).toBe(400);
      expect(noDefinition.body.error.message).toContain(
        'workload "cart", resource "cache"',
      );

      const cases: Array<[object, string]> = [
        [
          { workloads: [{ name: 'cart', score: 'containers: 7' }] },
          'workload "cart" is not a valid Score workload',
        ],
        [
          {
            workloads: [{ name: 'basket', score: SCORE_WITHOUT_CACHE }],
          },
          `its Score file's metadata.name is "cart"`,
        ],
        [
          { workloads: [{ name: 'cart', images: { main: 'x:1' } }] },
          'a new workload needs its Score file',
        ],
        [
          {
            workloads: [
              {
                name: 'cart',
                score: SCORE_WITHOUT_CACHE,
                images: { sidecar: 'x:1' },
              },
            ],
          },
          'images names container "sidecar"',
        ],
        [
          { workloads: [{ name: 'cart', images: { main: 'has space' } }] },
          'body workloads.0.images.main: must be an image reference',
        ],
        [
          { workloads: [{ name: 'cart', commit: { sha: 'nothex!' } }] },
          'must be a commit hash',
        ],
        [{ workloads: [] }, 'must give workloads to deploy'],
        [{ remove: ['cart'], workloads: [] }, 'there is no workload "cart"'],
      ];
      for (const [body, message] of cases) {
        const response = await deploy(body);
        expect({ status: response.status, body }).toEqual({
          status: 400,
          body,
        });
        expect(response.body.error.message).toContain(message);
      }
      const list = await o.client.get(
        `${APP}/environments/${prod}/deployments`,
      );
      expect(list.body.items).toEqual([]);
      expect(
        await o.store.listRuns('component:default/cartservice', prod, 10),
      ).toEqual([]);

      const promoteNothing = await o.client
        .post(`${APP}/environments/${prod}/promote`)
        .send({ from: prod });
      expect(promoteNothing.status).toBe(400);
      expect(promoteNothing.body.error.message).toContain(
        'cannot be promoted into itself',
      );
      await o.client.delete(`${APP}/environments/${prod}`);
      await o.executor.drain();
    },
  );

  it.each(databases.eachSupportedId())(
    'a locked environment refuses deployments without the override, and a failed delivery leaves nothing of the deployment behind, on %p',
    async databaseId => {
      const o = await startOrchestrator(databases, databaseId, {
        deny: ['plinth.orchestrator.deploy.locked'],
        // Nothing listens there: the push fails.
        delivery: 'http://127.0.0.1:9/nowhere.git',
      });
      const dev = env('fail');
      await o.client
        .post(`${APP}/environments`)
        .send({ id: dev, type: 'development' });
      await o.client
        .put(`${APP}/environments/${dev}/lock`)
        .send({ reason: 'Release freeze' });
      const locked = await o.client
        .post(`${APP}/environments/${dev}/deployments`)
        .send({ workloads: [{ name: 'cart', score: SCORE }] });
      expect(locked.status).toBe(409);
      expect(locked.body.error.message).toContain('is locked');
      await o.client.delete(`${APP}/environments/${dev}/lock`);

      const queued = await o.client
        .post(`${APP}/environments/${dev}/deployments`)
        .send({ workloads: [{ name: 'cart', score: SCORE }] });
      expect(queued.status).toBe(202);
      await o.executor.drain();
      const failed = await o.client.get(
        `${APP}/environments/${dev}/deployments/${queued.body.deployment.id}`,
      );
      expect(failed.body.deployment).toMatchObject({
        status: 'failed',
        error: expect.stringContaining('The delivering stage failed'),
      });
      expect(
        failed.body.deployment.stages.map((s: any) => [s.name, s.status]),
      ).toEqual([
        ['provisioning', 'succeeded'],
        ['rendering', 'succeeded'],
        ['delivering', 'failed'],
        ['verifying', 'skipped'],
      ]);
      // The database it made is gone, and so are the workloads.
      const app = 'component:default/cartservice';
      expect(await o.store.listResources(app, dev)).toEqual([]);
      expect(await o.store.listWorkloads(app, dev)).toEqual([]);
      const environment = await o.client.get(`${APP}/environments/${dev}`);
      expect(environment.body.environment).toMatchObject({
        status: 'failed',
        statusReason: expect.stringContaining('delivering'),
      });
      await o.client.delete(`${APP}/environments/${dev}`);
      await o.executor.drain();
    },
  );
});
