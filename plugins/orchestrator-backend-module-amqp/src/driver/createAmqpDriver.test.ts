import type { ResourceDriverRequest } from '@plinth/plugin-orchestrator-node';
import { driverRequest } from '@plinth/plugin-orchestrator-node/testUtils';
import { connect } from 'amqplib';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAmqpDriver, AmqpDriverOptions } from './createAmqpDriver';
import { amqpNamesOf } from './names';

jest.setTimeout(60_000);

// The machine's real RabbitMQ, its management API and its AMQP port.
const options: AmqpDriverOptions = {
  managementUrl:
    process.env.PLINTH_TEST_RABBITMQ_MANAGEMENT_URL ?? 'http://127.0.0.1:15672',
  username: process.env.PLINTH_TEST_RABBITMQ_USER ?? 'guest',
  password: process.env.PLINTH_TEST_RABBITMQ_PASSWORD ?? 'guest',
  amqpHost: process.env.PLINTH_TEST_RABBITMQ_HOST ?? '127.0.0.1',
  amqpPort: Number(process.env.PLINTH_TEST_RABBITMQ_PORT ?? 5672),
};
const driver = createAmqpDriver(options);
const run = `${process.pid}-${Date.now()}`;

function request(key: string): ResourceDriverRequest {
  return driverRequest({ key: `${key}-${run}`, type: 'amqp' });
}

/** A GET on the management API, as the admin. */
async function list(what: 'vhosts' | 'users'): Promise<{ name: string }[]> {
  const response = await fetch(`${options.managementUrl}/api/${what}`, {
    headers: {
      authorization: `Basic ${Buffer.from(
        `${options.username}:${options.password}`,
      ).toString('base64')}`,
    },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { name: string }[];
}

/** How many vhosts and users of these names the broker has. */
async function count(names: { vhost: string; username: string }) {
  const [vhosts, users] = await Promise.all([list('vhosts'), list('users')]);
  return {
    vhosts: vhosts.filter(v => v.name === names.vhost).length,
    users: users.filter(u => u.name === names.username).length,
  };
}

/** The URL a workload connects by, from the outputs alone. */
function urlOf(
  outputs: Record<string, string>,
  password: string,
  vhost = outputs.vhost,
): string {
  return `amqp://${encodeURIComponent(outputs.username)}:${encodeURIComponent(
    password,
  )}@${outputs.host}:${outputs.port}/${encodeURIComponent(vhost)}`;
}

/** As a workload would: declare a queue, publish, consume. */
async function roundTrip(url: string): Promise<string> {
  const connection = await connect(url);
  try {
    const channel = await connection.createChannel();
    const { queue } = await channel.assertQueue('orders', { durable: false });
    channel.sendToQueue(queue, Buffer.from('order 42'));
    for (let tries = 0; tries < 50; tries++) {
      const message = await channel.get(queue, { noAck: true });
      if (message) return message.content.toString();
      await new Promise(resolve => setTimeout(resolve, 20));
    }
    throw new Error('no message came back');
  } finally {
    await connection.close();
  }
}

/** Whether the broker lets that URL in; connections are closed again. */
async function refused(url: string): Promise<boolean> {
  try {
    const connection = await connect(url);
    await connection.close();
    return false;
  } catch {
    return true;
  }
}

describe('createAmqpDriver, on the real RabbitMQ', () => {
  const made: ResourceDriverRequest[] = [];
  afterAll(async () => {
    for (const r of made) await driver.deprovision({ ...r, state: {} });
    // Nothing of this run stays on the broker.
    for (const r of made) {
      const left = await count(amqpNamesOf(r.key));
      if (left.vhosts || left.users) {
        throw new Error(`left on the broker: ${JSON.stringify(left)}`);
      }
    }
  });

  it('provisions a vhost and a user a workload can use, and only there', async () => {
    const mq = request('orders.mq');
    made.push(mq);
    const { outputs, secrets, state } = await driver.provision(mq);
    expect(outputs).toEqual({
      host: options.amqpHost,
      port: String(options.amqpPort),
      vhost: outputs.username,
      username: outputs.username,
    });
    expect(outputs.vhost).toMatch(/^plinth_[a-z0-9_]+_[0-9a-f]{12}$/);
    expect(Object.keys(secrets)).toEqual(['password']);
    expect(state).toEqual({ vhost: outputs.vhost, username: outputs.username });

    expect(await roundTrip(urlOf(outputs, secrets.password))).toBe('order 42');
    // Not on the default vhost, nor with a wrong password.
    expect(await refused(urlOf(outputs, secrets.password, '/'))).toBe(true);
    expect(await refused(urlOf(outputs, `${secrets.password}x`))).toBe(true);
  });

  it('keeps one vhost and one user when run twice, and only the latest password works', async () => {
    const mq = request('twice.mq');
    made.push(mq);
    const first = await driver.provision(mq);
    const again = await driver.provision(mq);
    expect(again.outputs).toEqual(first.outputs);
    expect(again.secrets.password).not.toBe(first.secrets.password);
    expect(await count(amqpNamesOf(mq.key))).toEqual({ vhosts: 1, users: 1 });
    expect(await refused(urlOf(first.outputs, first.secrets.password))).toBe(
      true,
    );
    expect(await roundTrip(urlOf(again.outputs, again.secrets.password))).toBe(
      'order 42',
    );
  });

  it('leaves one vhost and one user when five runs provision at once', async () => {
    const mq = request('concurrent.mq');
    made.push(mq);
    const results = await Promise.all(
      Array.from({ length: 5 }, () => driver.provision(mq)),
    );
    expect(new Set(results.map(r => r.outputs.vhost)).size).toBe(1);
    expect(await count(amqpNamesOf(mq.key))).toEqual({ vhosts: 1, users: 1 });
    // The runs of one driver take turns: the last one's password is valid.
    const last = results[results.length - 1];
    expect(await roundTrip(urlOf(last.outputs, last.secrets.password))).toBe(
      'order 42',
    );
  });

  it('leaves one vhost and one user when five replicas provision at once', async () => {
    const mq = request('replicas.mq');
    made.push(mq);
    // Separate drivers, as separate backend instances would be: their
    // PUTs race on the broker itself.
    await Promise.all(
      Array.from({ length: 5 }, () => createAmqpDriver(options).provision(mq)),
    );
    expect(await count(amqpNamesOf(mq.key))).toEqual({ vhosts: 1, users: 1 });
    // Whichever run won, one more provision gives a working password.
    const { outputs, secrets } = await driver.provision(mq);
    expect(await roundTrip(urlOf(outputs, secrets.password))).toBe('order 42');
  });

  it('deletes the vhost and the user, and succeeds when they are gone', async () => {
    const mq = request('gone.mq');
    made.push(mq);
    const { outputs, secrets, state } = await driver.provision(mq);
    await driver.deprovision({ ...mq, state });
    expect(await count(amqpNamesOf(mq.key))).toEqual({ vhosts: 0, users: 0 });
    await driver.deprovision({ ...mq, state });
    expect(await count(amqpNamesOf(mq.key))).toEqual({ vhosts: 0, users: 0 });
    expect(await refused(urlOf(outputs, secrets.password))).toBe(true);
  });

  it("keeps quotes, slashes, '%', '#', '?' and unicode of a key out of the API's URLs", async () => {
    const nasty = request(`app'; DROP/../%2F#?/ü💥`);
    made.push(nasty);
    const { outputs, secrets, state } = await driver.provision(nasty);
    expect(outputs.vhost).toMatch(/^plinth_[a-z0-9_]+_[0-9a-f]{12}$/);
    expect(await count(amqpNamesOf(nasty.key))).toEqual({
      vhosts: 1,
      users: 1,
    });
    expect(await roundTrip(urlOf(outputs, secrets.password))).toBe('order 42');
    expect((await list('vhosts')).map(v => v.name)).toContain('/');
    await driver.deprovision({ ...nasty, state });
    expect(await count(amqpNamesOf(nasty.key))).toEqual({
      vhosts: 0,
      users: 0,
    });
    expect((await list('vhosts')).map(v => v.name)).toContain('/');
  });

  it('says what failed, with the status and reason, but never the password', async () => {
    const secret = `not-the-password-${run}`;
    const wrong = createAmqpDriver({ ...options, password: secret });
    const mq = request('refused.mq');
    const error: Error = await wrong.provision(mq).then(
      () => {
        throw new Error('provisioned with a wrong password');
      },
      e => e,
    );
    expect(error.message).toMatch(
      /RabbitMQ management API PUT \/api\/vhosts\/plinth_\w+ failed with HTTP 401/,
    );
    expect(error.message).toMatch(/not_authorised|Login failed/i);
    expect(error.message).not.toContain(secret);
    expect(error.message).not.toContain(
      Buffer.from(`${options.username}:${secret}`).toString('base64'),
    );
    expect(await count(amqpNamesOf(mq.key))).toEqual({ vhosts: 0, users: 0 });
  });

  it('stops when the request is aborted', async () => {
    const mq = request('aborted.mq');
    const controller = new AbortController();
    controller.abort();
    await expect(
      driver.provision({ ...mq, signal: controller.signal }),
    ).rejects.toThrow(/RabbitMQ management API PUT .* failed/);
    expect(await count(amqpNamesOf(mq.key))).toEqual({ vhosts: 0, users: 0 });
  });

  it('gives up on an API that does not answer in time', async () => {
    const silent = createServer(() => {
      // Never answers.
    });
    await new Promise<void>(resolve => silent.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = silent.address() as AddressInfo;
      const slow = createAmqpDriver({
        ...options,
        managementUrl: `http://127.0.0.1:${port}`,
        timeoutMs: 200,
      });
      await expect(slow.provision(request('slow.mq'))).rejects.toThrow(
        /RabbitMQ management API PUT .* failed: .*timeout/i,
      );
    } finally {
      silent.closeAllConnections();
      await new Promise(resolve => silent.close(resolve));
    }
  });

  it('refuses credentials in the management URL', () => {
    expect(() =>
      createAmqpDriver({
        ...options,
        managementUrl: 'http://admin:s3cret@127.0.0.1:15672',
      }),
    ).toThrow(/not in managementUrl/);
  });
});

describe('amqpNamesOf', () => {
  it('gives one key one name, other keys others, of safe characters', () => {
    const long = 'a'.repeat(500);
    expect(amqpNamesOf('cart.mq')).toEqual(amqpNamesOf('cart.mq'));
    expect(amqpNamesOf('cart.mq').vhost).not.toBe(amqpNamesOf('cart-mq').vhost);
    expect(amqpNamesOf(long).vhost.length).toBeLessThanOrEqual(63);
    expect(amqpNamesOf(`${long}x`).vhost).not.toBe(
      amqpNamesOf(`${long}y`).vhost,
    );
    expect(amqpNamesOf('💥').vhost).toMatch(/^plinth_[0-9a-f]{12}$/);
  });
});
