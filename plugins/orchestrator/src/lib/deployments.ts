import {
  DeploymentChange,
  DeploymentDelivery,
  DeploymentStatus,
  DeploymentSummary,
  DeployRequest,
  DeployWorkloadRequest,
  parseScore,
} from '@plinth/plugin-orchestrator-common';
import { plural } from './format';

/** A deployment's status as a word. */
export const DEPLOYMENT_STATUS_TEXT: Record<DeploymentStatus, string> = {
  queued: 'Queued',
  provisioning: 'Provisioning…',
  rendering: 'Rendering…',
  delivering: 'Delivering…',
  verifying: 'Verifying…',
  succeeded: 'Succeeded',
  failed: 'Failed',
};

/** Whether a deployment still works: queued, or in one of its stages. */
export function inProgress(status: DeploymentStatus): boolean {
  return status !== 'succeeded' && status !== 'failed';
}

/** A deployment's id as people quote it: `#3f9c2a1`. */
export function shortDeploymentId(id: string): string {
  return `#${id.slice(0, 7)}`;
}

/**
 * What a deployment is: `Deploy`, `Rollback to #3f9c2a1`, `Promotion from
 * staging`.
 */
export function deploymentTitle(
  deployment: Pick<DeploymentSummary, 'kind' | 'source'>,
): string {
  const { kind, source } = deployment;
  if (kind === 'rollback') {
    return source
      ? `Rollback to ${shortDeploymentId(source.deployment)}`
      : 'Rollback';
  }
  if (kind === 'promotion') {
    return source ? `Promotion from ${source.environment}` : 'Promotion';
  }
  return 'Deploy';
}

/** An image reference's repository and its tag or digest. */
function splitImage(image: string): { repository: string; version?: string } {
  const at = image.indexOf('@');
  if (at >= 0) {
    return { repository: image.slice(0, at), version: image.slice(at + 1) };
  }
  const colon = image.lastIndexOf(':');
  if (colon > image.lastIndexOf('/')) {
    return { repository: image.slice(0, colon), version: image.slice(colon) };
  }
  return { repository: image };
}

/**
 * An image as short as it stays clear: its last path segment with its tag
 * (`cart-api:1.2.4` for `registry.example.com/shop/cart-api:1.2.4`).
 */
export function shortImage(image: string): string {
  const { repository, version } = splitImage(image);
  const name = repository.slice(repository.lastIndexOf('/') + 1);
  if (!version) {
    return name;
  }
  return version.startsWith(':')
    ? `${name}${version}`
    : `${name}@${version.slice(0, 19)}`;
}

/**
 * `from → to` for two images: their tags only when the repository stays
 * (`1.2.3 → 1.2.4`), in full otherwise.
 */
function imageTransition(from: string, to: string): string {
  const a = splitImage(from);
  const b = splitImage(to);
  if (a.repository === b.repository && a.version && b.version) {
    const tag = (v: string) => (v.startsWith(':') ? v.slice(1) : v);
    return `${tag(a.version)} → ${tag(b.version)}`;
  }
  return `${from} → ${to}`;
}

/** `cart-service/api` and `LOG_LEVEL` for the key `api.LOG_LEVEL`. */
function containerAndName(
  workload: string,
  key = '',
): { container: string; name: string } {
  const dot = key.indexOf('.');
  return dot < 0
    ? { container: workload, name: key }
    : {
        container: `${workload}/${key.slice(0, dot)}`,
        name: key.slice(dot + 1),
      };
}

/**
 * A change between two deployments as a sentence: `Image of
 * cart-service/api: 1.2.3 → 1.2.4`, `Variable LOG_LEVEL of cart-service/api
 * added`, `Workload search added`.
 */
export function describeChange(change: DeploymentChange): string {
  const { kind, workload, key, from, to } = change;
  const what = (() => {
    switch (kind) {
      case 'workload':
        return `Workload ${workload}`;
      case 'image':
        return `Image of ${key ? `${workload}/${key}` : workload}`;
      case 'variable': {
        const { container, name } = containerAndName(workload, key);
        return `Variable ${name} of ${container}`;
      }
      case 'resource':
        return key
          ? `Resource ${key} of ${workload}`
          : `Resources of ${workload}`;
      case 'scaling':
        return `Pods of ${workload}`;
      default:
        return `Rollout strategy of ${workload}`;
    }
  })();
  if (change.change === 'changed') {
    if (from !== undefined && to !== undefined) {
      return `${what}: ${
        kind === 'image' ? imageTransition(from, to) : `${from} → ${to}`
      }`;
    }
    return `${what} changed`;
  }
  if (change.change === 'added') {
    return to !== undefined && kind !== 'workload'
      ? `${what} added: ${to}`
      : `${what} added`;
  }
  return from !== undefined && kind !== 'workload'
    ? `${what} removed (was ${from})`
    : `${what} removed`;
}

/** Whether a value was added, removed or changed. */
function changeOf(from?: string, to?: string): DeploymentChange['change'] {
  if (from === undefined) {
    return 'added';
  }
  return to === undefined ? 'removed' : 'changed';
}

/**
 * The images a deployment changed against the one before it, from their
 * summaries: an image given to a container, changed, or no longer given
 * (the Score file's runs again). Workloads added or removed are not images.
 */
export function imageChanges(
  deployment: Pick<DeploymentSummary, 'workloads'>,
  previous?: Pick<DeploymentSummary, 'workloads'>,
): DeploymentChange[] {
  const before = new Map(
    (previous?.workloads ?? []).map(w => [w.name, w.images ?? {}]),
  );
  return deployment.workloads.flatMap(workload => {
    const was = before.get(workload.name) ?? {};
    const now = workload.images ?? {};
    const containers = [
      ...new Set([...Object.keys(was), ...Object.keys(now)]),
    ].sort();
    return containers.flatMap((container): DeploymentChange[] => {
      const from = was[container];
      const to = now[container];
      if (from === to) {
        return [];
      }
      return [
        {
          kind: 'image',
          change: changeOf(from, to),
          workload: workload.name,
          key: container,
          from,
          to,
        },
      ];
    });
  });
}

/** Where a deployment's manifests went, as a sentence. */
export function describeDelivery(delivery: DeploymentDelivery): string {
  if (delivery.kind === 'gitops') {
    const where = `${delivery.path} on ${delivery.branch}`;
    return delivery.changed
      ? `Committed ${delivery.commit.slice(0, 7)} to ${where}`
      : `Nothing to commit to ${where}: the manifests there were the same (${delivery.commit.slice(
          0,
          7,
        )})`;
  }
  const pruned =
    delivery.pruned.length > 0
      ? `, pruned ${plural(delivery.pruned.length, 'object')}`
      : '';
  return `Applied ${plural(delivery.applied.length, 'object')}${pruned} in ${
    delivery.namespace
  } on cluster ${delivery.cluster}`;
}

/** A container of a workload as the deploy form shows it. */
export interface ContainerImage {
  container: string;
  /** The image the Score file names, if it could be read. */
  scoreImage?: string;
  /** The image run instead of the Score file's, if any. */
  override?: string;
  /** The image it runs now: the override, or the Score file's. */
  current: string;
}

/**
 * The containers of a workload, with the image each runs: the Score file's
 * containers (the override's only when the Score file cannot be read).
 */
export function containerImages(workload: {
  name: string;
  score?: string;
  images?: Record<string, string>;
}): ContainerImage[] {
  const overrides = workload.images ?? {};
  const containers = workload.score
    ? parseScore(workload.score, `${workload.name}.score.yaml`).workload
        ?.containers ?? {}
    : {};
  const names = [
    ...new Set([...Object.keys(containers), ...Object.keys(overrides)]),
  ];
  return names.map(container => {
    const scoreImage = containers[container]?.image;
    const override = overrides[container];
    return {
      container,
      scoreImage,
      override,
      current: override ?? scoreImage ?? '',
    };
  });
}

/** A workload as the deploy form holds it. */
export interface WorkloadForm {
  name: string;
  /** The Score file to send: for a first deployment only. */
  score?: string;
  containers: ContainerImage[];
  /** Per container, the image typed. */
  images: Record<string, string>;
  /** The commit sha typed, or empty. */
  commit: string;
}

/** `images` to send: those that differ from the Score file's, or were given before. */
function imagesOf(form: WorkloadForm): Record<string, string> | undefined {
  const entries = form.containers.flatMap(c => {
    const image = (form.images[c.container] ?? c.current).trim();
    return image !== c.scoreImage || c.override !== undefined
      ? [[c.container, image] as const]
      : [];
  });
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

function changed(form: WorkloadForm): boolean {
  return (
    form.commit.trim() !== '' ||
    form.containers.some(
      c => (form.images[c.container] ?? c.current).trim() !== c.current,
    )
  );
}

function workloadRequest(form: WorkloadForm): DeployWorkloadRequest {
  const images = imagesOf(form);
  const sha = form.commit.trim();
  return {
    name: form.name,
    ...(form.score !== undefined ? { score: form.score } : {}),
    ...(images ? { images } : {}),
    ...(sha ? { commit: { sha } } : {}),
  };
}

/**
 * The request the deploy form makes. A first deployment sends every
 * workload with its Score file and replaces (there is nothing to merge
 * into); a later one sends the workloads whose images or commit changed,
 * without their Score files, to be merged into the last deployment's set —
 * or every workload again when nothing changed (a redeploy).
 */
export function deployRequestOf(
  workloads: ReadonlyArray<WorkloadForm>,
  comment: string,
  first: boolean,
): DeployRequest {
  const edited = workloads.filter(changed);
  let sent = workloads;
  if (!first && edited.length > 0) {
    sent = edited;
  }
  const text = comment.trim();
  return {
    workloads: sent.map(workloadRequest),
    ...(first ? { replace: true } : {}),
    ...(text ? { comment: text } : {}),
  };
}

/** What is wrong with an image typed, if anything. */
export function problemOfImage(image: string): string | undefined {
  if (image.trim() === '') {
    return 'An image is required';
  }
  if (/\s/.test(image.trim())) {
    return 'An image has no spaces';
  }
  return undefined;
}

/** What is wrong with a commit sha typed, if anything (none is fine). */
export function problemOfCommit(sha: string): string | undefined {
  const text = sha.trim();
  return text === '' || /^[0-9a-f]{7,64}$/i.test(text)
    ? undefined
    : 'A commit sha: 7 to 64 hexadecimal digits';
}

/**
 * The workloads of a deployment with the images they run, as a phrase:
 * `cart (api cart-api:1.2.4, worker cart-worker:1.2.3), search`. A
 * workload listed without its Score file names only the images given
 * instead of the Score file's.
 */
export function workloadsText(
  workloads: ReadonlyArray<{
    name: string;
    score?: string;
    images?: Record<string, string>;
  }>,
): string {
  return workloads
    .map(workload => {
      const images = containerImages(workload).filter(c => c.current);
      return images.length > 0
        ? `${workload.name} (${images
            .map(c => `${c.container} ${shortImage(c.current)}`)
            .join(', ')})`
        : workload.name;
    })
    .join(', ');
}

/**
 * What deploying `deployment` changes in an environment that runs
 * `previous` (none for an environment not deployed yet): workloads added
 * and removed, and images changed.
 */
export function setChanges(
  deployment: Pick<DeploymentSummary, 'workloads'>,
  previous?: Pick<DeploymentSummary, 'workloads'>,
): DeploymentChange[] {
  const before = new Set((previous?.workloads ?? []).map(w => w.name));
  const after = new Set(deployment.workloads.map(w => w.name));
  const workloads = (
    names: Set<string>,
    others: Set<string>,
    change: 'added' | 'removed',
  ): DeploymentChange[] =>
    [...names]
      .filter(name => !others.has(name))
      .map(workload => ({ kind: 'workload', change, workload }));
  return [
    ...workloads(after, before, 'added'),
    ...workloads(before, after, 'removed'),
    ...imageChanges(
      deployment,
      previous && {
        workloads: previous.workloads.filter(w => after.has(w.name)),
      },
    ).filter(c => before.has(c.workload)),
  ];
}
