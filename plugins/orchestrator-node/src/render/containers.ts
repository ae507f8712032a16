import {
  findPlaceholders,
  type ScoreContainer,
  type ScoreWorkload,
} from '@plinth/plugin-orchestrator-common';
import { dataKeyOf, isDnsLabel } from './names';
import { compareText, listed, sorted } from './order';
import type { Resolver } from './resolver';
import type { KubernetesObject } from './types';

/** A volume's size when its params name none. */
const DEFAULT_VOLUME_SIZE = '1Gi';
/** The pod's volumes of the workload's files, plain and secret. */
export const FILES_VOLUME = 'plinth-files';
export const SECRET_FILES_VOLUME = 'plinth-secret-files';

/**
 * What a workload's containers add to its pod besides themselves: the data
 * of its ConfigMap and Secret, the items mounted from them, and its volume
 * claims.
 */
export interface PodParts {
  configData: Record<string, string>;
  secretData: Record<string, string>;
  configItems: Array<Record<string, unknown>>;
  secretItems: Array<Record<string, unknown>>;
  claims: Map<string, KubernetesObject>;
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

/**
 * One container of the workload: its env (a variable that uses a secret
 * output read from the Secret), files and volumes mounted, probes and
 * resources. What it needs in the pod goes into `parts`.
 */
export function renderContainer(context: {
  resolver: Resolver;
  workload: ScoreWorkload;
  cname: string;
  container: ScoreContainer;
  image: string;
  objectName: string;
  metadata: (name: string) => KubernetesObject['metadata'];
  parts: PodParts;
}): Record<string, unknown> {
  const { resolver, workload, cname, container, image, objectName, metadata } =
    context;
  const { configData, secretData, configItems, secretItems, claims } =
    context.parts;
  const base = `containers.${cname}`;
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
  return {
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
  };
}
