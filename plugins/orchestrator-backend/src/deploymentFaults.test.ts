/*
 * Process-level faults of deployments: replicas are real backends in
 * processes of their own (src/__testUtils__/replicaMain.ts) sharing one
 * PostgreSQL database, delivering by GitOps to a real Git remote served
 * over HTTP (git http-backend) that the test can stall. A replica is
 * killed (SIGKILL) while a deployment is in each stage — provisioning (a
 * command that takes 4 s), delivering (the push stalls), verifying
 * (reading the remote stalls), rendering (351 workloads, seen in the
 * shared database) — and another takes the
 * deployment over once its lease expires: it ends succeeded, with one
 * commit, one database, and nothing left locked or queued.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serveGitOverHttp } from './__testUtils__/gitServer';
import {
  APP_PATH,
  CATALOG_INFO,
  dropDatabases,
  freePort,
  pgQuery,
  POSTGRES,
  Replica,
  replicaOptions,
  slowCommandScript,
  startReplica,
  waitFor,
} from './__testUtils__/replicas';
import { sleep } from './__testUtils__/waiting';
import { createPostgresDriver } from '@plinth/plugin-orchestrator-backend-module-postgres';
import { driverRequest } from '@plinth/plugin-orchestrator-node/testUtils';
import { Client } from 'pg';
import { resourceKeyOf } from './provisioning/plan';

jest.setTimeout(300_000);

const APP_REF = 'component:default/cartservice';
const SCORE = `apiVersion: score.dev/v1b1
metadata:
  name: cart
containers:
  main:
    image: ghcr.io/example/cart:1.0
    variables:
      DATABASE: \${resources.db.name}
      TOPIC: \${resources.topic.name}
resources:
  db:
    type: postgres
  topic:
    type: kafka-topic
`;

function git(cwd: string, ...args: string[]): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile('git', args, { cwd }, (error, stdout, stderr) =>
      error
        ? reject(new Error(`${error.message}\n${stderr}`))
        : resolve(stdout),
    ),
  );
}

let dir: string;
const replicas: Replica[] = [];
const prefix = `orchdeploy_${process.pid}_`;
const ENV = `faults-${process.pid}`;
/** Which git service the remote stalls, if any. */
let stall: { service: string; afterPush?: boolean } | undefined;
let pushed = false;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plinth-deploy-faults-'));
  fs.writeFileSync(path.join(dir, 'catalog-info.yaml'), CATALOG_INFO);
  fs.writeFileSync(path.join(dir, 'slow.sh'), slowCommandScript(4), {
    mode: 0o755,
  });
  await git(
    dir,
    'init',
    '--quiet',
    '--bare',
    '--initial-branch=main',
    'gitops.git',
  );
});

afterEach(async () => {
  await Promise.all(replicas.splice(0).map(r => r.kill()));
});

afterAll(async () => {
  await dropDatabases(prefix);
  await createPostgresDriver({ connection: POSTGRES }).deprovision({
    ...driverRequest({
      key: resourceKeyOf(
        { app: APP_REF, env: ENV, envType: 'development' },
        'cart.db',
      ),
      type: 'postgres',
      resId: 'cart.db',
    }),
    state: {},
  });
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('deployments when a replica dies', () => {
  it('resume after kill -9 in provisioning, delivering, verifying and rendering, with one commit and one database each time', async () => {
    const { server, port: gitPort } = await serveGitOverHttp(
      dir,
      'plinth',
      'gitops-secret',
      {
        before: async ({ service }) => {
          if (service === 'git-receive-pack') pushed = true;
          if (
            stall &&
            stall.service === service &&
            (!stall.afterPush || pushed)
          ) {
            await sleep(60_000);
          }
        },
      },
    );
    const commandLog = path.join(dir, 'commands.log');
    fs.writeFileSync(commandLog, '');
    const base = replicaOptions(
      {
        databasePrefix: prefix,
        postgres: POSTGRES,
        catalogFile: path.join(dir, 'catalog-info.yaml'),
        command: path.join(dir, 'slow.sh'),
        leaseSeconds: 3,
        reaperSeconds: 60,
        s3Endpoint: 'http://127.0.0.1:9',
      },
      0,
    );
    let started = 0;
    const start = async () => {
      started += 1;
      const replica = await startReplica(
        `replica-${started}`,
        {
          ...base,
          port: await freePort(),
          gitops: {
            repositoryUrl: `http://plinth:gitops-secret@127.0.0.1:${gitPort}/gitops.git`,
            workDir: path.join(dir, `clones-${started}`),
          },
        },
        { logDir: dir, env: { PLINTH_COMMAND_LOG: commandLog } },
      );
      replicas.push(replica);
      return replica;
    };

    try {
      let replica = await start();
      const created = await replica.call('POST', `${APP_PATH}/environments`, {
        id: ENV,
        type: 'development',
      });
      expect(created.status).toBe(201);

      // Rendering blocks the replica's event loop, so its API cannot say
      // it is rendering: the stage is read from the shared database.
      const stateDb = new Client({
        ...POSTGRES,
        database: `${prefix}orchestrator`,
      });
      await stateDb.connect();
      const storedStatus = async (id: string) =>
        (
          await stateDb.query(
            'SELECT status FROM orchestrator_deployments WHERE id = $1',
            [id],
          )
        ).rows[0]?.status as string | undefined;

      const deployAndKill = async (
        body: unknown,
        stage: string,
        ready: () => boolean = () => true,
        options: { fromDatabase?: boolean; settleMs?: number } = {},
      ) => {
        const queued = await replica.call(
          'POST',
          `${APP_PATH}/environments/${ENV}/deployments`,
          body,
        );
        expect(queued.status).toBe(202);
        const id: string = queued.body.deployment.id;
        const url = `${APP_PATH}/environments/${ENV}/deployments/${id}`;
        await waitFor(
          `deployment ${id} to reach ${stage}`,
          async () => {
            const status = options.fromDatabase
              ? await storedStatus(id)
              : (await replica.call('GET', url)).body.deployment.status;
            if (status === 'succeeded' || status === 'failed') {
              throw new Error(`it ended ${status} first`);
            }
            return status === stage && ready() ? true : undefined;
          },
          60_000,
          options.fromDatabase ? 5 : 25,
        );
        // Mid-stage: the work of the stage is under way.
        await sleep(options.settleMs ?? 500);
        await replica.kill();
        stall = undefined;
        replica = await start();
        const done = await waitFor(
          `deployment ${id} to end on the new replica`,
          async () => {
            const { body: got } = await replica.call('GET', url);
            return ['succeeded', 'failed'].includes(got.deployment.status)
              ? got.deployment
              : undefined;
          },
          90_000,
        );
        return { id, done };
      };

      // Provisioning: the command is under way when the replica dies.
      const first = await deployAndKill(
        { workloads: [{ name: 'cart', score: SCORE }] },
        'provisioning',
        () => fs.readFileSync(commandLog, 'utf8').includes('provision '),
      );
      // Delivering: the push stalls.
      stall = { service: 'git-receive-pack' };
      const second = await deployAndKill(
        {
          workloads: [
            { name: 'cart', images: { main: 'ghcr.io/example/cart:1.1' } },
          ],
        },
        'delivering',
      );
      // Verifying: reading the remote after the push stalls.
      pushed = false;
      stall = { service: 'git-upload-pack', afterPush: true };
      const third = await deployAndKill(
        {
          workloads: [
            { name: 'cart', images: { main: 'ghcr.io/example/cart:1.2' } },
          ],
        },
        'verifying',
      );

      // Rendering: quick for one workload, so the set grows to 351 small
      // ones (50 a deployment, the most a request takes) first.
      const worker = (n: number) => ({
        name: `worker-${n}`,
        score: `apiVersion: score.dev/v1b1\nmetadata:\n  name: worker-${n}\ncontainers:\n  main:\n    image: ghcr.io/example/worker:1.0\n    variables:\n      INDEX: '${n}'\n`,
      });
      for (let batch = 0; batch < 6; batch++) {
        const grown = await replica.call(
          'POST',
          `${APP_PATH}/environments/${ENV}/deployments`,
          {
            workloads: Array.from({ length: 50 }, (_, i) =>
              worker(batch * 50 + i),
            ),
          },
        );
        expect(grown.status).toBe(202);
        await waitFor(
          `the set to grow (${batch + 1} of 6)`,
          async () =>
            (await storedStatus(grown.body.deployment.id)) === 'succeeded'
              ? true
              : undefined,
          60_000,
        );
      }
      const fourth = await deployAndKill(
        { workloads: Array.from({ length: 50 }, (_, i) => worker(300 + i)) },
        'rendering',
        () => true,
        { fromDatabase: true, settleMs: 0 },
      );
      await stateDb.end();

      const log = await git(
        path.join(dir, 'gitops.git'),
        'log',
        '--format=%B',
        'main',
      );
      for (const { id, done } of [first, second, third, fourth]) {
        expect(done.status).toBe('succeeded');
        expect(JSON.stringify(done.stages)).toContain('Resumed (attempt 2)');
        // One commit per deployment, whichever replica pushed it.
        expect(log.split(id).length - 1).toBe(1);
      }
      const manifest = await git(
        path.join(dir, 'gitops.git'),
        'show',
        `main:apps/cartservice/${ENV}/deployment-cart.yaml`,
      );
      expect(manifest).toContain('image: ghcr.io/example/cart:1.2');

      const environment = await replica.call(
        'GET',
        `${APP_PATH}/environments/${ENV}`,
      );
      expect(environment.body.environment.status).toBe('ready');
      expect(
        environment.body.runs.filter((r: { status: string }) =>
          ['queued', 'running'].includes(r.status),
        ),
      ).toEqual([]);
      const resources = environment.body.resources as Array<{
        resId: string;
        outputs: Record<string, string>;
      }>;
      // One database for the resource, whatever was killed.
      const database = resources.find(r => r.resId === 'cart.db')!.outputs.name;
      const [{ same }] = await pgQuery<{ same: string }>(
        `SELECT count(*) AS same FROM pg_database WHERE datname = $1`,
        [database],
      );
      expect(Number(same)).toBe(1);

      await replica.call('DELETE', `${APP_PATH}/environments/${ENV}`);
      await waitFor(
        'the environment to be deleted',
        async () =>
          (
            await replica.call('GET', `${APP_PATH}/environments/${ENV}`)
          ).status === 404
            ? true
            : undefined,
        60_000,
      );
    } finally {
      stall = undefined;
      server.close();
    }
  });
});
