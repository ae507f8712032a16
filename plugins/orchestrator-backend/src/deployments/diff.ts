import {
  parseScore,
  type DeployedWorkload,
  type DeploymentChange,
  type DeploymentSnapshot,
  type ScoreWorkload,
} from '@plinth/plugin-orchestrator-common';

/** What of a deployment its diff compares. */
export interface DiffSide {
  workloads: DeployedWorkload[];
  snapshot?: DeploymentSnapshot;
}

function parsed(workload: DeployedWorkload): ScoreWorkload | undefined {
  return parseScore(workload.score, workload.name).workload;
}

/** Each container's image as it runs: the override, else the Score file's. */
export function imagesOf(workload: DeployedWorkload): Record<string, string> {
  const spec = parsed(workload);
  const images: Record<string, string> = {};
  for (const [name, container] of Object.entries(spec?.containers ?? {})) {
    images[name] = workload.images?.[name] ?? String(container.image);
  }
  return images;
}

function variablesOf(spec: ScoreWorkload | undefined): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const [name, container] of Object.entries(spec?.containers ?? {})) {
    for (const [key, value] of Object.entries(container.variables ?? {})) {
      variables[`${name}.${key}`] = String(value);
    }
  }
  return variables;
}

function resourcesOf(spec: ScoreWorkload | undefined): Record<string, string> {
  const resources: Record<string, string> = {};
  for (const [name, resource] of Object.entries(spec?.resources ?? {})) {
    const klass = resource.class ? ` (class ${resource.class})` : '';
    const params = resource.params ? ` ${JSON.stringify(resource.params)}` : '';
    resources[name] = `${resource.type}${klass}${params}`;
  }
  return resources;
}

const strategyOf = (workload: DeployedWorkload) =>
  workload.strategy ? JSON.stringify(workload.strategy) : 'rolling';

/** `3 pods`, `2–10 pods at 80 % CPU`, or `1 pod` when not given. */
function scalingOf(workload: DeployedWorkload): string {
  const { replicas, autoscaling } = workload.scaling ?? {};
  if (autoscaling) {
    return `${autoscaling.minReplicas}–${autoscaling.maxReplicas} pods at ${
      autoscaling.targetCpuPercent ?? 80
    } % CPU`;
  }
  const count = replicas ?? 1;
  return `${count} pod${count === 1 ? '' : 's'}`;
}

/** Changes between two maps of a workload: added, removed, changed keys. */
function compare(
  kind: DeploymentChange['kind'],
  workload: string,
  before: Record<string, string>,
  after: Record<string, string>,
): DeploymentChange[] {
  const changes: DeploymentChange[] = [];
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  for (const key of keys.sort()) {
    const from = before[key];
    const to = after[key];
    if (from === to) continue;
    if (from === undefined) {
      changes.push({ kind, change: 'added', workload, key, to });
    } else if (to === undefined) {
      changes.push({ kind, change: 'removed', workload, key, from });
    } else {
      changes.push({ kind, change: 'changed', workload, key, from, to });
    }
  }
  return changes;
}

/**
 * What changed from one deployment to the next: workloads added and
 * removed; per workload, images, variables, resources (as the Score file
 * asks for them, and the definition that provisions them) and strategy.
 * Everything differs from nothing for an environment's first deployment.
 */
export function diffDeployments(
  previous: DiffSide | undefined,
  current: DiffSide,
): DeploymentChange[] {
  const before = new Map(previous?.workloads.map(w => [w.name, w]) ?? []);
  const after = new Map(current.workloads.map(w => [w.name, w]));
  const changes: DeploymentChange[] = [];
  const names = [...new Set([...before.keys(), ...after.keys()])].sort();
  for (const name of names) {
    const from = before.get(name);
    const to = after.get(name);
    if (!from && to) {
      changes.push({ kind: 'workload', change: 'added', workload: name });
    } else if (from && !to) {
      changes.push({ kind: 'workload', change: 'removed', workload: name });
    }
    const fromSpec = from && parsed(from);
    const toSpec = to && parsed(to);
    changes.push(
      ...compare(
        'image',
        name,
        from ? imagesOf(from) : {},
        to ? imagesOf(to) : {},
      ),
      ...compare('variable', name, variablesOf(fromSpec), variablesOf(toSpec)),
      ...compare('resource', name, resourcesOf(fromSpec), resourcesOf(toSpec)),
    );
    if (from && to && scalingOf(from) !== scalingOf(to)) {
      changes.push({
        kind: 'scaling',
        change: 'changed',
        workload: name,
        from: scalingOf(from),
        to: scalingOf(to),
      });
    }
    if (from && to && strategyOf(from) !== strategyOf(to)) {
      changes.push({
        kind: 'strategy',
        change: 'changed',
        workload: name,
        from: strategyOf(from),
        to: strategyOf(to),
      });
    }
  }
  // The same resource provisioned by another definition, or one changed.
  const definitionsOf = (side?: DiffSide) =>
    new Map(side?.snapshot?.definitions.map(d => [d.resId, d]) ?? []);
  const fromDefinitions = definitionsOf(previous);
  for (const [resId, to] of definitionsOf(current)) {
    const from = fromDefinitions.get(resId);
    if (!from || from.fingerprint === to.fingerprint) continue;
    const [workload, ...rest] = resId.split('.');
    changes.push({
      kind: 'resource',
      change: 'changed',
      workload: rest.length ? workload : '',
      key: rest.length ? rest.join('.') : resId,
      from: `definition ${from.definitionId} (${from.fingerprint})`,
      to: `definition ${to.definitionId} (${to.fingerprint})`,
    });
  }
  return changes;
}
