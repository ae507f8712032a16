import { TestDatabases } from '@backstage/backend-test-utils';
import { Client } from 'pg';
import { resourceContext } from '../database/DatabaseOrchestratorStore';
import {
  CART,
  DEFINITIONS,
  POSTGRES,
  startOrchestrator,
  writeScript,
} from '../__testUtils__/orchestrator';
import {
  orchestratorDeployLockedPermission,
  orchestratorEnvironmentCreatePermission,
  orchestratorPlatformManagePermission,
} from '@plinth/plugin-orchestrator-common';
import { MASK } from './OrchestratorService';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const APP = '/apps/component/default/cartservice';
/** Environment ids of this process: test runs share the PostgreSQL server. */
const env = (name: string) => `${name}-${process.pid}`;

const CART_SCORE = `apiVersion: score.dev/v1b1
metadata:
  name: cart
containers:
  main:
    image: ghcr.io/example/cart:1.0
    variables:
      DATABASE_URL: postgres://\${resources.db.username}:\${resources.db.password}@\${resources.db.host}:\${resources.db.port}/\${resources.db.name}
      PUBLIC_URL: https://\${resources.route.host}\${resources.route.path}
resources:
  db:
    type: postgres
  dns:
    type: dns
  route:
    type: route
    params:
      host: \${resources.dns.host}
      path: /cart
      port: 8080
`;

async function databaseExists(name: string): Promise<boolean> {
  const client = new Client({ ...POSTGRES, database: 'postgres' });
  await client.connect();
  try {
    const { rowCount } = await client.query(
      'SELECT 1 FROM pg_database WHERE datname = $1',
      [name],
    );
    return rowCount === 1;
  } finally {
    await client.end();
  }
}

describe('the orchestrator API', () => {
  it.each(databases.eachSupportedId())(
    'creates an environment, provisions a workload on the real PostgreSQL, shows outputs with secrets masked, and deletes it all, on %p',
    async databaseId => {
      const o = await startOrchestrator(databases, databaseId);
      const dev = env('dev');
      const created = await o.client
        .post(`${APP}/environments`)
        .send({ id: dev, type: 'development' });
      expect(created.status).toBe(201);
      expect(created.body.environment).toMatchObject({
        app: CART,
        id: dev,
        type: 'development',
        owner: 'group:default/team-orders',
        status: 'ready',
      });

      const put = await o.client
        .put(`${APP}/environments/${dev}/workloads/cart`)
        .set('Content-Type', 'application/yaml')
        .send(CART_SCORE);
      expect(put.status).toBe(202);
      expect(put.body).toMatchObject({
        workload: 'cart',
        run: { action: 'provision', status: 'queued' },
      });
      await o.executor.drain();

      const shown = await o.client.get(`${APP}/environments/${dev}`);
      expect(shown.status).toBe(200);
      expect(shown.body.environment.status).toBe('ready');
      expect(shown.body.runs[0]).toMatchObject({ status: 'succeeded' });
      const byId = Object.fromEntries(
        shown.body.resources.map((r: any) => [r.resId, r]),
      );
      expect(Object.keys(byId).sort()).toEqual([
        'cart.db',
        'cart.dns',
        'cart.route',
      ]);
      const db = byId['cart.db'];
      expect(db).toMatchObject({
        type: 'postgres',
        definitionId: 'postgres-local',
        status: 'ready',
        secretOutputs: ['password'],
        outputs: { host: '127.0.0.1', port: '5432' },
      });
      // The route was provisioned after the dns it reads, and says so.
      expect(byId['cart.route'].outputs.host).toBe(
        byId['cart.dns'].outputs.host,
      );
      expect(byId['cart.route'].dependsOn).toEqual(['cart.dns']);
      expect(byId['cart.db'].dependsOn).toEqual([]);

      // The password works on the real server, and is in no response.
      const [row] = (await o.store.listResources(CART, dev)).filter(
        r => r.resId === 'cart.db',
      );
      const { password } = JSON.parse(
        o.secrets.open(
          row.sealedSecrets!,
          resourceContext(CART, dev, 'cart.db'),
        ),
      );
      const workload = new Client({
        host: '127.0.0.1',
        port: 5432,
        user: db.outputs.username,
        password,
        database: db.outputs.name,
      });
      await workload.connect();
      await workload.query('CREATE TABLE carts (id int)');
      await workload.end();
      expect(JSON.stringify(shown.body)).not.toContain(password);
      const resolved = Object.fromEntries(
        shown.body.workloads[0].resolved.map((v: any) => [v.key, v.value]),
      );
      expect(resolved['containers.main.variables.DATABASE_URL']).toBe(
        `postgres://${db.outputs.username}:${MASK}@127.0.0.1:5432/${db.outputs.name}`,
      );
      expect(resolved['containers.main.variables.PUBLIC_URL']).toBe(
        `https://${byId['cart.dns'].outputs.host}/cart`,
      );

      const deleted = await o.client.delete(`${APP}/environments/${dev}`);
      expect(deleted.status).toBe(202);
      await o.executor.drain();
      expect((await o.client.get(`${APP}/environments/${dev}`)).status).toBe(
        404,
      );
      expect(await databaseExists(db.outputs.name)).toBe(false);
    },
  );

  it.each(databases.eachSupportedId())(
    'refuses what cannot be provisioned with a 400 naming it, and stores nothing, on %p',
    async databaseId => {
      const o = await startOrchestrator(databases, databaseId, {
        definitions: [
          ...DEFINITIONS,
          // Two equally specific definitions of redis for development.
          {
            id: 'redis-a',
            type: 'redis',
            driver: 'template',
            criteria: [{ envType: 'development' }],
          },
          {
            id: 'redis-b',
            type: 'redis',
            driver: 'template',
            criteria: [{ envType: 'development' }],
          },
        ],
      });
      const dev = env('bad');
      await o.client
        .post(`${APP}/environments`)
        .send({ id: dev, type: 'development' });
      const put = (score: string) =>
        o.client
          .put(`${APP}/environments/${dev}/workloads/cart`)
          .set('Content-Type', 'application/yaml')
          .send(score);
      const workload = (resources: string, variables = '') =>
        `apiVersion: score.dev/v1b1\nmetadata:\n  name: cart\ncontainers:\n  main:\n    image: nginx\n${variables}resources:\n${resources}`;

      const invalid = await put(
        'apiVersion: score.dev/v1b1\nmetadata:\n  name: cart\ncontainers:\n  main:\n    image: 42\n',
      );
      expect(invalid.status).toBe(400);
      expect(invalid.body.error.message).toMatch(
        /cart\/score\.yaml:6:\d+: containers\.main\.image/,
      );

      const unknown = await put(workload('  db:\n    type: postgress\n'));
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.message).toContain(
        'workload "cart", resource "db": unknown resource type "postgress"',
      );

      const unmatched = await put(
        workload('  topic:\n    type: kafka-topic\n'),
      );
      expect(unmatched.status).toBe(400);
      expect(unmatched.body.error.message).toContain(
        `No resource definition applies to resource "cart.topic" (kafka-topic, class default) of ${CART} in environment ${dev} (development)`,
      );

      const tied = await put(workload('  cache:\n    type: redis\n'));
      expect(tied.status).toBe(400);
      expect(tied.body.error.message).toContain(
        'Resource definitions "redis-a" and "redis-b" apply equally',
      );

      const missingOutput = await put(
        workload(
          '  db:\n    type: postgres\n',
          '    variables:\n      URL: ${resources.db.url}\n',
        ),
      );
      expect(missingOutput.status).toBe(400);
      expect(missingOutput.body.error.message).toMatch(
        /containers\.main\.variables\.URL: .*has no output "url"/,
      );

      const shown = await o.client.get(`${APP}/environments/${dev}`);
      expect(shown.body.workloads).toEqual([]);
      expect(shown.body.runs).toEqual([]);
      expect(shown.body.resources).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'deletes what a run made when a driver fails half-way, and shows why, on %p',
    async databaseId => {
      const failing = await writeScript(
        'fail.sh',
        // Fails to provision; deleting (what it never made) succeeds.
        [
          'input=$(cat)',
          'case "$input" in *\'"action":"deprovision"\'*) echo "{}"; exit 0;; esac',
          'echo "quota exceeded for the queue" >&2',
          'exit 3',
        ].join('\n'),
      );
      const o = await startOrchestrator(databases, databaseId, {
        allowedCommands: [failing],
        definitions: [
          ...DEFINITIONS,
          {
            id: 'queue-by-script',
            type: 'amqp',
            driver: 'command',
            driverInputs: { values: { command: failing } },
            criteria: [{}],
          },
        ],
      });
      const dev = env('half');
      await o.client
        .post(`${APP}/environments`)
        .send({ id: dev, type: 'development' });
      const score = `apiVersion: score.dev/v1b1
metadata:
  name: cart
containers:
  main:
    image: nginx
resources:
  db:
    type: postgres
  queue:
    type: amqp
    params:
      database: \${resources.db.name}
`;
      const put = await o.client
        .put(`${APP}/environments/${dev}/workloads/cart`)
        .set('Content-Type', 'application/yaml')
        .send(score);
      expect(put.status).toBe(202);
      // The database is made first (the queue reads its name) …
      const created: string[] = [];
      const original = o.store.putResource.bind(o.store);
      jest.spyOn(o.store, 'putResource').mockImplementation(async row => {
        if (row.resId === 'cart.db' && row.status === 'ready') {
          created.push(row.outputs!.name);
        }
        return original(row);
      });
      await o.executor.drain();
      expect(created).toHaveLength(1);

      const shown = await o.client.get(`${APP}/environments/${dev}`);
      expect(shown.body.environment.status).toBe('failed');
      expect(shown.body.environment.statusReason).toMatch(
        /^Provisioning cart\.queue \(amqp, definition queue-by-script\) failed: .*exit(ed)? (with )?(code )?3.*quota exceeded for the queue.*What this run made was deleted again\.$/s,
      );
      // … and deleted again when the queue failed: nothing is left over.
      expect(shown.body.resources).toEqual([]);
      expect(await databaseExists(created[0])).toBe(false);
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps locked environments, TTLs and permissions, on %p',
    async databaseId => {
      const o = await startOrchestrator(databases, databaseId, {
        deny: [orchestratorDeployLockedPermission.name],
      });
      const preview = env('preview');
      const created = await o.client
        .post(`${APP}/environments`)
        .send({ id: preview, type: 'ephemeral', ttl: 'PT8H' });
      expect(created.status).toBe(201);
      const expiresAt = Date.parse(created.body.environment.expiresAt);
      expect(expiresAt - Date.now()).toBeGreaterThan(7.9 * 3_600_000);

      const extended = await o.client
        .patch(`${APP}/environments/${preview}`)
        .send({ ttl: 'P2D' });
      expect(extended.status).toBe(200);
      expect(Date.parse(extended.body.expiresAt) - Date.now()).toBeGreaterThan(
        47.9 * 3_600_000,
      );

      const badTtl = await o.client
        .patch(`${APP}/environments/${preview}`)
        .send({ ttl: '8 hours' });
      expect(badTtl.status).toBe(400);
      expect(badTtl.body.error.message).toContain(
        'body ttl: must be an ISO 8601 duration from a minute to a year, such as PT8H or P3D',
      );

      const locked = await o.client
        .put(`${APP}/environments/${preview}/lock`)
        .send({ reason: 'demo for the customer at 3 pm' });
      expect(locked.status).toBe(200);
      expect(locked.body.lock).toMatchObject({
        reason: 'demo for the customer at 3 pm',
        by: 'user:default/mock',
      });
      const refused = await o.client
        .put(`${APP}/environments/${preview}/workloads/cart`)
        .set('Content-Type', 'application/yaml')
        .send(
          'apiVersion: score.dev/v1b1\nmetadata:\n  name: cart\ncontainers:\n  main:\n    image: nginx\n',
        );
      expect(refused.status).toBe(409);
      expect(refused.body.error.message).toContain('is locked');
      expect(
        (await o.client.delete(`${APP}/environments/${preview}`)).status,
      ).toBe(409);
      await o.client.delete(`${APP}/environments/${preview}/lock`);
      expect(
        (await o.client.delete(`${APP}/environments/${preview}`)).status,
      ).toBe(202);

      // Not an app, not in the catalog, a type that does not exist.
      const api = await o.client
        .post('/apps/api/default/cartapi/environments')
        .send({ id: 'dev', type: 'development' });
      expect(api.status).toBe(400);
      expect(api.body.error.message).toContain(
        'api:default/cartapi is a API; apps are catalog Components or Systems',
      );
      expect(
        (await o.client.get('/apps/component/default/nope/environments'))
          .status,
      ).toBe(404);
      const badType = await o.client
        .post(`${APP}/environments`)
        .send({ id: env('x'), type: 'prod' });
      expect(badType.status).toBe(400);
      expect(badType.body.error.message).toContain(
        '"prod" is not an environment type; the types are: development, staging, production, ephemeral',
      );
    },
  );

  it('answers 403 without the permission, and changes nothing', async () => {
    const o = await startOrchestrator(databases, 'SQLITE_3', {
      deny: [
        orchestratorEnvironmentCreatePermission.name,
        orchestratorPlatformManagePermission.name,
      ],
    });
    const refused = await o.client
      .post(`${APP}/environments`)
      .send({ id: 'dev', type: 'development' });
    expect(refused.status).toBe(403);
    expect((await o.client.get(`${APP}/environments`)).body.items).toEqual([]);
    expect(
      (
        await o.client
          .put('/resource-definitions/x')
          .send({ type: 'redis', driver: 'template', criteria: [{}] })
      ).status,
    ).toBe(403);
  });

  it('keeps secrets sealed: shown as set, never in a response, opened only for drivers', async () => {
    const o = await startOrchestrator(databases, 'SQLITE_3');
    const dev = env('values');
    await o.client
      .post(`${APP}/environments`)
      .send({ id: dev, type: 'development' });
    const secret = 'sk_live_do-not-leak-1234';
    const put = await o.client
      .put(`${APP}/values/STRIPE_KEY`)
      .send({ value: secret, secret: true, description: 'payments' });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({
      key: 'STRIPE_KEY',
      secret: true,
      scope: 'app',
    });
    expect(put.body.value).toBeUndefined();
    await o.client
      .put(`${APP}/environments/${dev}/values/LOG_LEVEL`)
      .send({ value: 'debug' });
    const values = await o.client.get(`${APP}/values`);
    expect(JSON.stringify(values.body)).not.toContain(secret);
    const stored = await o.knex('orchestrator_values').select('value');
    expect(JSON.stringify(stored)).not.toContain(secret);

    // The environment driver gives the values and secrets to a workload.
    await o.client
      .put(`${APP}/environments/${dev}/workloads/cart`)
      .set('Content-Type', 'application/yaml')
      .send(
        'apiVersion: score.dev/v1b1\nmetadata:\n  name: cart\ncontainers:\n  main:\n    image: nginx\n    variables:\n      LOG_LEVEL: ${resources.env.LOG_LEVEL}\n      STRIPE_KEY: ${resources.env.STRIPE_KEY}\nresources:\n  env:\n    type: environment\n',
      );
    await o.executor.drain();
    const shown = await o.client.get(`${APP}/environments/${dev}`);
    expect(shown.body.resources[0]).toMatchObject({
      resId: 'cart.env',
      outputs: { LOG_LEVEL: 'debug' },
      secretOutputs: ['STRIPE_KEY'],
    });
    expect(shown.body.workloads[0].resolved).toEqual([
      { key: 'containers.main.variables.LOG_LEVEL', value: 'debug' },
      { key: 'containers.main.variables.STRIPE_KEY', value: MASK },
    ]);
    expect(JSON.stringify(shown.body)).not.toContain(secret);
  });

  it('explains which definition a resource gets, and why', async () => {
    const o = await startOrchestrator(databases, 'SQLITE_3', {
      definitions: [
        ...DEFINITIONS,
        {
          id: 'postgres-prod',
          type: 'postgres',
          driver: 'postgres',
          criteria: [{ envType: 'production' }],
        },
      ],
    });
    const explained = await o.client.post('/explain').send({
      app: CART,
      environment: 'prod',
      envType: 'production',
      type: 'postgres',
      resId: 'cart.db',
    });
    expect(explained.status).toBe(200);
    expect(explained.body.chosen.definition.id).toBe('postgres-prod');
    expect(
      explained.body.candidates.map((c: any) => [c.definition.id, c.reason]),
    ).toEqual([
      ['postgres-local', 'applies (everywhere)'],
      ['postgres-prod', 'applies (environment type production)'],
    ]);
  });

  it('provisions a shared resource once for every workload that names it', async () => {
    const o = await startOrchestrator(databases, 'SQLITE_3');
    const dev = env('shared');
    await o.client
      .post(`${APP}/environments`)
      .send({ id: dev, type: 'development' });
    const workload = (name: string) =>
      `apiVersion: score.dev/v1b1\nmetadata:\n  name: ${name}\ncontainers:\n  main:\n    image: nginx\n    variables:\n      HOST: \${resources.edge.host}\nresources:\n  edge:\n    type: dns\n    id: shop-edge\n`;
    for (const name of ['cart', 'checkout']) {
      const put = await o.client
        .put(`${APP}/environments/${dev}/workloads/${name}`)
        .set('Content-Type', 'application/yaml')
        .send(workload(name));
      expect(put.status).toBe(202);
    }
    await o.executor.drain();
    const shown = await o.client.get(`${APP}/environments/${dev}`);
    expect(shown.body.resources).toEqual([
      expect.objectContaining({
        resId: 'shop-edge',
        usedBy: ['cart', 'checkout'],
      }),
    ]);
    const host = shown.body.resources[0].outputs.host;
    expect(shown.body.workloads.map((w: any) => w.resolved)).toEqual([
      [{ key: 'containers.main.variables.HOST', value: host }],
      [{ key: 'containers.main.variables.HOST', value: host }],
    ]);
  });
});
