import { createHmac } from 'node:crypto';
import { sorted } from '../order';
import type { KubernetesObject, ResolvedResource } from '../types';

/** A container's env entry; `$password`, `$root` and `$username` read from the Secret. */
type EnvEntry = { name: string; value: string };

/** What the defaults know of a server when they write its env and outputs. */
interface ServerContext {
  /** The objects' name, a DNS label. */
  name: string;
  /** The Service's DNS name, `<name>.<namespace>.svc`. */
  host: string;
  port: string;
  database: string;
  username: string;
}

/** What a database default is made of, besides its name and password. */
export interface Engine {
  image: string;
  port: number;
  /** Where the server keeps its data (the claim is mounted there). */
  dataPath: string;
  /** The container's env; `$password`, `$root` and `$username` read from the Secret. */
  env: (context: ServerContext) => EnvEntry[];
  args?: string[];
  /** Whether the Secret holds a root password too. */
  root?: boolean;
  /** The password the server accepts, from 64 hex digits (those by default). */
  password?: (hex: string) => string;
  /**
   * A generated user name, from 64 hex digits, kept in the Secret
   * (`username`) rather than named after the resource.
   */
  secretUsername?: (hex: string) => string;
  /** Whether the server needs no Secret (no password at all). */
  noSecret?: boolean;
  /** The group the data volume is writable by, for images that run as a user. */
  fsGroup?: number;
  /**
   * A `Job` that finishes the set-up once the server is up, for what the
   * image has no env for (a bucket, a database): its name's suffix, image
   * and shell script; the script's env has the server's.
   */
  job?: (context: ServerContext) => {
    suffix: string;
    image: string;
    env: EnvEntry[];
    script: string;
  };
  outputs: (context: ServerContext & { password: string }) => ResolvedResource;
}

const PASSWORD = '$password';
const ROOT_PASSWORD = '$root';
const USERNAME = '$username';

/** The Secret key each placeholder reads. */
const SECRET_KEYS: Record<string, string> = {
  [PASSWORD]: 'password',
  [ROOT_PASSWORD]: 'root-password',
  [USERNAME]: 'username',
};

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
  mssql: {
    image: 'mcr.microsoft.com/mssql/server:2022-latest',
    port: 1433,
    dataPath: '/var/opt/mssql',
    // The image runs as the mssql user (10001).
    fsGroup: 10001,
    // SQL Server asks for three of upper case, lower case, digits, symbols.
    password: hex => `Pw0-${hex}`,
    env: () => [
      { name: 'ACCEPT_EULA', value: 'Y' },
      { name: 'MSSQL_SA_PASSWORD', value: PASSWORD },
    ],
    // The image has no env to create a database: sqlcmd (in the same
    // image) creates it once the server answers.
    job: ({ host, port, database }) => ({
      suffix: 'database',
      image: 'mcr.microsoft.com/mssql/server:2022-latest',
      env: [{ name: 'MSSQL_SA_PASSWORD', value: PASSWORD }],
      script: `until /opt/mssql-tools18/bin/sqlcmd -C -S ${host},${port} -U sa -P "$MSSQL_SA_PASSWORD" -Q "IF DB_ID('${database}') IS NULL CREATE DATABASE [${database}]"; do sleep 5; done`,
    }),
    outputs: ({ host, port, database, password }) => ({
      outputs: { server: host, port, database, username: 'sa' },
      secrets: {
        password,
        connection: `Server=${host},${port};Database=${database};User Id=sa;Password=${password};TrustServerCertificate=True`,
      },
    }),
  },
  elasticsearch: {
    image: 'docker.elastic.co/elasticsearch/elasticsearch:8.15.0',
    port: 9200,
    dataPath: '/usr/share/elasticsearch/data',
    // The image runs as the elasticsearch user (1000).
    fsGroup: 1000,
    env: () => [
      { name: 'discovery.type', value: 'single-node' },
      { name: 'xpack.security.enabled', value: 'true' },
      // Plain HTTP inside the cluster, with the elastic user's password.
      { name: 'xpack.security.http.ssl.enabled', value: 'false' },
      { name: 'ELASTIC_PASSWORD', value: PASSWORD },
      { name: 'ES_JAVA_OPTS', value: '-Xms512m -Xmx512m' },
    ],
    outputs: ({ host, port, password }) => ({
      outputs: { host, port, username: 'elastic' },
      secrets: { password },
    }),
  },
  s3: {
    image: 'minio/minio',
    port: 9000,
    dataPath: '/data',
    args: ['server', '/data'],
    // MinIO takes access keys of 3 to 20 characters, secret keys of 8 to 40.
    secretUsername: hex => hex.slice(0, 20),
    password: hex => hex.slice(0, 40),
    env: () => [
      { name: 'MINIO_ROOT_USER', value: USERNAME },
      { name: 'MINIO_ROOT_PASSWORD', value: PASSWORD },
    ],
    // MinIO has no env to create a bucket: `mc` creates it once the
    // server answers.
    job: ({ host, port, name }) => ({
      suffix: 'bucket',
      image: 'minio/mc',
      env: [
        { name: 'MINIO_ROOT_USER', value: USERNAME },
        { name: 'MINIO_ROOT_PASSWORD', value: PASSWORD },
        {
          name: 'MC_HOST_minio',
          value: `http://$(MINIO_ROOT_USER):$(MINIO_ROOT_PASSWORD)@${host}:${port}`,
        },
      ],
      script: `until mc mb --ignore-existing minio/${bucketOf(
        name,
      )}; do sleep 5; done`,
    }),
    outputs: ({ host, port, name, username, password }) => ({
      outputs: {
        endpoint: `http://${host}:${port}`,
        region: 'us-east-1',
        bucket: bucketOf(name),
      },
      secrets: { access_key_id: username, secret_key: password },
    }),
  },
};

/** The partitions of a topic the broker creates. */
export const KAFKA_PARTITIONS = 3;

/**
 * The shared single-node Kafka broker of `kafka-topic` resources, in KRaft
 * mode (no ZooKeeper). It creates a topic when a client first uses it
 * (`KAFKA_AUTO_CREATE_TOPICS_ENABLE`), with `KAFKA_NUM_PARTITIONS`
 * partitions, so a topic needs no object of its own.
 */
export const KAFKA: Engine = {
  image: 'apache/kafka:3.8.0',
  port: 9092,
  dataPath: '/var/lib/kafka/data',
  // The image runs as appuser (1000).
  fsGroup: 1000,
  noSecret: true,
  env: ({ host, port }) => [
    { name: 'KAFKA_NODE_ID', value: '1' },
    { name: 'KAFKA_PROCESS_ROLES', value: 'broker,controller' },
    {
      name: 'KAFKA_LISTENERS',
      value: `PLAINTEXT://:${port},CONTROLLER://:9093`,
    },
    {
      name: 'KAFKA_ADVERTISED_LISTENERS',
      value: `PLAINTEXT://${host}:${port}`,
    },
    { name: 'KAFKA_CONTROLLER_LISTENER_NAMES', value: 'CONTROLLER' },
    {
      name: 'KAFKA_LISTENER_SECURITY_PROTOCOL_MAP',
      value: 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    },
    { name: 'KAFKA_CONTROLLER_QUORUM_VOTERS', value: '1@localhost:9093' },
    { name: 'KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR', value: '1' },
    { name: 'KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR', value: '1' },
    { name: 'KAFKA_TRANSACTION_STATE_LOG_MIN_ISR', value: '1' },
    { name: 'KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS', value: '0' },
    { name: 'KAFKA_AUTO_CREATE_TOPICS_ENABLE', value: 'true' },
    { name: 'KAFKA_NUM_PARTITIONS', value: String(KAFKA_PARTITIONS) },
    // A folder of the claim, away from its lost+found.
    { name: 'KAFKA_LOG_DIRS', value: '/var/lib/kafka/data/logs' },
  ],
  outputs: ({ host, port }) => ({ outputs: { host, port }, secrets: {} }),
};

/**
 * The Job that creates a topic on the shared broker with its partitions
 * (the broker would create it on first use, but with its default count),
 * and adds partitions when a client made it first with fewer. It retries
 * until the broker answers.
 */
export function kafkaTopicJob(context: {
  /** The Job's name. */
  name: string;
  topic: string;
  partitions: number;
  /** `host:port` of the broker. */
  bootstrap: string;
  metadata: (name: string) => KubernetesObject['metadata'];
}): KubernetesObject {
  const { name, metadata } = context;
  const script = [
    'bin=/opt/kafka/bin/kafka-topics.sh',
    'until $bin --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic "$TOPIC" --partitions "$PARTITIONS" --replication-factor 1; do sleep 2; done',
    'count=$($bin --bootstrap-server "$BOOTSTRAP" --describe --topic "$TOPIC" | grep -c "Partition: ")',
    'if [ "$count" -lt "$PARTITIONS" ]; then $bin --bootstrap-server "$BOOTSTRAP" --alter --topic "$TOPIC" --partitions "$PARTITIONS"; fi',
  ].join('\n');
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: metadata(name),
    spec: {
      backoffLimit: 6,
      template: {
        metadata: { labels: metadata(name)!.labels },
        spec: {
          restartPolicy: 'OnFailure',
          containers: [
            {
              name: 'main',
              image: KAFKA.image,
              command: ['/bin/sh', '-c', script],
              env: [
                { name: 'BOOTSTRAP', value: context.bootstrap },
                { name: 'TOPIC', value: context.topic },
                { name: 'PARTITIONS', value: String(context.partitions) },
              ],
            },
          ],
        },
      },
    },
  };
}

/** A bucket name for an object name: S3 wants 3 to 63 characters. */
function bucketOf(name: string): string {
  return name.length >= 3 ? name : `${name}-bucket`;
}

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

/**
 * One database default: its Secret (unless the engine needs none),
 * Service, StatefulSet and set-up Job (if any), and outputs.
 */
export function renderDatabase(context: {
  engine: Engine;
  /** The objects' name, a DNS label. */
  name: string;
  namespace: string;
  /** The resource's name or Score id, for the database and user names. */
  resourceName: string;
  /** 64 hex digits each, shaped by the engine. */
  password: string;
  rootPassword: string;
  username: string;
  metadata: (name: string) => KubernetesObject['metadata'];
  selector: Record<string, string>;
}): { manifests: KubernetesObject[]; resolved: ResolvedResource } {
  const { engine, name, namespace, metadata, selector } = context;
  const database = identifierOf(context.resourceName);
  const password = engine.password
    ? engine.password(context.password)
    : context.password;
  const server: ServerContext = {
    name,
    host: `${name}.${namespace}.svc`,
    port: String(engine.port),
    database,
    username: engine.secretUsername
      ? engine.secretUsername(context.username)
      : database,
  };
  const secretData: Record<string, string> = {};
  if (!engine.noSecret) secretData.password = password;
  if (engine.root) secretData['root-password'] = context.rootPassword;
  if (engine.secretUsername) secretData.username = server.username;
  const envOf = (entries: EnvEntry[]) =>
    entries.map(({ name: envName, value }) => {
      const key = SECRET_KEYS[value];
      return key
        ? { name: envName, valueFrom: { secretKeyRef: { name, key } } }
        : { name: envName, value };
    });
  const manifests: KubernetesObject[] = [];
  if (!engine.noSecret) {
    manifests.push({
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
    });
  }
  manifests.push(
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
            ...(engine.fsGroup === undefined
              ? {}
              : { securityContext: { fsGroup: engine.fsGroup } }),
            containers: [
              {
                name: 'main',
                image: engine.image,
                ...(engine.args ? { args: [...engine.args] } : {}),
                env: envOf(engine.env(server)),
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
  );
  if (engine.job) {
    // Named apart from the server, so that its Service never selects the
    // Job's pod; it retries until the server answers.
    const job = engine.job(server);
    const jobName = `${name}-${job.suffix}`;
    manifests.push({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: metadata(jobName),
      spec: {
        backoffLimit: 6,
        template: {
          metadata: { labels: metadata(jobName).labels },
          spec: {
            restartPolicy: 'OnFailure',
            containers: [
              {
                name: 'main',
                image: job.image,
                command: ['/bin/sh', '-c', job.script],
                env: envOf(job.env),
              },
            ],
          },
        },
      },
    });
  }
  const resolved = engine.outputs({ ...server, password });
  return { manifests, resolved };
}
