import type { ResourceDriverRequest } from '@plinth/plugin-orchestrator-node';
import { driverRequest } from '@plinth/plugin-orchestrator-node/testUtils';
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { createRedisDriver, RedisDriverOptions } from './createRedisDriver';
import { globOf, redisNamesOf } from './names';

jest.setTimeout(60_000);

// The machine's real Redis: the one TestCaches uses, or the local one.
const url = new URL(
  Object.entries(process.env).find(([name]) =>
    /^BACKSTAGE_TEST_CACHE_REDIS\d+_CONNECTION_STRING$/.test(name),
  )?.[1] ?? 'redis://127.0.0.1:6379',
);
const connection = {
  host: url.hostname,
  port: Number(url.port || 6379),
  username: url.username ? decodeURIComponent(url.username) : undefined,
  password: url.password ? decodeURIComponent(url.password) : undefined,
};
const driver = createRedisDriver({ connection });
const run = `${process.pid}-${Date.now()}`;

function request(key: string): ResourceDriverRequest {
  return driverRequest({ key: `${key}-${run}`, type: 'redis' });
}

/** A connected client, failing at once rather than retrying. */
async function connect(options: {
  host: string;
  port: number;
  username?: string;
  password?: string;
}): Promise<Redis> {
  const client = new Redis({
    ...options,
    lazyConnect: true,
    retryStrategy: () => null,
    maxRetriesPerRequest: 0,
    // Its ready check runs INFO, which resource users may not run.
    enableReadyCheck: false,
  });
  let cause: unknown;
  client.on('error', error => {
    cause = error;
  });
  try {
    await client.connect();
    await client.ping(); // the answer to AUTH comes first
  } catch (error) {
    client.disconnect();
    throw cause ?? error;
  }
  return client;
}

async function admin<T>(
  work: (client: Redis) => Promise<T>,
  options: RedisDriverOptions['connection'] = connection,
): Promise<T> {
  const client = await connect({ ...options, port: options.port ?? 6379 });
  try {
    return await work(client);
  } finally {
    client.disconnect();
  }
}

/** The workload's connection, as it would make it from the outputs. */
function workload(outputs: Record<string, string>, password: string) {
  return connect({
    host: outputs.host,
    port: Number(outputs.port),
    username: outputs.username,
    password,
  });
}

/** How many ACL users of this name exist on the server. */
async function users(
  username: string,
  options: RedisDriverOptions['connection'] = connection,
) {
  const all = await admin(
    client => client.call('ACL', 'USERS') as Promise<string[]>,
    options,
  );
  return all.filter(user => user === username).length;
}

describe('createRedisDriver, on the real Redis', () => {
  const made: ResourceDriverRequest[] = [];
  afterAll(async () => {
    for (const r of made) {
      await driver.deprovision({ ...r, state: {} });
      if (await users(redisNamesOf(r.key).username)) {
        throw new Error(`left on the server: ${redisNamesOf(r.key).username}`);
      }
    }
  });

  it('provisions a user the workload can use under its prefix alone, once however often it runs', async () => {
    const cache = request('cart.cache');
    made.push(cache);
    const first = await driver.provision(cache);
    const again = await driver.provision(cache);
    expect(again.outputs).toEqual(first.outputs);
    const { username } = first.outputs;
    expect(first.outputs).toEqual({
      host: connection.host,
      port: String(connection.port),
      username: expect.stringMatching(/^plinth_[a-z0-9_]+$/),
      prefix: expect.stringMatching(/^plinth_[a-z0-9_]+:$/),
    });
    expect(first.outputs.prefix).toBe(`${first.outputs.username}:`);
    expect(Object.keys(first.secrets)).toEqual(['password']);
    expect(again.secrets.password).not.toBe(first.secrets.password);
    expect(first.state).toEqual({ username, prefix: `${username}:` });
    expect(await users(username)).toBe(1);

    // The first password no longer works, the latest does.
    await expect(
      workload(first.outputs, first.secrets.password),
    ).rejects.toThrow(/WRONGPASS/);
    const client = await workload(again.outputs, again.secrets.password);
    try {
      const prefix = `${username}:`;
      expect(await client.set(`${prefix}cart:1`, 'socks')).toBe('OK');
      expect(await client.get(`${prefix}cart:1`)).toBe('socks');
      expect(await client.del(`${prefix}cart:1`)).toBe(1);
      expect(await client.publish(`${prefix}events`, 'x')).toBe(0);

      const other = `other:${run}`;
      await expect(client.set(other, 'x')).rejects.toThrow(/NOPERM/);
      await expect(client.get(other)).rejects.toThrow(/NOPERM/);
      await expect(client.set(`${username}x`, 'x')).rejects.toThrow(/NOPERM/);
      await expect(client.publish(other, 'x')).rejects.toThrow(/NOPERM/);
      await expect(client.flushall()).rejects.toThrow(/NOPERM/);
      await expect(client.flushdb()).rejects.toThrow(/NOPERM/);
      await expect(client.keys('*')).rejects.toThrow(/NOPERM/);
      await expect(client.scan('0')).rejects.toThrow(/NOPERM/);
      await expect(client.randomkey()).rejects.toThrow(/NOPERM/);
      await expect(client.call('CONFIG', 'GET', '*')).rejects.toThrow(/NOPERM/);
      await expect(client.call('ACL', 'LIST')).rejects.toThrow(/NOPERM/);
      await expect(client.call('FUNCTION', 'FLUSH')).rejects.toThrow(/NOPERM/);
      await expect(client.call('SCRIPT', 'FLUSH')).rejects.toThrow(/NOPERM/);
    } finally {
      client.disconnect();
    }
  });

  it('leaves one user when five runs provision at once', async () => {
    const cache = request('products.cache');
    made.push(cache);
    const results = await Promise.all(
      Array.from({ length: 5 }, () => driver.provision(cache)),
    );
    const { username } = results[0].outputs;
    expect(new Set(results.map(r => r.outputs.username))).toEqual(
      new Set([username]),
    );
    expect(await users(username)).toBe(1);
    // One of the five passwords is the valid one: the last run's.
    let valid = 0;
    for (const { outputs, secrets } of results) {
      try {
        (await workload(outputs, secrets.password)).disconnect();
        valid += 1;
      } catch {
        // an earlier run's password
      }
    }
    expect(valid).toBe(1);
  });

  it('keeps quotes, semicolons, backticks, backslashes, globs and unicode of a key out of Redis', async () => {
    const nasty = request(
      `app'; DROP DATABASE x;--/env\`/ü💥 "\\* ?[a] FLUSHALL\r\n`,
    );
    made.push(nasty);
    const { outputs, secrets, state } = await driver.provision(nasty);
    expect(outputs.username).toMatch(/^plinth_[a-z0-9_]+$/);
    expect(await users(outputs.username)).toBe(1);
    const client = await workload(outputs, secrets.password);
    await client.set(`${state.prefix}k`, 'v');
    client.disconnect();

    await driver.deprovision({ ...nasty, state });
    expect(await users(outputs.username)).toBe(0);
    expect(await admin(c => c.exists(`${state.prefix}k`))).toBe(0);
  });

  it('deletes the user, its connections and its keys in every database, and succeeds when they are gone', async () => {
    const cache = request('gone.cache');
    made.push(cache);
    const { outputs, secrets, state } = await driver.provision(cache);
    const prefix = String(state.prefix);
    const client = await workload(outputs, secrets.password);
    await client.set(`${prefix}a`, '1');
    await client.set(`${prefix}b`, '2');
    await client.select(1);
    await client.set(`${prefix}c`, '3');
    // Keys near the prefix but not under it stay.
    const near = [`${outputs.username}x`, `${outputs.username}`];
    await admin(c => c.mset(near[0], 'x', near[1], 'x'));

    try {
      await driver.deprovision({ ...cache, state });
      await driver.deprovision({ ...cache, state });
      expect(await users(outputs.username)).toBe(0);
      await expect(client.get(`${prefix}a`)).rejects.toThrow();
      await expect(workload(outputs, secrets.password)).rejects.toThrow(
        /WRONGPASS/,
      );
      expect(
        await admin(async c => {
          const db0 = await c.exists(`${prefix}a`, `${prefix}b`);
          await c.select(1);
          return [db0, await c.exists(`${prefix}c`)];
        }),
      ).toEqual([0, 0]);
      expect(await admin(c => c.exists(...near))).toBe(2);
    } finally {
      client.disconnect();
      await admin(c => c.del(...near));
    }
  });

  it('fails with an error that holds no password when the admin may not log in', async () => {
    const password = `not-the-password-${run}`;
    const error = await createRedisDriver({
      connection: { ...connection, username: `nobody_${run}`, password },
    })
      .provision(request('denied.cache'))
      .catch(e => e);
    expect(error.message).toMatch(/^Redis: WRONGPASS/);
    expect(JSON.stringify({ ...error, message: error.message })).not.toContain(
      password,
    );
  });

  it('fails naming ACL SAVE when aclSave is set and the server has no aclfile', async () => {
    const cache = request('unsaved.cache');
    made.push(cache);
    const aclfile = await admin(
      c => c.call('CONFIG', 'GET', 'aclfile') as Promise<string[]>,
    );
    if (aclfile[1]) return; // a server with one saves; see below
    await expect(
      createRedisDriver({ connection, aclSave: true }).provision(cache),
    ).rejects.toThrow(/ACL SAVE failed/);
  });
});

describe('createRedisDriver with aclSave, on a Redis of its own with an aclfile', () => {
  let dir: string;
  let server: ChildProcess;
  let port: number;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'plinth-redis-acl-'));
    await writeFile(join(dir, 'users.acl'), '');
    const probe = createServer();
    await new Promise<void>(resolve => probe.listen(0, '127.0.0.1', resolve));
    port = (probe.address() as AddressInfo).port;
    await new Promise(resolve => probe.close(resolve));
    server = spawn(
      'redis-server',
      [
        '--bind',
        '127.0.0.1',
        '--port',
        String(port),
        '--save',
        '',
        '--appendonly',
        'no',
        '--dir',
        dir,
        '--aclfile',
        join(dir, 'users.acl'),
      ],
      { stdio: 'ignore' },
    );
    for (let tries = 0; ; tries += 1) {
      try {
        await admin(c => c.ping(), { host: '127.0.0.1', port });
        break;
      } catch (error) {
        if (tries > 100) throw error;
        await new Promise(resolve => setTimeout(resolve, 100));
      }
    }
  });

  afterAll(async () => {
    if (server?.exitCode === null) {
      const exited = new Promise(resolve => server.once('exit', resolve));
      server.kill();
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
  });

  it('saves the users to the aclfile, and their deletion', async () => {
    const saving = createRedisDriver({
      connection: { host: '127.0.0.1', port },
      aclSave: true,
    });
    const cache = request('saved.cache');
    const { outputs, secrets } = await saving.provision(cache);
    const file = () => readFile(join(dir, 'users.acl'), 'utf8');
    expect(await file()).toContain(`user ${outputs.username} on`);
    expect(await file()).not.toContain(secrets.password);

    await saving.deprovision({ ...cache, state: {} });
    expect(await file()).not.toContain(outputs.username);
    expect(await users(outputs.username, { host: '127.0.0.1', port })).toBe(0);
  });
});

describe('redisNamesOf', () => {
  it('gives one key one user and prefix, other keys others', () => {
    const long = 'a'.repeat(500);
    expect(redisNamesOf('cart.cache')).toEqual(redisNamesOf('cart.cache'));
    expect(redisNamesOf('cart.cache').username).toMatch(
      /^plinth_cart_cache_[0-9a-f]{12}$/,
    );
    expect(redisNamesOf('cart.cache').prefix).toBe(
      `${redisNamesOf('cart.cache').username}:`,
    );
    expect(redisNamesOf('cart.cache').username).not.toBe(
      redisNamesOf('cart-cache').username,
    );
    expect(redisNamesOf(long).username.length).toBeLessThanOrEqual(60);
    expect(redisNamesOf(`${long}x`).username).not.toBe(
      redisNamesOf(`${long}y`).username,
    );
    expect(redisNamesOf('💥*?').username).toMatch(/^plinth_[0-9a-f]{12}$/);
  });

  it('globs a generated prefix, and nothing else', () => {
    expect(globOf('plinth_cart_0123456789ab:')).toBe(
      'plinth_cart_0123456789ab:*',
    );
    expect(() => globOf('plinth_*:')).toThrow(/no generated prefix/);
    expect(() => globOf('plinth_a:b')).toThrow(/no generated prefix/);
    expect(() => globOf('*')).toThrow(/no generated prefix/);
  });
});
