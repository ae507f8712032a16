import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import orchestratorPlugin from '@plinth/plugin-orchestrator-backend';
import orchestratorModulePostgresDriver from '@plinth/plugin-orchestrator-backend-module-postgres';
import plinthActions from '@plinth/plugin-scaffolder-backend-module-plinth';
import { execFileSync } from 'node:child_process';
import { promises as fs, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { parse as parseYaml } from 'yaml';

/*
 * Each self-service template of the example app, dry-run through the real
 * scaffolder backend (templating, parameter validation, the plinth actions)
 * against the real orchestrator backend: every step runs in dry-run mode,
 * reads what it needs, and says what it would do.
 */

jest.setTimeout(180_000);

const TEMPLATES = path.resolve(__dirname, '../../../examples/templates');
const APP = 'component:default/cartservice';
/** A development environment with a database, fresh each run. */
const DATA_ENV = `data-${process.pid}`;

const SCORE = `apiVersion: score.dev/v1b1
metadata:
  name: cart
containers:
  main:
    image: ghcr.io/acme/cart:1.0.0
`;

/** The form values a user fills in, per template. */
const VALUES: Record<string, Record<string, unknown>> = {
  'spin-up-developer-environment': { app: APP, id: 'dev-ada' },
  'extend-environment-ttl': { app: APP, environment: 'preview' },
  'deploy-canary-or-blue-green': {
    app: APP,
    environment: 'production',
    workload: 'cart',
    tag: '1.2.0',
    strategy: 'canary',
    firstWeight: 10,
    pauseMinutes: 2,
  },
  'revert-deployment': {
    app: APP,
    environment: 'production',
    reason: 'Checkout errors',
  },
  'lock-deployments': {
    app: APP,
    environment: 'production',
    lock: true,
    reason: 'Black Friday freeze',
  },
  // The form's Secret field keeps the value in the task's secrets, and
  // only a mask in the values.
  'add-secret': {
    app: APP,
    key: 'STRIPE_API_KEY',
    secretValue: '**********************',
    description: 'Live key',
  },
};

VALUES['add-environment-variable'] = {
  app: APP,
  environment: 'production',
  workload: 'cart',
  name: 'FEATURE_CHECKOUT_V2',
  value: 'on',
};
VALUES['add-iac'] = {
  app: APP,
  environment: 'production',
  workload: 'cart',
  name: 'images',
  type: 's3',
};

VALUES['update-pod-count'] = {
  app: APP,
  environment: 'production',
  workload: 'cart',
  replicas: 4,
};
VALUES['update-autoscaling'] = {
  app: APP,
  environment: 'production',
  workload: 'cart',
  minReplicas: 2,
  maxReplicas: 8,
  targetCpuPercent: 75,
};

VALUES['change-table-column'] = {
  app: APP,
  environment: DATA_ENV,
  resource: 'cart.db',
  table: 'orders',
  op: 'add-column',
  column: 'coupon',
  type: 'varchar(32)',
};
VALUES['duplicate-table'] = {
  app: APP,
  environment: DATA_ENV,
  resource: 'cart.db',
  table: 'orders',
  to: 'orders_backup',
  withData: true,
};
VALUES['load-mock-data'] = {
  app: APP,
  environment: DATA_ENV,
  resource: 'cart.db',
  rows: 250,
};

/** What each dry run must say it would do. */
const WOULD: Record<string, RegExp> = {
  'spin-up-developer-environment':
    /^Dry run: would create environment dev-ada \(development, for 5 days\) of component:default\/cartservice\.$/,
  'extend-environment-ttl':
    /^Dry run: would extend environment preview of .* by 3 days, to /,
  'deploy-canary-or-blue-green':
    /^Dry run: would deploy cart to production of .* \(canary: 10 % for 120 s, then 50 % for 120 s, then all; images main ghcr\.io\/acme\/cart:1\.2\.0\)\.$/,
  'revert-deployment':
    /^Dry run: would roll production of .* back to deployment .* \(cart ghcr\.io\/acme\/cart:1\.0\.0\)\.$/,
  'lock-deployments':
    /^Dry run: would lock environment production \(production\) of .*: Black Friday freeze\.$/,
  'add-environment-variable':
    /^Dry run: would deploy cart to production of .* with its variables changed \(main: add FEATURE_CHECKOUT_V2=on\)\.$/,
  'add-iac':
    /^Dry run: would add resource images \(s3\) to cart and deploy it to production of component:default\/cartservice\.$/,
  'update-pod-count':
    /^Dry run: would scale cart in production of .* from 1 pod to 4 pods\.$/,
  'update-autoscaling':
    /^Dry run: would scale cart in production of .* from 1 pod to between 2 and 8 pods at 75 % CPU\.$/,
  'change-table-column':
    /^Dry run: PostgreSQL ran it and rolled it back: ALTER\.$/,
  'duplicate-table':
    /^Dry run: PostgreSQL ran it and rolled it back: CREATE, INSERT \(1 rows\)\.$/,
  'load-mock-data':
    /^Dry run: PostgreSQL ran it and rolled it back: CREATE, INSERT \(250 rows\)\.$/,
  // (The scaffolder's log redaction also masks the word "value" here.)
  'add-secret':
    /^Dry run: would set secret STRIPE_API_KEY of component:default\/cartservice \(every environment\) \(its .* is not shown\)\.$/,
};

async function startBackend() {
  const repo = await fs.mkdtemp(path.join(os.tmpdir(), 'plinth-gitops-'));
  execFileSync('git', ['init', '--bare', '--initial-branch=main', repo]);
  const { server } = await startTestBackend({
    features: [
      scaffolderPlugin,
      orchestratorPlugin,
      orchestratorModulePostgresDriver,
      plinthActions,
      catalogServiceMock.factory({
        entities: [
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Component',
            metadata: { name: 'cartservice', title: 'Cart Service' },
            spec: {
              type: 'service',
              owner: 'group:default/cart-team',
              lifecycle: 'production',
            },
          },
        ],
      }),
      mockServices.rootConfig.factory({
        data: {
          backend: { baseUrl: 'http://localhost:7007' },
          plinth: {
            orchestrator: {
              drivers: {
                postgres: {
                  connection: { host: '127.0.0.1', user: 'postgres' },
                },
              },
              resourceDefinitions: [
                {
                  id: 'postgres-local',
                  type: 'postgres',
                  driver: 'postgres',
                  criteria: [{}],
                },
              ],
              secrets: {
                keys: [
                  { id: 'test', key: Buffer.alloc(32, 3).toString('base64') },
                ],
              },
              deployments: {
                workDir: await fs.mkdtemp(
                  path.join(os.tmpdir(), 'plinth-clones-'),
                ),
                targets: [{ gitops: { repositoryUrl: repo } }],
              },
            },
          },
        },
      }),
    ],
  });
  return server;
}

describe("the example app's self-service templates", () => {
  let server: Awaited<ReturnType<typeof startBackend>>;
  const orchestrator = (
    method: 'post' | 'get' | 'put' | 'delete',
    url: string,
  ) =>
    request(server)
      [method](`/api/orchestrator/apps/component/default/cartservice${url}`)
      .set('Authorization', mockCredentials.user.header('user:default/ada'));

  beforeAll(async () => {
    server = await startBackend();
    // A preview with a TTL, and production with two deployments.
    await orchestrator('post', '/environments').send({
      id: 'preview',
      type: 'ephemeral',
      ttl: 'P1D',
    });
    await orchestrator('post', '/environments').send({
      id: 'production',
      type: 'production',
    });
    for (const image of [
      'ghcr.io/acme/cart:1.0.0',
      'ghcr.io/acme/cart:1.1.0',
    ]) {
      const queued = await orchestrator(
        'post',
        '/environments/production/deployments',
      ).send({
        workloads: [{ name: 'cart', score: SCORE, images: { main: image } }],
      });
      if (queued.status !== 202) {
        throw new Error(`The set-up deployment was refused: ${queued.text}`);
      }
      const id = queued.body.deployment.id;
      for (;;) {
        const read = await orchestrator(
          'get',
          `/environments/production/deployments/${id}`,
        );
        const { status, error } = read.body.deployment;
        if (status === 'succeeded') break;
        if (status === 'failed') {
          throw new Error(`The set-up deployment failed: ${error}`);
        }
        await new Promise(resolve => setTimeout(resolve, 200));
      }
    }
  });

  beforeAll(async () => {
    // A database with a table of orders, for the data templates.
    await orchestrator('post', '/environments').send({
      id: DATA_ENV,
      type: 'development',
    });
    const put = await orchestrator(
      'put',
      `/environments/${DATA_ENV}/workloads/cart`,
    )
      .set('Content-Type', 'application/yaml')
      .send(`${SCORE}resources:\n  db:\n    type: postgres\n`);
    const runId = put.body.run.id;
    for (;;) {
      const run = await orchestrator(
        'get',
        `/environments/${DATA_ENV}/runs/${runId}`,
      );
      if (run.body.status === 'succeeded') break;
      if (run.body.status === 'failed') {
        throw new Error(`The set-up run failed: ${run.body.error}`);
      }
      await new Promise(resolve => setTimeout(resolve, 200));
    }
    const created = await orchestrator(
      'post',
      `/environments/${DATA_ENV}/resources/cart.db/sql`,
    ).send({
      sql: 'CREATE TABLE orders (id serial PRIMARY KEY, note text); INSERT INTO orders (note) VALUES (null)',
    });
    if (created.status !== 200) {
      throw new Error(`The set-up table was refused: ${created.text}`);
    }
  });

  afterAll(async () => {
    // Its database goes with it.
    await orchestrator('delete', `/environments/${DATA_ENV}`);
    for (;;) {
      const listed = await orchestrator('get', '/environments');
      if (!listed.body.items.some((e: { id: string }) => e.id === DATA_ENV)) {
        break;
      }
      await new Promise(resolve => setTimeout(resolve, 200));
    }
  });

  const files = readdirSync(TEMPLATES).filter(
    file => file.endsWith('.yaml') && file !== 'all.yaml',
  );

  it('lists every template in the catalog file, and gives each form values here', () => {
    const all = parseYaml(
      readFileSync(path.join(TEMPLATES, 'all.yaml'), 'utf8'),
    );
    expect(all).toMatchObject({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Location',
    });
    expect([...all.spec.targets].sort()).toEqual(
      files.map(file => `./${file}`).sort(),
    );
    expect(Object.keys(VALUES).sort()).toEqual(
      files.map(file => file.replace(/\.yaml$/, '')).sort(),
    );
  });

  it.each(files)('%s runs dry, saying what it would do', async file => {
    const template = parseYaml(
      readFileSync(path.join(TEMPLATES, file), 'utf8'),
    );
    const name = template.metadata.name;
    const response = await request(server)
      .post('/api/scaffolder/v2/dry-run')
      .set('Authorization', mockCredentials.user.header('user:default/ada'))
      .send({
        template,
        values: VALUES[name],
        secrets: { secretValue: 'sk_live_not_in_the_log' },
        directoryContents: [],
      });
    expect(response.body.errors ?? response.body.error ?? null).toBeNull();
    expect(response.status).toBe(200);
    // Step logs read `info: <message>`, coloured.
    const messages: string[] = response.body.log.map(
      (entry: { body: { message: string } }) =>
        entry.body.message
          // eslint-disable-next-line no-control-regex
          .replace(/\u001b\[\d+m/g, '')
          .replace(/^[a-z]+: /, ''),
    );
    expect(JSON.stringify(response.body)).not.toContain(
      'sk_live_not_in_the_log',
    );
    const failed = response.body.log.filter(
      (entry: { body: { status?: string } }) => entry.body.status === 'failed',
    );
    expect(failed).toEqual([]);
    expect(messages).toContainEqual(expect.stringMatching(WOULD[name]));
  });

  it('changed nothing', async () => {
    const environments = await orchestrator('get', '/environments');
    expect(
      environments.body.items
        .map((e: { id: string; lock?: unknown }) => [e.id, !!e.lock])
        .sort(),
    ).toEqual([
      [DATA_ENV, false],
      ['preview', false],
      ['production', false],
    ]);
    // The data templates left the database as it was.
    for (const sql of [
      'SELECT coupon FROM orders',
      'SELECT 1 FROM orders_backup',
      'SELECT 1 FROM mock_orders',
    ]) {
      const checked = await orchestrator(
        'post',
        `/environments/${DATA_ENV}/resources/cart.db/sql`,
      ).send({ sql, dryRun: true });
      expect(checked.status).toBe(400);
    }
    const deployments = await orchestrator(
      'get',
      '/environments/production/deployments',
    );
    expect(deployments.body.items).toHaveLength(2);
  });
});
