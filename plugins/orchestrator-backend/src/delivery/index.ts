/**
 * The GitOps delivery: an app's files for an environment committed and
 * pushed to a Git repository.
 */
export {
  createGitOpsDelivery,
  redactRepositoryUrl,
  DEFAULT_GITOPS_PATH_TEMPLATE,
  DEFAULT_GITOPS_TIMEOUT_MS,
} from './GitOpsDelivery';
export type {
  GitOpsDelivery,
  GitOpsDeliveryOptions,
  GitOpsDeliveryRequest,
  GitOpsDeliveryResult,
} from './GitOpsDelivery';

/**
 * The delivery to a Kubernetes cluster: an app's objects for an
 * environment server-side applied, the ones no longer rendered pruned.
 */
export {
  createClusterDelivery,
  DEFAULT_CLUSTER_FIELD_MANAGER,
  DEFAULT_CLUSTER_TIMEOUT_MS,
} from './cluster/ClusterDelivery';
export type {
  ClusterApplyRequest,
  ClusterApplyResult,
  ClusterDelivery,
  ClusterDeliveryOptions,
  ClusterWaitRequest,
} from './cluster/types';
