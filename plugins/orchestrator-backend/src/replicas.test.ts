/*
 * Process-level faults of the orchestrator: replicas are real backends in
 * processes of their own (src/__testUtils__/replicaMain.ts) sharing one
 * PostgreSQL database, provisioning on the machine's real PostgreSQL and
 * through a slow command (about 4 s), so a run can be killed in the middle.
 *
 * - kill -9 while provisioning: the run is resumed by another replica once
 *   its lease expires, and done again from the start, leaving exactly one
 *   database and one role;
 * - two replicas: every run is executed once, and the reaper (a global
 *   scheduled task, one replica at a time) deletes an expired environment
 *   once.
 */
import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { mockServices } from '@backstage/backend-test-utils';
import { createAmqpDriver } from '@plinth/plugin-orchestrator-backend-module-amqp';
import { createPostgresDriver } from '@plinth/plugin-orchestrator-backend-module-postgres';
import { createRedisDriver } from '@plinth/plugin-orchestrator-backend-module-redis';
import { createS3Driver } from '@plinth/plugin-orchestrator-backend-module-s3';
import type { ResourceDriver } from '@plinth/plugin-orchestrator-node';
import { driverRequest } from '@plinth/plugin-orchestrator-node/testUtils';
import Redis from 'ioredis';
import S3rver from 's3rver';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  APP_PATH,
  CATALOG_INFO,
  dropDatabases,
  freePort,
  pgQuery,
  POSTGRES,
  RABBITMQ,
  REDIS,
  Replica,
  replicaOptions,
  ReplicaOptions,
  S3_CREDENTIALS,
  slowCommandScript,
  startReplica,
  tail,
  waitFor,
} from './__testUtils__/replicas';
import { resourceKeyOf } from './provisioning/plan';

jest.setTimeout(240_000);

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

/** The kill test's workload: a resource of each driver module, and the slow one. */
const KILL_SCORE = `${SCORE}  cache:
    type: redis
  events:
    type: amqp
  images:
    type: s3
`;

const APP_REF = 'component:default/cartservice';
/** The stable key the drivers (and the command) name a resource after. */
const keyOf = (env: string, resId: string) =>
  resourceKeyOf({ app: APP_REF, env, envType: 'development' }, resId);

let dir: string;
let s3: S3rver | undefined;
let s3Endpoint = '';
const replicas: Replica[] = [];
/** Environments whose redis, amqp and s3 resources go in afterAll if a test failed. */
const killEnvironments = new Set<string>();
const prefixes: string[] = [];
/** Environments the tests made: their databases go in afterAll if a test failed. */
const environments = new Set<string>();

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plinth-orchestrator-replicas-'));
  fs.mkdirSync(path.join(dir, 's3'));
  s3 = new S3rver({
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory: path.join(dir, 's3'),
  });
  s3Endpoint = `http://127.0.0.1:${(await s3.run()).port}`;
  fs.writeFileSync(path.join(dir, 'catalog-info.yaml'), CATALOG_INFO);
  fs.writeFileSync(path.join(dir, 'slow.sh'), slowCommandScript(4), {
    mode: 0o755,
  });
});

afterEach(async () => {
  // Children of a failed test too: none outlives its test.
  await Promise.all(replicas.splice(0).map(r => r.kill()));
});

afterAll(async () => {
  await Promise.all(replicas.splice(0).map(r => r.kill()));
  for (const prefix of prefixes) await dropDatabases(prefix);
  // The postgres driver itself drops what is left (idempotent: nothing
  // left, nothing done).
  const driver = createPostgresDriver({ connection: POSTGRES });
  for (const env of environments) {
    await driver.deprovision({
      key: keyOf(env, 'cart.db'),
      resId: 'cart.db',
      type: 'postgres',
      class: 'default',
      params: {},
      app: APP_REF,
      environment: { id: env, type: 'development' },
      inputs: {},
      secretInputs: [],
      dependencies: {},
      state: {},
      logger: mockServices.logger.mock(),
      signal: new AbortController().signal,
    });
  }
  const others: Array<[ResourceDriver, string, string]> = [
    [createRedisDriver({ connection: REDIS }), 'redis', 'cart.cache'],
    [createAmqpDriver(RABBITMQ), 'amqp', 'cart.events'],
    [
      createS3Driver({
        endpoint: s3Endpoint,
        region: 'us-east-1',
        forcePathStyle: true,
        credentials: S3_CREDENTIALS,
      }),
      's3',
      'cart.images',
    ],
  ];
  for (const env of killEnvironments) {
    for (const [other, type, resId] of others) {
      await other.deprovision({
        ...driverRequest({ key: keyOf(env, resId), type, resId }),
        state: {},
      });
    }
  }
  await s3?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** The Redis ACL users, RabbitMQ vhosts and users, and S3 buckets of these names. */
async function otherObjects(names: {
  redisUser: string;
  vhost: string;
  amqpUser: string;
  bucket: string;
}) {
  const redis = new Redis({ ...REDIS, lazyConnect: true });
  await redis.connect();
  const users = (await redis.call('ACL', 'USERS')) as string[];
  redis.disconnect();
  const management = async (what: string) => {
    const response = await fetch(`${RABBITMQ.managementUrl}/api/${what}`, {
      headers: {
        authorization: `Basic ${Buffer.from('guest:guest').toString('base64')}`,
      },
    });
    return ((await response.json()) as Array<{ name: string }>).map(
      v => v.name,
    );
  };
  const { Buckets = [] } = await new S3Client({
    endpoint: s3Endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: S3_CREDENTIALS,
  }).send(new ListBucketsCommand({}));
  const times = (list: string[], name: string) =>
    list.filter(item => item === name).length;
  return {
    redisUsers: times(users, names.redisUser),
    vhosts: times(await management('vhosts'), names.vhost),
    amqpUsers: times(await management('users'), names.amqpUser),
    buckets: times(
      Buckets.map(b => b.Name ?? ''),
      names.bucket,
    ),
  };
}

/** Options of one test: a database prefix of its own, and its command log. */
function testOptions(label: string) {
  const databasePrefix = `orchrepl_${process.pid}_${label}_`;
  prefixes.push(databasePrefix);
  const commandLog = path.join(dir, `${label}-commands.log`);
  fs.writeFileSync(commandLog, '');
  const base = replicaOptions(
    {
      databasePrefix,
      postgres: POSTGRES,
      catalogFile: path.join(dir, 'catalog-info.yaml'),
      command: path.join(dir, 'slow.sh'),
      leaseSeconds: 3,
      reaperSeconds: 1,
      s3Endpoint,
    },
    0,
  );
  return { base, commandLog };
}

async function start(
  name: string,
  base: ReplicaOptions,
  commandLog: string,
): Promise<Replica> {
  const replica = await startReplica(
    name,
    { ...base, port: await freePort() },
    { logDir: dir, env: { PLINTH_COMMAND_LOG: commandLog } },
  );
  replicas.push(replica);
  return replica;
}

/** The command's calls: `<action> <key>` lines. */
function commandCalls(file: string): string[] {
  return fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
}
const count = (lines: string[], line: string) =>
  lines.filter(l => l === line).length;

/** Databases and roles of the machine's PostgreSQL named like the resource's. */
async function postgresObjects(name: string) {
  // The names end with 12 hex of the key's hash: any other database or role
  // made for the same key, whatever its readable part, counts too.
  const hashed = `%${name.slice(-13)}`;
  const [databases] = await pgQuery<{ exact: string; like: string }>(
    `SELECT count(*) FILTER (WHERE datname = $1) AS exact,
            count(*) FILTER (WHERE datname LIKE $2) AS like
       FROM pg_database`,
    [name, hashed],
  );
  const [roles] = await pgQuery<{ exact: string; like: string }>(
    `SELECT count(*) FILTER (WHERE rolname = $1) AS exact,
            count(*) FILTER (WHERE rolname LIKE $2) AS like
       FROM pg_roles`,
    [name, hashed],
  );
  return {
    databases: Number(databases.exact),
    databasesOfKey: Number(databases.like),
    roles: Number(roles.exact),
    rolesOfKey: Number(roles.like),
  };
}

async function createEnvironment(replica: Replica, id: string) {
  environments.add(id);
  const res = await replica.call('POST', `${APP_PATH}/environments`, {
    id,
    type: 'development',
  });
  expect(res).toMatchObject({ status: 201 });
}

async function putWorkload(
  replica: Replica,
  env: string,
  score = SCORE,
): Promise<string> {
  const res = await replica.call(
    'PUT',
    `${APP_PATH}/environments/${env}/workloads/cart`,
    score,
    'application/yaml',
  );
  expect(res).toMatchObject({ status: 202 });
  return res.body.run.id;
}

async function runOf(replica: Replica, env: string, run: string) {
  const res = await replica.call(
    'GET',
    `${APP_PATH}/environments/${env}/runs/${run}`,
  );
  if (res.status !== 200) {
    throw new Error(`GET run: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res.body;
}

async function environmentOf(replica: Replica, env: string) {
  const res = await replica.call('GET', `${APP_PATH}/environments/${env}`);
  if (res.status !== 200) {
    throw new Error(
      `GET environment: ${res.status} ${JSON.stringify(res.body)}`,
    );
  }
  return res.body;
}

/** Waits until the run has ended, and gives it. */
function ended(replica: Replica, env: string, run: string, timeoutMs: number) {
  return waitFor(
    `run ${run} of ${env} to end`,
    async () => {
      const body = await runOf(replica, env, run);
      return ['succeeded', 'failed', 'cancelled'].includes(body.status)
        ? body
        : undefined;
    },
    timeoutMs,
  );
}

function gone(replica: Replica, env: string, timeoutMs: number) {
  return waitFor(
    `environment ${env} to be gone`,
    async () => {
      const res = await replica.call('GET', `${APP_PATH}/environments/${env}`);
      return res.status === 404 ? true : undefined;
    },
    timeoutMs,
  );
}

/** Each replica's log, to show when an assertion fails. */
function logs(): string {
  return replicas
    .map(r => `--- ${r.name} (${r.logFile}):\n${tail(r.logFile, 15)}`)
    .join('\n');
}

describe('orchestrator replicas as processes', () => {
  it('resumes a run whose replica was killed with SIGKILL while provisioning, leaving one of each database, role, Redis user, vhost, RabbitMQ user and bucket', async () => {
    const { base, commandLog } = testOptions('kill');
    const env = `kill-${process.pid}`;
    killEnvironments.add(env);
    const a = await start('a', base, commandLog);
    await createEnvironment(a, env);
    const run = await putWorkload(a, env, KILL_SCORE);

    // A is in the middle of the run: the database is made, the slow
    // command has started and not finished.
    const db = await waitFor(
      'the run running, its database made and the command started',
      async () => {
        const [status, shown] = await Promise.all([
          runOf(a, env, run),
          environmentOf(a, env),
        ]);
        const resource = shown.resources.find(
          (r: any) => r.resId === 'cart.db',
        );
        if (status.status !== 'running' || resource?.status !== 'ready') {
          return undefined;
        }
        if (
          count(
            commandCalls(commandLog),
            `provision ${keyOf(env, 'cart.topic')}`,
          ) !== 1
        ) {
          return undefined;
        }
        return resource.outputs as Record<string, string>;
      },
      30_000,
      50,
    );
    expect((await postgresObjects(db.name)).databases).toBe(1);
    const killedAt = Date.now();
    await a.kill();
    // A is gone: nothing answers on its port.
    await expect(runOf(a, env, run)).rejects.toThrow();

    // B, on the same database, claims the run once A's lease has expired.
    const b = await start('b', base, commandLog);
    const done = await ended(b, env, run, 45_000).catch(error => {
      throw new Error(`${error}\n${logs()}`);
    });
    expect(done).toMatchObject({ status: 'succeeded', attempts: 2 });
    const resumedAfter = Date.now() - killedAt;

    const shown = await environmentOf(b, env);
    expect(shown.environment.status).toBe('ready');
    const byId = Object.fromEntries(
      shown.resources.map((r: any) => [r.resId, r]),
    );
    expect(byId['cart.db']).toMatchObject({ status: 'ready' });
    expect(byId['cart.db'].outputs).toMatchObject({
      name: db.name,
      username: db.username,
    });
    expect(byId['cart.topic']).toMatchObject({ status: 'ready' });
    // What A made before it died was found again, not made twice.
    const others = {
      redisUser: byId['cart.cache'].outputs.username,
      vhost: byId['cart.events'].outputs.vhost,
      amqpUser: byId['cart.events'].outputs.username,
      bucket: byId['cart.images'].outputs.bucket,
    };
    expect(await otherObjects(others)).toEqual({
      redisUsers: 1,
      vhosts: 1,
      amqpUsers: 1,
      buckets: 1,
    });
    expect(await postgresObjects(db.name)).toEqual({
      databases: 1,
      databasesOfKey: 1,
      roles: 1,
      rolesOfKey: 1,
    });
    // The command ran once per attempt: A's (killed) and B's.
    const calls = commandCalls(commandLog);
    expect(count(calls, `provision ${keyOf(env, 'cart.topic')}`)).toBe(2);

    const deleted = await b.call('DELETE', `${APP_PATH}/environments/${env}`);
    expect(deleted.status).toBe(202);
    await gone(b, env, 30_000);
    expect(await postgresObjects(db.name)).toEqual({
      databases: 0,
      databasesOfKey: 0,
      roles: 0,
      rolesOfKey: 0,
    });
    expect(await otherObjects(others)).toEqual({
      redisUsers: 0,
      vhosts: 0,
      amqpUsers: 0,
      buckets: 0,
    });
    expect(
      count(
        commandCalls(commandLog),
        `deprovision ${keyOf(env, 'cart.topic')}`,
      ),
    ).toBe(1);
    // For the report: how long the run took to be resumed and finished.
    process.stdout.write(
      `kill -9: resumed and finished ${resumedAfter} ms after the kill\n`,
    );
  });

  it('executes each run once across two replicas, and the reaper deletes an expired environment once', async () => {
    const { base, commandLog } = testOptions('two');
    const a = await start('a', base, commandLog);
    const b = await start('b', base, commandLog);
    const both = [a, b];
    const envs = Array.from({ length: 5 }, (_, i) => `two-${i}-${process.pid}`);

    // Requests spread over both replicas: created on one, deployed on the other.
    const runs = await Promise.all(
      envs.map(async (env, i) => {
        await createEnvironment(both[i % 2], env);
        return putWorkload(both[(i + 1) % 2], env);
      }),
    );
    const results = await Promise.all(
      envs.map((env, i) =>
        ended(both[i % 2], env, runs[i], 60_000).catch(error => {
          throw new Error(`${error}\n${logs()}`);
        }),
      ),
    );
    for (const result of results) {
      expect(result).toMatchObject({ status: 'succeeded', attempts: 1 });
    }
    const databases = await Promise.all(
      envs.map(async env => {
        const shown = await environmentOf(a, env);
        expect(shown.environment.status).toBe('ready');
        const db = shown.resources.find((r: any) => r.resId === 'cart.db');
        return db.outputs.name as string;
      }),
    );
    expect(new Set(databases).size).toBe(5);
    for (const name of databases) {
      expect(await postgresObjects(name)).toMatchObject({
        databasesOfKey: 1,
        rolesOfKey: 1,
      });
    }
    // Exactly one provision call per resource key: no run was done twice.
    let calls = commandCalls(commandLog);
    for (const env of envs) {
      expect(count(calls, `provision ${keyOf(env, 'cart.topic')}`)).toBe(1);
    }
    expect(calls).toHaveLength(5);

    // The reaper: one environment expires in 3 s; it is deleted once.
    const [expiring, ...kept] = envs;
    const patched = await b.call(
      'PATCH',
      `${APP_PATH}/environments/${expiring}`,
      { ttl: 'PT3S' },
    );
    expect(patched.status).toBe(200);
    await gone(a, expiring, 30_000).catch(error => {
      throw new Error(`${error}\n${logs()}`);
    });
    calls = commandCalls(commandLog);
    expect(count(calls, `deprovision ${keyOf(expiring, 'cart.topic')}`)).toBe(
      1,
    );
    expect(calls.filter(l => l.startsWith('deprovision '))).toHaveLength(1);
    expect(await postgresObjects(databases[0])).toMatchObject({
      databasesOfKey: 0,
      rolesOfKey: 0,
    });
    // One replica decided the deletion, once.
    const decisions = both
      .map(r => fs.readFileSync(r.logFile, 'utf8'))
      .join('\n')
      .split('\n')
      .filter(line =>
        line.includes(`Environment ${expiring} of ${APP_REF} expired at`),
      );
    expect(decisions).toHaveLength(1);
    for (const env of kept) {
      expect((await environmentOf(b, env)).environment.status).toBe('ready');
    }

    // The others are deleted through the API, and nothing is left.
    await Promise.all(
      kept.map(async (env, i) => {
        const res = await both[i % 2].call(
          'DELETE',
          `${APP_PATH}/environments/${env}`,
        );
        expect(res.status).toBe(202);
        await gone(both[(i + 1) % 2], env, 30_000);
      }),
    );
    for (const name of databases) {
      expect(await postgresObjects(name)).toMatchObject({
        databasesOfKey: 0,
        rolesOfKey: 0,
      });
    }
    calls = commandCalls(commandLog);
    for (const env of envs) {
      expect(count(calls, `deprovision ${keyOf(env, 'cart.topic')}`)).toBe(1);
    }
  });
});
