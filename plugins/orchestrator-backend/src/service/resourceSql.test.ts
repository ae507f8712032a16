import { TestDatabases } from '@backstage/backend-test-utils';
import {
  orchestratorDeployLockedPermission,
  orchestratorResourceSqlPermission,
} from '@plinth/plugin-orchestrator-common';
import { Client } from 'pg';
import {
  CART,
  POSTGRES,
  startOrchestrator,
} from '../__testUtils__/orchestrator';

jest.setTimeout(120_000);

const APP = '/apps/component/default/cartservice';
const SCORE = `apiVersion: score.dev/v1b1
metadata:
  name: cart
containers:
  main:
    image: nginx
resources:
  db:
    type: postgres
`;

describe('SQL on a database resource', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
  let unique = 0;
  const env = (name: string) => `${name}-${process.pid % 1000}-${++unique}`;

  it.each(databases.eachSupportedId())(
    'runs schema changes in one transaction as the resource, a dry run rolled back, on %p',
    async databaseId => {
      // The caller may not override locks.
      const o = await startOrchestrator(databases, databaseId, {
        deny: [orchestratorDeployLockedPermission.name],
      });
      const dev = env('sql');
      await o.client
        .post(`${APP}/environments`)
        .send({ id: dev, type: 'development' });
      await o.client
        .put(`${APP}/environments/${dev}/workloads/cart`)
        .set('Content-Type', 'application/yaml')
        .send(SCORE);
      await o.executor.drain();
      const sql = (body: object) =>
        o.client
          .post(`${APP}/environments/${dev}/resources/cart.db/sql`)
          .send(body);

      const create =
        'CREATE TABLE orders (id serial PRIMARY KEY, total numeric)';
      const dry = await sql({ sql: create, dryRun: true });
      expect(dry.status).toBe(200);
      expect(dry.body).toEqual({
        statements: [{ command: 'CREATE', rows: null }],
        rolledBack: true,
      });
      const ran = await sql({
        sql: `${create}; INSERT INTO orders (total) VALUES (10), (20)`,
      });
      expect(ran.body.statements).toEqual([
        { command: 'CREATE', rows: null },
        { command: 'INSERT', rows: 2 },
      ]);

      // The rows are in the resource's own database.
      const [row] = (await o.store.listResources(CART, dev)).filter(
        r => r.resId === 'cart.db',
      );
      const admin = new Client({ ...POSTGRES, database: row.outputs!.name });
      await admin.connect();
      try {
        const { rows } = await admin.query(
          'SELECT count(*)::int AS n FROM orders',
        );
        expect(rows[0].n).toBe(2);
      } finally {
        await admin.end();
      }

      const failing = await sql({
        sql: 'ALTER TABLE orders ADD COLUMN total numeric',
      });
      expect(failing.status).toBe(400);
      expect(failing.body.error.message).toBe(
        'The SQL failed: column "total" of relation "orders" already exists',
      );
      const missing = await o.client
        .post(`${APP}/environments/${dev}/resources/cart.cache/sql`)
        .send({ sql: 'SELECT 1' });
      expect(missing.status).toBe(404);
      expect(missing.body.error.message).toBe(
        `Environment "${dev}" of ${CART} has no resource "cart.cache"`,
      );
      const empty = await sql({ sql: '  ' });
      expect(empty.status).toBe(400);

      await o.client
        .put(`${APP}/environments/${dev}/lock`)
        .send({ reason: 'Freeze' });
      const locked = await sql({ sql: 'DROP TABLE orders' });
      expect(locked.status).toBe(409);
      expect(locked.body.error.message).toContain('is locked (Freeze)');

      await o.client.delete(`${APP}/environments/${dev}/lock`);
      await o.client.delete(`${APP}/environments/${dev}`);
      await o.executor.drain();
    },
  );

  it('refuses a user without the SQL permission', async () => {
    const o = await startOrchestrator(databases, 'SQLITE_3', {
      deny: [orchestratorResourceSqlPermission.name],
    });
    const refused = await o.client
      .post(`${APP}/environments/dev/resources/cart.db/sql`)
      .send({ sql: 'SELECT 1' });
    expect(refused.status).toBe(403);
  });
});
