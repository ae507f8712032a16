/*
 * The orchestrator through a real backend and real servers:
 *
 *   npm run bench                 (SQLite in memory)
 *   BENCH_DB=pg npm run bench     (PostgreSQL, 127.0.0.1:5432, databases of
 *                                  a bench prefix, dropped at the end)
 *   BENCH_QUICK=1 npm run bench   (5 environments instead of 20)
 *
 * The backend is the benches' (benchBackend.ts), started in this process
 * with `createBackend()`: auth (the guest provider, whose token every
 * request carries), permission (an allow-all policy of the bench, so every
 * decision goes through the framework), the catalog (the app `CartService`
 * from a catalog-info.yaml file location), the orchestrator and its
 * postgres, redis and amqp driver modules, configured to the machine's
 * PostgreSQL, Redis and RabbitMQ; this bench adds the s3 driver module,
 * configured to an s3rver it starts. One resource definition per type.
 *
 * Figures:
 *   - one environment end to end, five times: POST the environment, PUT a
 *     Score workload with postgres + redis + amqp + s3 resources, poll the
 *     run until it has succeeded (target: < 3 s, the median);
 *   - N environments × 4 resources at once (20, or 5 with BENCH_QUICK=1):
 *     every environment created and deployed at once, until every run has
 *     succeeded; then every environment deleted at once, until each GET
 *     answers 404. On each server, by the names the resources' outputs give
 *     (drivers name things after a hash of the key `app/env/resId`, so other
 *     runs' leftovers are not counted): databases and roles, Redis ACL
 *     users, RabbitMQ vhosts and users, S3 buckets — exactly N of each, none
 *     shared and no second object for a key (same hash) while provisioned;
 *     none of them after the deletion.
 * Exits non-zero when a target or a count fails.
 */
// The s3 driver module and S3's client (the other servers' are cartWorkload.ts').
import {
  CreateBucketCommand,
  ListBucketsCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import s3Module from '@plinth/plugin-orchestrator-backend-module-s3';
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { waitFor } from '../src/__testUtils__/waiting';
import { APP, PG, QUICK, runId, startBenchBackend } from './benchBackend';
import { CartNames, cartScore, namesIn, namesOnServers } from './cartWorkload';
import { brokeOff, exitWith, machine, printTable, seconds } from './report';
import type { Row } from './report';

const N = QUICK ? 5 : 20;
const E2E_RUNS = 5;
const E2E_TARGET_MS = 3_000;
/**
 * How often each of the N environments is polled: every 25 ms, N pollers
 * would be a load of their own (800 requests/s for 20) on the backend they
 * measure; 100 ms keeps them a small part of it.
 */
const MANY_POLL_MS = 100;
// The AWS SDK's notice about Node versions of 2027 is no figure either.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

// s3rver knows one account, and checks the access key id only.
const S3_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
const RUN = runId('b');

const SCORE = cartScore({
  variables: {
    REDIS_USER: '${resources.cache.username}',
    AMQP_VHOST: '${resources.queue.vhost}',
    BUCKET: '${resources.files.bucket}',
  },
  resources: { files: { type: 's3' } },
});

// s3rver runs in a process of its own: its ListObjectsV2 continuation
// tokens use DES, which Node's OpenSSL 3 offers only with its legacy
// provider (as in the s3 module's tests).
const S3RVER = `
const S3rver = require(process.argv[1]);
const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: process.argv[2] });
server.run().then(address => process.stdout.write(JSON.stringify(address) + '\\n'));
process.stdin.on('end', () => server.close().then(() => process.exit(0)));
process.stdin.resume();
`;

async function startS3rver(
  directory: string,
): Promise<{ child: ChildProcess; endpoint: string }> {
  const child = spawn(
    process.execPath,
    [
      '--openssl-legacy-provider',
      '-e',
      S3RVER,
      require.resolve('s3rver'),
      directory,
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve(JSON.parse(out).port);
    });
    child.once('error', reject);
    child.once('exit', code => reject(new Error(`s3rver exited (${code})`)));
  });
  return { child, endpoint: `http://127.0.0.1:${port}` };
}

async function stopS3rver(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise(resolve => child.once('exit', resolve));
  child.stdin!.end();
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

/** The names a provisioned environment's resources carry, by what they are. */
interface Names extends CartNames {
  bucket: string;
}
const KINDS: Array<{ kind: keyof Names; label: string }> = [
  { kind: 'database', label: 'PostgreSQL databases (pg_database)' },
  { kind: 'role', label: 'PostgreSQL roles (pg_roles)' },
  { kind: 'redisUser', label: 'Redis ACL users (ACL USERS)' },
  { kind: 'vhost', label: 'RabbitMQ vhosts (GET /api/vhosts)' },
  { kind: 'amqpUser', label: 'RabbitMQ users (GET /api/users)' },
  { kind: 'bucket', label: 'S3 buckets (ListBuckets)' },
];

/** Every name of each kind on the real servers now (of the drivers). */
async function serverNames(
  s3: S3Client,
): Promise<Record<keyof Names, string[]>> {
  const names = await namesOnServers();
  const { Buckets = [] } = await s3.send(new ListBucketsCommand({}));
  return {
    database: names.database.filter(d => d.startsWith('plinth_')),
    role: names.role.filter(r => r.startsWith('plinth_')),
    redisUser: names.redisUser.filter(u => u.startsWith('plinth')),
    vhost: names.vhost.filter(v => v.startsWith('plinth')),
    amqpUser: names.amqpUser.filter(u => u.startsWith('plinth')),
    bucket: Buckets.map(b => b.Name ?? '').filter(b => b.startsWith('plinth')),
  };
}

/**
 * Of the expected names: how many the server has, and how many objects it
 * has for their keys (a name ends with 12 hex of its key's hash; a second
 * object for a key, whatever its readable part, would share them).
 */
function countOn(server: string[], expected: string[]) {
  const found = expected.filter(name => server.includes(name)).length;
  const ofKeys = expected
    .map(name => server.filter(s => s.slice(-12) === name.slice(-12)).length)
    .reduce((a, b) => a + b, 0);
  return { found, ofKeys, distinct: new Set(expected).size };
}

async function main() {
  console.log(
    `Orchestrator bench: a real backend and real servers; ${machine()}; ${
      PG ? 'PostgreSQL' : 'SQLite in memory'
    }; ${N} environments${QUICK ? ' (BENCH_QUICK)' : ''}; run ${RUN}`,
  );

  const dir = mkdtempSync(join(tmpdir(), 'plinth-orchestrator-bench-'));
  const s3rver = await startS3rver(join(dir, 's3'));
  const s3 = new S3Client({
    endpoint: s3rver.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: S3_CREDENTIALS,
  });
  // One bucket that is no resource's, so the counts show they look past it.
  await s3.send(new CreateBucketCommand({ Bucket: 'plinth-not-a-resource' }));
  const backend = await startBenchBackend({
    dir,
    databasePrefix: `orchbench_${RUN}_`,
    drivers: {
      s3: {
        endpoint: s3rver.endpoint,
        region: 'us-east-1',
        forcePathStyle: true,
        credentials: S3_CREDENTIALS,
      },
    },
    features: [s3Module],
  });
  const { call } = backend;

  const live = new Set<string>();
  /** Creates an environment and deploys the workload in it; the run's id. */
  const deploy = async (env: string): Promise<string> => {
    await backend.createEnvironment(env);
    live.add(env);
    const put = await call(
      'PUT',
      `${APP}/environments/${env}/workloads/cart`,
      SCORE,
    );
    if (put.status !== 202) {
      throw new Error(`PUT ${env}: ${put.status} ${JSON.stringify(put.body)}`);
    }
    return put.body.run.id;
  };
  const succeeded = (
    env: string,
    run: string,
    timeoutMs = 180_000,
    pollMs = 25,
  ) =>
    waitFor(
      `run ${run} of ${env}`,
      async () => {
        const res = await call('GET', `${APP}/environments/${env}/runs/${run}`);
        if (res.body?.status === 'failed' || res.body?.status === 'cancelled') {
          throw new Error(
            `run ${run} of ${env} ${res.body.status}: ${res.body.error}`,
          );
        }
        return res.body?.status === 'succeeded' ? res.body : undefined;
      },
      timeoutMs,
      pollMs,
    ).catch(async error => {
      // A failed run is not waited for to the end.
      const res = await call('GET', `${APP}/environments/${env}/runs/${run}`);
      throw res.body?.status === 'failed'
        ? new Error(`run ${run} of ${env} failed: ${res.body.error}`)
        : error;
    });
  const namesOf = async (env: string): Promise<Names> => {
    const outputs = await backend.outputsOf(env);
    return { ...namesIn(outputs), bucket: outputs['cart.files'].bucket };
  };
  const remove = (env: string) => backend.requestDeletion(env);
  const removed = (env: string, timeoutMs = 180_000, pollMs = 25) =>
    waitFor(
      `${env} gone`,
      async () => {
        const res = await call('GET', `${APP}/environments/${env}`);
        if (res.status === 404) {
          live.delete(env);
          return true;
        }
        if (res.body?.environment?.status === 'failed') {
          throw new Error(
            `deleting ${env} failed: ${res.body.environment.statusReason}`,
          );
        }
        return undefined;
      },
      timeoutMs,
      pollMs,
    );

  const rows: Row[] = [];
  const everyName: Names[] = [];
  let failed = false;
  try {
    // One environment, end to end, five times.
    const e2e: number[] = [];
    for (let i = 0; i < E2E_RUNS; i++) {
      const env = `${RUN}-one-${i}`;
      const t0 = performance.now();
      const run = await deploy(env);
      await succeeded(env, run);
      const ms = performance.now() - t0;
      e2e.push(ms);
      everyName.push(await namesOf(env));
      console.log(`  one environment end to end, #${i + 1}: ${seconds(ms)}`);
      await remove(env);
      await removed(env);
    }
    const sorted = [...e2e].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)];
    rows.push({
      figure: `one environment end to end (POST, PUT 4 resources, run succeeded), median of ${E2E_RUNS}`,
      value: `${seconds(median)} (${e2e
        .map(ms => (ms / 1000).toFixed(2))
        .join(', ')})`,
      target: '< 3 s',
      ok: median < E2E_TARGET_MS,
    });

    // N environments at once.
    const envs = Array.from({ length: N }, (_, i) => `${RUN}-many-${i}`);
    const t0 = performance.now();
    await Promise.all(
      envs.map(async env =>
        succeeded(env, await deploy(env), 300_000, MANY_POLL_MS),
      ),
    );
    const provisionMs = performance.now() - t0;
    rows.push({
      figure: `${N} environments × 4 resources at once: all runs succeeded`,
      value: seconds(provisionMs),
      target: 'reported',
      ok: true,
    });
    const names = await Promise.all(envs.map(namesOf));
    everyName.push(...names);
    const provisioned = await serverNames(s3);
    for (const { kind, label } of KINDS) {
      const expected = names.map(n => n[kind]);
      const { found, ofKeys, distinct } = countOn(provisioned[kind], expected);
      rows.push({
        figure: `provisioned: ${label}`,
        value: `${found} made, ${distinct} distinct, ${
          ofKeys - found
        } duplicates`,
        target: `${N}, ${N}, 0`,
        ok: found === N && distinct === N && ofKeys === N,
      });
    }

    const t1 = performance.now();
    await Promise.all(
      envs.map(async env => {
        await remove(env);
        await removed(env, 300_000, MANY_POLL_MS);
      }),
    );
    const deleteMs = performance.now() - t1;
    rows.push({
      figure: `${N} environments deleted at once: each GET answers 404`,
      value: seconds(deleteMs),
      target: 'reported',
      ok: true,
    });
    const after = await serverNames(s3);
    for (const { kind, label } of KINDS) {
      const expected = everyName.map(n => n[kind]);
      const { ofKeys } = countOn(after[kind], expected);
      rows.push({
        figure: `after deletion: ${label} left (of all ${expected.length} environments)`,
        value: `${ofKeys}`,
        target: '0',
        ok: ofKeys === 0,
      });
    }
  } catch (error) {
    failed = brokeOff(error);
  } finally {
    // Whatever is left of a broken run is deleted through the API.
    if (live.size) {
      console.log(`Deleting ${live.size} environments left behind…`);
      await Promise.all(
        [...live].map(env =>
          remove(env)
            .then(() => removed(env, 120_000))
            .catch(error => console.error(`  ${env}: ${error}`)),
        ),
      );
    }
  }

  console.log();
  printTable(rows);

  await backend.stop();
  await stopS3rver(s3rver.child);
  rmSync(dir, { recursive: true, force: true });
  exitWith(rows, failed);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
