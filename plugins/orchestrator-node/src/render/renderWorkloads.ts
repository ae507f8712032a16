import {
  FILES_VOLUME,
  PodParts,
  renderContainer,
  SECRET_FILES_VOLUME,
} from './containers';
import { renderController } from './controller';
import { renderHttpRoutes } from './httpRoute';
import { renderIngress } from './ingress';
import { dnsLabelOf, hashOf, labelValueOf } from './names';
import { compareText, listed, sorted } from './order';
import { Resolver } from './resolver';
import { routesByHost } from './routes';
import { renderScaling } from './scaling';
import type {
  DeploymentStrategy,
  KubernetesObject,
  RenderInput,
  RenderProblem,
  RenderResult,
} from './types';
import { validateObject } from './validate';

/** The label that says which tool manages an object. */
const MANAGED_BY = 'plinth';

/** The order objects are written in: what others need comes first. */
const KIND_ORDER = [
  'PersistentVolumeClaim',
  'ConfigMap',
  'Secret',
  'Service',
  'Deployment',
  'Rollout',
  'HorizontalPodAutoscaler',
  'Ingress',
  'HTTPRoute',
];

/** A workload's objects and problems, before validation. */
interface Rendered {
  objects: KubernetesObject[];
  problems: RenderProblem[];
}

/** Renders one workload's objects, unvalidated. */
function renderWorkload(input: RenderInput, name: string): Rendered {
  const workload = input.workloads[name];
  const resolver = new Resolver(name, workload, input.resources[name] ?? {});
  const objectName = dnsLabelOf(name);
  const namespace = input.namespace;
  const strategy: DeploymentStrategy = input.strategies?.[name] ?? {
    type: 'rolling',
  };
  const images = input.images?.[name] ?? {};

  const selector = sorted({
    'app.kubernetes.io/instance': labelValueOf(input.environment.id),
    'app.kubernetes.io/name': labelValueOf(name),
    'plinth.dev/app': labelValueOf(input.app),
  });
  const labels = sorted({
    ...selector,
    'app.kubernetes.io/managed-by': MANAGED_BY,
    'plinth.dev/environment-type': labelValueOf(input.environment.type),
  });
  const metadata = (objName: string) => ({
    name: objName,
    namespace,
    labels,
    annotations: { 'plinth.dev/app-ref': input.app },
  });

  for (const container of Object.keys(images)) {
    if (!workload.containers[container]) {
      resolver.problem(
        `containers.${container}`,
        `an image was chosen for container "${container}", which the workload does not have; its containers are: ${listed(
          Object.keys(workload.containers),
        )}.`,
      );
    }
  }

  const parts: PodParts = {
    configData: {},
    secretData: {},
    configItems: [],
    secretItems: [],
    claims: new Map(),
  };
  const { configData, secretData, configItems, secretItems, claims } = parts;
  const containers = Object.entries(workload.containers).map(
    ([cname, container]) =>
      renderContainer({
        resolver,
        workload,
        cname,
        container,
        image: images[cname] ?? container.image,
        objectName,
        metadata,
        parts,
      }),
  );

  const objects: KubernetesObject[] = [...claims.values()];
  const volumes: Array<Record<string, unknown>> = [];
  const byKey = (a: Record<string, unknown>, b: Record<string, unknown>) =>
    compareText(String(a.key), String(b.key));
  if (Object.keys(configData).length) {
    objects.push({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: metadata(objectName),
      data: sorted(configData),
    });
    volumes.push({
      name: FILES_VOLUME,
      configMap: { name: objectName, items: configItems.sort(byKey) },
    });
  }
  if (Object.keys(secretData).length) {
    objects.push({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: metadata(objectName),
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
    if (secretItems.length) {
      volumes.push({
        name: SECRET_FILES_VOLUME,
        secret: { secretName: objectName, items: secretItems.sort(byKey) },
      });
    }
  }
  for (const claim of [...claims.keys()].sort(compareText)) {
    volumes.push({ name: claim, persistentVolumeClaim: { claimName: claim } });
  }

  const ports = Object.entries(workload.service?.ports ?? {}).sort(([a], [b]) =>
    compareText(a, b),
  );
  const service = (serviceName: string): KubernetesObject => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: metadata(serviceName),
    spec: {
      type: 'ClusterIP',
      selector,
      ports: ports.map(([portName, p]) => ({
        name: portName,
        port: p.port,
        targetPort: p.targetPort ?? p.port,
        protocol: p.protocol ?? 'TCP',
      })),
    },
  });
  if (ports.length) objects.push(service(objectName));

  // Changed files or secrets roll the pods; only a short hash is written.
  const checksum = hashOf(
    JSON.stringify([sorted(configData), sorted(secretData)]),
    16,
  );
  const template = {
    metadata: {
      labels,
      annotations: { 'plinth.dev/config-checksum': checksum },
    },
    spec: {
      containers,
      ...(volumes.length ? { volumes } : {}),
    },
  };
  const podSpec = { selector: { matchLabels: selector }, template };

  const controllerObjects = renderController({
    strategy,
    resolver,
    objectName,
    metadata,
    podSpec,
    hasPorts: ports.length > 0,
    service,
  });
  const controller = controllerObjects.find(
    o => o.kind === 'Deployment' || o.kind === 'Rollout',
  )!;
  const scaled = renderScaling({
    scaling: input.scaling?.[name],
    resolver,
    controller,
    metadata,
  });
  if (scaled.replicas !== undefined) {
    (controller.spec as Record<string, unknown>).replicas = scaled.replicas;
  }
  objects.push(...controllerObjects);
  if (scaled.autoscaler) objects.push(scaled.autoscaler);

  const routes = routesByHost(
    workload,
    input.resources[name] ?? {},
    resolver,
    ports.map(([, p]) => p.port),
  );
  const routing = input.routing ?? { kind: 'ingress' };
  if (routing.kind === 'httproute') {
    objects.push(
      ...renderHttpRoutes(
        routes,
        objectName,
        objectName,
        metadata,
        routing.gateway,
      ),
    );
  } else {
    const ingress = renderIngress(
      routes,
      objectName,
      metadata(objectName),
      routing.className,
    );
    if (ingress) objects.push(ingress);
  }

  return { objects, problems: resolver.problems };
}

function compareObjects(a: KubernetesObject, b: KubernetesObject): number {
  const kind = KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind);
  if (kind !== 0) return kind;
  return compareText(a.metadata.name, b.metadata.name);
}

/**
 * Renders an app's Score workloads, in one environment, as Kubernetes
 * objects, as score-k8s does: per workload a `Deployment` (or an Argo
 * Rollouts `Rollout` for a canary or blue-green strategy), a `Service` of
 * its ports, a `ConfigMap` of its files, a `Secret` of every variable and
 * file that uses a secret output (referenced with `secretKeyRef`, never
 * written anywhere else), a `PersistentVolumeClaim` per volume, and an
 * `Ingress` of its routes — or, with `routing` of kind `httproute`, a
 * Gateway API `HTTPRoute` per host of its routes, attached to the given
 * `Gateway` — and, with `scaling`, its replicas or a
 * `HorizontalPodAutoscaler` (autoscaling/v2) between bounds. Plain
 * variables are written inline in the container's `env`.
 *
 * Every object carries the labels `app.kubernetes.io/name`,
 * `app.kubernetes.io/instance` (the environment),
 * `app.kubernetes.io/managed-by: plinth` and `plinth.dev/app`, so that what
 * Plinth deployed can be found (and pruned) by label. Every object is
 * checked against the Kubernetes schemas; a workload with a problem gives
 * no objects, and each problem is a sentence naming the workload and key,
 * or the object and field. The same input always gives the same output.
 *
 * Pure: nothing is read or written.
 *
 * @example
 * ```ts
 * const { manifests, problems } = renderWorkloads({
 *   app: 'component:default/cartservice',
 *   environment: { id: 'staging', type: 'staging' },
 *   namespace: 'cart-staging',
 *   workloads: { 'cart-service': workload },
 *   resources: { 'cart-service': { db: { outputs: { host: 'pg' }, secrets: { password: 's3cret' } } } },
 *   strategies: { 'cart-service': { type: 'canary', steps: [{ weight: 20, pauseSeconds: 60 }] } },
 *   routing: { kind: 'httproute', gateway: { name: 'public', namespace: 'gateways' } },
 * });
 * if (problems.length === 0) apply(toYaml(manifests));
 * ```
 * @public
 */
export function renderWorkloads(input: RenderInput): RenderResult {
  const manifests: KubernetesObject[] = [];
  const problems: RenderProblem[] = [];
  const seen = new Set<string>();
  for (const name of Object.keys(input.workloads).sort(compareText)) {
    const rendered = renderWorkload(input, name);
    const invalid = rendered.objects.flatMap(object =>
      validateObject(object).map(p => ({ workload: name, ...p })),
    );
    problems.push(...rendered.problems, ...invalid);
    if (rendered.problems.length || invalid.length) continue;
    for (const object of rendered.objects) {
      // A volume two workloads share (by resource id) is claimed once.
      const id = `${object.kind}/${object.metadata.name}`;
      if (seen.has(id)) continue;
      seen.add(id);
      manifests.push(object);
    }
  }
  manifests.sort(compareObjects);
  return { manifests, problems };
}
