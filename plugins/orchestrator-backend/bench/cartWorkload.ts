/*
 * The workload both benches deploy: `cart` of the app `CartService`, whose
 * db (postgres), cache (redis) and queue (amqp) resources the drivers
 * provision on the machine's servers; and what those servers hold.
 */
import Redis from 'ioredis';
import { Client } from 'pg';
import { stringify } from 'yaml';
import { POSTGRES, RABBITMQ, REDIS } from './benchBackend';

/**
 * The Score file of `cart`: its container `main` (image
 * ghcr.io/example/cart:1.0) with a DATABASE_URL and the given variables and
 * more, its db, cache and queue resources and the given others.
 */
export function cartScore(options: {
  variables: Record<string, string>;
  container?: object;
  service?: object;
  resources?: Record<string, { type: string }>;
}): string {
  return stringify({
    apiVersion: 'score.dev/v1b1',
    metadata: { name: 'cart' },
    containers: {
      main: {
        image: 'ghcr.io/example/cart:1.0',
        variables: {
          DATABASE_URL:
            'postgres://${resources.db.username}:${resources.db.password}@${resources.db.host}:${resources.db.port}/${resources.db.name}',
          ...options.variables,
        },
        ...options.container,
      },
    },
    ...(options.service && { service: options.service }),
    resources: {
      db: { type: 'postgres' },
      cache: { type: 'redis' },
      queue: { type: 'amqp' },
      ...options.resources,
    },
  });
}

/** The names on the servers of a provisioned `cart`'s db, cache and queue. */
export interface CartNames {
  database: string;
  role: string;
  redisUser: string;
  vhost: string;
  amqpUser: string;
}

/** The names in an environment's resources' outputs (by resource id). */
export function namesIn(outputs: Record<string, any>): CartNames {
  return {
    database: outputs['cart.db'].name,
    role: outputs['cart.db'].username,
    redisUser: outputs['cart.cache'].username,
    vhost: outputs['cart.queue'].vhost,
    amqpUser: outputs['cart.queue'].username,
  };
}

/** The names of RabbitMQ's `vhosts` or `users` (management API). */
async function rabbitNames(what: 'vhosts' | 'users'): Promise<string[]> {
  const res = await fetch(`${RABBITMQ.managementUrl}/api/${what}`, {
    headers: {
      authorization: `Basic ${Buffer.from(
        `${RABBITMQ.username}:${RABBITMQ.password}`,
      ).toString('base64')}`,
    },
  });
  if (!res.ok) throw new Error(`GET /api/${what}: ${res.status}`);
  return ((await res.json()) as Array<{ name: string }>).map(v => v.name);
}

/**
 * Every name of each kind on the servers now: PostgreSQL databases
 * (pg_database) and roles (pg_roles), Redis ACL users (ACL USERS), RabbitMQ
 * vhosts and users (GET /api/vhosts, /api/users).
 */
export async function namesOnServers(): Promise<
  Record<keyof CartNames, string[]>
> {
  const pg = new Client({ ...POSTGRES, database: 'postgres' });
  await pg.connect();
  const redis = new Redis({ ...REDIS, lazyConnect: true });
  try {
    const databases = await pg.query<{ datname: string }>(
      'SELECT datname FROM pg_database',
    );
    const roles = await pg.query<{ rolname: string }>(
      'SELECT rolname FROM pg_roles',
    );
    await redis.connect();
    const users = (await redis.call('ACL', 'USERS')) as string[];
    return {
      database: databases.rows.map(r => r.datname),
      role: roles.rows.map(r => r.rolname),
      redisUser: users,
      vhost: await rabbitNames('vhosts'),
      amqpUser: await rabbitNames('users'),
    };
  } finally {
    await pg.end();
    redis.disconnect();
  }
}
