import { InputError } from '@backstage/errors';
import {
  createConfiguration,
  KubeConfig,
  KubernetesObjectApi,
  PatchStrategy,
  ServerConfiguration,
} from '@kubernetes/client-node';
import type { KubernetesObject } from '@plinth/plugin-orchestrator-node';
import { AsyncLocalStorage } from 'node:async_hooks';
import {
  describeFailure,
  isAbort,
  isNotFound,
  isUnservedKind,
  oneLine,
  scrubberOf,
} from './apiErrors';
import { ObservedObject, readinessOf, WAITED_KINDS } from './readiness';
import type {
  ClusterApplyRequest,
  ClusterDelivery,
  ClusterDeliveryOptions,
  ClusterWaitRequest,
} from './types';

/**
 * The server-side apply field manager unless configured otherwise.
 * @public
 */
export const DEFAULT_CLUSTER_FIELD_MANAGER = 'plinth';

/**
 * How long one request to the API server may take unless configured
 * otherwise.
 * @public
 */
export const DEFAULT_CLUSTER_TIMEOUT_MS = 30_000;

/** How long between two looks at the objects waited for. */
const DEFAULT_POLL_MS = 2_000;

/** How many objects one list request asks for. */
const PAGE_SIZE = 500;

/** The renderer's labels that tell which app and environment an object is of. */
const MANAGED_BY = 'app.kubernetes.io/managed-by';
const INSTANCE = 'app.kubernetes.io/instance';
const APP = 'plinth.dev/app';

/**
 * The kinds the renderer makes that are pruned, those that use others
 * first. PersistentVolumeClaims are left out on purpose: they hold data.
 */
const PRUNED_KINDS: Array<{ apiVersion: string; kind: string }> = [
  { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress' },
  { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute' },
  { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler' },
  { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout' },
  { apiVersion: 'apps/v1', kind: 'Deployment' },
  { apiVersion: 'apps/v1', kind: 'StatefulSet' },
  { apiVersion: 'v1', kind: 'Service' },
  { apiVersion: 'v1', kind: 'Secret' },
  { apiVersion: 'v1', kind: 'ConfigMap' },
];

/** Kinds a cluster may lack (custom resources), skipped when pruning. */
const OPTIONAL_KINDS = new Set([
  'argoproj.io/v1alpha1 Rollout',
  'gateway.networking.k8s.io/v1 HTTPRoute',
]);

/** A DNS label (RFC 1123), as namespaces are named. */
const DNS_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

const idOf = (object: { kind: string; metadata: { name: string } }) =>
  `${object.kind}/${object.metadata.name}`;

/** `1 object` or `2 objects`. */
const objects = (n: number) => `${n} ${n === 1 ? 'object' : 'objects'}`;

/** `a`, `a and b`, `a, b and c`. */
function listed(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Waits `ms`, or until the signal aborts. */
function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise(resolve => {
    let timer: NodeJS.Timeout | undefined = undefined;
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/**
 * The label values that find the request's objects on the cluster, read
 * off its manifests (the renderer hashes values that are not valid
 * labels, so they are not recomputed here).
 */
function selectorOf(request: ClusterApplyRequest): string {
  const [first] = request.manifests;
  if (!first) {
    throw new InputError(
      `The delivery of ${oneLine(request.app)} to ${oneLine(
        request.environment,
      )} has no objects; without them the app's objects on the cluster cannot be told apart, so nothing is applied or pruned`,
    );
  }
  const instance = first.metadata.labels?.[INSTANCE];
  const app = first.metadata.labels?.[APP];
  for (const manifest of request.manifests) {
    const labels = manifest.metadata.labels ?? {};
    if (
      labels[MANAGED_BY] !== 'plinth' ||
      !labels[INSTANCE] ||
      !labels[APP] ||
      labels[INSTANCE] !== instance ||
      labels[APP] !== app
    ) {
      throw new InputError(
        `${idOf(
          manifest,
        )} does not carry the labels ${MANAGED_BY}=plinth, ${INSTANCE}=${instance} and ${APP}=${app} that the other objects of ${oneLine(
          request.app,
        )} in ${oneLine(
          request.environment,
        )} have; objects must be rendered by renderWorkloads so that they can be pruned`,
      );
    }
  }
  return `${MANAGED_BY}=plinth,${INSTANCE}=${instance},${APP}=${app}`;
}

/** Checks each object's kind and name, and that it is not cluster-wide. */
function checkManifests(request: ClusterApplyRequest) {
  if (!DNS_LABEL.test(request.namespace)) {
    throw new InputError(
      `"${oneLine(request.namespace)}" is not a namespace name (a DNS label)`,
    );
  }
  const seen = new Set<string>();
  for (const manifest of request.manifests) {
    if (!manifest.apiVersion || !manifest.kind || !manifest.metadata?.name) {
      throw new InputError(
        `Every object needs an apiVersion, a kind and a name; one has ${oneLine(
          JSON.stringify({
            apiVersion: manifest.apiVersion,
            kind: manifest.kind,
            name: manifest.metadata?.name,
          }),
        )}`,
      );
    }
    const id = idOf(manifest);
    if (seen.has(id)) {
      throw new InputError(`${id} is in the delivery twice`);
    }
    seen.add(id);
    const { namespace } = manifest.metadata;
    if (namespace && namespace !== request.namespace) {
      throw new InputError(
        `${id} is rendered for the namespace ${namespace}, not ${request.namespace}`,
      );
    }
  }
}

/**
 * Makes the delivery to one Kubernetes cluster: `apply` server-side
 * applies an app's rendered objects for one environment, then prunes what
 * it no longer has; `waitReady` waits for them to roll out.
 *
 * `apply` first applies the namespace (a `Namespace` with no fields of
 * its own, so a namespace made otherwise is left as it is), then each
 * object in the request's order, in the request's namespace, as the field
 * manager `fieldManager` with `force` (fields another manager set are
 * taken over). Then, for each kind the renderer makes (Ingress, Argo
 * Rollouts Rollout, Deployment, StatefulSet, Service, Secret, ConfigMap),
 * it lists the namespace's objects labelled as the request's app and
 * environment (`app.kubernetes.io/managed-by=plinth`,
 * `app.kubernetes.io/instance` and `plinth.dev/app`, with the values the
 * request's objects carry) and deletes, with background propagation, those
 * the request does not have. A cluster that does not serve Rollouts is
 * not asked for them. PersistentVolumeClaims are never pruned, as they
 * hold data: a volume no longer rendered is left for an operator to
 * delete. Nothing is pruned unless every object was applied.
 *
 * Requests go one at a time, each within `timeoutMs`. Errors are
 * sentences naming the object (`Deployment/cart-service`), the cluster and
 * what the API server said (its message, or each refused field), never
 * the raw answer; a refused object (HTTP 422) is an `InputError`. The
 * kubeconfig's credentials never appear in an error or the log.
 *
 * @example
 * ```ts
 * const cluster = createClusterDelivery({
 *   name: 'staging-eu',
 *   kubeConfig: await readFile('/etc/plinth/staging-eu.kubeconfig', 'utf8'),
 *   logger,
 * });
 * const { manifests } = renderWorkloads(input);
 * const { applied, pruned } = await cluster.apply({
 *   app: 'component:default/cartservice',
 *   environment: 'staging',
 *   namespace: 'cart-staging',
 *   deploymentId: 'd-123',
 *   manifests,
 * });
 * await cluster.waitReady({
 *   namespace: 'cart-staging',
 *   manifests,
 *   timeoutMs: 300_000,
 * });
 * ```
 * @public
 */
export function createClusterDelivery(
  options: ClusterDeliveryOptions,
): ClusterDelivery {
  const name = oneLine(options.name ?? '');
  if (!name) throw new InputError('The cluster must have a name');
  const fieldManager = options.fieldManager ?? DEFAULT_CLUSTER_FIELD_MANAGER;
  if (!/^[\x21-\x7e][\x20-\x7e]{0,127}$/.test(fieldManager)) {
    throw new InputError(
      `The field manager of the cluster ${name} must be 1 to 128 printable characters`,
    );
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_CLUSTER_TIMEOUT_MS;
  if (!(timeoutMs > 0)) {
    throw new InputError(
      `The request timeout of the cluster ${name} must be above 0 ms`,
    );
  }
  const { logger } = options;

  const kubeConfig = new KubeConfig();
  try {
    kubeConfig.loadFromString(options.kubeConfig);
  } catch {
    // The parser's message may quote the text, credentials and all.
    throw new InputError(
      `The kubeconfig of the cluster ${name} is not a valid kubeconfig`,
    );
  }
  if (options.context) {
    if (!kubeConfig.getContextObject(options.context)) {
      throw new InputError(
        `The kubeconfig of the cluster ${name} has no context "${oneLine(
          options.context,
        )}"; its contexts are: ${
          listed(kubeConfig.getContexts().map(c => c.name)) || 'none'
        }`,
      );
    }
    kubeConfig.setCurrentContext(options.context);
  }
  const server = kubeConfig.getCurrentCluster()?.server;
  if (!server) {
    throw new InputError(
      `The kubeconfig of the cluster ${name} names no cluster server for its context "${kubeConfig.getCurrentContext()}"`,
    );
  }
  const scrub = scrubberOf(kubeConfig);

  // Carries a call's abort signal to the middleware that sets each
  // request's signal (the client takes no per-call signal).
  const callSignal = new AsyncLocalStorage<AbortSignal | undefined>();
  const api = new KubernetesObjectApi(
    createConfiguration({
      baseServer: new ServerConfiguration(server, {}),
      authMethods: { default: kubeConfig },
      promiseMiddleware: [
        {
          pre: async context => {
            const timeout = AbortSignal.timeout(timeoutMs);
            const outer = callSignal.getStore();
            context.setSignal(
              outer ? AbortSignal.any([timeout, outer]) : timeout,
            );
            return context;
          },
          post: async response => response,
        },
      ],
    }),
  );

  /** A failed request to the API server as a sentence. */
  function failure(
    error: unknown,
    action: string,
    object: { apiVersion: string; kind: string; name: string },
    suffix?: string,
  ): Error {
    return describeFailure(error, {
      cluster: name,
      action,
      object: `${object.kind}/${object.name}`,
      apiVersion: object.apiVersion,
      timeoutMs,
      scrub,
      suffix,
    });
  }

  /** Applies one object; `context` ends the error's message. */
  async function serverSideApply(object: KubernetesObject, context?: string) {
    try {
      await api.patch(
        object,
        undefined,
        undefined,
        fieldManager,
        true,
        PatchStrategy.ServerSideApply,
      );
    } catch (error) {
      throw failure(
        error,
        'apply',
        {
          apiVersion: object.apiVersion,
          kind: object.kind,
          name: object.metadata.name,
        },
        context,
      );
    }
  }

  /** The names of a kind's objects matching the selector, every page. */
  async function listNames(
    kind: { apiVersion: string; kind: string },
    namespace: string,
    selector: string,
  ): Promise<string[]> {
    const names: string[] = [];
    let token: string | undefined;
    do {
      const page = await api.list(
        kind.apiVersion,
        kind.kind,
        namespace,
        undefined,
        undefined,
        undefined,
        undefined,
        selector,
        PAGE_SIZE,
        token,
      );
      for (const item of page.items) {
        if (item.metadata?.name) names.push(item.metadata.name);
      }
      // Lists of custom resources lose `continue` in the client's
      // deserialisation; a Rollout list never has a second page here.
      token = page.metadata?._continue || undefined;
    } while (token);
    return names;
  }

  async function prune(
    request: ClusterApplyRequest,
    keep: Set<string>,
  ): Promise<string[]> {
    const selector = selectorOf(request);
    const pruned: string[] = [];
    for (const kind of PRUNED_KINDS) {
      let names: string[];
      try {
        names = await listNames(kind, request.namespace, selector);
      } catch (error) {
        if (
          OPTIONAL_KINDS.has(`${kind.apiVersion} ${kind.kind}`) &&
          isUnservedKind(error)
        ) {
          logger.debug(
            `The cluster ${name} does not serve ${kind.kind} of ${kind.apiVersion}; none to prune`,
          );
          continue;
        }
        throw failure(error, 'list', { ...kind, name: '*' });
      }
      for (const objectName of names) {
        const id = `${kind.kind}/${objectName}`;
        if (keep.has(id)) continue;
        const spec = {
          apiVersion: kind.apiVersion,
          kind: kind.kind,
          metadata: { name: objectName, namespace: request.namespace },
        };
        try {
          await api.delete(
            spec,
            undefined,
            undefined,
            undefined,
            undefined,
            'Background',
          );
        } catch (error) {
          // Gone already (another delivery pruned it): what was wanted.
          if (!isNotFound(error)) {
            throw failure(error, 'delete', { ...kind, name: objectName });
          }
        }
        pruned.push(id);
        logger.debug(
          `Pruned ${id} from ${request.namespace} on the cluster ${name}`,
        );
      }
    }
    return pruned;
  }

  /** Reads a waited-for object; undefined when it does not exist. */
  async function observe(
    manifest: KubernetesObject,
    namespace: string,
    signal?: AbortSignal,
  ): Promise<ObservedObject | undefined> {
    try {
      return await callSignal.run(signal, () =>
        api.read<KubernetesObject>({
          apiVersion: manifest.apiVersion,
          kind: manifest.kind,
          metadata: { name: manifest.metadata.name, namespace },
        }),
      );
    } catch (error) {
      if (isNotFound(error)) return undefined;
      if (signal?.aborted && isAbort(error)) throw error;
      throw failure(error, 'read', {
        apiVersion: manifest.apiVersion,
        kind: manifest.kind,
        name: manifest.metadata.name,
      });
    }
  }

  return {
    async apply(request) {
      checkManifests(request);
      const selector = selectorOf(request);
      const { namespace } = request;
      const where = `${request.app} to ${request.environment} (deployment ${request.deploymentId}) on the cluster ${name}, namespace ${namespace}`;
      logger.debug(`Applying ${objects(request.manifests.length)} of ${where}`);

      await serverSideApply({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: namespace },
      });
      const applied: string[] = [];
      for (const manifest of request.manifests) {
        const id = idOf(manifest);
        const before = applied.length
          ? `${objects(applied.length)} before it ${
              applied.length === 1 ? 'was' : 'were'
            } applied (${listed(applied)})`
          : 'no object of it was applied';
        await serverSideApply(
          { ...manifest, metadata: { ...manifest.metadata, namespace } },
          `Of the delivery of ${where}, ${before}; nothing was pruned`,
        );
        applied.push(id);
        logger.debug(`Applied ${id} of ${where}`);
      }

      logger.debug(`Pruning objects labelled ${selector} of ${where}`);
      const pruned = await prune(request, new Set(applied));
      logger.info(
        `Applied ${objects(applied.length)} of ${where}${
          pruned.length ? `; pruned ${listed(pruned)}` : ''
        }`,
      );
      return { applied, pruned };
    },

    async waitReady(request: ClusterWaitRequest) {
      const { namespace, signal } = request;
      const pollMs = request.pollMs ?? DEFAULT_POLL_MS;
      const waited = request.manifests.filter(m => WAITED_KINDS.has(m.kind));
      const started = Date.now();
      const deadline = started + request.timeoutMs;
      const on = `on the cluster ${name} (namespace ${namespace})`;
      const stopped = () =>
        Object.assign(
          new Error(
            `Stopped waiting for ${listed(
              waited.map(idOf),
            )} to be ready ${on}: the wait was aborted`,
          ),
          { name: 'AbortError' },
        );

      let pending = waited;
      let reports = new Map<string, string>();
      for (;;) {
        if (signal?.aborted) throw stopped();
        const next: KubernetesObject[] = [];
        reports = new Map();
        for (const manifest of pending) {
          let observed: ObservedObject | undefined;
          try {
            observed = await observe(manifest, namespace, signal);
          } catch (error) {
            if (signal?.aborted) throw stopped();
            throw error;
          }
          const id = idOf(manifest);
          const readiness = observed
            ? readinessOf({ ...observed, kind: manifest.kind })
            : { state: 'waiting' as const, report: 'does not exist' };
          if (readiness.state === 'failed') {
            throw new Error(`${id} ${readiness.report} ${on}`);
          }
          if (readiness.state === 'waiting') {
            next.push(manifest);
            reports.set(id, readiness.report);
          }
        }
        pending = next;
        if (pending.length === 0) {
          logger.debug(
            `${listed(waited.map(idOf)) || 'Nothing'} ready ${on} after ${
              Date.now() - started
            } ms`,
          );
          return;
        }
        const left = deadline - Date.now();
        if (left <= 0) break;
        await pause(Math.min(pollMs, left), signal);
      }
      const seconds = Number((request.timeoutMs / 1000).toFixed(1));
      throw new Error(
        `${listed(
          [...reports].map(([id, report]) => `${id} ${report}`),
        )} after ${seconds} s ${on}`,
      );
    },
  };
}
