/*
 * Rendering 1,000 Score workloads, as a deployment's rendering stage does:
 *
 *   npm run bench
 *
 * 1,000 workloads of five shapes, as 200 apps of five workloads (each app
 * one `renderWorkloads` call, as each deployment is):
 *   - api: postgres, redis, dns and a route; a file, HTTP probes, requests
 *     and limits, a service port; every other one a canary (two steps);
 *   - worker: amqp, redis and shared values (an `environment` resource); a
 *     file holding a secret (so it goes to the Secret), an exec probe;
 *   - web: two containers, a volume, postgres, a route and two service
 *     ports; every other one blue-green;
 *   - gateway: the api's service port (a `service-port` resource) and
 *     redis; an image chosen at deploy time;
 *   - reports: mongodb and redis, secret outputs in its variables.
 * Half of the apps (development) get their resources from
 * `defaultResources` (in-cluster servers, passwords from a seed); the other
 * half (staging) have them resolved with outputs and secrets as the
 * drivers give them.
 *
 * Timed for each run: parsing every Score file (`parseScore`), then the
 * defaults and `renderWorkloads` (which validates every object with
 * kubernetes-models, as it always does). Writing the objects as YAML
 * (`toYaml`, as the GitOps delivery does) is timed apart. Every object must
 * come out valid. The process's first call (ten workloads, which loads the
 * validators and runs cold code) is timed apart; then three runs of the
 * 1,000 (the first still pays for much of the JIT); then the same 1,000
 * workloads once more as one app, in one call.
 * Target: 1,000 workloads parsed, rendered and validated in under 5 s.
 * Exits non-zero when a run misses it or anything is not valid.
 */
import {
  parseScore,
  type ScoreWorkload,
  type WorkloadStrategy,
} from '@plinth/plugin-orchestrator-common';
import { cpus, loadavg, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import {
  defaultResources,
  renderWorkloads,
  toYaml,
  type KubernetesObject,
  type RenderInput,
  type ResolvedResource,
} from '../src';

const WORKLOADS = 1_000;
const PER_APP = 5;
const RUNS = 3;
const TARGET_MS = 5_000;

/** A generated workload: its Score file and what its deployment chose. */
interface Source {
  name: string;
  score: string;
  strategy?: WorkloadStrategy;
  images?: Record<string, string>;
  /** Its resources as the drivers resolved them; none for the defaults. */
  resolved?: Record<string, ResolvedResource>;
}

const secret = (n: number, what: string) =>
  `${what}-${(n * 7919).toString(36)}-Secret`;

/** The i-th workload, of shape i % 5; `defaults` leaves its resources to them. */
function workloadSource(i: number, defaults: boolean): Source {
  const name = `w${String(i).padStart(4, '0')}`;
  const pg = (db: string): ResolvedResource => ({
    outputs: {
      host: 'pg.internal',
      port: '5432',
      name: `${name}_${db}`,
      database: `${name}_${db}`,
      username: `${name}_${db}_user`,
    },
    secrets: { password: secret(i, db) },
  });
  const redis: ResolvedResource = {
    outputs: {
      host: 'redis.internal',
      port: '6379',
      username: `${name}_cache`,
      prefix: `${name}:`,
    },
    secrets: { password: secret(i, 'redis') },
  };
  const route = (path: string): ResolvedResource => ({
    outputs: { host: `${name}.staging.example.com`, path, port: '80' },
    secrets: {},
  });
  const dns: ResolvedResource = {
    outputs: { host: `${name}.staging.example.com` },
    secrets: {},
  };
  const header = `apiVersion: score.dev/v1b1
metadata:
  name: ${name}
  annotations:
    example.com/team: team-${i % 17}
`;
  switch (i % 5) {
    case 0:
      return {
        name,
        strategy:
          i % 10 === 0
            ? {
                type: 'canary',
                steps: [{ weight: 20, pauseSeconds: 300 }, { weight: 50 }],
              }
            : undefined,
        score: `${header}service:
  ports:
    http:
      port: 80
      targetPort: 8080
containers:
  api:
    image: ghcr.io/acme/${name}:1.${i % 13}.0
    command: [/app/server]
    args: [--port, '8080']
    variables:
      PORT: '8080'
      DATABASE_URL: postgres://\${resources.db.username}:\${resources.db.password}@\${resources.db.host}:\${resources.db.port}/\${resources.db.database}
      REDIS_HOST: \${resources.cache.host}
      REDIS_PORT: \${resources.cache.port}
      REDIS_PASSWORD: \${resources.cache.password}
      REDIS_KEY_PREFIX: \${resources.cache.prefix}
      PUBLIC_URL: https://\${resources.route.host}\${resources.route.path}
      LOG_LEVEL: info
    files:
      - target: /etc/${name}/service.yaml
        mode: '0644'
        content: |
          service: \${metadata.name}
          currency: EUR
          replicas: ${1 + (i % 3)}
    resources:
      requests: { cpu: 250m, memory: 256Mi }
      limits: { cpu: '1', memory: 512Mi }
    livenessProbe:
      httpGet: { path: /healthz, port: 8080 }
    readinessProbe:
      httpGet:
        path: /ready
        port: 8080
        httpHeaders:
          - { name: X-Probe, value: readiness }
resources:
  db:
    type: postgres
  cache:
    type: redis
  dns:
    type: dns
  route:
    type: route
    params:
      host: \${resources.dns.host}
      path: /${name}
      port: 80
`,
        resolved: defaults
          ? undefined
          : { db: pg('db'), cache: redis, dns, route: route(`/${name}`) },
      };
    case 1:
      return {
        name,
        score: `${header}containers:
  worker:
    image: ghcr.io/acme/${name}-worker:2.${i % 7}
    variables:
      AMQP_URL: amqp://\${resources.queue.username}:\${resources.queue.password}@\${resources.queue.host}:\${resources.queue.port}/\${resources.queue.vhost}
      REDIS_URL: redis://\${resources.cache.username}:\${resources.cache.password}@\${resources.cache.host}:\${resources.cache.port}
      LOG_LEVEL: \${resources.env.LOG_LEVEL}
      SENTRY_DSN: \${resources.env.SENTRY_DSN}
      CONCURRENCY: '${2 + (i % 6)}'
    files:
      - target: /etc/${name}/credentials
        mode: '0400'
        content: |
          user=\${resources.queue.username}
          password=\${resources.queue.password}
    resources:
      requests: { cpu: 100m, memory: 128Mi }
      limits: { memory: 256Mi }
    livenessProbe:
      exec: { command: [/bin/sh, -c, 'test -f /tmp/alive'] }
resources:
  queue:
    type: amqp
  cache:
    type: redis
  env:
    type: environment
`,
        resolved: defaults
          ? undefined
          : {
              queue: {
                outputs: {
                  host: 'rabbitmq.internal',
                  port: '5672',
                  vhost: `${name}_queue`,
                  username: `${name}_queue`,
                },
                secrets: { password: secret(i, 'amqp') },
              },
              cache: redis,
              env: {
                outputs: { LOG_LEVEL: 'info' },
                secrets: {
                  SENTRY_DSN: `https://${secret(i, 'sentry')}@s.io/1`,
                },
              },
            },
      };
    case 2:
      return {
        name,
        strategy:
          i % 10 === 2 ? { type: 'blue-green', autoPromote: false } : undefined,
        score: `${header}service:
  ports:
    http:
      port: 80
      targetPort: 8080
    metrics:
      port: 9090
containers:
  web:
    image: ghcr.io/acme/${name}-web:3.${i % 11}
    variables:
      DATABASE_HOST: \${resources.db.host}
      DATABASE_NAME: \${resources.db.database}
      DATABASE_USER: \${resources.db.username}
      DATABASE_PASSWORD: \${resources.db.password}
      BASE_URL: https://\${resources.route.host}
    volumes:
      - source: \${resources.uploads}
        target: /var/uploads
    resources:
      requests: { cpu: 200m, memory: 256Mi }
      limits: { cpu: '2', memory: 1Gi }
    readinessProbe:
      httpGet: { path: /, port: 8080 }
  metrics:
    image: ghcr.io/acme/exporter:0.9
    variables:
      TARGET: http://localhost:8080/metrics
    resources:
      requests: { cpu: 10m, memory: 32Mi }
resources:
  db:
    type: postgres
  uploads:
    type: volume
    params: { size: 5Gi }
  dns:
    type: dns
  route:
    type: route
    params:
      host: \${resources.dns.host}
      path: /
      port: 80
`,
        resolved: defaults
          ? undefined
          : {
              db: pg('web'),
              uploads: { outputs: { source: `${name}-uploads` }, secrets: {} },
              dns,
              route: route('/'),
            },
      };
    case 3: {
      const api = `w${String(i - 3).padStart(4, '0')}`;
      return {
        name,
        images: { gateway: `ghcr.io/acme/gateway:4.${i % 5}.1` },
        score: `${header}service:
  ports:
    https:
      port: 443
      targetPort: 8443
containers:
  gateway:
    image: ghcr.io/acme/gateway:4.0.0
    variables:
      UPSTREAM: http://\${resources.api.hostname}:\${resources.api.port}
      RATE_LIMIT_REDIS: \${resources.cache.host}:\${resources.cache.port}
      RATE_LIMIT_PASSWORD: \${resources.cache.password}
    resources:
      requests: { cpu: 100m, memory: 64Mi }
      limits: { cpu: 500m, memory: 128Mi }
    livenessProbe:
      httpGet: { path: /healthz, port: 8443, scheme: HTTPS }
resources:
  api:
    type: service-port
    params: { workload: ${api}, port: 80 }
  cache:
    type: redis
`,
        resolved: defaults
          ? undefined
          : {
              api: { outputs: { hostname: api, port: '80' }, secrets: {} },
              cache: redis,
            },
      };
    }
    default:
      return {
        name,
        score: `${header}containers:
  reports:
    image: ghcr.io/acme/${name}-reports:5.${i % 9}
    variables:
      MONGO_URL: \${resources.store.connection}
      MONGO_USER: \${resources.store.username}
      CACHE: redis://\${resources.cache.host}:\${resources.cache.port}
      CACHE_PASSWORD: \${resources.cache.password}
      SCHEDULE: '0 */${1 + (i % 6)} * * *'
    resources:
      requests: { cpu: 50m, memory: 128Mi }
      limits: { memory: 512Mi }
resources:
  store:
    type: mongodb
  cache:
    type: redis
`,
        resolved: defaults
          ? undefined
          : {
              store: {
                outputs: {
                  host: 'mongo.internal',
                  port: '27017',
                  username: `${name}_store`,
                },
                secrets: {
                  password: secret(i, 'mongo'),
                  connection: `mongodb://${name}_store:${secret(
                    i,
                    'mongo',
                  )}@mongo.internal:27017/?authSource=admin`,
                },
              },
              cache: redis,
            },
      };
  }
}

/** The app of group g: development (defaults) for even g, staging otherwise. */
function appSources(g: number, size: number): Source[] {
  return Array.from({ length: size }, (_, k) =>
    workloadSource(g * PER_APP + k, g % 2 === 0),
  );
}

interface Timing {
  parseMs: number;
  renderMs: number;
  yamlMs: number;
  objects: number;
  problems: string[];
}

/**
 * One app's workloads, as a deployment renders them: each parsed, the
 * defaults for those without resolved resources, then `renderWorkloads`.
 */
function renderApp(
  app: string,
  environment: RenderInput['environment'],
  sources: Source[],
  timing: Timing,
) {
  let t = performance.now();
  const workloads: Record<string, ScoreWorkload> = {};
  for (const source of sources) {
    const parsed = parseScore(source.score, `${source.name}/score.yaml`);
    if (!parsed.workload) {
      timing.problems.push(
        `${source.name}: ${JSON.stringify(parsed.problems)}`,
      );
      continue;
    }
    workloads[source.name] = parsed.workload;
  }
  timing.parseMs += performance.now() - t;

  t = performance.now();
  const namespace = `${app.slice(app.lastIndexOf('/') + 1)}-${environment.id}`;
  const manifests: KubernetesObject[] = [];
  const resources: RenderInput['resources'] = {};
  const defaulted = Object.fromEntries(
    sources.filter(s => !s.resolved).map(s => [s.name, workloads[s.name]]),
  );
  if (Object.keys(defaulted).length > 0) {
    const defaults = defaultResources({
      app,
      environment,
      namespace,
      workloads: defaulted,
      seed: 'bench-seed',
      sharedValues: {
        values: { LOG_LEVEL: 'debug' },
        secrets: { SENTRY_DSN: 'https://dev@sentry.example.com/1' },
      },
    });
    timing.problems.push(...defaults.problems.map(p => p.message));
    manifests.push(...defaults.manifests);
    Object.assign(resources, defaults.resources);
  }
  for (const source of sources) {
    if (source.resolved) resources[source.name] = source.resolved;
  }
  const rendered = renderWorkloads({
    app,
    environment,
    namespace,
    workloads,
    resources,
    strategies: Object.fromEntries(
      sources.filter(s => s.strategy).map(s => [s.name, s.strategy!]),
    ),
    images: Object.fromEntries(
      sources.filter(s => s.images).map(s => [s.name, s.images!]),
    ),
  });
  timing.problems.push(...rendered.problems.map(p => p.message));
  manifests.push(...rendered.manifests);
  timing.renderMs += performance.now() - t;

  // As the GitOps delivery writes them: a file per object.
  t = performance.now();
  for (const object of manifests) toYaml([object]);
  timing.yamlMs += performance.now() - t;
  timing.objects += manifests.length;
}

const newTiming = (): Timing => ({
  parseMs: 0,
  renderMs: 0,
  yamlMs: 0,
  objects: 0,
  problems: [],
});

function report(label: string, timing: Timing): boolean {
  const total = timing.parseMs + timing.renderMs;
  const ok = timing.problems.length === 0 && total < TARGET_MS;
  console.log(
    `${label}: ${(total / 1000).toFixed(2)} s for ${WORKLOADS} workloads (${(
      total / WORKLOADS
    ).toFixed(2)} ms each): parse ${(timing.parseMs / 1000).toFixed(
      2,
    )} s, defaults + render + validate ${(timing.renderMs / 1000).toFixed(
      2,
    )} s; ${timing.objects} objects, ${
      timing.problems.length
    } problems; toYaml apart ${(timing.yamlMs / 1000).toFixed(2)} s${
      ok ? '' : '  FAILED'
    }`,
  );
  for (const problem of timing.problems.slice(0, 5)) {
    console.log(`  ${problem}`);
  }
  return ok;
}

function main() {
  const cpu = cpus();
  console.log(
    `Render bench: ${WORKLOADS} Score workloads; ${cpu.length} × ${
      cpu[0]?.model ?? 'CPU'
    }, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${
      process.version
    }; load average ${loadavg()
      .map(l => l.toFixed(2))
      .join(' ')}; target < ${TARGET_MS / 1000} s`,
  );
  const apps = WORKLOADS / PER_APP;
  const environmentOf = (g: number) =>
    g % 2 === 0
      ? { id: 'development', type: 'development' }
      : { id: 'staging', type: 'staging' };
  // The first call of a process loads what the renderer loads lazily
  // (kubernetes-models' validators of each kind) and runs cold code: two
  // apps (one of each environment, ten workloads), timed apart.
  const first = newTiming();
  for (const g of [0, 1]) {
    renderApp(
      `component:default/first-${g}`,
      environmentOf(g),
      appSources(g, PER_APP),
      first,
    );
  }
  console.log(
    `first call in this process, ${2 * PER_APP} workloads: ${(
      (first.parseMs + first.renderMs) /
      1000
    ).toFixed(2)} s (parse ${(first.parseMs / 1000).toFixed(
      2,
    )} s, defaults + render + validate ${(first.renderMs / 1000).toFixed(
      2,
    )} s); ${first.problems.length} problems`,
  );
  let ok = first.problems.length === 0;
  for (let run = 1; run <= RUNS; run++) {
    const timing = newTiming();
    for (let g = 0; g < apps; g++) {
      renderApp(
        `component:default/app-${g}`,
        environmentOf(g),
        appSources(g, PER_APP),
        timing,
      );
    }
    ok = report(`run ${run}, ${apps} apps × ${PER_APP}`, timing) && ok;
  }
  // The same workloads as one app of 1,000: the defaults for the even
  // groups, resolved resources for the others, in one call.
  const one = newTiming();
  renderApp(
    'component:default/monolith',
    { id: 'staging', type: 'staging' },
    Array.from({ length: apps }, (_, g) => appSources(g, PER_APP)).flat(),
    one,
  );
  ok = report(`one app of ${WORKLOADS}, one call`, one) && ok;
  console.log(ok ? '\nEvery run met the target.' : '\nFAILED.');
  process.exit(ok ? 0 : 1);
}

main();
