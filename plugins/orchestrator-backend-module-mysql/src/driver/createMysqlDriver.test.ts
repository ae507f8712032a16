import type { ResourceDriverRequest } from '@plinth/plugin-orchestrator-node';
import { driverRequest } from '@plinth/plugin-orchestrator-node/testUtils';
import { randomBytes } from 'node:crypto';
import {
  Connection,
  createConnection,
  escape,
  RowDataPacket,
} from 'mysql2/promise';
import { createMysqlDriver } from './createMysqlDriver';
import { grantPatternOf, mysqlNamesOf } from './names';

jest.setTimeout(60_000);

// The machine's real MySQL or MariaDB: the one TestDatabases uses, or the
// local one.
const url = new URL(
  Object.entries(process.env).find(([name]) =>
    /^BACKSTAGE_TEST_DATABASE_MYSQL\d+_CONNECTION_STRING$/.test(name),
  )?.[1] ?? 'mysql://root@127.0.0.1:3306',
);
const connection = {
  host: url.hostname,
  port: Number(url.port || 3306),
  user: decodeURIComponent(url.username || 'root'),
  password: decodeURIComponent(url.password || ''),
};
const driver = createMysqlDriver({ connection });
const run = `${process.pid}-${Date.now()}`;

function request(key: string): ResourceDriverRequest {
  return driverRequest({ key: `${key}-${run}`, type: 'mysql' });
}

async function admin<T>(work: (client: Connection) => Promise<T>): Promise<T> {
  const client = await createConnection(connection);
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** How many databases and users of these names exist on the server. */
async function count(names: { database: string; user: string }) {
  return admin(async client => {
    const [databases] = await client.query<RowDataPacket[]>(
      'SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?',
      [names.database],
    );
    const [users] = await client.query<RowDataPacket[]>(
      'SELECT 1 FROM mysql.user WHERE User = ?',
      [names.user],
    );
    return { databases: databases.length, users: users.length };
  });
}

/** The workload's connection, as it would make it from the outputs. */
function connect(
  outputs: Record<string, string>,
  password: string,
): Promise<Connection> {
  return createConnection({
    host: outputs.host,
    port: Number(outputs.port),
    user: outputs.username,
    password,
    database: outputs.database,
  });
}

describe('createMysqlDriver, on the real MySQL or MariaDB', () => {
  const made: ResourceDriverRequest[] = [];
  afterAll(async () => {
    for (const r of made) {
      await driver.deprovision({ ...r, state: {} });
      const left = await count(mysqlNamesOf(r.key));
      if (left.databases || left.users) {
        throw new Error(`left on the server: ${JSON.stringify(left)}`);
      }
    }
  });

  it('provisions a database and a user the workload can use, once however often it runs', async () => {
    const db = request('cart.db');
    made.push(db);
    const first = await driver.provision(db);
    const again = await driver.provision(db);
    expect(again.outputs).toEqual(first.outputs);
    expect(first.outputs).toEqual({
      host: connection.host,
      port: String(connection.port),
      name: first.outputs.database,
      database: first.outputs.database,
      username: expect.stringMatching(/^plinth_[a-z0-9_]+$/),
    });
    expect(Object.keys(first.secrets)).toEqual(['password']);
    expect(again.secrets.password).not.toBe(first.secrets.password);
    expect(first.state).toEqual({
      database: first.outputs.database,
      user: first.outputs.username,
    });
    expect(
      await count({
        database: first.outputs.database,
        user: first.outputs.username,
      }),
    ).toEqual({ databases: 1, users: 1 });

    // The first password no longer works, the latest does.
    await expect(
      connect(first.outputs, first.secrets.password),
    ).rejects.toMatchObject({
      code: expect.stringMatching(/^ER_ACCESS_DENIED/),
    });
    const workload = await connect(again.outputs, again.secrets.password);
    try {
      await workload.query(
        'CREATE TABLE carts (id INT AUTO_INCREMENT PRIMARY KEY, item VARCHAR(20))',
      );
      await workload.query('INSERT INTO carts (item) VALUES (?)', ['socks']);
      const [rows] = await workload.query<RowDataPacket[]>(
        'SELECT id, item FROM carts',
      );
      expect(rows.map(row => ({ ...row }))).toEqual([{ id: 1, item: 'socks' }]);

      // Its grant is its database alone: `_` is no wildcard there.
      const [databases] = await workload.query<RowDataPacket[]>(
        'SHOW DATABASES',
      );
      expect(databases.map(row => row.Database).sort()).toEqual(
        [first.outputs.database, 'information_schema'].sort(),
      );
      await expect(
        workload.query(
          `CREATE DATABASE \`${first.outputs.database.replace(/_/g, 'x')}\``,
        ),
      ).rejects.toMatchObject({ code: 'ER_DBACCESS_DENIED_ERROR' });
    } finally {
      await workload.end();
    }
  });

  it('leaves one database and one user when five runs provision at once', async () => {
    const db = request('products.db');
    made.push(db);
    const results = await Promise.all(
      Array.from({ length: 5 }, () => driver.provision(db)),
    );
    const { database, username } = results[0].outputs;
    expect(new Set(results.map(r => r.outputs.database))).toEqual(
      new Set([database]),
    );
    expect(new Set(results.map(r => r.outputs.username))).toEqual(
      new Set([username]),
    );
    expect(await count({ database, user: username })).toEqual({
      databases: 1,
      users: 1,
    });
    // One of the five passwords is the valid one: the last run's.
    let valid = 0;
    for (const { outputs, secrets } of results) {
      try {
        await (await connect(outputs, secrets.password)).end();
        valid += 1;
      } catch {
        // an earlier run's password
      }
    }
    expect(valid).toBe(1);
  });

  it('keeps quotes, semicolons, backticks, backslashes and unicode of a key out of SQL', async () => {
    const nasty = request(
      `app'; DROP DATABASE x;--/env\`/ü💥 "\\'; DROP USER root; --`,
    );
    made.push(nasty);
    const { outputs, secrets } = await driver.provision(nasty);
    expect(outputs.database).toMatch(/^plinth_[a-z0-9_]+$/);
    expect(outputs.username).toMatch(/^plinth_[a-z0-9_]+$/);
    expect(grantPatternOf(outputs.database).length).toBeLessThanOrEqual(64);
    expect(outputs.username.length).toBeLessThanOrEqual(32);
    expect(
      await count({ database: outputs.database, user: outputs.username }),
    ).toEqual({ databases: 1, users: 1 });
    await (await connect(outputs, secrets.password)).end();

    await driver.deprovision({ ...nasty, state: {} });
    expect(
      await count({ database: outputs.database, user: outputs.username }),
    ).toEqual({ databases: 0, users: 0 });
    expect(await count({ database: 'mysql', user: connection.user })).toEqual({
      databases: 1,
      users: expect.any(Number),
    });
  });

  it('drops the database and the user, even while the workload is connected, and succeeds when they are gone', async () => {
    const db = request('gone.db');
    made.push(db);
    const { outputs, secrets, state } = await driver.provision(db);
    const workload = await connect(outputs, secrets.password);
    workload.on('error', () => {}); // it is killed
    await workload.query('CREATE TABLE t (id INT)');
    await workload.beginTransaction();
    await workload.query('INSERT INTO t VALUES (1)'); // holds a metadata lock

    await driver.deprovision({ ...db, state });
    await driver.deprovision({ ...db, state });
    expect(
      await count({ database: outputs.database, user: outputs.username }),
    ).toEqual({ databases: 0, users: 0 });
    await expect(workload.query('SELECT 1')).rejects.toThrow();
    workload.destroy();
    await expect(connect(outputs, secrets.password)).rejects.toMatchObject({
      code: expect.stringMatching(/^ER_ACCESS_DENIED/),
    });
  });

  describe('with an account that may not create users', () => {
    const weak = {
      ...connection,
      user: `plinth_test_weak_${process.pid}`.slice(0, 32),
      password: randomBytes(12).toString('hex'),
    };
    beforeAll(() =>
      admin(client =>
        client.query(
          `CREATE USER ${escape(weak.user)}@'%' IDENTIFIED BY ${escape(
            weak.password,
          )}`,
        ),
      ),
    );
    afterAll(() =>
      admin(client =>
        client.query(`DROP USER IF EXISTS ${escape(weak.user)}@'%'`),
      ),
    );

    it('fails with an error that holds neither the statement nor the password', async () => {
      const db = request('denied.db');
      made.push(db);
      const error = await createMysqlDriver({ connection: weak })
        .provision(db)
        .catch(e => e);
      expect(error).toBeInstanceOf(Error);
      expect(error.message).toMatch(/^MySQL: .*denied/i);
      expect(error.message).not.toMatch(/IDENTIFIED|password/i);
      expect(error).not.toHaveProperty('sql');
      expect(JSON.stringify(error)).not.toMatch(/IDENTIFIED/);
      expect(await count(mysqlNamesOf(db.key))).toEqual({
        databases: 0,
        users: 0,
      });
    });
  });
});

describe('mysqlNamesOf', () => {
  it('gives one key one name, other keys others, within 32 and 64 characters', () => {
    const long = 'a'.repeat(500);
    expect(mysqlNamesOf('cart.db')).toEqual(mysqlNamesOf('cart.db'));
    expect(mysqlNamesOf('cart.db').database).not.toBe(
      mysqlNamesOf('cart-db').database,
    );
    expect(mysqlNamesOf('cart.db').user).not.toBe(mysqlNamesOf('cart-db').user);
    const { database, user } = mysqlNamesOf(long);
    expect(grantPatternOf(database)).toHaveLength(64);
    expect(user).toHaveLength(32);
    const underscores = mysqlNamesOf('a_'.repeat(100)).database;
    expect(grantPatternOf(underscores).length).toBeLessThanOrEqual(64);
    expect(underscores).toMatch(/^plinth_a_a_.*_[0-9a-f]{12}$/);
    expect(mysqlNamesOf(`${long}x`).user).not.toBe(
      mysqlNamesOf(`${long}y`).user,
    );
    expect(mysqlNamesOf('cart.db').user).toMatch(
      /^plinth_cart_db_[0-9a-f]{12}$/,
    );
    expect(mysqlNamesOf('💥').user).toMatch(/^plinth_[0-9a-f]{12}$/);
    expect(mysqlNamesOf('abcdefghijk.lmno').user).toMatch(
      /^plinth_abcdefghijk_[0-9a-f]{12}$/,
    );
  });

  it('escapes the wildcards of a GRANT', () => {
    expect(grantPatternOf('plinth_cart_db_0123456789ab')).toBe(
      'plinth\\_cart\\_db\\_0123456789ab',
    );
  });
});
