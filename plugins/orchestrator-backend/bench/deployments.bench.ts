/*
 * Deployments through a real backend and real servers, to a real Git remote:
 *
 *   npm run bench:deployments                 (SQLite in memory)
 *   BENCH_DB=pg npm run bench:deployments     (PostgreSQL, 127.0.0.1:5432,
 *                                              databases of a bench prefix,
 *                                              dropped at the end)
 *   BENCH_QUICK=1 npm run bench:deployments   (3 rounds instead of 10)
 *
 * The backend is the benches' (benchBackend.ts), started in this process
 * with `createBackend()`: auth (the guest provider, whose token every
 * request carries), permission (an allow-all policy of the bench, so every
 * decision goes through the framework), the catalog (the app `CartService`
 * from a catalog-info.yaml file location), the orchestrator and its
 * postgres, redis and amqp driver modules against the machine's PostgreSQL,
 * Redis and RabbitMQ, with one resource definition per type. This bench
 * adds the DORA backend (which each finished deployment is recorded in, as
 * in the example backend) and one delivery target: a GitOps repository, a
 * bare repository of a temporary folder (`file://`), branch main.
 *
 * Each round POSTs a deployment of the workload `cart` (postgres, redis and
 * amqp resources) with a new image tag, so that each round commits, and
 * polls every 25 ms both the remote (`git rev-parse main` in the bare
 * repository) and the deployment (`GET …/deployments/:id`). Measured from
 * the POST: the commit on the remote (the new tip, whose message names the
 * deployment, and which the deployment's `delivery.commit` names) — the
 * target, under 3 s — and the deployment `succeeded` (verified).
 *
 * Figures:
 *   - one environment, N rounds (10, or 3 with BENCH_QUICK=1): the first
 *     round provisions the resources, the others find them provisioned;
 *     reported apart;
 *   - a fresh environment each round, N rounds: every round provisions
 *     (the first deployment of an environment);
 *   - after the environments are deleted through the API (each GET answers
 *     404): none of their databases, roles, Redis ACL users, RabbitMQ vhosts
 *     and users is left on the servers, by the names their outputs gave.
 * Exits non-zero when a target or a count fails.
 */
import doraPlugin from '@plinth/plugin-dora-backend';
import type {
  Deployment,
  DeploymentStageName,
} from '@plinth/plugin-orchestrator-common';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { sleep, waitFor } from '../src/__testUtils__/waiting';
import { APP, PG, QUICK, runId, startBenchBackend } from './benchBackend';
import { CartNames, cartScore, namesIn, namesOnServers } from './cartWorkload';
import { brokeOff, exitWith, machine, printTable, seconds } from './report';
import type { Row } from './report';

const ROUNDS = QUICK ? 3 : 10;
const TARGET_MS = 3_000;
/** How often the remote and the deployment are looked at. */
const POLL_MS = 25;
const RUN = runId('d');

const SCORE = cartScore({
  variables: {
    REDIS_URL:
      'redis://${resources.cache.username}:${resources.cache.password}@${resources.cache.host}:${resources.cache.port}',
    REDIS_PREFIX: '${resources.cache.prefix}',
    AMQP_URL:
      'amqp://${resources.queue.username}:${resources.queue.password}@${resources.queue.host}:${resources.queue.port}/${resources.queue.vhost}',
  },
  container: {
    resources: {
      requests: { cpu: '100m', memory: '128Mi' },
      limits: { memory: '256Mi' },
    },
    readinessProbe: { httpGet: { path: '/ready', port: 8080 } },
  },
  service: { ports: { http: { port: 80, targetPort: 8080 } } },
});

function git(cwd: string, ...args: string[]): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile('git', args, { cwd }, (error, stdout, stderr) =>
      error
        ? reject(new Error(`${error.message}\n${stderr}`))
        : resolve(stdout.trim()),
    ),
  );
}

/** The remote's tip of main; undefined before the first push. */
const tipOf = (remote: string) =>
  git(remote, 'rev-parse', '--verify', '--quiet', 'refs/heads/main').catch(
    () => undefined,
  );

/** What one round measured, in ms from the POST. */
interface Round {
  commitMs: number;
  succeededMs: number;
  stages: Partial<Record<DeploymentStageName, number>>;
}

/** How many of the names are on the servers now, by what they are. */
async function leftOnServers(
  names: CartNames[],
): Promise<Record<string, number>> {
  const on = await namesOnServers();
  const left = (kind: keyof CartNames) => {
    const server = new Set(on[kind]);
    return names.filter(n => server.has(n[kind])).length;
  };
  return {
    'PostgreSQL databases': left('database'),
    'PostgreSQL roles': left('role'),
    'Redis ACL users': left('redisUser'),
    'RabbitMQ vhosts': left('vhost'),
    'RabbitMQ users': left('amqpUser'),
  };
}

/** The value below which `p` of the sorted values lie (nearest rank). */
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Median, p95 and max of the rounds' commit times; stages' medians. */
function summary(rounds: Round[]): string {
  const commit = rounds.map(r => r.commitMs);
  return `median ${seconds(median(commit))}, p95 ${seconds(
    percentile(commit, 0.95),
  )}, max ${seconds(Math.max(...commit))}`;
}

function stagesLine(rounds: Round[]): string {
  const names = Object.keys(rounds[0]?.stages ?? {}) as DeploymentStageName[];
  return names
    .map(
      name =>
        `${name} ${seconds(median(rounds.map(r => r.stages[name] ?? 0)))}`,
    )
    .join(', ');
}

async function main() {
  console.log(
    `Deployments bench: a real backend, real servers, a GitOps remote; ${machine()}; load average ${loadavg()
      .map(l => l.toFixed(2))
      .join(' ')}; ${PG ? 'PostgreSQL' : 'SQLite in memory'}; ${ROUNDS} rounds${
      QUICK ? ' (BENCH_QUICK)' : ''
    }; run ${RUN}`,
  );

  const dir = mkdtempSync(join(tmpdir(), 'plinth-deployments-bench-'));
  const remote = join(dir, 'gitops.git');
  await git(dir, 'init', '--quiet', '--bare', '--initial-branch=main', remote);
  const backend = await startBenchBackend({
    dir,
    databasePrefix: `orchdeploybench_${RUN}_`,
    orchestrator: {
      deployments: {
        workDir: join(dir, 'clones'),
        targets: [{ gitops: { repositoryUrl: pathToFileURL(remote).href } }],
      },
    },
    features: [doraPlugin],
  });
  const { call } = backend;

  const live = new Set<string>();
  const everyName: CartNames[] = [];
  const create = async (env: string) => {
    await backend.createEnvironment(env);
    live.add(env);
  };

  let tag = 0;
  /**
   * Deploys the workload with a new image tag; the time from the POST to
   * the commit on the remote and to the deployment's success.
   */
  const deployOnce = async (env: string): Promise<Round> => {
    tag += 1;
    const before = await tipOf(remote);
    const t0 = performance.now();
    const posted = await call(
      'POST',
      `${APP}/environments/${env}/deployments`,
      {
        workloads: [
          {
            name: 'cart',
            score: SCORE,
            images: { main: `ghcr.io/example/cart:1.${tag}` },
          },
        ],
      },
    );
    if (posted.status !== 202) {
      throw new Error(
        `POST deployment to ${env}: ${posted.status} ${JSON.stringify(
          posted.body,
        )}`,
      );
    }
    const id: string = posted.body.deployment.id;
    const url = `${APP}/environments/${env}/deployments/${id}`;
    let commit: { sha: string; ms: number } | undefined;
    let done: { deployment: Deployment; ms: number } | undefined;
    const deadline = Date.now() + 120_000;
    while (!commit || !done) {
      if (Date.now() > deadline) {
        throw new Error(`deployment ${id} to ${env}: no commit after 120 s`);
      }
      const [tip, got] = await Promise.all([
        commit ? undefined : tipOf(remote),
        done ? undefined : call('GET', url),
      ]);
      const now = performance.now();
      if (!commit && tip && tip !== before) {
        commit = { sha: tip, ms: now - t0 };
      }
      const deployment: Deployment | undefined = got?.body?.deployment;
      if (deployment?.status === 'failed') {
        throw new Error(
          `deployment ${id} to ${env} failed: ${deployment.error}`,
        );
      }
      if (!done && deployment?.status === 'succeeded') {
        done = { deployment, ms: now - t0 };
      }
      if (!commit || !done) await sleep(POLL_MS);
    }
    // The tip is this deployment's commit: its message names it, and the
    // deployment names it as its delivery.
    const message = await git(remote, 'log', '-1', '--format=%B', commit.sha);
    const delivery = done.deployment.delivery;
    if (
      !message.includes(id) ||
      delivery?.kind !== 'gitops' ||
      delivery.commit !== commit.sha ||
      !delivery.changed
    ) {
      throw new Error(
        `deployment ${id}: the remote's tip ${
          commit.sha
        } is not its commit (delivery ${JSON.stringify(delivery)})`,
      );
    }
    await git(remote, 'cat-file', '-e', `${commit.sha}^{commit}`);
    const manifest = await git(
      remote,
      'show',
      `${commit.sha}:apps/cartservice/${env}/deployment-cart.yaml`,
    );
    if (!manifest.includes(`image: ghcr.io/example/cart:1.${tag}`)) {
      throw new Error(`deployment ${id}: the committed image is not 1.${tag}`);
    }
    const stages: Round['stages'] = {};
    for (const stage of done.deployment.stages) {
      if (stage.startedAt && stage.finishedAt) {
        stages[stage.name] =
          Date.parse(stage.finishedAt) - Date.parse(stage.startedAt);
      }
    }
    return { commitMs: commit.ms, succeededMs: done.ms, stages };
  };
  const namesOf = async (env: string) => namesIn(await backend.outputsOf(env));
  const remove = async (env: string) => {
    await backend.requestDeletion(env);
    // A failed deletion is not waited for to the end.
    const reason = await waitFor(
      `${env} gone`,
      async () => {
        const got = await call('GET', `${APP}/environments/${env}`);
        if (got.status === 404) return '';
        const environment = got.body?.environment;
        return environment?.status === 'failed'
          ? String(environment.statusReason)
          : undefined;
      },
      120_000,
      POLL_MS,
    );
    if (reason) throw new Error(`deleting ${env} failed: ${reason}`);
    live.delete(env);
  };
  const show = (label: string, i: number, round: Round) =>
    console.log(
      `  ${label} #${i + 1}: commit on the remote ${seconds(
        round.commitMs,
      )}, succeeded ${seconds(round.succeededMs)} (${stagesLine([round])})`,
    );

  const rows: Row[] = [];
  let failed = false;
  try {
    // One environment, a new image each round.
    const same = `${RUN}-same`;
    await create(same);
    const sameRounds: Round[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const round = await deployOnce(same);
      sameRounds.push(round);
      show('one environment, round', i, round);
    }
    everyName.push(await namesOf(same));
    const [first, ...later] = sameRounds;
    rows.push({
      figure: 'one environment, round 1 (provisions postgres, redis, amqp)',
      value: `commit ${seconds(first.commitMs)}, succeeded ${seconds(
        first.succeededMs,
      )}`,
      target: '< 3 s',
      ok: first.commitMs < TARGET_MS,
    });
    rows.push({
      figure: `one environment, rounds 2–${ROUNDS} (resources provisioned): commit on the remote`,
      value: summary(later),
      target: '< 3 s (p95)',
      ok:
        percentile(
          later.map(r => r.commitMs),
          0.95,
        ) < TARGET_MS,
    });
    rows.push({
      figure: `one environment, rounds 2–${ROUNDS}: succeeded (verified)`,
      value: `median ${seconds(
        median(later.map(r => r.succeededMs)),
      )}, max ${seconds(Math.max(...later.map(r => r.succeededMs)))}`,
      target: 'reported',
      ok: true,
    });
    rows.push({
      figure: `one environment, rounds 2–${ROUNDS}: stages (median)`,
      value: stagesLine(later),
      target: 'reported',
      ok: true,
    });
    await remove(same);

    // A fresh environment each round: every round provisions.
    const freshRounds: Round[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const env = `${RUN}-fresh-${i}`;
      await create(env);
      const round = await deployOnce(env);
      freshRounds.push(round);
      show('fresh environment, round', i, round);
      everyName.push(await namesOf(env));
      await remove(env);
    }
    rows.push({
      figure: `a fresh environment each round (provisioning included), ${ROUNDS} rounds: commit on the remote`,
      value: summary(freshRounds),
      target: '< 3 s (p95)',
      ok:
        percentile(
          freshRounds.map(r => r.commitMs),
          0.95,
        ) < TARGET_MS,
    });
    rows.push({
      figure: 'a fresh environment each round: succeeded (verified)',
      value: `median ${seconds(
        median(freshRounds.map(r => r.succeededMs)),
      )}, max ${seconds(Math.max(...freshRounds.map(r => r.succeededMs)))}`,
      target: 'reported',
      ok: true,
    });
    rows.push({
      figure: 'a fresh environment each round: stages (median)',
      value: stagesLine(freshRounds),
      target: 'reported',
      ok: true,
    });

    const left = await leftOnServers(everyName);
    for (const [what, count] of Object.entries(left)) {
      rows.push({
        figure: `after deletion: ${what} left (of all ${everyName.length} environments)`,
        value: String(count),
        target: '0',
        ok: count === 0,
      });
    }
  } catch (error) {
    failed = brokeOff(error);
  } finally {
    // Whatever is left of a broken run is deleted through the API.
    for (const env of [...live]) {
      await remove(env).catch(error => console.error(`  ${env}: ${error}`));
    }
  }

  console.log();
  printTable(rows);

  await backend.stop();
  rmSync(dir, { recursive: true, force: true });
  exitWith(rows, failed);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
