import type {
  ResourceDriver,
  ResourceDriverRequest,
} from '@plinth/plugin-orchestrator-node';
import { createHash, randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { globOf, redisNamesOf } from './names';

/**
 * Where the driver provisions: a Redis server (7 or later, or Valkey) and
 * an account that may manage ACL users and delete keys.
 * @public
 */
export interface RedisDriverOptions {
  /** The admin connection. */
  connection: {
    host: string;
    /** 6379 unless said. */
    port?: number;
    /** The admin's ACL user; `default` unless said. */
    username?: string;
    password?: string;
    /** The logical database the admin connection selects; 0 unless said. */
    db?: number;
  };
  /** The host workloads reach the server by, when not the admin's host. */
  publicHost?: string;
  /** The port workloads reach the server by, when not the admin's port. */
  publicPort?: number;
  /**
   * Whether to run `ACL SAVE` after each change, so that users outlive a
   * restart; the server must have an `aclfile`. ACL users are otherwise
   * kept in memory only.
   */
  aclSave?: boolean;
}

/**
 * What a resource's user may run, besides its key and channel prefix:
 * everything but administration and what reaches other users' data —
 * `@dangerous` (KEYS, FLUSHALL, FLUSHDB, SORT, INFO, CONFIG, CLIENT KILL…),
 * SCAN and RANDOMKEY (they list other users' key names), FUNCTION (one
 * library namespace for all) and SCRIPT FLUSH and KILL (others' scripts).
 */
const COMMANDS = [
  '+@all',
  '-@admin',
  '-@dangerous',
  '-scan',
  '-randomkey',
  '-function',
  '-script|flush',
  '-script|kill',
  '-pubsub|channels',
  '-pubsub|shardchannels',
];

/**
 * Runs `work` on a fresh admin connection; its errors leave without the
 * command arguments ioredis attaches to them.
 */
async function withAdmin<T>(
  options: RedisDriverOptions,
  work: (client: Redis) => Promise<T>,
): Promise<T> {
  const client = new Redis({
    host: options.connection.host,
    port: options.connection.port ?? 6379,
    username: options.connection.username,
    password: options.connection.password,
    db: options.connection.db ?? 0,
    lazyConnect: true,
    // One try: a failure is the run's, and the orchestrator retries runs.
    retryStrategy: () => null,
    maxRetriesPerRequest: 0,
    // Its ready check runs INFO, which a least-privilege admin may lack;
    // the PING below brings out a refused AUTH instead.
    enableReadyCheck: false,
  });
  // A failed connection says "Connection is closed." and emits the cause
  // (a refused connection, WRONGPASS…) here; commands reject with theirs.
  let cause: unknown;
  client.on('error', error => {
    cause = error;
  });
  try {
    try {
      await client.connect();
      await client.ping(); // the answer to AUTH comes first
    } catch (error) {
      throw cause ?? error;
    }
    return await work(client);
  } catch (error) {
    throw new Error(`Redis: ${(error as Error).message ?? String(error)}`);
  } finally {
    client.disconnect();
  }
}

async function aclSave(client: Redis): Promise<void> {
  try {
    await client.call('ACL', 'SAVE');
  } catch (error) {
    throw new Error(
      `ACL SAVE failed (aclSave is set; the server needs an aclfile): ${
        (error as Error).message
      }`,
    );
  }
}

/**
 * The logical databases a workload may have written its keys to: all of
 * them (it may SELECT any), or the admin's alone when the server will not
 * say how many there are.
 */
async function databasesOf(
  client: Redis,
  options: RedisDriverOptions,
  request: ResourceDriverRequest,
): Promise<number[]> {
  try {
    const [, count] = (await client.call(
      'CONFIG',
      'GET',
      'databases',
    )) as string[];
    const databases = Number(count);
    if (Number.isInteger(databases) && databases > 0) {
      return Array.from({ length: databases }, (_, db) => db);
    }
  } catch (error) {
    request.logger.warn(
      `Redis: could not read the number of databases (${
        (error as Error).message
      }); deleting keys in the configured one only`,
    );
  }
  return [options.connection.db ?? 0];
}

/**
 * The `redis` driver: an ACL user per resource, restricted to the keys and
 * channels under its own prefix (the user name and `:`), on the configured
 * Redis server. `ACL SETUSER … reset …` is atomic, so provisioning is
 * create-or-replace at once: a retry, or runs at once, leave one user, and
 * each run sets a new password (the last run's is the valid one).
 * Deprovisioning deletes the user (closing its connections) and the keys
 * under its prefix, and succeeds when they are gone already. Names come
 * from the resource's key, so nothing the user wrote reaches Redis; every
 * argument is sent as an argument of its own all the same.
 * @public
 */
export function createRedisDriver(options: RedisDriverOptions): ResourceDriver {
  const host = options.publicHost ?? options.connection.host;
  const port = options.publicPort ?? options.connection.port ?? 6379;

  return {
    id: 'redis',
    resourceTypes: ['redis'],

    async provision(request: ResourceDriverRequest) {
      const { username, prefix } = redisNamesOf(request.key);
      const glob = globOf(prefix);
      const password = randomBytes(24).toString('base64url');
      // Only the password's SHA-256 goes to the server (`#`), as it
      // keeps it: the password itself never reaches a command or an error.
      const hashed = createHash('sha256').update(password).digest('hex');
      await withAdmin(options, async client => {
        await client.call(
          'ACL',
          'SETUSER',
          username,
          'reset',
          'resetchannels',
          'on',
          `#${hashed}`,
          `~${glob}`,
          `&${glob}`,
          ...COMMANDS,
        );
        if (options.aclSave) await aclSave(client);
      });
      request.logger.info(
        `Redis user ${username} ready on ${host}:${port}, keys under ${prefix}`,
      );
      return {
        outputs: { host, port: String(port), username, prefix },
        secrets: { password },
        state: { username, prefix },
      };
    },

    async deprovision(request) {
      const { username, prefix } = redisNamesOf(request.key);
      const glob = globOf(prefix);
      let deleted = 0;
      await withAdmin(options, async client => {
        // The user first: its connections close, and write no more.
        await client.call('ACL', 'DELUSER', username);
        if (options.aclSave) await aclSave(client);
        for (const db of await databasesOf(client, options, request)) {
          await client.call('SELECT', String(db));
          let cursor = '0';
          do {
            const [next, keys] = (await client.call(
              'SCAN',
              cursor,
              'MATCH',
              glob,
              'COUNT',
              '1000',
            )) as [string, string[]];
            if (keys.length) {
              deleted += Number(await client.call('UNLINK', ...keys));
            }
            cursor = next;
          } while (cursor !== '0');
        }
      });
      request.logger.info(
        `Redis user ${username} deleted, and ${deleted} keys under ${prefix}`,
      );
    },
  };
}
