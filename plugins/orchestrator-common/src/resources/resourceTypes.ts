/**
 * An output a resource type provides, for `${resources.<name>.<output>}`.
 * @public
 */
export interface ResourceOutput {
  name: string;
  description: string;
  /** Kept encrypted, shown as set but never in clear. */
  secret?: boolean;
}

/**
 * A resource type a Score workload may name, with its outputs, as Score's
 * reference implementations (score-compose, score-k8s) define them.
 * @public
 */
export interface ResourceType {
  type: string;
  title: string;
  description: string;
  /** Every output; `open` types accept any output name (values, variables). */
  outputs: ResourceOutput[];
  open?: boolean;
}

const out = (
  name: string,
  description: string,
  secret = false,
): ResourceOutput =>
  secret ? { name, description, secret } : { name, description };

const database = (engine: string): ResourceOutput[] => [
  out('host', `the ${engine} server's host name`),
  out('port', `the ${engine} server's port`),
  out('name', 'the database name'),
  out('database', 'the database name (the same as name)'),
  out('username', 'the user the workload connects as'),
  out('password', "the user's password", true),
];

/**
 * The resource types Plinth knows, with their outputs. Definitions may add
 * types of their own (outputs then come from the driver).
 * @public
 */
export const RESOURCE_TYPES: readonly ResourceType[] = [
  {
    type: 'postgres',
    title: 'PostgreSQL database',
    description: 'A database and a role of its own on a PostgreSQL server.',
    outputs: database('PostgreSQL'),
  },
  {
    type: 'mysql',
    title: 'MySQL database',
    description:
      'A database and a user of its own on a MySQL or MariaDB server.',
    outputs: database('MySQL'),
  },
  {
    type: 'mssql',
    title: 'SQL Server database',
    description: 'A database and a login on a Microsoft SQL Server.',
    outputs: [
      out('server', 'the server host name'),
      out('port', "the server's port"),
      out('database', 'the database name'),
      out('username', 'the login'),
      out('password', "the login's password", true),
      out('connection', 'an ADO.NET connection string', true),
    ],
  },
  {
    type: 'redis',
    title: 'Redis',
    description: 'A Redis user restricted to its own key prefix.',
    outputs: [
      out('host', "the Redis server's host name"),
      out('port', "the Redis server's port"),
      out('username', 'the ACL user'),
      out('password', "the ACL user's password", true),
      out('prefix', 'the prefix its keys and channels must start with'),
    ],
  },
  {
    type: 'amqp',
    title: 'AMQP virtual host',
    description: 'A RabbitMQ virtual host with a user of its own.',
    outputs: [
      out('host', "the broker's host name"),
      out('port', "the broker's AMQP port"),
      out('vhost', 'the virtual host'),
      out('username', 'the user'),
      out('password', "the user's password", true),
    ],
  },
  {
    type: 's3',
    title: 'S3 bucket',
    description: 'A bucket on an S3-compatible object store.',
    outputs: [
      out('endpoint', "the S3 API's URL"),
      out('region', "the bucket's region"),
      out('bucket', "the bucket's name"),
      out('access_key_id', 'the access key id', true),
      out('secret_key', 'the secret access key', true),
    ],
  },
  {
    type: 'mongodb',
    title: 'MongoDB database',
    description: 'A database and a user on a MongoDB server.',
    outputs: [
      out('host', "the server's host name"),
      out('port', "the server's port"),
      out('username', 'the user'),
      out('password', "the user's password", true),
      out('connection', 'a mongodb:// connection string', true),
    ],
  },
  {
    type: 'kafka-topic',
    title: 'Kafka topic',
    description: 'A topic on a Kafka cluster.',
    outputs: [
      out('host', "a broker's host name"),
      out('port', "a broker's port"),
      out('name', "the topic's name"),
      out('num_partitions', 'the number of partitions'),
    ],
  },
  {
    type: 'elasticsearch',
    title: 'Elasticsearch',
    description: 'A user on an Elasticsearch cluster.',
    outputs: [
      out('host', "the cluster's host name"),
      out('port', "the cluster's port"),
      out('username', 'the user'),
      out('password', "the user's password", true),
    ],
  },
  {
    type: 'dns',
    title: 'DNS name',
    description: 'A host name under the environment’s domain.',
    outputs: [out('host', 'the host name')],
  },
  {
    type: 'route',
    title: 'HTTP route',
    description: 'A path on a host name routed to a port of the workload.',
    outputs: [
      out('host', 'the host name'),
      out('path', 'the path prefix'),
      out('port', 'the port of the workload it routes to'),
    ],
  },
  {
    type: 'volume',
    title: 'Volume',
    description: 'A volume containers mount (`source: ${resources.<name>}`).',
    outputs: [],
  },
  {
    type: 'service-port',
    title: 'Service port',
    description: "Another workload's service port, to call it.",
    outputs: [
      out('hostname', "the other workload's host name"),
      out('port', 'the port'),
    ],
  },
  {
    type: 'environment',
    title: 'Environment values',
    description:
      "The app's shared values and secrets in this environment, by name.",
    outputs: [],
    open: true,
  },
];

/**
 * The known resource type of that name, if any.
 * @public
 */
export function resourceTypeOf(type: string): ResourceType | undefined {
  return RESOURCE_TYPES.find(known => known.type === type);
}
