/**
 * Whether a workload object has rolled out, read off its status as
 * `kubectl rollout status` does.
 */

/** A workload object as read from the API server. */
export interface ObservedObject {
  kind: string;
  metadata?: { name?: string; generation?: number };
  spec?: Record<string, any>;
  status?: Record<string, any>;
}

/**
 * `ready`; or `waiting` with what the object reports, as the end of a
 * sentence (`has 1 of 2 replicas available`); or `failed`, when waiting
 * longer cannot help.
 */
export type Readiness =
  | { state: 'ready' }
  | { state: 'waiting'; report: string }
  | { state: 'failed'; report: string };

/** The kinds whose rollout is waited for. */
export const WAITED_KINDS = new Set(['Deployment', 'StatefulSet', 'Rollout']);

const ready: Readiness = { state: 'ready' };
const waiting = (report: string): Readiness => ({ state: 'waiting', report });
const failed = (report: string): Readiness => ({ state: 'failed', report });

interface Condition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
}

function conditionOf(
  status: Record<string, any>,
  type: string,
): Condition | undefined {
  const conditions: Condition[] = Array.isArray(status.conditions)
    ? status.conditions
    : [];
  return conditions.find(c => c.type === type);
}

const count = (value: unknown): number =>
  typeof value === 'number' ? value : 0;

/** `1 replica` or `2 replicas`. */
const replicas = (n: number) => `${n} ${n === 1 ? 'replica' : 'replicas'}`;

/** The controller has not yet acted on the object's latest spec. */
function unobserved(object: ObservedObject): Readiness | undefined {
  const generation = object.metadata?.generation ?? 0;
  // Argo Rollouts writes observedGeneration as a string.
  const observed = Number(object.status?.observedGeneration ?? 0);
  if (observed < generation) {
    return waiting(
      `has not been picked up by its controller yet (generation ${generation}, observed ${observed})`,
    );
  }
  return undefined;
}

function deploymentReadiness(object: ObservedObject): Readiness {
  const status = object.status ?? {};
  const pending = unobserved(object);
  if (pending) return pending;
  const progressing = conditionOf(status, 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded') {
    return failed(
      `exceeded its progress deadline${
        progressing.message ? ` (${progressing.message})` : ''
      }`,
    );
  }
  const wanted = object.spec?.replicas ?? 1;
  const updated = count(status.updatedReplicas);
  if (updated < wanted) {
    return waiting(`has ${updated} of ${replicas(wanted)} updated`);
  }
  const old = count(status.replicas) - updated;
  if (old > 0) {
    return waiting(`has ${replicas(old)} of the old version still running`);
  }
  const available = count(status.availableReplicas);
  if (available < wanted) {
    return waiting(`has ${available} of ${replicas(wanted)} available`);
  }
  return ready;
}

function statefulSetReadiness(object: ObservedObject): Readiness {
  const status = object.status ?? {};
  const pending = unobserved(object);
  if (pending) return pending;
  const wanted = object.spec?.replicas ?? 1;
  const readyReplicas = count(status.readyReplicas);
  if (readyReplicas < wanted) {
    return waiting(`has ${readyReplicas} of ${replicas(wanted)} ready`);
  }
  const partition = object.spec?.updateStrategy?.rollingUpdate?.partition ?? 0;
  const updated = count(status.updatedReplicas);
  if (partition > 0) {
    // Only the replicas above the partition are updated.
    return updated < wanted - partition
      ? waiting(`has ${updated} of ${replicas(wanted - partition)} updated`)
      : ready;
  }
  if (status.updateRevision !== status.currentRevision) {
    return waiting(
      `is rolling out revision ${
        status.updateRevision
      } (${updated} of ${replicas(wanted)} updated)`,
    );
  }
  return ready;
}

function rolloutReadiness(object: ObservedObject): Readiness {
  const status = object.status ?? {};
  const pending = unobserved(object);
  if (pending) return pending;
  const progressing = conditionOf(status, 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded') {
    return failed(
      `exceeded its progress deadline${
        progressing.message ? ` (${progressing.message})` : ''
      }`,
    );
  }
  if (status.abort === true) {
    // An aborted rollout stays so until someone retries it.
    return failed(`was aborted${status.message ? ` (${status.message})` : ''}`);
  }
  if (status.phase === 'Healthy') return ready;
  // Argo Rollouts before the phase field: the Healthy condition.
  if (status.phase === undefined) {
    if (conditionOf(status, 'Healthy')?.status === 'True') return ready;
    return waiting('reports no phase yet');
  }
  return waiting(
    `is ${status.phase}${status.message ? ` (${status.message})` : ''}`,
  );
}

/** Whether the object has rolled out; kinds not waited for are ready. */
export function readinessOf(object: ObservedObject): Readiness {
  switch (object.kind) {
    case 'Deployment':
      return deploymentReadiness(object);
    case 'StatefulSet':
      return statefulSetReadiness(object);
    case 'Rollout':
      return rolloutReadiness(object);
    default:
      return ready;
  }
}
