/*
 * Process-level faults of deployments: replicas are real backends in
 * processes of their own (src/__testUtils__/replicaMain.ts) sharing one
 * PostgreSQL database, delivering by GitOps to a real Git remote served
 * over HTTP (git http-backend) that the test can stall. A replica is
 * killed (SIGKILL) while a deployment is in each slow stage —
 * provisioning (a command that takes 4 s), delivering (the push stalls),
 * verifying (reading the remote stalls) — and another takes the
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
  it('resume after kill -9 in provisioning, delivering and verifying, with one commit and one database each time', async () => {
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

      const deployAndKill = async (
        body: unknown,
        stage: string,
        ready: () => boolean = () => true,
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
            const { body: got } = await replica.call('GET', url);
            if (['succeeded', 'failed'].includes(got.deployment.status)) {
              throw new Error(`it ended ${got.deployment.status} first`);
            }
            return got.deployment.status === stage && ready()
              ? true
              : undefined;
          },
          60_000,
          25,
        );
        // Mid-stage: the work of the stage is under way.
        await sleep(500);
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

      const log = await git(
        path.join(dir, 'gitops.git'),
        'log',
        '--format=%B',
        'main',
      );
      for (const { id, done } of [first, second, third]) {
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
