import { createHmac } from 'node:crypto';
import { sorted } from '../order';
import type { KubernetesObject, ResolvedResource } from '../types';

/** What a database default is made of, besides its name and password. */
interface Engine {
  image: string;
  port: number;
  /** Where the server keeps its data (the claim is mounted there). */
  dataPath: string;
  /** The container's env; `$password` and `$root` read from the Secret. */
  env: (ids: { database: string; username: string }) => Array<{
    name: string;
    value: string;
  }>;
  args?: string[];
  /** Whether the Secret holds a root password too. */
  root?: boolean;
  outputs: (context: {
    host: string;
    port: string;
    database: string;
    username: string;
    password: string;
  }) => ResolvedResource;
}

const PASSWORD = '$password';
const ROOT_PASSWORD = '$root';

/**
 * The in-cluster servers, as score-k8s's default provisioners run them:
 * the official image, one replica, a claim for its data.
 */
export const ENGINES: Record<string, Engine> = {
  postgres: {
    image: 'postgres:16-alpine',
    port: 5432,
    dataPath: '/var/lib/postgresql/data',
    env: ({ database, username }) => [
      { name: 'POSTGRES_DB', value: database },
      { name: 'POSTGRES_USER', value: username },
      { name: 'POSTGRES_PASSWORD', value: PASSWORD },
      { name: 'PGDATA', value: '/var/lib/postgresql/data/pgdata' },
    ],
    outputs: ({ host, port, database, username, password }) => ({
      outputs: { host, port, name: database, database, username },
      secrets: { password },
    }),
  },
  mysql: {
    image: 'mysql:8.4',
    port: 3306,
    dataPath: '/var/lib/mysql',
    root: true,
    env: ({ database, username }) => [
      { name: 'MYSQL_DATABASE', value: database },
      { name: 'MYSQL_USER', value: username },
      { name: 'MYSQL_PASSWORD', value: PASSWORD },
      { name: 'MYSQL_ROOT_PASSWORD', value: ROOT_PASSWORD },
    ],
    outputs: ({ host, port, database, username, password }) => ({
      outputs: { host, port, name: database, database, username },
      secrets: { password },
    }),
  },
  redis: {
    image: 'redis:7-alpine',
    port: 6379,
    dataPath: '/data',
    env: () => [{ name: 'REDIS_PASSWORD', value: PASSWORD }],
    args: ['redis-server', '--requirepass', '$(REDIS_PASSWORD)'],
    outputs: ({ host, port, password }) => ({
      outputs: { host, port, username: 'default', prefix: '' },
      secrets: { password },
    }),
  },
  amqp: {
    image: 'rabbitmq:3-management-alpine',
    port: 5672,
    dataPath: '/var/lib/rabbitmq',
    env: ({ database, username }) => [
      { name: 'RABBITMQ_DEFAULT_VHOST', value: database },
      { name: 'RABBITMQ_DEFAULT_USER', value: username },
      { name: 'RABBITMQ_DEFAULT_PASS', value: PASSWORD },
    ],
    outputs: ({ host, port, database, username, password }) => ({
      outputs: { host, port, vhost: database, username },
      secrets: { password },
    }),
  },
  mongodb: {
    image: 'mongo:7',
    port: 27017,
    dataPath: '/data/db',
    env: ({ username }) => [
      { name: 'MONGO_INITDB_ROOT_USERNAME', value: username },
      { name: 'MONGO_INITDB_ROOT_PASSWORD', value: PASSWORD },
    ],
    outputs: ({ host, port, username, password }) => ({
      outputs: { host, port, username },
      secrets: {
        password,
        connection: `mongodb://${username}:${password}@${host}:${port}/?authSource=admin`,
      },
    }),
  },
};

/**
 * A password that is the same for the same seed and key, and that nobody
 * can guess without the seed: HMAC-SHA256 of the key under the seed, as
 * hex (safe in a URL such as `postgres://user:password@host/db`).
 */
export function passwordOf(seed: string, key: string): string {
  return createHmac('sha256', seed).update(key, 'utf8').digest('hex');
}

/** A name a database server accepts for a database or a user. */
export function identifierOf(value: string): string {
  const id = value.toLowerCase().replace(/[^a-z0-9_]+/g, '_');
  return /^[a-z]/.test(id) ? id.slice(0, 63) : `r_${id}`.slice(0, 63);
}

/** One database default: its Secret, Service and StatefulSet, and outputs. */
export function renderDatabase(context: {
  engine: Engine;
  /** The objects' name, a DNS label. */
  name: string;
  namespace: string;
  /** The resource's name or Score id, for the database and user names. */
  resourceName: string;
  password: string;
  rootPassword: string;
  metadata: (name: string) => KubernetesObject['metadata'];
  selector: Record<string, string>;
}): { manifests: KubernetesObject[]; resolved: ResolvedResource } {
  const { engine, name, namespace, password, metadata, selector } = context;
  const database = identifierOf(context.resourceName);
  const ids = { database, username: database };
  const secretData: Record<string, string> = { password };
  if (engine.root) secretData['root-password'] = context.rootPassword;
  const env = engine.env(ids).map(({ name: envName, value }) => {
    if (value === PASSWORD || value === ROOT_PASSWORD) {
      const key = value === PASSWORD ? 'password' : 'root-password';
      return { name: envName, valueFrom: { secretKeyRef: { name, key } } };
    }
    return { name: envName, value };
  });
  const manifests: KubernetesObject[] = [
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: metadata(name),
      type: 'Opaque',
      data: sorted(
        Object.fromEntries(
          Object.entries(secretData).map(([k, v]) => [
            k,
            Buffer.from(v, 'utf8').toString('base64'),
          ]),
        ),
      ),
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: metadata(name),
      spec: {
        type: 'ClusterIP',
        selector,
        ports: [
          {
            name: 'main',
            port: engine.port,
            targetPort: engine.port,
            protocol: 'TCP',
          },
        ],
      },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: metadata(name),
      spec: {
        serviceName: name,
        replicas: 1,
        selector: { matchLabels: selector },
        template: {
          metadata: { labels: metadata(name).labels },
          spec: {
            containers: [
              {
                name: 'main',
                image: engine.image,
                ...(engine.args ? { args: [...engine.args] } : {}),
                env,
                ports: [
                  { name: 'main', containerPort: engine.port, protocol: 'TCP' },
                ],
                volumeMounts: [{ name: 'data', mountPath: engine.dataPath }],
              },
            ],
          },
        },
        volumeClaimTemplates: [
          {
            metadata: { name: 'data' },
            spec: {
              accessModes: ['ReadWriteOnce'],
              resources: { requests: { storage: '1Gi' } },
            },
          },
        ],
      },
    },
  ];
  const resolved = engine.outputs({
    host: `${name}.${namespace}.svc`,
    port: String(engine.port),
    ...ids,
    password,
  });
  return { manifests, resolved };
}
