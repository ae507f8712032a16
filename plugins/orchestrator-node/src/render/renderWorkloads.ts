import {
  findPlaceholders,
  substitutePlaceholders,
  type ScoreContainer,
  type ScoreWorkload,
} from '@plinth/plugin-orchestrator-common';
import {
  dataKeyOf,
  dnsLabelOf,
  dnsLabelWithSuffix,
  hashOf,
  isDnsLabel,
  labelValueOf,
} from './names';
import type {
  DeploymentStrategy,
  KubernetesObject,
  RenderInput,
  RenderProblem,
  RenderResult,
  ResolvedResource,
} from './types';
import { validateObject } from './validate';

/** The label that says which tool manages an object. */
const MANAGED_BY = 'plinth';
/** A volume's size when its params name none. */
const DEFAULT_VOLUME_SIZE = '1Gi';
const FILES_VOLUME = 'plinth-files';
const SECRET_FILES_VOLUME = 'plinth-secret-files';

/** The order objects are written in: what others need comes first. */
const KIND_ORDER = [
  'PersistentVolumeClaim',
  'ConfigMap',
  'Secret',
  'Service',
  'Deployment',
  'Rollout',
  'Ingress',
];

/** Texts in code-point order, the same on every machine (no locale). */
function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** A map with its keys in order, so that output does not follow input order. */
function sorted<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(
    Object.entries(record).sort(([a], [b]) => compareText(a, b)),
  );
}

function listed(names: string[]): string {
  return names.length ? [...names].sort(compareText).join(', ') : 'none';
}

/** A workload's objects and problems, before validation. */
interface Rendered {
  objects: KubernetesObject[];
  problems: RenderProblem[];
}

/** Resolves a workload's values, saying where something is missing. */
class Resolver {
  readonly problems: RenderProblem[] = [];

  constructor(
    private readonly name: string,
    private readonly workload: ScoreWorkload,
    private readonly resolved: Record<string, ResolvedResource>,
  ) {}

  problem(key: string, message: string): void {
    this.problems.push({
      workload: this.name,
      key,
      message: `Workload "${this.name}", ${key}: ${message}`,
    });
  }

  /**
   * The value with its placeholders resolved, and whether a secret output
   * went into it; undefined (and a problem) when one cannot be resolved.
   */
  resolve(
    key: string,
    value: string,
  ): { text: string; secret: boolean } | undefined {
    let secret = false;
    let complete = true;
    let text: string;
    try {
      text = substitutePlaceholders(value, ({ expression, segments }) => {
        const found = this.lookUp(key, `\${${expression}}`, segments);
        if (found === undefined) {
          complete = false;
          return '';
        }
        secret = secret || found.secret;
        return found.text;
      });
    } catch (error) {
      this.problem(key, (error as Error).message);
      return undefined;
    }
    return complete ? { text, secret } : undefined;
  }

  private lookUp(
    key: string,
    where: string,
    segments: string[],
  ): { text: string; secret: boolean } | undefined {
    const [root, name, ...rest] = segments;
    if (root === 'metadata') {
      let current: unknown = this.workload.metadata;
      for (const segment of segments.slice(1)) {
        current =
          current && typeof current === 'object'
            ? (current as Record<string, unknown>)[segment]
            : undefined;
      }
      if (
        segments.length < 2 ||
        (typeof current !== 'string' &&
          typeof current !== 'number' &&
          typeof current !== 'boolean')
      ) {
        this.problem(key, `${where} names no metadata text of this workload.`);
        return undefined;
      }
      return { text: String(current), secret: false };
    }
    if (root !== 'resources' || name === undefined) {
      this.problem(
        key,
        `${where} is not a Score placeholder: they start with metadata. or resources.`,
      );
      return undefined;
    }
    if (!this.workload.resources?.[name]) {
      this.problem(
        key,
        `${where} names no resource of this workload; its resources are: ${listed(
          Object.keys(this.workload.resources ?? {}),
        )}.`,
      );
      return undefined;
    }
    const resource = this.resolved[name];
    if (!resource) {
      this.problem(
        key,
        `${where}: resource "${name}" has not been provisioned, so it has no outputs.`,
      );
      return undefined;
    }
    // `${resources.data}` names a volume whole: its `source` output.
    const output = rest.length ? rest.join('.') : 'source';
    if (Object.prototype.hasOwnProperty.call(resource.secrets, output)) {
      return { text: resource.secrets[output], secret: true };
    }
    if (Object.prototype.hasOwnProperty.call(resource.outputs, output)) {
      return { text: resource.outputs[output], secret: false };
    }
    this.problem(
      key,
      `${where}: resource "${name}" has no output "${output}"; its outputs are: ${listed(
        [...Object.keys(resource.outputs), ...Object.keys(resource.secrets)],
      )}.`,
    );
    return undefined;
  }
}

function probeOf(
  probe: NonNullable<ScoreContainer['livenessProbe']>,
): Record<string, unknown> {
  if (probe.httpGet) {
    const { path, port, scheme, host, httpHeaders } = probe.httpGet;
    return {
      httpGet: {
        path,
        port,
        ...(scheme ? { scheme } : {}),
        ...(host ? { host } : {}),
        ...(httpHeaders?.length
          ? {
              httpHeaders: httpHeaders.map(h => ({
                name: h.name,
                value: h.value,
              })),
            }
          : {}),
      },
    };
  }
  return { exec: { command: [...(probe.exec?.command ?? [])] } };
}

function resourcesOf(
  resources: ScoreContainer['resources'],
): Record<string, unknown> | undefined {
  if (!resources) return undefined;
  const out: Record<string, unknown> = {};
  if (resources.limits && Object.keys(resources.limits).length) {
    out.limits = sorted({ ...resources.limits });
  }
  if (resources.requests && Object.keys(resources.requests).length) {
    out.requests = sorted({ ...resources.requests });
  }
  return Object.keys(out).length ? out : undefined;
}

function fileMode(mode: string | undefined): number | undefined {
  return mode === undefined ? undefined : parseInt(mode, 8);
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

  const configData: Record<string, string> = {};
  const secretData: Record<string, string> = {};
  const configItems: Array<Record<string, unknown>> = [];
  const secretItems: Array<Record<string, unknown>> = [];
  const claims = new Map<string, KubernetesObject>();
  const containers: Array<Record<string, unknown>> = [];

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

  for (const [cname, container] of Object.entries(workload.containers)) {
    const base = `containers.${cname}`;
    const image = images[cname] ?? container.image;
    if (image === '.') {
      resolver.problem(
        `${base}.image`,
        'is "." (an image built at deploy time), but no image was chosen for it.',
      );
    }

    const env: Array<Record<string, unknown>> = [];
    for (const variable of Object.keys(container.variables ?? {}).sort(
      compareText,
    )) {
      const key = `${base}.variables.${variable}`;
      const value = resolver.resolve(key, container.variables![variable]);
      if (!value) continue;
      if (value.secret) {
        const dataKey = dataKeyOf(`${cname}.env.${variable}`);
        secretData[dataKey] = value.text;
        env.push({
          name: variable,
          valueFrom: { secretKeyRef: { name: objectName, key: dataKey } },
        });
      } else {
        env.push({ name: variable, value: value.text });
      }
    }

    const mounts: Array<Record<string, unknown>> = [];
    (container.files ?? []).forEach((file, i) => {
      const key = `${base}.files[${i}]`;
      if (file.content === undefined) {
        resolver.problem(
          `${key}.source`,
          'names a file to read, which the renderer cannot do: write its content in the Score file.',
        );
        return;
      }
      const value = file.noExpand
        ? { text: file.content, secret: false }
        : resolver.resolve(`${key}.content`, file.content);
      if (!value) return;
      const dataKey = dataKeyOf(`${cname}.files.${i}`);
      const mode = fileMode(file.mode);
      const item = {
        key: dataKey,
        path: dataKey,
        ...(mode === undefined ? {} : { mode }),
      };
      if (value.secret) {
        secretData[dataKey] = value.text;
        secretItems.push(item);
      } else {
        configData[dataKey] = value.text;
        configItems.push(item);
      }
      mounts.push({
        name: value.secret ? SECRET_FILES_VOLUME : FILES_VOLUME,
        mountPath: file.target,
        subPath: dataKey,
        readOnly: true,
      });
    });

    (container.volumes ?? []).forEach((volume, i) => {
      const key = `${base}.volumes[${i}].source`;
      let resourceName: string | undefined;
      try {
        const found = findPlaceholders(volume.source);
        const [only] = found;
        if (
          found.length === 1 &&
          volume.source.trim() === `\${${only.expression}}` &&
          only.segments.length === 2 &&
          only.segments[0] === 'resources'
        ) {
          resourceName = only.segments[1];
        }
      } catch {
        // An unclosed placeholder: the sentence below says what is expected.
      }
      const resource = resourceName
        ? workload.resources?.[resourceName]
        : undefined;
      if (!resourceName || !resource || resource.type !== 'volume') {
        resolver.problem(
          key,
          `must name a volume resource of this workload, such as \${resources.data}; its volume resources are: ${listed(
            Object.entries(workload.resources ?? {})
              .filter(([, r]) => r.type === 'volume')
              .map(([n]) => n),
          )}.`,
        );
        return;
      }
      const claim = resolver.resolve(key, volume.source);
      if (!claim) return;
      if (!isDnsLabel(claim.text)) {
        resolver.problem(
          key,
          `resolves to "${claim.text}", which is not a volume name (a DNS label).`,
        );
        return;
      }
      if (!claims.has(claim.text)) {
        const size = resource.params?.size;
        claims.set(claim.text, {
          apiVersion: 'v1',
          kind: 'PersistentVolumeClaim',
          metadata: metadata(claim.text),
          spec: {
            accessModes: ['ReadWriteOnce'],
            resources: {
              requests: {
                storage:
                  typeof size === 'string' || typeof size === 'number'
                    ? String(size)
                    : DEFAULT_VOLUME_SIZE,
              },
            },
          },
        });
      }
      mounts.push({
        name: claim.text,
        mountPath: volume.target,
        ...(volume.path ? { subPath: volume.path.replace(/^\/+/, '') } : {}),
        ...(volume.readOnly ? { readOnly: true } : {}),
      });
    });

    const resources = resourcesOf(container.resources);
    containers.push({
      name: cname,
      image,
      ...(container.command ? { command: [...container.command] } : {}),
      ...(container.args ? { args: [...container.args] } : {}),
      ...(env.length ? { env } : {}),
      ...(mounts.length ? { volumeMounts: mounts } : {}),
      ...(resources ? { resources } : {}),
      ...(container.livenessProbe
        ? { livenessProbe: probeOf(container.livenessProbe) }
        : {}),
      ...(container.readinessProbe
        ? { readinessProbe: probeOf(container.readinessProbe) }
        : {}),
    });
  }

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

  if (strategy.type === 'rolling') {
    objects.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: metadata(objectName),
      spec: { ...podSpec, strategy: { type: 'RollingUpdate' } },
    });
  } else if (strategy.type === 'canary') {
    if (!strategy.steps.length) {
      resolver.problem(
        'strategy.steps',
        'a canary needs at least one step (a weight from 0 to 100).',
      );
    }
    const steps: Array<Record<string, unknown>> = [];
    strategy.steps.forEach((step, i) => {
      if (
        !Number.isInteger(step.weight) ||
        step.weight < 0 ||
        step.weight > 100
      ) {
        resolver.problem(
          `strategy.steps[${i}].weight`,
          `must be a whole percentage from 0 to 100, not ${step.weight}.`,
        );
      }
      steps.push({ setWeight: step.weight });
      if (step.pauseSeconds !== undefined) {
        if (!Number.isInteger(step.pauseSeconds) || step.pauseSeconds < 0) {
          resolver.problem(
            `strategy.steps[${i}].pauseSeconds`,
            `must be a whole number of seconds, not ${step.pauseSeconds}.`,
          );
        }
        steps.push({ pause: { duration: step.pauseSeconds } });
      }
    });
    objects.push({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Rollout',
      metadata: metadata(objectName),
      spec: { ...podSpec, strategy: { canary: { steps } } },
    });
  } else {
    const previewName = dnsLabelWithSuffix(objectName, 'preview');
    if (!ports.length) {
      resolver.problem(
        'service.ports',
        'a blue-green deployment switches traffic between two Services, so the workload must declare service ports.',
      );
    } else {
      objects.push(service(previewName));
    }
    objects.push({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Rollout',
      metadata: metadata(objectName),
      spec: {
        ...podSpec,
        strategy: {
          blueGreen: {
            activeService: objectName,
            previewService: previewName,
            autoPromotionEnabled: strategy.autoPromote ?? true,
          },
        },
      },
    });
  }

  const ingress = renderIngress(
    workload,
    input.resources[name] ?? {},
    resolver,
    ports.map(([, p]) => p.port),
    objectName,
    metadata(objectName),
  );
  if (ingress) objects.push(ingress);

  return { objects, problems: resolver.problems };
}

/** An Ingress of the workload's `route` resources, if it has any. */
function renderIngress(
  workload: ScoreWorkload,
  resolved: Record<string, ResolvedResource>,
  resolver: Resolver,
  ports: number[],
  serviceName: string,
  metadata: KubernetesObject['metadata'],
): KubernetesObject | undefined {
  const routes = Object.entries(workload.resources ?? {})
    .filter(([, r]) => r.type === 'route')
    .map(([n]) => n)
    .sort(compareText);
  if (!routes.length) return undefined;
  const byHost = new Map<string, Array<{ path: string; port: number }>>();
  for (const route of routes) {
    const key = `resources.${route}`;
    const outputs = resolved[route]?.outputs;
    if (!outputs) {
      resolver.problem(
        key,
        'the route has not been provisioned, so it has no host.',
      );
      continue;
    }
    const missing = ['host', 'port'].filter(o => !outputs[o]);
    if (missing.length) {
      resolver.problem(
        key,
        `the route has no output ${missing.map(m => `"${m}"`).join(' or ')}.`,
      );
      continue;
    }
    const port = Number(outputs.port);
    if (!ports.includes(port)) {
      resolver.problem(
        `${key}.params.port`,
        `the route goes to port ${
          outputs.port
        }, which the workload's service does not expose; its ports are: ${
          ports.length ? ports.join(', ') : 'none (declare service.ports)'
        }.`,
      );
      continue;
    }
    const paths = byHost.get(outputs.host) ?? [];
    paths.push({ path: outputs.path || '/', port });
    byHost.set(outputs.host, paths);
  }
  if (!byHost.size) return undefined;
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata,
    spec: {
      rules: [...byHost.keys()].sort(compareText).map(host => ({
        host,
        http: {
          paths: byHost
            .get(host)!
            .sort((a, b) => compareText(a.path, b.path) || a.port - b.port)
            .map(({ path, port }) => ({
              path,
              pathType: 'Prefix',
              backend: {
                service: { name: serviceName, port: { number: port } },
              },
            })),
        },
      })),
    },
  };
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
 * `Ingress` of its routes. Plain variables are written inline in the
 * container's `env`.
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
