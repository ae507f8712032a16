/*
 * The entity scorecards API as a user's browser calls it, through a real
 * backend: `GET /api/scorecards/entity/service/default/<name>` with a
 * signed-in user's token, 50 clients, 10 s per run.
 *
 *   npm run bench:api [-- N]      (N services, 2,000 by default)
 *
 * The backend is started in this process with `createBackend()` and real
 * plugins: auth (the guest provider, whose token the requests carry),
 * permission (a policy of this bench), catalog with Plinth's blueprints
 * module (the N services arrive as Port entities and are processed like any
 * other), the blueprints backend (derived values) and the scorecards backend
 * (a file scorecard of eight rules, evaluated over the N). Every request goes
 * through the user's token check, the permission framework's decision on
 * `catalog.entity.read` and, when the policy decides per entity, the
 * catalog's own filtered lookup, with the visibility cache of
 * `@plinth/backend-utils` (decisions and answers reused per token for 10 s).
 * The load comes from another process (bench/loadClient.ts: wrk when it is
 * installed, autocannon otherwise; every response time kept, so p95 is
 * exact; answers other than 2xx counted, and a run with any flagged).
 *
 * Printed side by side, on SQLite (a file per plugin) and on PostgreSQL
 * (BACKSTAGE_TEST_DATABASE_POSTGRES<N>_CONNECTION_STRING, or
 * postgresql://postgres@127.0.0.1:5432; databases with a bench prefix,
 * dropped at the end; BENCH_ONLY=sqlite|pg for one):
 *   - the reference: `GET /api/blueprints/blueprints`, token check and an
 *     answer from memory, through the same HTTP stack;
 *   - allow: every entity visible (an allow-all policy, the example app's);
 *   - conditional: `catalog.entity.read` conditional on the entity not being
 *     one hidden service, so the catalog decides; the policy is switched and
 *     its new decisions awaited (the cache's 10 s), then the hidden service
 *     is checked to show no scorecard.
 * Each figure is taken once the catalog has settled (its ingestion and
 * stitching over, the event loop quiet) and after a warm-up of its own:
 * 3 s, or BENCH_WARMUP seconds (the card cache fills in the warm-up, as it
 * stays filled in a running app; 3 s leaves it filling while measuring).
 * Target: >= 1,000 req/s and p95 < 50 ms at 50 clients.
 *
 * BENCH_CARD_CACHE_TTL=<duration> sets plinth.scorecards.cardCache.ttl
 * (a minute by default; 0s measures the route without its card cache).
 *
 * For looking closer: BENCH_PROFILE=<folder> writes the backend's CPU
 * profile of each load window there; BENCH_HOLD=<file> keeps the backend
 * up once it has settled (port 7198) with the user's token in <file>.
 */
import {
  coreServices,
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { createBackend } from '@backstage/backend-defaults';
import { ConfigReader } from '@backstage/config';
import authPlugin from '@backstage/plugin-auth-backend';
import guestProvider from '@backstage/plugin-auth-backend-module-guest-provider';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  isPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import permissionPlugin from '@backstage/plugin-permission-backend';
import {
  PermissionPolicy,
  PolicyQuery,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
// The real blueprints backend and catalog module, which the scorecards
// backend reads entities through.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import blueprintsPlugin from '@plinth/plugin-blueprints-backend';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import catalogModuleBlueprints from '@plinth/plugin-catalog-backend-module-blueprints';
import knexFactory from 'knex';
import { Session } from 'node:inspector';
import { performance } from 'node:perf_hooks';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_VISIBILITY_CACHE_TTL_MS } from '@plinth/backend-utils';
import scorecardsPlugin from '../src';
import { loadClient, LoadResult, runLoad } from './loadClient';

const N = Number(process.argv.find(a => /^\d+$/.test(a)) ?? 2_000);
const SYSTEMS = 50;
const PORT = 7198;
const HIDDEN = 'svc-000000';
// The backend's own logs would bury the figures.
process.env.LOG_LEVEL ??= 'warn';

const name = (i: number) => `svc-${String(i).padStart(6, '0')}`;

/** The permission policy of the bench; its mode is switched between runs. */
class BenchPolicy implements PermissionPolicy {
  mode: 'allow' | 'conditional' = 'allow';

  async handle(request: PolicyQuery): Promise<PolicyDecision> {
    if (
      this.mode === 'conditional' &&
      isPermission(request.permission, catalogEntityReadPermission)
    ) {
      return createCatalogConditionalDecision(request.permission, {
        not: catalogConditions.hasMetadata({ key: 'name', value: HIDDEN }),
      });
    }
    return { result: AuthorizeResult.ALLOW };
  }
}

/** Blueprints, Port entities and a scorecard, as files the plugins read. */
function writeModel(dir: string) {
  for (const folder of ['blueprints', 'entities', 'scorecards']) {
    mkdirSync(join(dir, folder));
  }
  const blueprints = [
    { identifier: 'Domain', title: 'Domain', schema: { properties: {} } },
    {
      identifier: 'System',
      title: 'System',
      schema: { properties: {} },
      relations: { domain: { target: 'Domain' } },
    },
    {
      identifier: 'Service',
      title: 'Service',
      schema: {
        properties: {
          language: { type: 'string', enum: ['go', 'java', 'typescript'] },
          coverage: { type: 'number' },
          readme: { type: 'string' },
          runbook: { type: 'string', format: 'url' },
          tier: { type: 'number' },
        },
      },
      relations: { system: { target: 'System' } },
      mirrorProperties: { domainTitle: { path: 'system.domain.$title' } },
    },
  ];
  writeFileSync(
    join(dir, 'blueprints', 'model.json'),
    JSON.stringify(blueprints),
  );
  writeFileSync(
    join(dir, 'entities', 'Domain.json'),
    JSON.stringify({
      blueprint: 'Domain',
      data: [{ identifier: 'orders', title: 'Orders' }],
    }),
  );
  writeFileSync(
    join(dir, 'entities', 'System.json'),
    JSON.stringify({
      blueprint: 'System',
      data: Array.from({ length: SYSTEMS }, (_, s) => ({
        identifier: `system-${s}`,
        relations: { domain: 'orders' },
      })),
    }),
  );
  writeFileSync(
    join(dir, 'entities', 'Service.json'),
    JSON.stringify({
      blueprint: 'Service',
      data: Array.from({ length: N }, (_, i) => ({
        identifier: name(i),
        title: `Service ${i}`,
        team: `team-${i % 40}`,
        properties: {
          language: ['go', 'java', 'typescript'][i % 3],
          coverage: (i * 37) % 100,
          readme: i % 10 ? '# Readme' : '',
          runbook: i % 5 ? `https://runbooks.example.com/${i}` : undefined,
          tier: 1 + (i % 3),
        },
        relations: { system: `system-${i % SYSTEMS}` },
      })),
    }),
  );
  const rule = (
    identifier: string,
    level: string,
    condition: Record<string, unknown>,
  ) => ({
    identifier,
    title: identifier,
    level,
    query: { combinator: 'and', conditions: [condition] },
  });
  writeFileSync(
    join(dir, 'scorecards', 'readiness.json'),
    JSON.stringify({
      identifier: 'readiness',
      title: 'Production readiness',
      blueprint: 'Service',
      rules: [
        rule('owned', 'Bronze', { property: '$team', operator: 'isNotEmpty' }),
        rule('inSystem', 'Bronze', {
          relation: 'system',
          operator: 'isNotEmpty',
        }),
        rule('readme', 'Bronze', {
          property: 'readme',
          operator: 'isNotEmpty',
        }),
        rule('runbook', 'Silver', {
          property: 'runbook',
          operator: 'beginsWith',
          value: 'https://',
        }),
        rule('domain', 'Silver', {
          property: 'domainTitle',
          operator: 'isNotEmpty',
        }),
        rule('tier', 'Silver', { property: 'tier', operator: '<=', value: 2 }),
        {
          identifier: 'covered',
          title: 'covered',
          level: 'Gold',
          threshold: { property: 'coverage', operator: '>=', value: 60 },
        },
        rule('notJava', 'Gold', {
          property: 'language',
          operator: '!=',
          value: 'java',
        }),
      ],
    }),
  );
}

function databaseConfig(dir: string, pg: string | undefined, prefix: string) {
  if (!pg) {
    return { client: 'better-sqlite3', connection: { directory: dir } };
  }
  const url = new URL(pg);
  return {
    client: 'pg',
    prefix,
    connection: {
      host: url.hostname,
      port: Number(url.port || 5432),
      user: decodeURIComponent(url.username || 'postgres'),
      password: decodeURIComponent(url.password || ''),
    },
  };
}

/**
 * Waits until the backend's event loop has been under 15 % busy for three
 * 2-second windows in a row (at most 10 minutes): the catalog's ingestion
 * and stitching, and the first evaluations, are over.
 */
async function waitForQuiet(): Promise<string> {
  const deadline = Date.now() + 600_000;
  let quietWindows = 0;
  let busy = 1;
  while (quietWindows < 3 && Date.now() < deadline) {
    const before = performance.eventLoopUtilization();
    await new Promise(resolve => setTimeout(resolve, 2000));
    busy = performance.eventLoopUtilization(before).utilization;
    quietWindows = busy < 0.15 ? quietWindows + 1 : 0;
  }
  return `event loop ${(busy * 100).toFixed(0)} % busy`;
}

async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 600_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastReport = Date.now();
  for (;;) {
    let why = 'not yet';
    const value = await check().catch(error => {
      why = String(error);
      return undefined;
    });
    if (value !== undefined) return value;
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what} (${why})`);
    }
    if (Date.now() - lastReport > 30_000) {
      console.log(`  … still waiting for ${what} (${why})`);
      lastReport = Date.now();
    }
    await new Promise(resolve => setTimeout(resolve, 1000));
  }
}

/** The warm-up before each figure, in seconds. */
const WARM_UP_SECONDS = Number(process.env.BENCH_WARMUP ?? 3);

/** Load from a process of its own (bench/loadClient.ts): 50 clients, 10 s. */
async function load(
  token: string,
  paths: string[],
  durationSeconds = 10,
): Promise<LoadResult> {
  const stopProfile = await startProfile();
  try {
    return await runLoad({
      url: `http://127.0.0.1:${PORT}`,
      token,
      paths,
      connections: 50,
      durationSeconds,
    });
  } finally {
    await stopProfile();
  }
}

let profiles = 0;
/**
 * With BENCH_PROFILE=<folder>, the backend's CPU during each load window is
 * written there (load-<n>.cpuprofile, for Chrome's DevTools).
 */
async function startProfile(): Promise<() => Promise<void>> {
  const folder = process.env.BENCH_PROFILE;
  if (!folder) return async () => {};
  const session = new Session();
  session.connect();
  const post = (method: string) =>
    new Promise<any>((resolve, reject) =>
      session.post(method, (error, result) =>
        error ? reject(error) : resolve(result),
      ),
    );
  await post('Profiler.enable');
  await post('Profiler.start');
  return async () => {
    const { profile } = await post('Profiler.stop');
    mkdirSync(folder, { recursive: true });
    profiles += 1;
    writeFileSync(
      join(folder, `load-${profiles}.cpuprofile`),
      JSON.stringify(profile),
    );
    session.disconnect();
  };
}

/** The entity pages of random services, as 50 browsers would ask for them. */
function entityPaths(): string[] {
  let seed = 11;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  return Array.from(
    { length: 5000 },
    () =>
      `/api/scorecards/entity/service/default/${name(
        1 + Math.floor(random() * (N - 1)),
      )}`,
  );
}

function report(label: string, result: LoadResult): string {
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  // Errors answer fast: a run with any is no measure of the route.
  const failed = result.non2xx + result.errors > 0 ? ' — NOT A RESULT' : '';
  return `${label}: ${Math.round(result.requestsPerSecond)} req/s, p50 ${ms(
    result.p50,
  )}, p95 ${ms(result.p95)}, p99 ${ms(result.p99)}; ${Math.round(
    result.bytesPerResponse,
  )} bytes a response; ${result.non2xx} non-2xx, ${
    result.errors
  } errors${failed}`;
}

async function run(label: string, pg: string | undefined) {
  const dir = mkdtempSync(join(tmpdir(), 'plinth-scorecards-api-bench-'));
  const prefix = `plinth_bench_${Date.now()}_`;
  writeModel(dir);
  const policy = new BenchPolicy();
  const backend = createBackend();
  backend.add(
    createServiceFactory({
      service: coreServices.rootConfig,
      deps: {},
      factory: () =>
        new ConfigReader({
          app: { baseUrl: 'http://localhost:3000' },
          backend: {
            baseUrl: `http://localhost:${PORT}`,
            listen: { port: PORT },
            database: databaseConfig(dir, pg, prefix),
          },
          auth: {
            providers: { guest: { dangerouslyAllowOutsideDevelopment: true } },
          },
          permission: { enabled: true },
          catalog: {
            providers: {
              plinthBlueprints: { entities: [join(dir, 'entities')] },
            },
          },
          plinth: {
            blueprints: { files: [join(dir, 'blueprints')] },
            scorecards: {
              files: [join(dir, 'scorecards')],
              ...(process.env.BENCH_CARD_CACHE_TTL
                ? { cardCache: { ttl: process.env.BENCH_CARD_CACHE_TTL } }
                : {}),
            },
          },
        }),
    }),
  );
  backend.add(authPlugin);
  backend.add(guestProvider);
  backend.add(permissionPlugin);
  backend.add(
    createBackendModule({
      pluginId: 'permission',
      moduleId: 'bench-policy',
      register(reg) {
        reg.registerInit({
          deps: { policies: policyExtensionPoint },
          async init({ policies }) {
            policies.setPolicy(policy);
          },
        });
      },
    }),
  );
  backend.add(catalogPlugin);
  backend.add(catalogModuleBlueprints);
  backend.add(blueprintsPlugin);
  backend.add(scorecardsPlugin);

  const started = performance.now();
  await backend.start();
  const base = `http://127.0.0.1:${PORT}`;
  const identity = await waitFor('a guest token', async () => {
    const res = await fetch(`${base}/api/auth/guest/refresh`);
    if (!res.ok) return undefined;
    return ((await res.json()) as { backstageIdentity: { token: string } })
      .backstageIdentity;
  });
  const token = identity.token;
  await waitFor(`the ${N} services levelled`, async () => {
    const res = await fetch(
      `${base}/api/scorecards/scorecards/readiness/results`,
      {
        headers: { authorization: `Bearer ${token}` },
      },
    );
    const body = (await res.json()) as { items?: unknown[] };
    const levelled = body.items?.length ?? 0;
    if (levelled >= N) return true;
    throw new Error(`${levelled} levelled (HTTP ${res.status})`);
  });
  console.log(
    `${label}: ${N} services in the catalog and levelled ${(
      (performance.now() - started) /
      1000
    ).toFixed(0)} s after start`,
  );

  // The catalog goes on stitching relations for a while after the services
  // show up: measure once it is done, as a user meets the app most of the day.
  const quiet = await waitForQuiet();
  console.log(
    `${label}: the catalog settled ${(
      (performance.now() - started) /
      1000
    ).toFixed(0)} s after start (${quiet})`,
  );

  if (process.env.BENCH_HOLD) {
    // For looking at the running backend by hand: it stays up.
    policy.mode =
      process.env.BENCH_MODES === 'conditional' ? 'conditional' : 'allow';
    writeFileSync(process.env.BENCH_HOLD, token);
    console.log(`${label}: holding; the token is in ${process.env.BENCH_HOLD}`);
    await new Promise(() => {});
  }

  // Warm-up, then the reference: a route that checks the token and answers
  // from memory (the blueprints list), through the same HTTP stack.
  await load(token, entityPaths(), WARM_UP_SECONDS);
  const reference = await load(token, ['/api/blueprints/blueprints']);
  console.log(
    report(`${label}, reference (GET /api/blueprints/blueprints)`, reference),
  );
  const modes = (process.env.BENCH_MODES ?? 'allow,conditional').split(',');
  for (const mode of ['allow', 'conditional'] as const) {
    if (!modes.includes(mode)) continue;
    policy.mode = mode;
    // A decision lives for the visibility cache's time (10 s by default):
    // the new policy counts once that has passed.
    await new Promise(resolve =>
      setTimeout(resolve, DEFAULT_VISIBILITY_CACHE_TTL_MS + 1000),
    );
    // The hidden service answers no scorecards under the conditional policy.
    const hidden = await fetch(
      `${base}/api/scorecards/entity/service/default/${HIDDEN}`,
      { headers: { authorization: `Bearer ${token}` } },
    ).then(r => r.json() as Promise<{ items: unknown[] }>);
    await load(token, entityPaths(), WARM_UP_SECONDS);
    const result = await load(token, entityPaths());
    console.log(
      `${report(`${label}, ${mode} policy`, result)}; ${(
        result.requestsPerSecond / reference.requestsPerSecond
      ).toFixed(2)}× the reference; ${HIDDEN} shows ${
        hidden.items.length
      } scorecard(s)`,
    );
  }

  await backend.stop();
  rmSync(dir, { recursive: true, force: true });
  if (pg) {
    const admin = knexFactory({ client: 'pg', connection: pg });
    const { rows } = await admin.raw(
      'SELECT datname FROM pg_database WHERE datname LIKE ?',
      [`${prefix}%`],
    );
    for (const { datname } of rows) {
      await admin.raw(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
    await admin.destroy();
  }
}

async function main() {
  console.log(
    `Scorecards API bench: ${N} services, a real backend; ${cpus().length} × ${
      cpus()[0]?.model ?? 'CPU'
    }, Node ${process.version}; load: ${
      loadClient().description
    }; card cache TTL ${
      process.env.BENCH_CARD_CACHE_TTL ?? '1 min (default)'
    }; warm-up ${WARM_UP_SECONDS} s`,
  );
  const pg =
    Object.entries(process.env).find(([k]) =>
      /^BACKSTAGE_TEST_DATABASE_POSTGRES\d+_CONNECTION_STRING$/.test(k),
    )?.[1] ?? 'postgresql://postgres@127.0.0.1:5432';
  if (!process.env.BENCH_ONLY || process.env.BENCH_ONLY === 'sqlite') {
    await run('SQLite', undefined);
  }
  if (!process.env.BENCH_ONLY || process.env.BENCH_ONLY === 'pg') {
    await run('PostgreSQL', pg);
  }
  process.exit(0);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
