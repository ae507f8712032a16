import type { ResourceDriverRequest } from '@plinth/plugin-orchestrator-node';
import { driverRequest } from '@plinth/plugin-orchestrator-node/testUtils';
import { Client } from 'pg';
import { createPostgresDriver } from './createPostgresDriver';
import { postgresNamesOf } from './names';

jest.setTimeout(60_000);

// The machine's real PostgreSQL: the one TestDatabases uses, or the local one.
const url = new URL(
  Object.entries(process.env).find(([name]) =>
    /^BACKSTAGE_TEST_DATABASE_POSTGRES\d+_CONNECTION_STRING$/.test(name),
  )?.[1] ?? 'postgresql://postgres@127.0.0.1:5432',
);
const connection = {
  host: url.hostname,
  port: Number(url.port || 5432),
  user: decodeURIComponent(url.username || 'postgres'),
  password: decodeURIComponent(url.password || ''),
};
const driver = createPostgresDriver({ connection });
const run = `${process.pid}-${Date.now()}`;

function request(key: string): ResourceDriverRequest {
  return driverRequest({ key: `${key}-${run}`, type: 'postgres' });
}

async function admin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ ...connection, database: 'postgres' });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** How many databases and roles of this name exist on the server. */
async function count(name: string) {
  return admin(async client => ({
    databases: (
      await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])
    ).rowCount,
    roles: (
      await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [name])
    ).rowCount,
  }));
}

describe('createPostgresDriver, on the real PostgreSQL', () => {
  const made: ResourceDriverRequest[] = [];
  afterAll(async () => {
    for (const r of made) await driver.deprovision({ ...r, state: {} });
  });

  it('provisions a database and a role the workload can use, once however often it runs', async () => {
    const db = request('cart.db');
    made.push(db);
    const first = await driver.provision(db);
    const again = await driver.provision(db);
    expect(again.outputs).toEqual(first.outputs);
    expect(first.outputs).toMatchObject({
      host: connection.host,
      port: String(connection.port),
      username: first.outputs.database,
    });
    expect(Object.keys(first.secrets)).toEqual(['password']);
    expect(await count(first.outputs.database)).toEqual({
      databases: 1,
      roles: 1,
    });

    // The latest password works, as the workload would connect.
    const workload = new Client({
      host: connection.host,
      port: connection.port,
      user: again.outputs.username,
      password: again.secrets.password,
      database: again.outputs.database,
    });
    await workload.connect();
    await workload.query('CREATE TABLE carts (id serial PRIMARY KEY)');
    await workload.query('INSERT INTO carts DEFAULT VALUES');
    expect((await workload.query('SELECT count(*) FROM carts')).rows).toEqual([
      { count: '1' },
    ]);
    await workload.end();
  });

  it('leaves one database and one role when five runs provision at once', async () => {
    const db = request('products.db');
    made.push(db);
    const results = await Promise.all(
      Array.from({ length: 5 }, () => driver.provision(db)),
    );
    const { database } = results[0].outputs;
    expect(new Set(results.map(r => r.outputs.database))).toEqual(
      new Set([database]),
    );
    expect(await count(database)).toEqual({ databases: 1, roles: 1 });
  });

  it('keeps quotes, semicolons and unicode of a key out of SQL', async () => {
    const nasty = request(`x"; DROP DATABASE postgres; -- ünïcødé '`);
    made.push(nasty);
    const { outputs } = await driver.provision(nasty);
    expect(outputs.database).toMatch(/^plinth_[a-z0-9_]+$/);
    expect(outputs.database.length).toBeLessThanOrEqual(63);
    expect(await count(outputs.database)).toEqual({ databases: 1, roles: 1 });
    expect(await count('postgres')).toMatchObject({ databases: 1 });
  });

  it('runs SQL as the resource role in one transaction; a dry run leaves nothing', async () => {
    const db = request('sql.db');
    made.push(db);
    const { outputs, secrets, state } = await driver.provision(db);
    const sql = (text: string, dryRun = false) =>
      driver.runSql!({
        resource: {
          resId: 'cart.db',
          type: 'postgres',
          outputs,
          secrets,
          state,
        },
        sql: text,
        dryRun,
        logger: db.logger,
        signal: new AbortController().signal,
      });
    /** A query's first column, as the resource's own role. */
    const asRole = async (query: string) => {
      const client = new Client({
        ...connection,
        user: outputs.username,
        password: secrets.password,
        database: outputs.name,
      });
      await client.connect();
      try {
        const { rows } = await client.query(query);
        return rows.map(r => Object.values(r)[0]);
      } finally {
        await client.end();
      }
    };
    const tables = () =>
      asRole(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`,
      );
    const create =
      'CREATE TABLE orders (id serial PRIMARY KEY, total numeric); INSERT INTO orders (total) VALUES (1), (2)';
    expect(await sql(create, true)).toEqual({
      statements: [
        { command: 'CREATE', rows: null },
        { command: 'INSERT', rows: 2 },
      ],
      rolledBack: true,
    });
    expect(await tables()).toEqual([]);
    await sql(create);
    expect(await tables()).toEqual(['orders']);

    // A failing statement undoes the ones before it, and says why.
    await expect(
      sql(
        'ALTER TABLE orders ADD COLUMN note text; ALTER TABLE orders ADD COLUMN total numeric',
      ),
    ).rejects.toThrow(
      'The SQL failed: column "total" of relation "orders" already exists',
    );
    await expect(
      sql(
        'ALTER TABLE orders ADD COLUMN note text; COMMIT; DROP TABLE orders',
        true,
      ),
    ).rejects.toThrow(
      'statement 2 is COMMIT: the SQL runs in one transaction of its own, so it must not begin, commit or roll back one',
    );
    const columns = await asRole(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'orders' ORDER BY ordinal_position`,
    );
    expect(columns).toEqual(['id', 'total']);
  });

  it('drops the database and the role, and succeeds when they are gone', async () => {
    const db = request('gone.db');
    const { outputs, state } = await driver.provision(db);
    await driver.deprovision({ ...db, state });
    await driver.deprovision({ ...db, state });
    expect(await count(outputs.database)).toEqual({ databases: 0, roles: 0 });
  });
});

describe('postgresNamesOf', () => {
  it('gives one key one name, other keys others, within 63 bytes', () => {
    const long = 'a'.repeat(500);
    expect(postgresNamesOf('cart.db')).toEqual(postgresNamesOf('cart.db'));
    expect(postgresNamesOf('cart.db').database).not.toBe(
      postgresNamesOf('cart-db').database,
    );
    expect(postgresNamesOf(long).database.length).toBeLessThanOrEqual(63);
    expect(postgresNamesOf(`${long}x`).database).not.toBe(
      postgresNamesOf(`${long}y`).database,
    );
  });
});
