import {
  resourceIdOf,
  substitutePlaceholders,
  type ScoreResource,
  type ScoreWorkload,
} from '@plinth/plugin-orchestrator-common';
import {
  dnsLabelOf,
  dnsLabelWithSuffix,
  hashOf,
  isDnsLabel,
  isDnsSubdomain,
  labelValueOf,
} from '../names';
import { compareText, sorted } from '../order';
import type {
  KubernetesObject,
  RenderInput,
  RenderProblem,
  ResolvedResource,
} from '../types';
import {
  ENGINES,
  KAFKA,
  KAFKA_PARTITIONS,
  passwordOf,
  kafkaTopicJob,
  renderDatabase,
} from './databases';
import { validateObject } from '../validate';

/**
 * What {@link defaultResources} works from: the app's workloads in one
 * environment, as for `renderWorkloads`, and the seed of the generated
 * passwords.
 * @public
 */
export interface DefaultResourcesInput {
  /** The app's entity ref, such as `component:default/cartservice`. */
  app: string;
  environment: { id: string; type: string };
  /** The Kubernetes namespace the defaults' objects are rendered in. */
  namespace: string;
  /** The workloads, by name, as `parseScore` read them. */
  workloads: Record<string, ScoreWorkload>;
  /**
   * The secret the databases' passwords are derived from; required when a
   * workload has a postgres, mysql, redis, amqp, mongodb, mssql,
   * elasticsearch or s3 resource.
   */
  seed?: string;
  /**
   * The shared values and secrets `environment` resources give, by name
   * (a name that is both is a secret only); none when not given.
   */
  sharedValues?: {
    values: Record<string, string>;
    secrets: Record<string, string>;
  };
}

/**
 * What {@link defaultResources} gives: the resources' outputs, for
 * `renderWorkloads`, the objects of the in-cluster servers, and every
 * problem (a resource with a problem is left out of `resources`).
 * @public
 */
export interface DefaultResourcesResult {
  resources: RenderInput['resources'];
  manifests: KubernetesObject[];
  problems: RenderProblem[];
}

/** The resource types with a built-in default that runs no server. */
const OFFLINE_TYPES = ['dns', 'route', 'volume', 'service-port', 'environment'];

/** The name of the Kafka broker `kafka-topic` resources share. */
const KAFKA_NAME = 'plinth-kafka';

/**
 * The resource types {@link defaultResources} provides: in-cluster servers
 * for databases, brokers and object stores, and the types that need none.
 * @public
 */
export const DEFAULT_RESOURCE_TYPES: readonly string[] = [
  ...Object.keys(ENGINES),
  'kafka-topic',
  ...OFFLINE_TYPES,
];

/** The order the defaults' objects are written in. */
const KIND_ORDER = ['Secret', 'Service', 'StatefulSet', 'Job'];

class Problem extends Error {}

/** An object name for a resource key: readable, and never the same for two keys. */
function objectNameOf(key: string): string {
  if (isDnsLabel(key) && key.length <= 40) return key;
  const readable = key
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  const hash = hashOf(key, 8);
  return readable ? `${readable}-${hash}` : hash;
}

/** The name part of an entity ref: `cartservice` of `component:default/cartservice`. */
function appNameOf(ref: string): string {
  const name = ref.slice(ref.lastIndexOf('/') + 1);
  return name.slice(name.indexOf(':') + 1);
}

function paramText(
  params: Record<string, unknown>,
  name: string,
  what: string,
): string {
  const value = params[name];
  if (value === undefined || value === null || value === '') {
    throw new Problem(`params.${name} is required: ${what}.`);
  }
  if (typeof value !== 'string') {
    throw new Problem(`params.${name} must be a text: ${what}.`);
  }
  return value;
}

function paramCount(
  params: Record<string, unknown>,
  name: string,
  fallback: number,
): string {
  const value = params[name];
  if (value === undefined || value === null || value === '') {
    return String(fallback);
  }
  const count =
    typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) {
    throw new Problem(
      `params.${name} must be a whole number of at least 1, not ${JSON.stringify(
        value,
      )}.`,
    );
  }
  return String(count);
}

function paramPort(params: Record<string, unknown>, name: string): string {
  const value = params[name];
  let port = NaN;
  if (typeof value === 'number') port = value;
  else if (typeof value === 'string' && /^\d+$/.test(value)) {
    port = Number(value);
  }
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Problem(
      value === undefined || value === ''
        ? `params.${name} is required: the port number, from 1 to 65535.`
        : `params.${name} must be a port number from 1 to 65535, not ${JSON.stringify(
            value,
          )}.`,
    );
  }
  return String(port);
}

/**
 * Outputs for every resource of the workloads from Plinth's built-in
 * in-cluster defaults, for rendering without an orchestrator (as score-k8s
 * does with its default provisioners), such as in CI or on a laptop:
 *
 * - `postgres`, `mysql`, `redis`, `amqp` (RabbitMQ), `mongodb`, `mssql`
 *   (SQL Server), `elasticsearch` and `s3` (MinIO): a server of its own — a
 *   `StatefulSet` of the official image (`postgres:16-alpine`, `mysql:8.4`,
 *   `redis:7-alpine`, `rabbitmq:3-management-alpine`, `mongo:7`,
 *   `mcr.microsoft.com/mssql/server:2022-latest`,
 *   `docker.elastic.co/elasticsearch/elasticsearch:8.15.0` single-node,
 *   `minio/minio`) with a claim for its data, a `Service` (the `host`
 *   output is its DNS name, `<name>.<namespace>.svc`) and a `Secret`
 *   holding the password, which is only ever a secret output. The password
 *   is HMAC-SHA256, under `seed`, of the app, environment and resource key,
 *   so that rendering again gives the same objects; without a seed these
 *   are problems. `mssql` logs in as `sa` and `s3` gives a generated access
 *   key, both secret; a `Job` creates the `mssql` database (with `sqlcmd`)
 *   and the `s3` bucket (with `minio/mc`), which the images have no env
 *   for. A real orchestrator run provisions such resources with its
 *   drivers instead, with passwords of their own.
 * - `kafka-topic`: one single-node Kafka broker (`apache/kafka:3.8.0`, KRaft
 *   mode, a `StatefulSet` and `Service` named `plinth-kafka`) for every
 *   topic, and a `Job` per topic creating it with `params.num_partitions`
 *   partitions (3 by default); the outputs are the broker's `host` and
 *   `port`, the topic's `name` (from the resource key) and
 *   `num_partitions`.
 * - `dns`: `<workload>-<resource>-<environment>.<app name>.localhost`
 *   (a shared resource's Score `id` for the first part).
 * - `route`: `host`, `path` (`/` by default) and `port` from its params;
 *   host and port are required.
 * - `volume`: `source`, the name of a claim, which `renderWorkloads` makes.
 * - `service-port`: `hostname`, the Service of the workload
 *   `params.workload`, and `port`.
 * - `environment`: `sharedValues`, values as outputs and secrets as
 *   secret outputs; none when not given.
 *
 * Any other type is a problem naming the workload, resource and type. Resources that share a Score `id` are
 * provisioned once. Params may use `${metadata.…}` and the outputs of the
 * workload's other resources. Every object carries the renderer's labels
 * and is checked against the Kubernetes schemas.
 *
 * Pure: nothing is read or written.
 *
 * @example
 * ```ts
 * const input = { app, environment, namespace, workloads };
 * const defaults = defaultResources({ ...input, seed: 'ci' });
 * const rendered = renderWorkloads({ ...input, resources: defaults.resources });
 * const manifests = [...defaults.manifests, ...rendered.manifests];
 * ```
 * @public
 */
export function defaultResources(
  input: DefaultResourcesInput,
): DefaultResourcesResult {
  const { app, environment, namespace, seed } = input;
  const resources: RenderInput['resources'] = {};
  const manifests: KubernetesObject[] = [];
  const problems: RenderProblem[] = [];
  /** The shared Kafka broker, once a `kafka-topic` needs it. */
  let kafka: ReturnType<typeof renderDatabase> | undefined;
  /** By resource id: what it gave, and its type; undefined for a problem. */
  const provisioned = new Map<
    string,
    { type: string; resolved?: ResolvedResource }
  >();

  const selectorOf = (name: string) =>
    sorted({
      'app.kubernetes.io/instance': labelValueOf(environment.id),
      'app.kubernetes.io/name': labelValueOf(name),
      'plinth.dev/app': labelValueOf(app),
    });
  const metadataOf = (name: string): KubernetesObject['metadata'] => ({
    name,
    namespace,
    labels: sorted({
      ...selectorOf(name),
      'app.kubernetes.io/managed-by': 'plinth',
      'plinth.dev/environment-type': labelValueOf(environment.type),
    }),
    annotations: { 'plinth.dev/app-ref': app },
  });

  const provision = (
    workloadName: string,
    resourceName: string,
    resource: ScoreResource,
    resId: string,
    params: Record<string, unknown>,
  ): ResolvedResource => {
    const { type } = resource;
    const engine = ENGINES[type];
    if (engine) {
      if (seed === undefined || seed === '') {
        throw new Problem(
          `a ${type} default has a generated password, which needs a seed: pass one (plinth score render --seed <text>) so that rendering again gives the same password.`,
        );
      }
      const name = objectNameOf(resId);
      const where = JSON.stringify([app, environment.id, resId]);
      const database = renderDatabase({
        engine,
        name,
        namespace,
        resourceName: resource.id ?? resourceName,
        password: passwordOf(seed, where),
        rootPassword: passwordOf(seed, `${where}/root`),
        username: passwordOf(seed, `${where}/username`),
        metadata: metadataOf,
        selector: selectorOf(name),
      });
      const invalid = database.manifests.flatMap(validateObject);
      if (invalid.length) {
        throw new Problem(invalid.map(p => p.message).join(' '));
      }
      manifests.push(...database.manifests);
      return database.resolved;
    }
    switch (type) {
      case 'kafka-topic': {
        // One broker for every topic, and a Job per topic creating it with
        // its partitions (the broker alone would make it on first use, with
        // its default count).
        const partitions = paramCount(
          params,
          'num_partitions',
          KAFKA_PARTITIONS,
        );
        kafka ??= renderDatabase({
          engine: KAFKA,
          name: KAFKA_NAME,
          namespace,
          resourceName: KAFKA_NAME,
          password: '',
          rootPassword: '',
          username: '',
          metadata: metadataOf,
          selector: selectorOf(KAFKA_NAME),
        });
        const invalid = kafka.manifests.flatMap(validateObject);
        if (invalid.length) {
          throw new Problem(invalid.map(p => p.message).join(' '));
        }
        if (!manifests.includes(kafka.manifests[0])) {
          manifests.push(...kafka.manifests);
        }
        const topic = objectNameOf(resId);
        const { host, port } = kafka.resolved.outputs;
        const job = kafkaTopicJob({
          name: `${topic}-topic`,
          topic,
          partitions: Number(partitions),
          bootstrap: `${host}:${port}`,
          metadata: metadataOf,
        });
        const invalidJob = validateObject(job);
        if (invalidJob.length) {
          throw new Problem(invalidJob.map(p => p.message).join(' '));
        }
        manifests.push(job);
        return {
          outputs: {
            ...kafka.resolved.outputs,
            name: topic,
            num_partitions: partitions,
          },
          secrets: {},
        };
      }
      case 'dns': {
        const first = dnsLabelWithSuffix(
          dnsLabelOf(resource.id ?? `${workloadName}-${resourceName}`),
          dnsLabelOf(environment.id),
        );
        const host = `${first}.${dnsLabelOf(appNameOf(app))}.localhost`;
        return { outputs: { host }, secrets: {} };
      }
      case 'route': {
        const host = paramText(
          params,
          'host',
          'the host name to route, such as ${resources.dns.host}',
        ).toLowerCase();
        if (!isDnsSubdomain(host)) {
          throw new Problem(`params.host "${host}" is not a host name.`);
        }
        const path = params.path ?? '/';
        if (typeof path !== 'string' || !path.startsWith('/')) {
          throw new Problem(
            `params.path must be a path starting with "/", such as /api, not ${JSON.stringify(
              path,
            )}.`,
          );
        }
        return {
          outputs: { host, path, port: paramPort(params, 'port') },
          secrets: {},
        };
      }
      case 'volume':
        return { outputs: { source: objectNameOf(resId) }, secrets: {} };
      case 'service-port': {
        const other = paramText(
          params,
          'workload',
          'the name of the workload to call',
        );
        if (!isDnsLabel(other)) {
          throw new Problem(
            `params.workload "${other}" names no workload (a DNS label).`,
          );
        }
        return {
          outputs: { hostname: other, port: paramPort(params, 'port') },
          secrets: {},
        };
      }
      case 'environment': {
        const { values = {}, secrets = {} } = input.sharedValues ?? {};
        const outputs = Object.fromEntries(
          Object.entries(values).filter(
            ([name]) => !Object.prototype.hasOwnProperty.call(secrets, name),
          ),
        );
        return { outputs, secrets: { ...secrets } };
      }
      default:
        throw new Problem(
          `no built-in default for ${type}; give a resource definition (an orchestrator run provisions it), or render without it. Built-in defaults: ${DEFAULT_RESOURCE_TYPES.join(
            ', ',
          )}.`,
        );
    }
  };

  for (const workloadName of Object.keys(input.workloads).sort(compareText)) {
    const workload = input.workloads[workloadName];
    const declared = workload.resources ?? {};
    const done: Record<string, ResolvedResource> = {};
    const failed = new Set<string>();
    const visiting = new Set<string>();
    const problem = (resourceName: string, message: string) =>
      problems.push({
        workload: workloadName,
        key: `resources.${resourceName}`,
        message: `Workload "${workloadName}", resources.${resourceName} (${declared[resourceName].type}): ${message}`,
      });

    // Params may name other resources' outputs: those come first.
    const visit = (resourceName: string): ResolvedResource | undefined => {
      if (done[resourceName]) return done[resourceName];
      if (failed.has(resourceName)) return undefined;
      const resource = declared[resourceName];
      if (visiting.has(resourceName)) {
        failed.add(resourceName);
        problem(resourceName, 'its params name its own outputs, in a cycle.');
        return undefined;
      }
      visiting.add(resourceName);
      try {
        const resId = resourceIdOf(workloadName, resourceName, resource.id);
        const shared = provisioned.get(resId);
        if (shared) {
          if (shared.type !== resource.type) {
            throw new Problem(
              `its id "${resId}" is a ${shared.type} resource of another workload.`,
            );
          }
          if (!shared.resolved) {
            throw new Problem(`its id "${resId}" could not be provisioned.`);
          }
          done[resourceName] = shared.resolved;
          return shared.resolved;
        }
        const params = resolveParams(resource.params ?? {}, segments => {
          if (segments[0] === 'metadata') {
            let current: unknown = workload.metadata;
            for (const segment of segments.slice(1)) {
              current = (current as Record<string, unknown> | undefined)?.[
                segment
              ];
            }
            return String(current ?? '');
          }
          const [, other, output] = segments;
          if (segments[0] !== 'resources' || !declared[other]) {
            throw new Problem(
              `its params name \${${segments.join(
                '.',
              )}}, which is no resource of this workload.`,
            );
          }
          const found = visit(other);
          if (!found) {
            throw new Problem(
              `its params use resource "${other}", which has a problem.`,
            );
          }
          const value = found.outputs[output] ?? found.secrets[output];
          if (value === undefined) {
            throw new Problem(
              `its params name \${${segments.join(
                '.',
              )}}, an output resource "${other}" does not have.`,
            );
          }
          return value;
        });
        try {
          const resolved = provision(
            workloadName,
            resourceName,
            resource,
            resId,
            params,
          );
          provisioned.set(resId, { type: resource.type, resolved });
          done[resourceName] = resolved;
          return resolved;
        } catch (error) {
          provisioned.set(resId, { type: resource.type });
          throw error;
        }
      } catch (error) {
        if (!(error instanceof Problem)) throw error;
        failed.add(resourceName);
        problem(resourceName, error.message);
        return undefined;
      } finally {
        visiting.delete(resourceName);
      }
    };
    for (const resourceName of Object.keys(declared).sort(compareText)) {
      visit(resourceName);
    }
    resources[workloadName] = done;
  }

  manifests.sort(
    (a, b) =>
      KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
      compareText(a.metadata.name, b.metadata.name),
  );
  return { resources, manifests, problems };
}

/** Params with their placeholders filled in, at any depth. */
function resolveParams(
  params: Record<string, unknown>,
  lookUp: (segments: string[]) => string,
): Record<string, unknown> {
  const resolve = (value: unknown): unknown => {
    if (typeof value === 'string') {
      try {
        return substitutePlaceholders(value, ({ segments }) =>
          lookUp(segments),
        );
      } catch (error) {
        if (error instanceof Problem) throw error;
        throw new Problem(`its params: ${(error as Error).message}.`);
      }
    }
    if (Array.isArray(value)) return value.map(resolve);
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value).map(([k, v]) => [k, resolve(v)]),
      );
    }
    return value;
  };
  return resolve(params) as Record<string, unknown>;
}
