import { TestDatabases } from '@backstage/backend-test-utils';
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Client } from 'pg';
import { serveGitOverHttp } from '../__testUtils__/gitServer';
import {
  CART,
  DEFINITIONS,
  POSTGRES,
  startOrchestrator,
  writeScript,
} from '../__testUtils__/orchestrator';
import { waitFor } from '../__testUtils__/waiting';

jest.setTimeout(300_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const APP = '/apps/component/default/cartservice';
const env = (name: string) => `${name}-${process.pid}`;

const scoreOf = (image: string, more = '') => `apiVersion: score.dev/v1b1
metadata:
  name: cart
containers:
  main:
    image: ${JSON.stringify(image)}
    variables:
      DATABASE: \${resources.db.name}
resources:
  db:
    type: postgres
${more}`;

function git(cwd: string, ...args: string[]): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(
      'git',
      [
        '-c',
        'user.name=Someone',
        '-c',
        'user.email=someone@example.com',
        ...args,
      ],
      { cwd },
      (error, stdout, stderr) =>
        error
          ? reject(new Error(`${error.message}\n${stderr}`))
          : resolve(stdout),
    ),
  );
}

async function bareRepository() {
  const dir = await mkdtemp(join(tmpdir(), 'plinth-gitops-faults-'));
  await git(
    dir,
    'init',
    '--quiet',
    '--bare',
    '--initial-branch=main',
    'remote.git',
  );
  return { dir, remote: join(dir, 'remote.git') };
}

/** The databases of the machine's PostgreSQL whose names hold `part`. */
async function databasesNamed(part: string): Promise<string[]> {
  const client = new Client({ ...POSTGRES, database: 'postgres' });
  await client.connect();
  try {
    const { rows } = await client.query(
      'SELECT datname FROM pg_database WHERE datname LIKE $1',
      [`%${part}%`],
    );
    return rows.map(r => r.datname);
  } finally {
    await client.end();
  }
}

describe('deployment faults', () => {
  it.each(databases.eachSupportedId())(
    'a push rejected by a concurrent commit is rebased and pushed again, keeping the other commit, on %p',
    async databaseId => {
      const { dir, remote } = await bareRepository();
      // Someone else's clone, which pushes just before the delivery does.
      const other = join(dir, 'other');
      await git(dir, 'clone', '--quiet', remote, other);
      await git(other, 'checkout', '--quiet', '-b', 'main');
      let interfered = false;
      const { server, port } = await serveGitOverHttp(dir, 'git', 'pw', {
        before: async ({ service, method }) => {
          if (
            service === 'git-receive-pack' &&
            method === 'POST' &&
            !interfered
          ) {
            interfered = true;
            await writeFile(join(other, 'README.md'), 'Deployments\n');
            await git(other, 'add', 'README.md');
            await git(other, 'commit', '--quiet', '-m', 'Add a README');
            await git(other, 'push', '--quiet', 'origin', 'HEAD:main');
          }
        },
      });
      try {
        const o = await startOrchestrator(databases, databaseId, {
          delivery: `http://git:pw@127.0.0.1:${port}/remote.git`,
        });
        const id = env('race');
        await o.client
          .post(`${APP}/environments`)
          .send({ id, type: 'development' });
        const queued = await o.client
          .post(`${APP}/environments/${id}/deployments`)
          .send({
            workloads: [
              { name: 'cart', score: scoreOf('ghcr.io/example/cart:1.0') },
            ],
          });
        expect(queued.status).toBe(202);
        await o.executor.drain();
        const { body } = await o.client.get(
          `${APP}/environments/${id}/deployments/${queued.body.deployment.id}`,
        );
        expect(interfered).toBe(true);
        expect(body.deployment.status).toBe('succeeded');
        const log = await git(remote, 'log', '--format=%s', 'main');
        expect(log).toContain('Add a README');
        expect(await git(remote, 'show', 'main:README.md')).toBe(
          'Deployments\n',
        );
        expect(
          await git(
            remote,
            'show',
            `main:apps/cartservice/${id}/deployment-cart.yaml`,
          ),
        ).toContain('ghcr.io/example/cart:1.0');
        await o.client.delete(`${APP}/environments/${id}`);
        await o.executor.drain();
      } finally {
        server.close();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'an invalid manifest fails the rendering stage naming object and field, and a failing driver the provisioning stage, each leaving nothing behind, on %p',
    async databaseId => {
      const { remote } = await bareRepository();
      // Provisioning fails; deprovisioning (of nothing) succeeds.
      const failing = await writeScript(
        'fail.sh',
        `input=$(cat)
case "$input" in
  '{"action":"provision"'*) echo "quota exceeded for topics" >&2; exit 3 ;;
esac`,
      );
      const o = await startOrchestrator(databases, databaseId, {
        delivery: pathToFileURL(remote).href,
        allowedCommands: [failing],
        definitions: [
          ...DEFINITIONS,
          {
            id: 'topics',
            type: 'kafka-topic',
            driver: 'command',
            driverInputs: { values: { command: failing } },
            criteria: [{}],
          },
        ],
      });
      const id = env('invalid');
      await o.client
        .post(`${APP}/environments`)
        .send({ id, type: 'development' });

      const invalid = await o.client
        .post(`${APP}/environments/${id}/deployments`)
        .send({
          workloads: [
            { name: 'cart', score: scoreOf('ghcr.io/example/cart 1.0') },
          ],
        });
      expect(invalid.status).toBe(202);
      await o.executor.drain();
      const rendered = (
        await o.client.get(
          `${APP}/environments/${id}/deployments/${invalid.body.deployment.id}`,
        )
      ).body.deployment;
      expect(rendered.status).toBe('failed');
      expect(rendered.error).toContain(
        'The rendering stage failed: The manifests are not valid: Deployment/cart is not valid: spec.template.spec.containers[0].image must be an image name',
      );
      expect(rendered.stages.map((s: any) => s.status)).toEqual([
        'succeeded',
        'failed',
        'skipped',
        'skipped',
      ]);

      const driverFails = await o.client
        .post(`${APP}/environments/${id}/deployments`)
        .send({
          workloads: [
            {
              name: 'cart',
              score: scoreOf(
                'ghcr.io/example/cart:1.0',
                '  topic:\n    type: kafka-topic\n',
              ),
            },
          ],
        });
      expect(driverFails.status).toBe(202);
      await o.executor.drain();
      const provisioned = (
        await o.client.get(
          `${APP}/environments/${id}/deployments/${driverFails.body.deployment.id}`,
        )
      ).body.deployment;
      expect(provisioned.status).toBe('failed');
      expect(provisioned.error).toContain('The provisioning stage failed');
      expect(provisioned.error).toContain('quota exceeded for topics');
      expect(provisioned.stages[0].log.at(-1)).toMatchObject({
        level: 'error',
        message: expect.stringContaining('quota exceeded for topics'),
      });

      // Neither left a resource, a workload or a commit behind.
      expect(await o.store.listResources(CART, id)).toEqual([]);
      expect(await o.store.listWorkloads(CART, id)).toEqual([]);
      await expect(git(remote, 'log', 'main')).rejects.toThrow();
      await o.client.delete(`${APP}/environments/${id}`);
      await o.executor.drain();
    },
  );

  it.each(databases.eachSupportedId())(
    '100 deployments queued across 20 environments complete one at a time per environment, in order, with one database each, on %p',
    async databaseId => {
      const { remote } = await bareRepository();
      const o = await startOrchestrator(databases, databaseId, {
        delivery: pathToFileURL(remote).href,
        leaseMs: 30_000,
      });
      const ids = Array.from({ length: 20 }, (_, i) => env(`many${i}`));
      for (const id of ids) {
        await o.client
          .post(`${APP}/environments`)
          .send({ id, type: 'development' });
      }
      const queued: Record<string, string[]> = {};
      for (let round = 0; round < 5; round++) {
        for (const id of ids) {
          const response = await o.client
            .post(`${APP}/environments/${id}/deployments`)
            .send({
              replace: true,
              workloads: [
                {
                  name: 'cart',
                  score: scoreOf(`ghcr.io/example/cart:1.${round}`),
                },
              ],
            });
          expect(response.status).toBe(202);
          (queued[id] ??= []).push(response.body.deployment.id);
        }
      }
      o.executor.kick();
      await waitFor(
        'every deployment to end',
        async () => {
          for (const id of ids) {
            const list = await o.deployments.list(CART, id, 10);
            if (list.some(d => !['succeeded', 'failed'].includes(d.status))) {
              o.executor.kick();
              return undefined;
            }
          }
          return true;
        },
        240_000,
        250,
      );
      for (const id of ids) {
        const list = (await o.deployments.list(CART, id, 10)).reverse();
        expect(list.map(d => d.id)).toEqual(queued[id]);
        expect(list.map(d => d.status)).toEqual(Array(5).fill('succeeded'));
        // One at a time, in the order asked for.
        for (let i = 1; i < list.length; i++) {
          expect(Date.parse(list[i].startedAt!)).toBeGreaterThanOrEqual(
            Date.parse(list[i - 1].finishedAt!),
          );
        }
        const resources = await o.store.listResources(CART, id);
        expect(resources.map(r => r.resId)).toEqual(['cart.db']);
        expect(await databasesNamed(resources[0].outputs!.name)).toHaveLength(
          1,
        );
        expect(
          await git(
            remote,
            'show',
            `main:apps/cartservice/${id}/deployment-cart.yaml`,
          ),
        ).toContain('ghcr.io/example/cart:1.4');
      }
      const commits = await git(remote, 'rev-list', '--count', 'main');
      expect(Number(commits)).toBe(100);
      for (const id of ids) await o.client.delete(`${APP}/environments/${id}`);
      o.executor.kick();
      await waitFor(
        'the environments to go',
        async () =>
          (await o.store.listEnvironments(CART)).length === 0
            ? true
            : undefined,
        120_000,
      );
    },
  );
});
