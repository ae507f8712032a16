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
