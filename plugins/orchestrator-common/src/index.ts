/**
 * Plinth's platform orchestrator, the parts shared by its backend, frontend
 * and CLI: Score workloads read and checked, placeholders, resource types
 * and their outputs, and the matching of resource definitions.
 *
 * @packageDocumentation
 */

export {
  formatScoreProblem,
  parseScore,
  type ParsedScore,
  type ScoreProblem,
} from './score/parseScore';
export {
  checkPlaceholders,
  findPlaceholders,
  placeholderValues,
  substitutePlaceholders,
  type Placeholder,
  type PlaceholderProblem,
} from './score/placeholders';
export {
  scoreWorkloadSchema,
  type ScoreContainer,
  type ScoreResource,
  type ScoreWorkload,
} from './score/scoreSchema';
export {
  RESOURCE_TYPES,
  resourceTypeOf,
  type ResourceOutput,
  type ResourceType,
} from './resources/resourceTypes';
export {
  explainMatch,
  resourceIdOf,
  SPECIFICITY,
  type CandidateDefinition,
  type MatchExplanation,
  type MatchingCriteria,
  type ResourceContext,
  type ResourceDefinition,
} from './resources/matchDefinition';
export { resourceDefinitionSchema } from './resources/definitionSchema';
export {
  orchestratorDeployLockedPermission,
  orchestratorDeployPermission,
  orchestratorEnvironmentCreatePermission,
  orchestratorEnvironmentDeletePermission,
  orchestratorEnvironmentLockPermission,
  orchestratorEnvironmentUpdatePermission,
  orchestratorPermissions,
  orchestratorPlatformManagePermission,
  orchestratorResourceSqlPermission,
  orchestratorValueWritePermission,
} from './permissions';
export type {
  Environment,
  EnvironmentLock,
  EnvironmentResource,
  EnvironmentStatus,
  EnvironmentType,
  EnvironmentWorkload,
  OrchestratorRun,
  ResourceDefinitionView,
  ResourceDriverView,
  ResourceTypeView,
  SharedValue,
} from './api/types';
export { DEPLOYMENT_STAGES } from './api/deployments';
export type {
  DeployedWorkload,
  Deployment,
  DeployRequest,
  DeployWorkloadRequest,
  DeploymentChange,
  DeploymentDelivery,
  DeploymentDiff,
  DeploymentLogLine,
  DeploymentSnapshot,
  DeploymentStage,
  DeploymentStageName,
  DeploymentStatus,
  DeploymentSummary,
  WorkloadScaling,
  WorkloadStrategy,
} from './api/deployments';
