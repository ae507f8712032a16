import type { DeploymentDelivery } from '@plinth/plugin-orchestrator-common';
import {
  toYaml,
  type KubernetesObject,
} from '@plinth/plugin-orchestrator-node';
import type { ClusterDelivery } from '../delivery/cluster/types';
import {
  redactRepositoryUrl,
  type GitOpsDelivery,
} from '../delivery/GitOpsDelivery';

/** What a deployment hands to its delivery target. */
export interface DeliveryRequest {
  app: string;
  environment: string;
  namespace: string;
  deploymentId: string;
  requestedBy: string;
  manifests: KubernetesObject[];
}

/**
 * Where an environment's manifests go: a GitOps repository or a cluster.
 * Both deliver the whole set (what is not in it is pruned) and verify that
 * what they delivered took.
 */
export interface DeliveryTarget {
  /** For logs: "GitOps repository https://…" or "cluster prod-eu". */
  readonly description: string;
  deliver(request: DeliveryRequest): Promise<DeploymentDelivery>;
  /**
   * Checks what was delivered took, within the timeout; throws a sentence
   * saying what did not. Returns what it saw, for the stage's log.
   */
  verify(
    request: DeliveryRequest,
    delivery: DeploymentDelivery,
    options: { timeoutMs: number; signal: AbortSignal },
  ): Promise<string>;
}

/** A file name per object: `deployment-cart-service.yaml`. */
export function manifestFiles(
  manifests: readonly KubernetesObject[],
): Record<string, string> {
  const files: Record<string, string> = {};
  for (const object of manifests) {
    const base = `${object.kind.toLowerCase()}-${object.metadata.name}`;
    let name = `${base}.yaml`;
    for (let n = 2; name in files; n++) name = `${base}-${n}.yaml`;
    files[name] = toYaml([object]);
  }
  return files;
}

/**
 * Delivery by GitOps: the manifests are committed to the environment's
 * folder and pushed; Argo CD or Flux apply them. Verified when the commit
 * is on the remote branch.
 */
export function gitOpsTarget(
  delivery: GitOpsDelivery,
  repository: { url: string; branch: string },
): DeliveryTarget {
  const shown = redactRepositoryUrl(repository.url);
  return {
    description: `GitOps repository ${shown} (branch ${repository.branch})`,
    async deliver(request) {
      const result = await delivery.deliver({
        app: request.app,
        environment: request.environment,
        deploymentId: request.deploymentId,
        requestedBy: request.requestedBy,
        files: manifestFiles(request.manifests),
      });
      return {
        kind: 'gitops',
        repository: shown,
        branch: repository.branch,
        path: result.path,
        commit: result.commit,
        changed: result.changed,
      };
    },
    async verify(_request, result) {
      if (result.kind !== 'gitops') {
        throw new Error('A GitOps target verifies GitOps deliveries only.');
      }
      if (!(await delivery.isOnRemote(result.commit))) {
        throw new Error(
          `Commit ${result.commit.slice(0, 12)} is not on branch ${
            repository.branch
          } of ${shown}.`,
        );
      }
      return `Commit ${result.commit.slice(0, 12)} is on branch ${
        repository.branch
      } of ${shown}.`;
    },
  };
}

/**
 * Delivery by server-side apply to a cluster: the manifests are applied
 * with Plinth's field manager and the app's objects no longer rendered are
 * pruned (never PersistentVolumeClaims). Verified when the workloads'
 * Deployments, StatefulSets and Rollouts report ready.
 */
export function clusterTarget(
  delivery: ClusterDelivery,
  cluster: string,
): DeliveryTarget {
  return {
    description: `cluster ${cluster}`,
    async deliver(request) {
      const result = await delivery.apply({
        app: request.app,
        environment: request.environment,
        namespace: request.namespace,
        deploymentId: request.deploymentId,
        manifests: request.manifests,
      });
      return {
        kind: 'cluster',
        cluster,
        namespace: request.namespace,
        applied: result.applied,
        pruned: result.pruned,
      };
    },
    async verify(request, _delivery, options) {
      await delivery.waitReady({
        namespace: request.namespace,
        manifests: request.manifests,
        timeoutMs: options.timeoutMs,
        signal: options.signal,
      });
      return `Every workload of namespace ${request.namespace} is ready on cluster ${cluster}.`;
    },
  };
}
