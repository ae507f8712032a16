import type { OrchestratorService } from '@plinth/plugin-orchestrator-node';
import { Client } from 'pg';
import { runStep } from '../__testUtils__/actionContext';
import { APP, startOrchestrator } from '../__testUtils__/orchestrator';
import { createDatabaseChangeAction } from './database';
import { createEnvironmentCreateAction } from './environments';

jest.setTimeout(120_000);

const SCORE = `apiVersion: score.dev/v1b1
metadata:
  name: cart
containers:
  main:
    image: ghcr.io/acme/cart:1.0.0
resources:
  db:
    type: postgres
`;

// Databases are named after app, environment and resource: a fresh
// environment each run, deleted (with its database) after.
const ENV = `staging-${process.pid}`;

describe('plinth:database:change', () => {
  let orchestrator: OrchestratorService;
  let columns: () => Promise<string[]>;

  afterAll(async () => {
    const run = await orchestrator.deleteEnvironment(APP, ENV);
    await orchestrator
      .waitForRun(APP, ENV, run.id, { intervalMs: 100 })
      .catch(() => undefined);
  });

  beforeAll(async () => {
    ({ orchestrator } = await startOrchestrator());
    await runStep(createEnvironmentCreateAction({ orchestrator }), {
      app: APP,
      id: ENV,
      type: 'staging',
    });
    const { run } = await orchestrator.putWorkload(APP, ENV, SCORE);
    await orchestrator.waitForRun(APP, ENV, run.id, { intervalMs: 100 });
    await orchestrator.runSql(APP, ENV, 'cart.db', {
      sql: 'CREATE TABLE orders (id serial PRIMARY KEY, note text); INSERT INTO orders (note) VALUES (null), (null)',
    });
    const { resources } = await orchestrator.getEnvironment(APP, ENV);
    const db = resources.find(r => r.resId === 'cart.db')!;
    columns = async () => {
      const client = new Client({
        host: '127.0.0.1',
        user: 'postgres',
        database: db.outputs.name,
      });
      await client.connect();
      try {
        const { rows } = await client.query(
          `SELECT table_name || '.' || column_name AS c FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`,
        );
        return rows.map(r => r.c);
      } finally {
        await client.end();
      }
    };
  });

  it("adds a column and copies a table in the environment's database; a dry run is checked and rolled back", async () => {
    const action = createDatabaseChangeAction({ orchestrator });
    const input = {
      app: APP,
      environment: ENV,
      resource: 'cart.db',
      changes: [
        {
          op: 'add-column',
          table: 'orders',
          column: 'coupon',
          type: 'varchar(32)',
          default: 'none',
        },
        { op: 'duplicate-table', table: 'orders', to: 'orders_backup' },
      ],
    };
    const dry = await runStep(action, input, { isDryRun: true });
    expect(dry.logs).toEqual([
      `The SQL for cart.db in ${ENV} of ${APP}:\nALTER TABLE "orders" ADD COLUMN "coupon" varchar(32) DEFAULT 'none';\nCREATE TABLE "orders_backup" (LIKE "orders" INCLUDING ALL);\nINSERT INTO "orders_backup" SELECT * FROM "orders";`,
      'Dry run: PostgreSQL ran it and rolled it back: ALTER, CREATE, INSERT (2 rows).',
    ]);
    expect(await columns()).toEqual(['orders.id', 'orders.note']);

    const run = await runStep(action, input);
    expect(run.outputs.statements).toEqual([
      'ALTER',
      'CREATE',
      'INSERT (2 rows)',
    ]);
    expect(await columns()).toEqual([
      'orders.id',
      'orders.note',
      'orders.coupon',
      'orders_backup.id',
      'orders_backup.note',
      'orders_backup.coupon',
    ]);
  });

  it('says why the database refused a change, in the dry run already, and leaves it as it was', async () => {
    const action = createDatabaseChangeAction({ orchestrator });
    const before = await columns();
    for (const isDryRun of [true, false]) {
      await expect(
        runStep(
          action,
          {
            app: APP,
            environment: ENV,
            resource: 'cart.db',
            changes: [
              {
                op: 'rename-column',
                table: 'orders',
                column: 'note',
                to: 'remark',
              },
              { op: 'drop-column', table: 'orders', column: 'missing' },
            ],
          },
          { isDryRun },
        ),
      ).rejects.toThrow(
        `Could not ${
          isDryRun ? 'check' : 'run'
        } the SQL on cart.db in ${ENV} of ${APP}: The SQL failed: column "missing" of relation "orders" does not exist`,
      );
    }
    expect(await columns()).toEqual(before);
  });
});
